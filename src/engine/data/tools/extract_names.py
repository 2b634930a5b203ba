#!/usr/bin/env python3
"""Extract what one DuckDB release does with a name after ATTACH ... AS.

    python3 extract_names.py LIBDUCKDB PACKAGE [-o OUT]

LIBDUCKDB is the shared library (npm @duckdb/node-bindings-linux-x64 ships
it), PACKAGE the npm name@version it came from (written in the header).

For every word of duckdb_keywords() and the database names every
connection knows (NAMES below), it runs on an in-memory database (with
extension auto-install and auto-load off; a FRESH one for each statement
on a name of NAMES, one for all the keywords, each ATTACH that succeeds
detached again):

  plain   ATTACH ':memory:' AS <name>                (dbt-duckdb < 1.9.5)
  ine     ATTACH IF NOT EXISTS ':memory:' AS <name>  (dbt-duckdb >= 1.9.5)

and writes one TSV row a name: the keyword category (`-` for a name that
is not a keyword), then each outcome: `OK`, `NOOP` (no error, and no
database was attached: the name exists), or the engine's error text
(first line).  A row is written only when some outcome is not OK, so a
keyword DuckDB takes as an alias is left out.

The names of NAMES are also probed spelled in other case (MAIN, Main;
DuckDB's reserved-name check compares the exact spelling, its lookups
do not), every spelling also in double quotes ("main", "MAIN": a quoted
identifier is the same name to the binder), and after each form of ATTACH on them the query dbt-duckdb's
list of relations makes (SELECT ... FROM system.information_schema.tables)
is run on the same database: its outcome is the plain_after and
if_not_exists_after columns (`-` for a keyword, or when the ATTACH failed).
MAIN attaches, and on 1.4.x that query then fails ("Ambiguous reference
to catalog or schema "main""); TEMP attaches, and the query fails with an
INTERNAL Error that invalidates the database.

Each bare spelling is also probed as the name DuckDB gives a file attached
without AS (rows `file:<spelling>`: ATTACH '<scratch>/<spelling>.duckdb'
in both forms, a fresh database and scratch folder each): an attach item
without an alias gets its name that way (`Temp.duckdb` is Temp;
`temp.duckdb` is temp_db, which no row lists).

Every alias form of FORMS is also run as dbt-duckdb writes it (rows
`form:<f>` and `form-options:<f>`, the form TSV-escaped): on a fresh
database, ATTACH (and ATTACH IF NOT EXISTS) of a database file made
first, AS <f> ending the statement (an item without options), and AS <f>
followed by ` (READ_ONLY)` (an item with options: dbt-duckdb writes
them on the alias's line).  The outcome is the engine's error, or
`OK: name 'n', read_only b` from duckdb_databases(): a `--` comment
that reaches the end of the alias eats the options after it (read_only
false), and a release that trims the statement's trailing blanks (\\v
included) takes an alias ending in them when nothing follows.

Nothing here is part of the build: the output is committed under
src/engine/data/duckdb-names/ and turned into duckdb_names.def by
gen_names.py.
"""

import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import (Engine, lib_args, one_line, sql_str,  # noqa: E402
		    tsv_escape, write_lines)

SCRIPT = "src/engine/data/tools/extract_names.py"
# every connection has these (`memory` is the in-memory database's own
# name, so it exists only when `path` is :memory:)
NAMES = ("system", "temp", "main", "memory")


# alias forms, written raw after AS as dbt-duckdb writes the alias
# (credentials.py Attachment.to_sql(), 1.9.0 to 1.11.0): comments, which
# scan.l takes as blanks, and blanks scan.l does not have (\v)
FORMS = [
	"lake", " lake ", "lake\t", "lake\n", "lake\r", "lake\f",
	"lake /* c */", "lake/* c */", "/* c */ lake", "/* c */lake",
	"lake /* a /* b */ c */", "lake /* c", "lake /* a /* b */", "lake */",
	"lake /* c */ x", '"lake" /* c */', '"Lake"/* c */',
	"select /* c */", '"select" /* c */', "/* c */",
	"lake -- c", "lake --", "lake -- c\n", "lake -- c\r", "-- c",
	"-- c\nlake", "lake -- c\n/* d */", "lake -- c\nx", '"lake" -- c',
	"lake\v", "lake\v\v", "lake \v", "lake\v ", "lake\v\n",
	"lake\n\v", "\vlake", "lake\vx", "lake /* c */\v",
	"lake\v/* c */", '"lake"\v', "lake -- c\v", "select\v",
]
OPTIONS = " (READ_ONLY)"


def probe_form(eng, form, base, rest):
	"""(outcome of ATTACH base AS form+rest, the same with IF NOT
	EXISTS), each on a fresh database: the error, or the name and
	read-only state of the database attached."""
	out = []
	for verb in ("ATTACH", "ATTACH IF NOT EXISTS"):
		db, con = eng.open()
		try:
			_rows, err = eng.query(con, "%s %s AS %s%s" % (
				verb, sql_str(base), form, rest))
			if err is not None:
				out.append(one_line(err))
				continue
			made = eng.rows(con, "SELECT database_name, readonly "
					"FROM duckdb_databases() WHERE NOT "
					"internal AND path = %s" % sql_str(base))
			if len(made) != 1:
				raise RuntimeError("AS %r: %r" % (form, made))
			out.append("OK: name %s, read_only %s" % (
				sql_str(made[0][0]), made[0][1]))
		finally:
			eng.close(db, con)
	return out


