#!/usr/bin/env python3
"""Probe the secret types and the secret names DuckDB takes in CREATE
SECRET, on the real engine of one release.

    python3 probe_secrets.py LIBDUCKDB PACKAGE [--candidates FILE] [-o OUT]

LIBDUCKDB is the release's shared library (npm
@duckdb/node-bindings-linux-x64 ships it), PACKAGE the npm name@version it
came from.

dbt-duckdb writes a `secrets:` entry as

    CREATE [OR REPLACE] [PERSISTENT] SECRET[ <name>] (
        type <type>, ...)

with `type` and `name` unquoted, as they are in the YAML (secrets.py
Secret.to_sql() and _format_value(), dbt-duckdb 1.9.0 to 1.11.0).  Two
questions, each on a fresh in-memory database (extension auto-install and
auto-load off, so nothing is downloaded):

  type  `CREATE SECRET (TYPE "<t>")` for every type of
        duckdb_secret_types() (the engine's own: created, or refused for
        its parameters), every candidate (--candidates:
        secret_type_candidates.py's list from the source) and a name no
        release has.  The engine answers "Secret type 't' does not exist,
        but it exists in the X extension" (autoload would load X), or
        "Secret type 't' not found" (nothing provides it).
  name  `CREATE OR REPLACE SECRET <w> (TYPE http)` for every word of
        duckdb_keywords(), bare: OK, or the parser's syntax error.
  loaded  every extension loaded in a fresh database (statically linked:
        parquet, json, icu, ...), and whether duckdb_secret_types() names
        it as the extension of a type: none does, so loading them adds
        no secret type.
  storage  `CREATE OR REPLACE SECRET x IN <w> (TYPE http)` for every word
        of duckdb_keywords(): the grammar's storage is an IDENT
        (create_secret.y opt_storage_specifier), which no keyword is.
  nameform, nameform-persistent  the exact text dbt-duckdb writes,
        `CREATE OR REPLACE[ PERSISTENT] SECRET <f> (\\n    type http\\n)`,
        for each name form f of FORMS: a storage (IN memory, IN
        local_file, one no release has), no name, IF NOT EXISTS, comments
        (a -- comment eats the " (" dbt-duckdb writes on the name's line),
        quotes, dots.  Each runs with secret_directory set to a folder of
        its own in the scratch folder, so a persistent secret is written
        there (the answer names the file), never to ~/.duckdb; the probe
        stops if ~/.duckdb/stored_secrets changes while it runs.

  disabled  the same text for a persistent secret (`x` or no name with
        PERSISTENT, `x IN local_file` without) and a temporary one (`x`, `x IN
        memory`) after `SET allow_persistent_secrets=false` in a fresh
        database, as dbt-duckdb's config_options set it at connect:
        class `disabled` (the engine's "Persistent secrets are
        disabled" answer) or `ok`.

A row for each: kind, the type, word, extension or form, its class
(`core`, `extension`, `unknown`; `ok`, `syntax`; `no-types`, `types`;
for the forms `syntax` is any Parser Error, also an unterminated /*
comment or quote, and there are `storage`
("Secret storage 's' not found!") and `temporary-storage` ("Cannot
create persistent secrets in a temporary secret storage!")), the
extension, and the first line of the engine's answer (for `loaded`, its
install_mode; for a form created, what duckdb_secrets() says of it and
the file written: "OK: name 'x', storage local_file, persistent true,
file x.duckdb_secret").  An answer of another shape stops the probe: the rows
must come from the engine.  The output (a TSV, committed as
src/engine/data/duckdb-secrets/VERSION.tsv) is what gen_secrets.py turns
into src/engine/duckdb_secrets.def.  Not part of the build.
"""

import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from common import (Engine, ident, in_scratch, lib_args, one_line,  # noqa: E402
		    read_candidates, sql_str, write_probe)

SCRIPT = "src/engine/data/tools/probe_secrets.py"
# a type no release has: the shape of "not found"
CONTROL = "floe_no_such_secret_type"
IN_EXT = re.compile(r"Secret type '([^']*)' does not exist, but it exists "
		    r"in the ([A-Za-z0-9_]+) extension")
NOT_FOUND = re.compile(r"Secret type '([^']*)' not found")
NO_STORAGE = re.compile(r"Invalid Input Error: Secret storage '([^']*)' "
			r"not found!")
TEMP_STORAGE = ("Invalid Input Error: Cannot create persistent secrets in a "
		"temporary secret storage!")
