#!/usr/bin/env python3
"""Generate src/engine/duckdb_names.def from the extracted names.

    python3 gen_names.py [DATA_DIR] [--check]

DATA_DIR (default: the folder above this script) holds
duckdb-releases.tsv and duckdb-names/VERSION.tsv (extract_names.py's
output, one a release).  The rows:

  DUCKDB_ALIAS_KEYWORD(word, first, last)
      `ATTACH ':memory:' AS <word>` is a syntax error ("Parser Error").
  DUCKDB_DATABASE_NAME(name, first, last, flags)
      a name the binder refuses, or that exists in every database:
      FE_DB_RESERVED          ATTACH ... AS name: "... reserved name"
      FE_DB_RESERVED_IF_NOT_EXISTS
                              ATTACH IF NOT EXISTS ... AS name: the same
      FE_DB_EXISTS            ATTACH IF NOT EXISTS ... AS name does
                              nothing, without an error
      FE_DB_AMBIGUOUS         ATTACH ... AS name succeeds, and then
                              system.information_schema.tables fails
                              ("Ambiguous reference to catalog or schema")
      FE_DB_AMBIGUOUS_IF_NOT_EXISTS   the same after ATTACH IF NOT EXISTS
      FE_DB_INVALIDATES       ATTACH ... AS name, or the query after it,
                              fails with an INTERNAL Error that
                              invalidates the database
      FE_DB_INVALIDATES_IF_NOT_EXISTS the same for ATTACH IF NOT EXISTS
      FE_DB_OTHER_CASE        the row is about the name spelled in other
                              case (MAIN, Main), not about the name itself
                              (the extractor's spellings must agree)
      (`memory`, the in-memory database's own name, is left out: it
      exists only when `path` is :memory:, which lint knows itself.)
  DUCKDB_STATEMENT_TRIM(first, last)
      the release trims a statement's trailing blanks, \\v included,
      before it lexes it: the alias form `lake\\v` ending the statement
      attaches lake (1.4.x: a syntax error).
  DUCKDB_ALIAS_FORM(form, options, class, name, first, last)
      an alias form as dbt-duckdb writes it, ending the statement
      (options 0) or followed by options (1): class "ok" (attached as
      name, with its options), "eaten" (attached as name, but a --
      comment ate the options) or "syntax" (a Parser Error); ATTACH and
      ATTACH IF NOT EXISTS must agree.  test_engine holds
      fe_alias_parse() and fe_alias_name() to every row.

Consecutive releases with the same fact become one row (first, last);
`last` is FE_V_OPEN when the fact holds in the newest release extracted.
With --check nothing is written: the exit status is 1 when the committed
.def is not what the data gives.  Only the standard library is used.
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import re

from common import (c_str, gen_main, probe_heads,  # noqa: E402
		    read_probes, release_spans)

SCRIPT = "src/engine/data/tools/gen_names.py"
PATH_ONLY = ("memory",)
# an alias form attached: the name and whether the options applied
MADE = re.compile(r"^OK: name '((?:[^']|'')*)', read_only (true|false)$")
# the form that tells whether a release trims the statement
TRIM_FORM = "lake\v"


def form_fact(ver, name, plain, ine):
	"""(form, options, class, name) of a form: row."""
	kind, form = name.split(":", 1)
	options = 1 if kind == "form-options" else 0
	if plain != ine:
		raise SystemExit("%s: %s: %r: ATTACH and ATTACH IF NOT EXISTS "
				 "differ: %r, %r" % (SCRIPT, ver, name, plain,
						     ine))
	if plain.startswith("Parser Error: "):
		return (form, options, "syntax", "")
	m = MADE.match(plain)
	if not m:
		raise SystemExit("%s: %s: %r: %r" % (SCRIPT, ver, name, plain))
	ro = m.group(2) == "true"
	if ro and not options:
		raise SystemExit("%s: %s: %r read-only without options" % (
			SCRIPT, ver, name))
	cls = "ok" if ro == bool(options) else "eaten"
	return (form, options, cls, m.group(1).replace("''", "'"))


def forms_of(ver, rows):
	"""The form facts of one release, and whether it trims."""
	forms = {form_fact(ver, r[0], r[2], r[3]) for r in rows
		 if r[0].startswith("form")}
	trim = [f for f in forms if f[0] == TRIM_FORM and not f[1]]
	if len(trim) != 1 or trim[0][2] not in ("ok", "syntax"):
		raise SystemExit("%s: %s: no answer to AS %r: %r" % (
			SCRIPT, ver, TRIM_FORM, trim))
	return forms, trim[0][2] == "ok"


def flags_of(name, plain, ine, plain_after, ine_after):
	"""The FE_DB_* flags of one name's outcomes."""
	flags, explained = [], {"OK", "NOOP", "-"}
	if "reserved name" in plain:
		flags.append("FE_DB_RESERVED")
		explained.add(plain)
	if "reserved name" in ine:
		flags.append("FE_DB_RESERVED_IF_NOT_EXISTS")
		explained.add(ine)
	if ine == "NOOP":
		flags.append("FE_DB_EXISTS")
	if "Ambiguous reference" in plain_after:
		flags.append("FE_DB_AMBIGUOUS")
		explained.add(plain_after)
	if "Ambiguous reference" in ine_after:
		flags.append("FE_DB_AMBIGUOUS_IF_NOT_EXISTS")
		explained.add(ine_after)
	for outcome in (plain, plain_after):
		if outcome.startswith("INTERNAL Error"):
			if "FE_DB_INVALIDATES" not in flags:
				flags.append("FE_DB_INVALIDATES")
			explained.add(outcome)
	for outcome in (ine, ine_after):
		if outcome.startswith("INTERNAL Error"):
			if "FE_DB_INVALIDATES_IF_NOT_EXISTS" not in flags:
				flags.append("FE_DB_INVALIDATES_IF_NOT_EXISTS")
			explained.add(outcome)
	for outcome in (plain, ine, plain_after, ine_after):
		if outcome not in explained:
			raise SystemExit("%s: %s: an outcome no flag describes: "
					 "%r" % (SCRIPT, name, outcome))
	return flags