def form_rows(eng):
	"""The rows of FORMS, both as the last words of the statement and
	followed by OPTIONS, attaching a database file in a scratch folder."""
	rows = []
	with tempfile.TemporaryDirectory() as scratch:
		base = os.path.join(scratch, "base.duckdb")
		db, con = eng.open()
		eng.rows(con, "ATTACH %s AS b" % sql_str(base))
		eng.rows(con, "DETACH b")
		eng.close(db, con)
		for kind, rest in (("form", ""), ("form-options", OPTIONS)):
			for form in FORMS:
				plain, ine = probe_form(eng, form, base, rest)
				rows.append(("%s:%s" % (kind, form), "-", plain,
					     ine, "-", "-"))
	return rows


# what dbt-duckdb's list_relations_without_caching reads (adapters.sql)
AFTER = "SELECT count(*) FROM system.information_schema.tables"
COUNT = "SELECT count(*) FROM duckdb_databases()"


def variants(name):
	"""The name spelled in other case: MAIN, Main."""
	return [v for v in (name.upper(), name.capitalize()) if v != name]


def probe(eng, sql):
	"""(outcome of sql, outcome of AFTER on the same database)."""
	db, con = eng.open()
	try:
		before = eng.rows(con, COUNT)
		_rows, err = eng.query(con, sql)
		if err is not None:
			return one_line(err), "-"
		now, cerr = eng.query(con, COUNT)
		outcome = "NOOP" if cerr is None and now == before else "OK"
		_rows, err = eng.query(con, AFTER)
		return outcome, "OK" if err is None else one_line(err)
	finally:
		eng.close(db, con)


def probe_file(eng, form, spelling):
	"""probe() of `form` 'scratch/<spelling>.duckdb', without AS, in a
	scratch folder removed after."""
	with tempfile.TemporaryDirectory() as scratch:
		path = os.path.join(scratch, spelling + ".duckdb")
		return probe(eng, "%s %s" % (form, sql_str(path)))


def shared(eng, con, fmt, name):
	_rows, err = eng.query(con, fmt % name)
	if err is not None:
		return one_line(err)
	_rows, err = eng.query(con, "DETACH %s" % name)
	if err is not None:
		raise RuntimeError("DETACH %s: %s" % (name, err))
	return "OK"


def extract(lib_path, package):
	eng = Engine(lib_path)
	db, con = eng.open()
	version, source_id = eng.version(con)
	rows = eng.rows(con, "SELECT keyword_name, keyword_category "
			"FROM duckdb_keywords()")
	eng.close(db, con)

	words = {}
	for name, cat in rows:
		words[name.lower()] = cat.lower()
	spelled = {}
	for name in NAMES:
		words.setdefault(name, "-")
		spelled[name] = name
		for v in variants(name):
			spelled[v] = name
			words.setdefault(v, words[name])
	# each spelling also in double quotes: dbt-duckdb writes the alias
	# as it is given, and '"main"' is the quoted identifier main
	for v in list(spelled):
		spelled['"%s"' % v] = spelled[v]
		words['"%s"' % v] = "-"	# a quoted keyword is a name
	# each bare spelling as the name of a file attached without AS
	files = {"file:%s" % v: v for v in spelled if not v.startswith('"')}
	for f in files:
		words[f] = "-"
	out = []
	db, con = eng.open()
	for name in sorted(words):
		plain_after = ine_after = "-"
		if name in files:
			plain, plain_after = probe_file(eng, "ATTACH", files[name])
			ine, ine_after = probe_file(eng, "ATTACH IF NOT EXISTS",
						    files[name])
		elif name in spelled:
			plain, plain_after = probe(
				eng, "ATTACH ':memory:' AS %s" % name)
			ine, ine_after = probe(
				eng, "ATTACH IF NOT EXISTS ':memory:' AS %s" % name)
		else:
			# a keyword: one database, left as it was found (a
			# refused ATTACH changes nothing, a taken one is
			# detached)
			plain = shared(eng, con, "ATTACH ':memory:' AS %s", name)
			ine = shared(eng, con,
				     "ATTACH IF NOT EXISTS ':memory:' AS %s", name)
		if (plain, ine, plain_after, ine_after) == ("OK", "OK", "OK",
							   "OK") or \
		   (plain, ine) == ("OK", "OK") and name not in spelled and \
		   name not in files:
			continue
		out.append((name, words[name], plain, ine, plain_after,
			    ine_after))
	eng.close(db, con)
	out += form_rows(eng)
	head = [
		"# ATTACH ... AS <name> on DuckDB %s (source_id %s)"
		% (version, source_id),
		"# library: libduckdb.so from npm %s" % package,
		"# extracted by %s (in-memory databases, a fresh one per"
		% SCRIPT,
		"# statement on system, temp, main and memory, also spelled in "
		"upper case",
		"# and capitalised, each spelling in double quotes and as the "
		"name of a",
		"# file attached without AS (file:<spelling>), each followed "
		"by a",
		"# query of system.information_schema.tables; and the alias "
		"forms",
		"# (form:, form-options:) as dbt-duckdb writes them;",
		"# extension auto-install/auto-load off); do not edit by hand",
		"# only names with a refusal are listed",
		"name\tkeyword_category\tplain\tif_not_exists\tplain_after\t"
		"if_not_exists_after",
	]
	return head + ["\t".join(tsv_escape(c) for c in r) for r in out]


def main():
	a = lib_args(__doc__).parse_args()
	lines = extract(a.lib, a.package)
	write_lines(a.output, lines)


if __name__ == "__main__":
	main()
