#!/usr/bin/env python3
"""Read the settings DuckDB's Python client registers itself, per release.

    python3 python_client_settings.py DUCKDB_PYTHON_GIT_DIR [-o OUT]

dbt-duckdb runs on the Python client (`duckdb.connect()`), whose
DuckDBPyConnection::Connect registers its own options with
DBConfig::AddExtensionOption() before it applies the config dict
(SetOptionsByName): pandas_analyze_sample, python_enable_replacements,
python_scan_all_frames.  They exist for `SET` and `duckdb.connect(config=)`
under dbt, but not in the libduckdb.so the settings tables are extracted
from (extract_settings.py), which never runs that code.

For every release of duckdb-releases.tsv the script reads
src/duckdb_py/pyconnection.cpp (src/pyconnection.cpp on newer trees) of
duckdb/duckdb-python at the tag v<release>; a release without a tag in
the repository read (1.5.6) is read at the head of its branch
(v1.5-variegata), and its commit is written `assumed:<commit>`.  Every
AddExtensionOption("name", "description", LogicalType::TYPE, ...) there
is a row: release, name, input type, commit, file.  gen_defs.py merges
the rows into duckdb_settings.def with the flag FE_SET_CLIENT.

Not part of the build; the output is committed as
src/engine/data/python-client-settings.tsv.
"""

import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from common import read_releases, write_text  # noqa: E402

FILES = ("src/duckdb_py/pyconnection.cpp", "src/pyconnection.cpp")
OPTION = re.compile(r'AddExtensionOption\(\s*"([A-Za-z0-9_]+)"\s*,\s*'
		    r'"(?:[^"\\]|\\.)*"\s*,\s*LogicalType::([A-Z_]+)')
TYPES = {"BOOLEAN": "BOOLEAN", "UBIGINT": "UBIGINT", "BIGINT": "BIGINT",
	 "DOUBLE": "DOUBLE", "VARCHAR": "VARCHAR"}


def git(gitdir, *args, check=True):
	r = subprocess.run(["git", "--git-dir", gitdir] + list(args),
			   capture_output=True, text=True)
	if check and r.returncode:
		raise SystemExit("python_client_settings: git %s: %s" % (
			" ".join(args), r.stderr.strip()))
	return r.stdout if r.returncode == 0 else None


def branch_of(ver):
	return {"1.4": "v1.4-andium", "1.5": "v1.5-variegata"}.get(
		ver.rsplit(".", 1)[0])


def read(gitdir, ver):
	ref, assumed = "v" + ver, False
	if git(gitdir, "rev-parse", "-q", "--verify", ref + "^{commit}",
	       check=False) is None:
		ref, assumed = branch_of(ver), True
		if not ref:
			raise SystemExit("python_client_settings: no tag or "
					 "branch for %s" % ver)
	sha = git(gitdir, "rev-parse", ref + "^{commit}").strip()
	for path in FILES:
		text = git(gitdir, "show", "%s:%s" % (sha, path), check=False)
		if text is not None:
			break
	else:
		raise SystemExit("python_client_settings: no pyconnection.cpp "
				 "at %s" % ref)
	rows = []
	for name, t in OPTION.findall(text):
		if t not in TYPES:
			raise SystemExit("python_client_settings: %s %s: type %s "
					 "not mapped" % (ver, name, t))
		rows.append((ver, name, TYPES[t],
			     ("assumed:" if assumed else "") + sha[:12], path))
	if not rows:
		raise SystemExit("python_client_settings: no AddExtensionOption "
				 "at %s (has the code moved?)" % ref)
	return rows


def main():
	args = sys.argv[1:]
	out = None
	if "-o" in args:
		i = args.index("-o")
		out = args[i + 1]
		del args[i:i + 2]
	if len(args) != 1:
		sys.stderr.write(__doc__)
		return 2
	data = os.path.dirname(HERE)
	lines = [
		"# the settings DuckDB's Python client registers itself",
		"# (DuckDBPyConnection::Connect, AddExtensionOption), per release,",
		"# read from duckdb/duckdb-python at the tag v<release> by",
		"# src/engine/data/tools/python_client_settings.py; do not edit",
		"# by hand.  assumed:<commit>: no tag, the release branch's head.",
		"release\tname\tinput_type\tcommit\tfile",
	]
	for ver, npm, _pin in read_releases(data):
		if npm == "-":
			continue
		for r in read(args[0], ver):
			lines.append("\t".join(r))
	text = "\n".join(lines) + "\n"
	if out:
		write_text(out, text)
	else:
		sys.stdout.write(text)
	return 0


if __name__ == "__main__":
	sys.exit(main())
