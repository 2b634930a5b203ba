#!/usr/bin/env python3
"""Re-extract what one release does after ATTACH ... AS from a real
libduckdb.so and hold it against the committed table.

    python3 tests/engine/check_names.py LIBDUCKDB

Runs src/engine/data/tools/extract_names.py on LIBDUCKDB and compares
its output with src/engine/data/duckdb-names/VERSION.tsv, VERSION being
what the library reports.  The header lines that name the npm package and
the script are not compared; the engine's version line and every row are.
Exit 77 (skipped) without a library, except in CI (CI=true).
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
		out = os.path.join(tmp, "names.tsv")
		subprocess.run([sys.executable,
				os.path.join(DATA, "tools", "extract_names.py"),
				lib, "(test)", "-o", out], check=True)
		with open(out, encoding="utf-8") as f:
			got = f.read()
	m = re.match(r"# ATTACH \.\.\. AS <name> on DuckDB v(\S+) ", got)
	if not m:
		print("unexpected extractor output:\n" + got[:500])
		return 1
	path = os.path.join(DATA, "duckdb-names", m.group(1) + ".tsv")
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
			path, "the engine now"))
		return 1
	print("%s: the engine agrees (%d rows)" %
	      (os.path.relpath(path, ROOT), len(significant(got)) - 2))
	return 0


if __name__ == "__main__":
	sys.exit(main())