def quoted_same(rows):
	"""Check that each spelling in double quotes ("main") gets the flags
	of the same spelling bare (a quoted identifier is the same name to
	the binder; only a keyword differs, and none of these is reserved):
	the C side then reads a quoted alias as its bare name.  Returns the
	rows without the quoted ones."""
	bare = {n: r for n, r in rows.items() if not n.startswith('"')}
	for name, r in rows.items():
		if not name.startswith('"'):
			continue
		spelling = name[1:-1]
		if spelling.lower() in PATH_ONLY:
			continue
		b = bare.get(spelling)
		want = flags_of(spelling, *b[1:]) if b else []
		if flags_of(name, *r[1:]) != want:
			raise SystemExit("%s: %s is not %s to the engine: %r, %r" %
					 (SCRIPT, name, spelling, r, b))
	return bare


def files_same(rows):
	"""Check that a file attached without AS whose name DuckDB gives as
	a spelling (file:Temp, from Temp.duckdb) gets the flags of that
	spelling as an alias, and that main, temp and system spelled so (which
	become main_db, temp_db and system_db) break nothing: the C side then
	judges an item without an alias by the name fe_duckdb_path_database()
	gives it.  Returns the rows without the file: ones."""
	out = {n: r for n, r in rows.items() if not n.startswith("file:")}
	for name, r in rows.items():
		if not name.startswith("file:"):
			continue
		spelling = name[5:]
		if spelling.lower() in PATH_ONLY:
			continue
		if spelling == spelling.lower():
			raise SystemExit("%s: %s: %s.duckdb is not %s_db to the "
					 "engine: %r" % (SCRIPT, name, spelling,
							 spelling, r))
		b = out.get(spelling)
		want = flags_of(spelling, *b[1:]) if b else []
		if flags_of(name, *r[1:]) != want:
			raise SystemExit("%s: %s is not %s to the engine: %r, %r" %
					 (SCRIPT, name, spelling, r, b))
	return out


def facts(rows):
	"""name -> ('keyword', None), ('database', flags) or, for the name
	spelled in other case, ('other_case', flags)."""
	out, spellings = {}, {}
	for name, (_cat, plain, ine, plain_after, ine_after) in \
			quoted_same(files_same(rows)).items():
		base = name.lower()
		if base in PATH_ONLY:
			continue
		if plain.startswith("Parser Error: syntax error"):
			out[name] = ("keyword", None)
			continue
		flags = flags_of(name, plain, ine, plain_after, ine_after)
		if name != base:
			spellings.setdefault(base, {})[name] = flags
			continue
		if not flags:
			raise SystemExit("%s: %s: listed, but no flag" %
					 (SCRIPT, name))
		out[name] = ("database", " | ".join(flags))
	for base, spelt in spellings.items():
		if len({tuple(f) for f in spelt.values()}) != 1:
			raise SystemExit("%s: the spellings of %s differ: %r" %
					 (SCRIPT, base, spelt))
		flags = next(iter(spelt.values()))
		if flags:
			out[base + " "] = ("other_case",
					   " | ".join(["FE_DB_OTHER_CASE"] + flags))
	return out


def ranges(per_release, vers):
	"""(kind, name, value) -> [(first, last)] over consecutive releases."""
	keyed = {ver: [(fact[0], name, fact[1])
		       for name, fact in per_release[ver].items()]
		 for ver in vers}
	return [(kind, name, first, last, value, v)
		for (kind, name, value), first, last, v in
		release_spans(keyed, vers)]


