#!/usr/bin/env python3
"""Re-extract one release's facts from a real libduckdb.so and hold them
against the committed table.

    python3 tests/engine/check_extract.py WHAT LIBDUCKDB

WHAT is one of the extractions in src/engine/data/tools/ (EXTRACTIONS
below): `settings` (extract_settings.py: every setting probed on fresh
in-memory databases), `extensions` (extract_extensions.py:
duckdb_extensions() and a LOAD of every alias) or `names`
(extract_names.py: both forms of ATTACH ... AS on every keyword and
database name), `intervals` (probe_intervals.py: strings cast to
INTERVAL), `memory` (probe_memory.py: the settings read as an amount of
memory, and the memory parser on every probe value), `locks`
(probe_locks.py: the settings refused once another is SET), `files`
(probe_files.py: when two paths are one database file), `secrets`
(probe_secrets.py: the secret types and names CREATE SECRET takes) or
`secret_ambiguity` (probe_secret_ambiguity.py: a temporary and a
persistent secret of one name).  Each
runs on LIBDUCKDB without network, and its output
is compared with src/engine/data/<dir>/VERSION.tsv, VERSION being what
the library reports.  The header lines that name the npm package and the
script are not compared; the engine's version line and every row are.
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

SETTINGS_TSV = "{settings}"

# WHAT -> (script, its extra arguments, the committed folder)
EXTRACTIONS = {
	"settings": ("extract_settings.py",
		     ["--candidates",
		      os.path.join(DATA, "duckdb-settings-candidates.tsv")],
		     "duckdb-settings"),
	"extensions": ("extract_extensions.py",
		       ["--candidates",
			os.path.join(DATA,
				     "duckdb-extension-alias-candidates.tsv")],
		       "duckdb-extensions"),
	"names": ("extract_names.py", [], "duckdb-names"),
	"intervals": ("probe_intervals.py", [], "duckdb-intervals"),
	# the release's settings TSV, once the library says which it is
	"memory": ("probe_memory.py", [SETTINGS_TSV], "duckdb-memory"),
	"locks": ("probe_locks.py", [SETTINGS_TSV], "duckdb-locks"),
	"files": ("probe_files.py", [], "duckdb-files"),
	"secrets": ("probe_secrets.py",
		    ["--candidates",
		     os.path.join(DATA, "duckdb-secret-type-candidates.tsv")],
		    "duckdb-secrets"),
	"secret_ambiguity": ("probe_secret_ambiguity.py", [],
			     "duckdb-secret-ambiguity"),
}


def significant(text):
	lines = text.splitlines()
	return [lines[0]] + [l for l in lines if not l.startswith("#")]


def main():
	if len(sys.argv) < 2 or sys.argv[1] not in EXTRACTIONS:
		print("usage: check_extract.py %s LIBDUCKDB" %
		      "|".join(EXTRACTIONS))
		return 2
	what = sys.argv[1]
	script, extra, folder = EXTRACTIONS[what]
	lib = sys.argv[2] if len(sys.argv) > 2 else ""
	if not lib or not os.path.exists(lib):
		print("no DuckDB library given (%r)" % lib)
		return 1 if os.environ.get("CI") == "true" else 77
	if SETTINGS_TSV in extra:
		sys.path.insert(0, os.path.join(DATA, "tools"))
		from common import Engine
		eng = Engine(lib)
		db, con = eng.open()
		ver = eng.version(con)[0].lstrip("v")
		eng.close(db, con)
		extra = [os.path.join(DATA, "duckdb-settings", ver + ".tsv")
			 if a == SETTINGS_TSV else a for a in extra]
	with tempfile.TemporaryDirectory() as tmp:
		out = os.path.join(tmp, what + ".tsv")
		subprocess.run([sys.executable,
				os.path.join(DATA, "tools", script),
				lib, "(test)"] + extra + ["-o", out], check=True)
		with open(out, encoding="utf-8") as f:
			got = f.read()
	m = re.match(r"#[^\n]* of DuckDB v(\S+) ", got) or \
		re.match(r"#[^\n]* on DuckDB v(\S+) ", got)
	if not m:
		print("unexpected extractor output:\n" + got[:500])
		return 1
	path = os.path.join(DATA, folder, m.group(1) + ".tsv")
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
		      "with src/engine/data/tools/extract_all.sh --only " + what)
		return 1
	print("DuckDB %s: %d %s rows as committed" % (
		m.group(1), len(significant(got)) - 2, what))
	return 0


if __name__ == "__main__":
	sys.exit(main())
