#!/usr/bin/env python3
"""Extract the extension aliases of one DuckDB release from its libduckdb.so.

    python3 extract_extensions.py LIBDUCKDB PACKAGE [--candidates FILE] [-o OUT]

LIBDUCKDB is the shared library (npm @duckdb/node-bindings-linux-x64 ships
it), PACKAGE the npm name@version it came from (written in the header).

Two questions are put to the engine, on in-memory databases with extension
auto-install and auto-load off, HOME and the working directory in a
temporary folder (so nothing is downloaded and no installed extension is
seen):

  listed  `SELECT extension_name, aliases FROM duckdb_extensions()`: the
          aliases the engine lists.  It lists them only for the extensions
          it knows by default (ExtensionHelper::GetDefaultExtension), so an
          alias of another extension is applied but not listed
          (uc_catalog -> unity_catalog before unity_catalog was one).
  load    `LOAD "alias"` on a fresh database, for every listed alias and
          every candidate (--candidates: extension_alias_candidates.py's
          list from the source): the engine answers with the file it looked
          for, `Extension ".../NAME.duckdb_extension" not found`, and NAME
          is the extension the alias resolves to (ApplyExtensionAlias).  A
          candidate the engine looks up under its own name is no alias in
          this release.

Every candidate gets a row: alias, extension (`-`: not an alias here),
listed (yes/no), and the engine's answer to LOAD (first line).  An answer
of another shape stops the extraction: the rows must come from the engine.

Nothing here is part of the build: the output is committed under
src/engine/data/duckdb-extensions/ and turned into duckdb_extensions.def
by gen_defs.py.
"""

import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import (Engine, ident, lib_args, one_line, parse_list,  # noqa: E402
		    read_candidates, write_lines)

SCRIPT = "src/engine/data/tools/extract_extensions.py"
NOT_FOUND = re.compile(r'Extension "(?:[^"]*/)?([^"/]+)\.duckdb_extension" '
		       r'not found')
COLUMNS = ("alias", "extension", "listed", "load")


def loaded(eng, con):
	return {r[0] for r in eng.rows(con, "SELECT extension_name FROM "
				       "duckdb_extensions() WHERE loaded")}


def resolve(eng, alias):
	"""(the extension LOAD resolves `alias` to, the engine's answer)."""
	db, con = eng.open()
	try:
		before = loaded(eng, con)
		_, err = eng.query(con, "LOAD %s" % ident(alias))
		if err is None:
			# built in: the alias loads an extension already there
			new = loaded(eng, con) - before
			got = sorted(new)[0] if len(new) == 1 else None
			answer = "OK"
		else:
			m = NOT_FOUND.search(err)
			got = m.group(1) if m else None
			answer = one_line(err)
	finally:
		eng.close(db, con)
	if got is None and answer == "OK":
		# loaded before the LOAD, or statically linked: ask the list
		got = alias
	if got is None:
		raise RuntimeError("LOAD %s: unexpected answer: %s" % (alias,
								       answer))
	return got, answer


def extract(lib_path, candidates):
	eng = Engine(lib_path)
	db, con = eng.open()
	try:
		version, source_id = eng.version(con)
		ext_rows = eng.rows(con, "SELECT extension_name, "
				    "aliases::VARCHAR FROM duckdb_extensions()")
	finally:
		eng.close(db, con)
	listed = {}
	for name, aliases in ext_rows:
		for a in parse_list(aliases):
			listed[a.lower()] = name
	names = sorted(set(listed) | {c.lower() for c in candidates})
	out = []
	for alias in names:
		ext, answer = resolve(eng, alias)
		if alias in listed and listed[alias] != ext:
			raise RuntimeError("%s: duckdb_extensions() lists it under "
					   "%s, LOAD resolves it to %s" % (
						   alias, listed[alias], ext))
		out.append({"alias": alias,
			    "extension": "-" if ext == alias else ext,
			    "listed": "yes" if alias in listed else "no",
			    "load": answer.replace(os.path.expanduser("~"),
						   "~")})
	return version, source_id, out


def main():
	args = lib_args(__doc__, candidates=True).parse_args()
	lib = os.path.abspath(args.lib)
	cands = read_candidates(args.candidates, "alias")
	out_path = os.path.abspath(args.output) if args.output else None
	with tempfile.TemporaryDirectory(prefix="floe-extensions-") as work:
		# the extension directory is under HOME: an empty one, so that
		# LOAD finds nothing and names the file it looked for
		os.environ["HOME"] = work
		os.chdir(work)
		version, source_id, rows = extract(lib, cands)
	lines = [
		"# duckdb_extensions() of DuckDB %s (source_id %s)" % (
			version, source_id),
		"# library: libduckdb.so from npm %s" % args.package,
		"# extracted by %s (duckdb_extensions() aliases, and" % SCRIPT,
		"# LOAD of every alias on a fresh in-memory database, auto-install/"
		"auto-load off); do not edit by hand",
		"\t".join(COLUMNS),
	]
	for r in rows:
		lines.append("\t".join(r[c] for c in COLUMNS))
	write_lines(out_path, lines)
	return 0


if __name__ == "__main__":
	sys.exit(main())