# the name forms: what dbt-duckdb writes after SECRET is the YAML's name,
# raw (secrets.py Secret.to_sql(), 1.9.0 to 1.11.0)
FORMS = [
	"x", "X", " ", "default", "in",
	"x IN memory", "x IN MEMORY", 'x IN "memory"', "x in memory",
	"x IN local_file", "x IN LOCAL_FILE", 'x IN "local_file"',
	'x IN "LOCAL_FILE"', "x IN 'local_file'",
	"x IN nowhere", 'x IN "nowhere"', "x IN motherduck", "x IN main",
	"x IN memory$", "x IN default", "x IN temporary", "x IN persistent",
	'x IN "default"', 'x IN ""',
	"IN memory", "IN local_file", "IN nowhere", "IN", "x IN",
	"default IN memory", '"default" IN memory', '"in" IN memory',
	"IF NOT EXISTS x", "TEMPORARY x", "PERSISTENT x",
	"x IN memory IN local_file", "x IN memory extra", "x y", "x.y",
	"x -- c", "x -- c\n", "x -- c\r", "-- c", "x IN local_file -- c",
	"x IN local_file -- c\n", "x /* c */", "/* c */ x", "/* c */",
	"x/**/IN/**/local_file", "x /* a /* b */ c */", "x /* c",
	"x /* a /* b */", "x */",
	'"x y"', '"X Y"', '"x"" y"', '""', '"x',
	"x\tIN\tmemory", "x\nIN\nlocal_file",
]


def ask(eng, sql, secret_dir=None, setup=()):
	db, con = eng.open()
	try:
		if secret_dir:
			eng.rows(con, "SET secret_directory=%s" % sql_str(secret_dir))
		for stmt in setup:
			eng.rows(con, stmt)
		_r, err = eng.query(con, sql)
		made = None if err else eng.rows(
			con, "SELECT name, storage, persistent FROM duckdb_secrets()")
	finally:
		eng.close(db, con)
	return (err, made) if secret_dir else err


def type_row(eng, typ, core):
	err = ask(eng, "CREATE SECRET (TYPE %s)" % ident(typ))
	if err is None:
		if typ not in core:
			raise RuntimeError("TYPE %s: created, but not in "
					   "duckdb_secret_types()" % typ)
		return ["type", typ, "core", "-", "OK"]
	m = IN_EXT.search(err)
	if m and m.group(1) == typ:
		return ["type", typ, "extension", m.group(2), one_line(err)]
	m = NOT_FOUND.search(err)
	if m and m.group(1) == typ:
		return ["type", typ, "unknown", "-", one_line(err)]
	if typ in core:
		# the engine's own type, refused for what it lacks
		return ["type", typ, "core", "-", one_line(err)]
	raise RuntimeError("TYPE %s: unexpected answer: %s" % (typ, err))


def name_row(eng, word):
	err = ask(eng, "CREATE OR REPLACE SECRET %s (TYPE http)" % word)
	if err is None:
		return ["name", word, "ok", "-", "OK"]
	if err.startswith("Parser Error: syntax error"):
		return ["name", word, "syntax", "-", one_line(err)]
	raise RuntimeError("SECRET %s: unexpected answer: %s" % (word, err))


def storage_row(eng, word):
	err = ask(eng, "CREATE OR REPLACE SECRET x IN %s (TYPE http)" % word)
	if err is None:
		return ["storage", word, "ok", "-", "OK"]
	if err.startswith("Parser Error: syntax error"):
		return ["storage", word, "syntax", "-", one_line(err)]
	m = NO_STORAGE.search(err)
	if m and m.group(1) == word.lower():
		return ["storage", word, "storage", "-", one_line(err)]
	raise RuntimeError("IN %s: unexpected answer: %s" % (word, err))


def form_row(eng, form, persistent, n):
	"""A name form as dbt-duckdb writes it, with a secret_directory of
	its own (the n-th) in the scratch folder."""
	kind = "nameform-persistent" if persistent else "nameform"
	sql = "CREATE OR REPLACE%s SECRET %s (\n    type http\n)" % (
		" PERSISTENT" if persistent else "", form)
	folder = os.path.abspath("secrets-%d" % n)
	err, made = ask(eng, sql, folder)
	files = sorted(os.listdir(folder)) if os.path.isdir(folder) else []
	if err is None:
		if len(made) != 1:
			raise RuntimeError("%s: %d secrets" % (sql, len(made)))
		name, storage, pers = made[0]
		if (pers == "true") != bool(files):
			raise RuntimeError("%s: persistent %s, files %s" % (
				sql, pers, files))
		return [kind, form, "ok", "-",
			"OK: name %s, storage %s, persistent %s, file %s" % (
				sql_str(name), storage, pers,
				",".join(files) or "-")]
	if files:
		raise RuntimeError("%s failed, but wrote %s" % (sql, files))
	if err.startswith("Parser Error: "):
		return [kind, form, "syntax", "-", one_line(err)]
	if NO_STORAGE.search(err):
		return [kind, form, "storage", "-", one_line(err)]
	if err.startswith(TEMP_STORAGE):
		return [kind, form, "temporary-storage", "-", one_line(err)]
	raise RuntimeError("%s: unexpected answer: %s" % (sql, err))


