#!/usr/bin/env python3
"""Generate src/engine/duckdb_files.def from the probes of which paths
DuckDB takes for one database file.

    python3 gen_files.py [DATA_DIR] [--check]

DATA_DIR (default: the folder above this script) holds
duckdb-releases.tsv and duckdb-files/VERSION.tsv (probe_files.py's
output, one a release).  The rows:

  DUCKDB_FILE_IDENTITY(first, last, identity)
      how the releases first..last tell whether a path names a database
      file already attached (then ATTACH fails with "Unique file handle
      conflict"):
      FE_FILE_TEXT_CI      the path as written, compared without case:
                           A.duckdb is a.duckdb, ./a.duckdb is not
      FE_FILE_NORMALIZED   the path made absolute and normalised (".",
                           "..", repeated "/"), compared with case:
                           ./a.duckdb and sub/../a.duckdb are a.duckdb,
                           A.duckdb is not
  DUCKDB_PATH_SLASH(first, last, behaviour)
      what the releases first..last do with a duckdb path ending in "/"
      (lake.duckdb/), from probe_files.py's `slash` rows:
      FE_SLASH_FAILS       the file cannot be opened ("IO Error: Cannot
                           open file "lake.duckdb/": Is a directory"),
                           with or without AS; the name (the alias, or
                           without AS the path without its slashes:
                           lake) is read first: ATTACH IF NOT EXISTS
                           does nothing when it is taken, and a reserved
                           name (temp) is refused, as duckdb-names/
                           says of it; a name that attaches there (Temp,
                           MAIN) fails to open, as does a taken one
                           under plain ATTACH
      FE_SLASH_DROPPED     the slashes are dropped: the path attaches
                           as the path without them, named as it is
                           (lake.duckdb/ is lake), and a taken name is
                           refused ("already exists") or, under IF NOT
                           EXISTS, does nothing; any other name is
                           judged as duckdb-names/ says

Each release's probe must be explained, row by row and in both forms of
ATTACH, by exactly one identity: a conflict where it predicts one file
and none where it predicts two (another refusal, such as a folder that
does not exist, counts as none).  Otherwise the script fails: a release
that behaves otherwise needs a new identity, not a guess.
Each release's `slash` rows must be explained, in both forms, by
exactly one behaviour as well, with the names that the release's
duckdb-names/ probe lists (the same names as a file's, file:<name>).  Consecutive releases with the same
identity (behaviour) become one row.  With
--check nothing is written: the exit status is 1 when the committed .def
is not what the data gives.  Only the standard library is used.
"""

import os
import posixpath
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from common import (gen_main, probe_heads, read_probes,  # noqa: E402
		    release_spans)

SCRIPT = "src/engine/data/tools/gen_files.py"
CONFLICT = "Unique file handle conflict"
DIR = "/probe-dir"	# what <dir>, the probe's scratch folder, stands for


def text_ci(a, b):
	return a.lower() == b.lower()


def normalized(a, b):
	def norm(p):
		p = p.replace("<dir>", DIR)
		return posixpath.normpath(posixpath.join(DIR, p))
	return norm(a) == norm(b)


IDENTITIES = (("FE_FILE_TEXT_CI", text_ci),
	      ("FE_FILE_NORMALIZED", normalized))


def identity(ver, header, rows):
	"""The one identity that explains every row of a release."""
	fits = []
	for name, same in IDENTITIES:
		ok = True
		for r in rows:
			r = dict(zip(header, r))
			if r["case"] == "slash":
				continue
			one = r["first"] != ":memory:" and \
				same(r["first"], r["second"])
			for form in ("plain", "if_not_exists"):
				if (CONFLICT in r[form]) != one:
					ok = False
		if ok:
			fits.append(name)
	if len(fits) != 1:
		raise SystemExit("%s: %s: %s explain the probe" %
				 (SCRIPT, ver, " and ".join(fits) or "no identity"))
	return fits[0]


def slash_name(path):
	"""The name DuckDB gives a file: its base name up to the first dot,
	leading dots skipped (the probe's paths have no reserved name)."""
	return path.rstrip("/").rsplit("/", 1)[-1].lstrip(".").split(".")[0]


def slash_said(path, second, form, names):
	"""What duckdb-names/ says the release does with the name of a `slash`
	row's ATTACH (its alias, or the name of its file: file:<name>) in
	`form`: NOOP (IF NOT EXISTS finds it and does nothing), a refusal,
	or OK (every name it does not list attaches)."""
	key = second[3:] if second.startswith("AS ") else \
		"file:" + slash_name(path)
	return names.get(key, ("OK", "OK"))[form == "if_not_exists"]


