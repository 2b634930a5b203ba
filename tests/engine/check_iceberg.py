#!/usr/bin/env python3
"""Read the iceberg facts again from duckdb/duckdb-iceberg at every pin and
hold them against the committed src/engine/data/iceberg-source.tsv (from
which gen_defs.py makes iceberg_attach.def, iceberg_secret.def and the
iceberg rows of duckdb_settings.def: engine/facts_regenerate checks that
step).  Each row of those tables cites the pin and file it was read at;
this re-reads them.

    python3 tests/engine/check_iceberg.py ICEBERG_GIT_DIR

ICEBERG_GIT_DIR is a git directory of duckdb/duckdb-iceberg holding every
pin of duckdb-releases.tsv (a bare mirror is enough).  The comment lines
are not compared, every row is.  Exit 77 (skipped) without one.
"""

import difflib
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
	os.path.abspath(__file__))))
DATA = os.path.join(ROOT, "src", "engine", "data")


def rows(path):
	with open(path, encoding="utf-8") as f:
		return [l for l in f.read().splitlines() if not l.startswith("#")]


def main():
	gitdir = sys.argv[1] if len(sys.argv) > 1 else ""
	if not gitdir or not os.path.isdir(gitdir):
		print("no duckdb-iceberg git directory given (%r)" % gitdir)
		return 77
	with tempfile.TemporaryDirectory() as tmp:
		out = os.path.join(tmp, "iceberg-source.tsv")
		p = subprocess.run([sys.executable,
				    os.path.join(DATA, "tools", "iceberg_facts.py"),
				    gitdir, "-o", out])
		if p.returncode:
			print("iceberg_facts.py failed")
			return 1
		want = rows(os.path.join(DATA, "iceberg-source.tsv"))
		got = rows(out)
	if want != got:
		sys.stdout.writelines(l + "\n" for l in difflib.unified_diff(
			want, got, "committed", "re-read", lineterm=""))
		print("0 passed, 1 failed")
		return 1
	print("%d rows re-read from the extension's source: 1 passed, "
	      "0 failed" % len(got))
	return 0


if __name__ == "__main__":
	sys.exit(main())