def render(data):
	probes = read_probes(data, "duckdb-names")
	vers = [ver for ver, _c, _h, _r in probes]
	# name -> (keyword_category, plain, if_not_exists, plain_after,
	# if_not_exists_after)
	per_release = {ver: facts({r[0]: tuple(r[1:6]) for r in rows
				   if not r[0].startswith("form")})
		       for ver, _c, _h, rows in probes}
	order, form_facts = {}, {}
	for ver, _c, _h, rows in probes:
		for r in rows:
			if r[0].startswith("form"):
				order.setdefault(r[0], len(order))
		forms, trims = forms_of(ver, rows)
		form_facts[ver] = {("form",) + f for f in forms}
		if trims:
			form_facts[ver].add(("trim",))
	form_rows = release_spans(form_facts, vers)
	rows = sorted(ranges(per_release, vers),
		      key=lambda r: (r[0] != "keyword", r[1], r[2]))
	lines = [
		"/*",
		" * Names DuckDB refuses, or resolves to something else, after",
		" * `ATTACH ... AS`:",
		" *   DUCKDB_ALIAS_KEYWORD(word, first, last)   a keyword the "
		"parser refuses",
		" *                                             there (a syntax "
		"error)",
		" *   DUCKDB_DATABASE_NAME(name, first, last, flags)",
		" *        a name the binder reserves or that exists in every "
		"database:",
		" *        FE_DB_RESERVED (ATTACH ... AS), "
		"FE_DB_RESERVED_IF_NOT_EXISTS",
		" *        (ATTACH IF NOT EXISTS ... AS), FE_DB_EXISTS (ATTACH IF "
		"NOT EXISTS",
		" *        does nothing, without an error), FE_DB_AMBIGUOUS[_IF_NOT_"
		"EXISTS]",
		" *        (it attaches; then system.information_schema.tables "
		"fails:",
		" *        \"Ambiguous reference to catalog or schema\"), "
		"FE_DB_INVALIDATES",
		" *        [_IF_NOT_EXISTS] (the ATTACH or the query after it "
		"fails with an",
		" *        INTERNAL Error that invalidates the database); with "
		"FE_DB_OTHER_CASE",
		" *        the row is about the name spelled in other case "
		"(MAIN, Main):",
		" *        the reserved-name check compares the exact spelling;",
		" *        each name is also probed in double quotes (\"main\"), "
		"which the",
		" *        binder takes as the bare spelling, and as the name of "
		"a file",
		" *        attached without AS (Temp.duckdb is Temp), which "
		"behaves as the",
		" *        alias (gen_names.py checks both)",
		" * Generated by %s; do not edit." % SCRIPT,
		" *",
		" * Read from the real engine: extract_names.py ran both forms "
		"of ATTACH",
		" * for every word of duckdb_keywords() and the names system, "
		"temp, main",
		" * and memory (also spelled MAIN and Main, and each spelling "
		"quoted, each",
		" * followed by a query of",
		" * system.information_schema.tables), each on a fresh "
		"in-memory database",
		" * of each release:",
	] + probe_heads("duckdb-names", probes) + [
		" * `memory` is left out: it is taken only when path is "
		":memory:.",
		" * The alias forms (form:, form-options:) ran as dbt-duckdb "
		"writes them,",
		" * ending the statement or followed by (READ_ONLY), on a "
		"database file:",
		" *   DUCKDB_STATEMENT_TRIM(first, last)  the statement's "
		"trailing blanks,",
		" *        \\v included, are trimmed before it is lexed",
		" *   DUCKDB_ALIAS_FORM(form, options, class, name, first, "
		"last)  \"ok\",",
		" *        \"eaten\" (a -- comment ate the options) or "
		"\"syntax\"",
		" */",
	]
	for kind, name, first, last, value, _v in rows:
		if kind == "keyword":
			lines.append('DUCKDB_ALIAS_KEYWORD("%s", %s, %s)' %
				     (name, first, last))
		else:
			lines.append('DUCKDB_DATABASE_NAME("%s", %s, %s, %s)' %
				     (name.strip(), first, last, value))
	for key, first, last, _v in form_rows:
		if key == ("trim",):
			lines.append("DUCKDB_STATEMENT_TRIM(%s, %s)" % (first,
								     last))
	for key, first, last, _v in sorted(
			(r for r in form_rows if r[0][0] == "form"),
			key=lambda r: (order["%s:%s" % (
				"form-options" if r[0][2] else "form",
				r[0][1])], r[3])):
		_f, form, options, cls, name = key
		lines.append("DUCKDB_ALIAS_FORM(%s, %d, %s, %s, %s, %s)" % (
			c_str(form), options, c_str(cls), c_str(name), first,
			last))
	return "\n".join(lines) + "\n"


def main():
	return gen_main(render, "duckdb_names.def", SCRIPT, HERE)


if __name__ == "__main__":
	sys.exit(main())
