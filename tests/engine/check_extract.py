#!/usr/bin/env python3
"""Re-extract one release's settings from a real libduckdb.so and hold
them against the committed table.

    python3 tests/engine/check_extract.py LIBDUCKDB

Runs src/engine/data/tools/extract_settings.py on LIBDUCKDB (every
setting probed on fresh in-memory databases, no network) and compares its
output with src/engine/data/duckdb-settings/VERSION.tsv, VERSION being
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
		out = os.path.join(tmp, "settings.tsv")
		subprocess.run([sys.executable,
				os.path.join(DATA, "tools", "extract_settings.py"),
				lib, "(test)", "--candidates",
				os.path.join(DATA, "duckdb-settings-candidates.tsv"),
				"-o", out], check=True)
		with open(out, encoding="utf-8") as f:
			got = f.read()
	m = re.match(r"# duckdb_settings\(\) of DuckDB v(\S+) ", got)
	if not m:
		print("unexpected extractor output:\n" + got[:500])
		return 1
	path = os.path.join(DATA, "duckdb-settings", m.group(1) + ".tsv")
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
		      "with src/engine/data/tools/extract_all.sh")
		return 1
	print("DuckDB %s: %d rows as committed" % (
		m.group(1), len(significant(got)) - 2))
	return 0


if __name__ == "__main__":
	sys.exit(main())