def slash_fails(path, second, form, out, names):
	if second.startswith("taken:"):
		if form == "if_not_exists" and \
				slash_name(path).lower() == second[6:].lower():
			return out == "OK: %s=-" % second[6:]	# does nothing
		return "Is a directory" in out
	# the name is read before the file is opened: IF NOT EXISTS finds
	# it (Temp on 1.4.0, memory), or it is reserved (temp); any other
	# refusal of the name (memory's "already exists" under plain ATTACH)
	# comes after the open, and no name that attaches (Temp, MAIN) is
	# told from lake
	said = slash_said(path, second, form, names)
	if said == "NOOP":
		return out == "OK: "
	if "reserved name" in said:
		return out == said
	return "Is a directory" in out


def slash_dropped(path, second, form, out, names):
	name = slash_name(path)
	if second.startswith("taken:"):
		if form == "if_not_exists":
			return out == "OK: %s=-" % second[6:]
		return out == ("Binder Error: Failed to attach database: "
			       "database with name \"%s\" already exists" % name)
	# the path attaches as without its slashes: what the name gets
	said = slash_said(path, second, form, names)
	if said == "NOOP":
		return out == "OK: "
	if said != "OK":
		return out == said
	if second != "-":
		name = second.split()[-1]	# AS x
	p = path.rstrip("/").replace("<dir>/", "")
	return out == "OK: %s=<dir>/%s" % (name, p)


SLASHES = (("FE_SLASH_FAILS", slash_fails),
	   ("FE_SLASH_DROPPED", slash_dropped))


def slash(ver, header, rows, names):
	"""The one behaviour that explains every `slash` row of a release
	(names: the release's duckdb-names/ verdicts, name_verdicts())."""
	rows = [dict(zip(header, r)) for r in rows]
	rows = [r for r in rows if r["case"] == "slash"]
	fits = [name for name, fn in SLASHES
		if rows and all(fn(r["first"], r["second"], form, r[form],
				   names)
				for r in rows
				for form in ("plain", "if_not_exists"))]
	if len(fits) != 1:
		raise SystemExit("%s: %s: %s explain the slash rows" %
				 (SCRIPT, ver, " and ".join(fits) or "no behaviour"))
	return fits[0]


def name_verdicts(data):
	"""{release: {name: (plain, if_not_exists)}} from duckdb-names/
	(extract_names.py: only the names with a refusal are listed)."""
	out = {}
	for ver, _c, header, rows in read_probes(data, "duckdb-names"):
		rows = [dict(zip(header, r)) for r in rows]
		out[ver] = {r["name"]: (r["plain"], r["if_not_exists"])
			    for r in rows}
	return out


def folders_fail(ver, header, rows):
	"""Every `folder` row refused in both forms ("Is a directory"): a
	path that names a folder whatever its slashes (/, ./, sub/..) fails
	on every release, which the rules take without a row."""
	rows = [dict(zip(header, r)) for r in rows]
	rows = [r for r in rows if r["case"] == "folder"]
	if not rows or not all("Is a directory" in r[form]
			       for r in rows
			       for form in ("plain", "if_not_exists")):
		raise SystemExit("%s: %s: a folder path does not fail on "
				 "every row" % (SCRIPT, ver))


def render(data):
	probes = read_probes(data, "duckdb-files")
	vers = [ver for ver, _c, _h, _r in probes]
	for ver, _c, header, rows in probes:
		folders_fail(ver, header, rows)
	facts = {ver: {identity(ver, header, rows)}
		 for ver, _c, header, rows in probes}
	lines = [
		"/*",
		" * How each release tells whether a path names a database "
		"file already attached",
		" * (ATTACH then fails with \"Unique file handle conflict\"),"
		" and what they do with a",
		" * path ending in \"/\" (a path that names a folder "
		"whatever its slashes, / or ./,",
		" * fails on every release: gen_files.py checks it, without a "
		"row):",
		" *   DUCKDB_FILE_IDENTITY(first, last, identity)",
		" *   DUCKDB_PATH_SLASH(first, last, behaviour)",
		" * (tools/gen_files.py says what they mean.)",
		" * Generated by %s; do not edit." % SCRIPT,
		" *",
		" * Read from the real engine: probe_files.py attaches pairs "
		"of paths, a path",
		" * to the database opened on another, and paths ending in "
		"\"/\", in a scratch folder,",
		" * on each release:",
	] + probe_heads("duckdb-files", probes) + [" */"]
	spans = sorted(release_spans(facts, vers),
		       key=lambda s: [int(x) for x in s[3].split(".")])
	for name, first, last, _v in spans:
		lines.append("DUCKDB_FILE_IDENTITY(%s, %s, %s)" %
			     (first, last, name))
	names = name_verdicts(data)
	facts = {ver: {slash(ver, header, rows, names.get(ver, {}))}
		 for ver, _c, header, rows in probes}
	spans = sorted(release_spans(facts, vers),
		       key=lambda s: [int(x) for x in s[3].split(".")])
	for name, first, last, _v in spans:
		lines.append("DUCKDB_PATH_SLASH(%s, %s, %s)" %
			     (first, last, name))
	return "\n".join(lines) + "\n"


def main():
	return gen_main(render, "duckdb_files.def", SCRIPT, HERE)


if __name__ == "__main__":
	sys.exit(main())
