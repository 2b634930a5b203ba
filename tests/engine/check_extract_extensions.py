#!/usr/bin/env python3
"""Re-extract one release's extension aliases from a real libduckdb.so and
hold them against the committed table.

    python3 tests/engine/check_extract_extensions.py LIBDUCKDB

Runs src/engine/data/tools/extract_extensions.py on LIBDUCKDB
(duckdb_extensions() and a LOAD of every alias, no network) and compares
its output with src/engine/data/duckdb-extensions/VERSION.tsv, VERSION
being what the library reports.  The header lines that name the npm
package and the script are not compared; the engine's version line and
every row are.  Exit 77 (skipped) without a library, except in CI
(CI=true).
"""

import difflib
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
	os.path.abspath(__file__))))
DATA = os.path.join(ROOT, "src", "engine", "data")


def significant(text):
	lines = text.splitlines()
	return [lines[0]] + [l for l in lines if not l.startswith("#")]


def main():
	lib = sys.argv[1] if len(sys.argv) > 1 else ""
	if not lib or not os.path.exists(lib):
		print("no DuckDB library given (%r)" % lib)
		return 1 if os.environ.get("CI") == "true" else 77
	with tempfile.TemporaryDirectory() as tmp:
		out = os.path.join(tmp, "extensions.tsv")
		subprocess.run([sys.executable,
				os.path.join(DATA, "tools", "extract_extensions.py"),
				lib, "(test)", "--candidates",
				os.path.join(DATA,
					     "duckdb-extension-alias-candidates.tsv"),
				"-o", out], check=True)
		with open(out, encoding="utf-8") as f:
			got = f.read()
	m = re.match(r"# duckdb_extensions\(\) of DuckDB v(\S+) ", got)
	if not m:
		print("unexpected extractor output:\n" + got[:500])
		return 1
	path = os.path.join(DATA, "duckdb-extensions", m.group(1) + ".tsv")
	if not os.path.exists(path):
		print("DuckDB %s is not in the tables (%s): add it to "
		      "duckdb-releases.tsv and run tools/extract_all.sh"
		      % (m.group(1), path))
		return 1
	with open(path, encoding="utf-8") as f:
		want = f.read()
	if significant(got) != significant(want):
		sys.stdout.writelines(difflib.unified_diff(
			[l + "\n" for l in significant(want)],
			[l + "\n" for l in significant(got)],
			path, "re-extracted from " + lib))
		print("the engine and the committed table differ; regenerate "
		      "with src/engine/data/tools/extract_all.sh --only "
		      "extensions")
		return 1
	print("DuckDB %s: %d alias rows as committed" % (
		m.group(1), len(significant(got)) - 2))
	return 0


if __name__ == "__main__":
	sys.exit(main())