DISABLED_FORMS = (("x", True), ("", True), ("x IN local_file", False),
		  ("x", False), ("x IN memory", False))
DISABLED = "Invalid Input Error: Persistent secrets are disabled."


def disabled_row(eng, form, persistent, n):
	"""A name form under allow_persistent_secrets=false, with a
	secret_directory of its own (the n-th) in the scratch folder."""
	sql = "CREATE%s%s SECRET%s (\n    type http\n)" % (
		" OR REPLACE" if form else "",
		" PERSISTENT" if persistent else "",
		" " + form if form else "")
	folder = os.path.abspath("disabled-%d" % n)
	err, made = ask(eng, sql, folder,
			("SET allow_persistent_secrets=false",))
	what = ("PERSISTENT " if persistent else "") + (form or "(no name)")
	if os.path.isdir(folder) and os.listdir(folder):
		raise RuntimeError("%s wrote %s" % (sql, os.listdir(folder)))
	if err is None:
		return ["disabled", what, "ok", "-", "OK: persistent %s" %
			made[0][2]]
	if err.startswith(DISABLED):
		return ["disabled", what, "disabled", "-", one_line(err)]
	raise RuntimeError("%s: unexpected answer: %s" % (sql, err))


def stored_secrets():
	"""What ~/.duckdb/stored_secrets holds: the probe must not change it."""
	home = os.path.join(os.path.expanduser("~"), ".duckdb",
			    "stored_secrets")
	return sorted(os.listdir(home)) if os.path.isdir(home) else []


def probe_in(lib_path, candidates):
	eng = Engine(lib_path)
	db, con = eng.open()
	try:
		version, source_id = eng.version(con)
		core = {r[0].lower() for r in eng.rows(
			con, "SELECT type FROM duckdb_secret_types()")}
		words = sorted({r[0] for r in eng.rows(
			con, "SELECT keyword_name FROM duckdb_keywords()")})
		owners = {r[0] for r in eng.rows(
			con, "SELECT extension FROM duckdb_secret_types()")}
		loaded = eng.rows(con, "SELECT extension_name, install_mode "
				  "FROM duckdb_extensions() WHERE loaded")
	finally:
		eng.close(db, con)
	if "http" not in core:
		raise RuntimeError("duckdb_secret_types() has no http: %s" %
				   sorted(core))
	types = sorted(core | {c.lower() for c in candidates} | {CONTROL})
	rows = [type_row(eng, t, core) for t in types]
	if rows[types.index(CONTROL)][2] != "unknown":
		raise RuntimeError("%s is a secret type here" % CONTROL)
	rows += [name_row(eng, w) for w in words]
	rows += [storage_row(eng, w) for w in words]
	before = stored_secrets()
	n = 0
	for persistent in (False, True):
		for form in FORMS:
			n += 1
			rows.append(form_row(eng, form, persistent, n))
	for form, persistent in DISABLED_FORMS:
		n += 1
		rows.append(disabled_row(eng, form, persistent, n))
	if stored_secrets() != before:
		raise RuntimeError("~/.duckdb/stored_secrets changed: %s, was %s"
				   % (stored_secrets(), before))
	rows += [["loaded", ext, "types" if ext in owners else "no-types", "-",
		  mode] for ext, mode in sorted(loaded)]
	return version, source_id, rows


def main():
	a = lib_args(__doc__, candidates=True).parse_args()
	cands = read_candidates(a.candidates, "type")
	out = os.path.abspath(a.output) if a.output else None
	version, source_id, rows = in_scratch(probe_in, os.path.abspath(a.lib),
					      cands)
	write_probe(out, "CREATE SECRET types, names and storages on DuckDB %s "
		    "(source_id %s)" % (version, source_id), a.package, SCRIPT,
		    ["kind", "what", "class", "extension", "answer"], rows)


if __name__ == "__main__":
	main()
