#!/usr/bin/env python3
"""Extract the settings of one DuckDB release from its libduckdb.so.

    python3 extract_settings.py LIBDUCKDB PACKAGE [--candidates FILE] [-o OUT]

LIBDUCKDB is the shared library (npm @duckdb/node-bindings-linux-x64 ships
it), PACKAGE the npm name@version it came from (written in the header).

It lists duckdb_settings() (name, scope, input_type, aliases, description)
and then PROBES every setting the way the engine really behaves, each probe
on a FRESH in-memory database in a child process of its own (a SET can
change process state: threads, temp_directory, lock_configuration, ...),
with extension auto-install and auto-load off, so nothing is downloaded:

  set_current   SET name = <the value it has at start-up>
  set_true      SET name = true     (BOOLEAN settings only)
  set_false     SET name = false    (BOOLEAN settings only)
  after_*       the same, after `FROM duckdb_secrets()` used the secret
                manager

Every outcome is written: `OK`, or the engine's error text (first line).
The flags follow from the outcomes:

  startup_only    every value refused "... while database is running"
  startup_relax   some values refused that way, others accepted
  secret_manager  a value accepted on a fresh database is refused once the
                  secret manager was used
  init_only       "can only be set during initialization"
  deprecated      every value refused: "This setting is deprecated and can
                  no longer be used"

--candidates names settings that extensions define (one name a line, `#`
comments); each is SET on a fresh database without the extension, and the
engine's "is not in the catalog, but it exists in the X extension" answer
is kept as a row with scope `-` and extension X.  A candidate the engine
does not know is left out.

Nothing here is part of the build: the output is committed under
src/engine/data/duckdb-settings/ and turned into duckdb_settings.def by
gen_defs.py.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import (Engine, ident, lib_args, one_line, parse_list,  # noqa: E402
		    read_candidates, sql_str, write_lines)

SCRIPT = "src/engine/data/tools/extract_settings.py"
PROBE_TIMEOUT = 60


def probe_one(lib_path, name, input_type):
	"""Child process: every probe of one setting, each on a fresh db."""
	eng = Engine(lib_path)
	out = {}
	values = ["current"]
	if input_type == "BOOLEAN":
		values += ["true", "false"]
	for after in (False, True):
		for v in values:
			db, con = eng.open()
			try:
				if after:
					_, err = eng.query(con,
							   "FROM duckdb_secrets()")
					if err:
						raise RuntimeError(err)
				if v == "current":
					rows, err = eng.query(
						con, "SELECT current_setting(%s)"
						"::VARCHAR" % sql_str(name))
					if err:
						out[(after, v)] = one_line(err)
						continue
					cur = rows[0][0]
					lit = "NULL" if cur is None else sql_str(cur)
				else:
					lit = v
				_, err = eng.query(con, "SET %s = %s" % (ident(name),
								   lit))
				out[(after, v)] = "OK" if err is None else one_line(err)
			finally:
				eng.close(db, con)
	return {("after_" if a else "set_") + v: o for (a, v), o in out.items()}


def run_child(lib_path, name, input_type, workdir):
	env = dict(os.environ, HOME=workdir)
	cmd = [sys.executable, os.path.abspath(__file__), lib_path, "-",
	       "--probe", name, input_type]
	try:
		p = subprocess.run(cmd, cwd=workdir, env=env, capture_output=True,
				   text=True, timeout=PROBE_TIMEOUT)
	except subprocess.TimeoutExpired:
		return None, "probe timed out"
	if p.returncode != 0:
		return None, "probe crashed (exit %d): %s" % (
			p.returncode, one_line(p.stderr or ""))
	return json.loads(p.stdout), None


RUNNING = ("while database is running", "while the database is running")
SECRET_MGR = "after the secret manager is used"
INIT_ONLY = "can only be set during initialization"
DEPRECATED = "deprecated and can no longer be used"


def classify(outcomes):
	flags = []
	before = {k[4:]: v for k, v in outcomes.items() if k.startswith("set_")}
	after = {k[6:]: v for k, v in outcomes.items()
		 if k.startswith("after_")}
	refused = [v for v, o in before.items() if any(r in o for r in RUNNING)]
	if refused and len(refused) == len(before):
		flags.append("startup_only")
	elif refused:
		flags.append("startup_relax")
	if any(before.get(v) == "OK" and SECRET_MGR in o
	       for v, o in after.items()):
		flags.append("secret_manager")
	if any(INIT_ONLY in o for o in outcomes.values()):
		flags.append("init_only")
	if before and all(DEPRECATED in o for o in before.values()):
		flags.append("deprecated")
	return flags


COLUMNS = ("name", "scope", "input_type", "alias_of", "extension", "flags",
	   "set_current", "set_true", "set_false",
	   "after_current", "after_true", "after_false", "description")


def extract(lib_path, package, candidates):
	eng = Engine(lib_path)
	db, con = eng.open()
	version, source_id = eng.version(con)
	rows = eng.rows(con, "SELECT name, scope, input_type, "
			"aliases::VARCHAR[]::VARCHAR, description "
			"FROM duckdb_settings()")
	eng.close(db, con)

	# aliases[] names other spellings; some releases also list an alias
	# as a row of its own (then it is probed as itself)
	alias_of = {}
	for name, _s, _t, aliases, _d in rows:
		for a in parse_list(aliases):
			alias_of.setdefault(a.lower(), name)
	listed = {r[0].lower() for r in rows}
	out = []
	with tempfile.TemporaryDirectory(prefix="floe-settings-") as work:
		for name, scope, itype, aliases, desc in rows:
			res, err = run_child(lib_path, name, itype, work)
			if err:
				res = {"set_current": err}
			rec = {"name": name, "scope": scope, "input_type": itype,
			       "alias_of": alias_of.get(name.lower(), "-"),
			       "extension": "-",
			       "flags": ",".join(classify(res)) or "-",
			       "description": one_line(desc or "") or "-"}
			for c in COLUMNS[6:12]:
				rec[c] = res.get(c, "-")
			out.append(rec)
			for a in parse_list(aliases):
				if a.lower() not in listed:
					out.append(dict(rec, name=a, alias_of=name))
		known = {r["name"].lower() for r in out}
		for cand in candidates:
			if cand.lower() in known:
				continue
			ext = extension_of(eng, cand)
			if ext is None:
				continue
			out.append({"name": cand, "scope": "-", "input_type": "-",
				    "alias_of": "-", "extension": ext,
				    "flags": "extension",
				    "set_current": "-", "set_true": "-",
				    "set_false": "-", "after_current": "-",
				    "after_true": "-", "after_false": "-",
				    "description": "-"})
			known.add(cand.lower())
	out.sort(key=lambda r: (r["name"].lower(), r["name"]))
	return version, source_id, out


def extension_of(eng, name):
	"""The extension the engine says defines setting `name`, or None."""
	db, con = eng.open()
	try:
		_, err = eng.query(con, "SET %s = NULL" % ident(name))
	finally:
		eng.close(db, con)
	marker = "but it exists in the "
	if err and marker in err:
		return err.split(marker, 1)[1].split(" extension")[0]
	return None


def main():
	ap = lib_args(__doc__, candidates=True)
	ap.add_argument("--probe", nargs=2, help=argparse.SUPPRESS)
	args = ap.parse_args()
	if args.probe:
		res = probe_one(args.lib, args.probe[0], args.probe[1])
		json.dump(res, sys.stdout)
		return 0
	version, source_id, rows = extract(os.path.abspath(args.lib),
					   args.package,
					   read_candidates(args.candidates))
	lines = [
		"# duckdb_settings() of DuckDB %s (source_id %s)" % (
			version, source_id),
		"# library: libduckdb.so from npm %s" % args.package,
		"# extracted by %s (probes on fresh in-memory databases," % SCRIPT,
		"# extension auto-install/auto-load off); do not edit by hand",
		"\t".join(COLUMNS),
	]
	for r in rows:
		lines.append("\t".join(r[c] if r[c] is not None else "-"
				       for c in COLUMNS))
	write_lines(args.output, lines)
	return 0


if __name__ == "__main__":
	sys.exit(main())
