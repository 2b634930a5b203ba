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
is not a keyword), then each outcome: `OK`, or the engine's error text
(first line).  A row is written only when some outcome is not OK, so a
keyword DuckDB takes as an alias is left out.

Nothing here is part of the build: the output is committed under
src/engine/data/duckdb-names/ and turned into duckdb_names.def by
gen_names.py.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import Engine, lib_args, one_line, write_lines  # noqa: E402

SCRIPT = "src/engine/data/tools/extract_names.py"
# every connection has these (`memory` is the in-memory database's own
# name, so it exists only when `path` is :memory:)
NAMES = ("system", "temp", "main", "memory")


def probe(eng, sql):
	db, con = eng.open()
	try:
		_rows, err = eng.query(con, sql)
	finally:
		eng.close(db, con)
	return "OK" if err is None else one_line(err)


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
	for name in NAMES:
		words.setdefault(name, "-")
	out = []
	db, con = eng.open()
	for name in sorted(words):
		if name in NAMES:
			plain = probe(eng, "ATTACH ':memory:' AS %s" % name)
			ine = probe(eng, "ATTACH IF NOT EXISTS ':memory:' AS %s"
				    % name)
		else:
			# a keyword: one database, left as it was found (a
			# refused ATTACH changes nothing, a taken one is
			# detached)
			plain = shared(eng, con, "ATTACH ':memory:' AS %s", name)
			ine = shared(eng, con,
				     "ATTACH IF NOT EXISTS ':memory:' AS %s", name)
		if plain == "OK" and ine == "OK":
			continue
		out.append((name, words[name], plain, ine))
	eng.close(db, con)
	head = [
		"# ATTACH ... AS <name> on DuckDB %s (source_id %s)"
		% (version, source_id),
		"# library: libduckdb.so from npm %s" % package,
		"# extracted by %s (in-memory databases, a fresh one per"
		% SCRIPT,
		"# statement on system, temp, main and memory; extension",
		"# auto-install/auto-load off); do not edit by hand",
		"# only names with a refusal are listed",
		"name\tkeyword_category\tplain\tif_not_exists",
	]
	return head + ["\t".join(r) for r in out]


def main():
	a = lib_args(__doc__).parse_args()
	lines = extract(a.lib, a.package)
	write_lines(a.output, lines)


if __name__ == "__main__":
	main()
