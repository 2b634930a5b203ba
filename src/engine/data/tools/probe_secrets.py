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

A row for each: kind, the type, word or extension, its class (`core`,
`extension`, `unknown`; `ok`, `syntax`; `no-types`, `types`), the
extension, and the first line of the engine's answer (for `loaded`, its
install_mode).  An answer of another shape stops the probe: the rows
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
		    read_candidates, write_probe)

SCRIPT = "src/engine/data/tools/probe_secrets.py"
# a type no release has: the shape of "not found"
CONTROL = "floe_no_such_secret_type"
IN_EXT = re.compile(r"Secret type '([^']*)' does not exist, but it exists "
		    r"in the ([A-Za-z0-9_]+) extension")
NOT_FOUND = re.compile(r"Secret type '([^']*)' not found")


def ask(eng, sql):
	db, con = eng.open()
	try:
		_r, err = eng.query(con, sql)
	finally:
		eng.close(db, con)
	return err


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
	rows += [["loaded", ext, "types" if ext in owners else "no-types", "-",
		  mode] for ext, mode in sorted(loaded)]
	return version, source_id, rows


def main():
	a = lib_args(__doc__, candidates=True).parse_args()
	cands = read_candidates(a.candidates, "type")
	out = os.path.abspath(a.output) if a.output else None
	version, source_id, rows = in_scratch(probe_in, os.path.abspath(a.lib),
					      cands)
	write_probe(out, "CREATE SECRET types and names on DuckDB %s "
		    "(source_id %s)" % (version, source_id), a.package, SCRIPT,
		    ["kind", "what", "class", "extension", "answer"], rows)


if __name__ == "__main__":
	main()
