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
gen_settings_def.py.
"""

import argparse
import ctypes
import json
import os
import subprocess
import sys
import tempfile

SCRIPT = "src/engine/data/tools/extract_settings.py"
PROBE_TIMEOUT = 60
INIT_CONFIG = (
	("autoinstall_known_extensions", "false"),
	("autoload_known_extensions", "false"),
)


class Engine:
	"""The few C API calls we need, through ctypes."""

	def __init__(self, path):
		lib = ctypes.CDLL(path)
		lib.duckdb_value_varchar.restype = ctypes.c_void_p
		lib.duckdb_value_is_null.restype = ctypes.c_bool
		lib.duckdb_result_error.restype = ctypes.c_char_p
		lib.duckdb_row_count.restype = ctypes.c_uint64
		lib.duckdb_column_count.restype = ctypes.c_uint64
		lib.duckdb_column_name.restype = ctypes.c_char_p
		lib.duckdb_set_config.argtypes = [ctypes.c_void_p,
						  ctypes.c_char_p,
						  ctypes.c_char_p]
		lib.duckdb_free.argtypes = [ctypes.c_void_p]
		self.lib = lib

	def open(self):
		lib = self.lib
		cfg = ctypes.c_void_p()
		if lib.duckdb_create_config(ctypes.byref(cfg)) != 0:
			raise RuntimeError("duckdb_create_config failed")
		for k, v in INIT_CONFIG:
			if lib.duckdb_set_config(cfg, k.encode(), v.encode()) != 0:
				raise RuntimeError("duckdb_set_config %s failed" % k)
		db = ctypes.c_void_p()
		err = ctypes.c_char_p()
		rc = lib.duckdb_open_ext(None, ctypes.byref(db), cfg,
					 ctypes.byref(err))
		lib.duckdb_destroy_config(ctypes.byref(cfg))
		if rc != 0:
			raise RuntimeError("duckdb_open_ext: %s" % err.value)
		con = ctypes.c_void_p()
		if lib.duckdb_connect(db, ctypes.byref(con)) != 0:
			raise RuntimeError("duckdb_connect failed")
		return db, con

	def close(self, db, con):
		self.lib.duckdb_disconnect(ctypes.byref(con))
		self.lib.duckdb_close(ctypes.byref(db))

	def query(self, con, sql):
		"""Rows (lists of str or None), or an error string."""
		lib = self.lib
		res = (ctypes.c_byte * 64)()	# duckdb_result: 48 bytes
		rc = lib.duckdb_query(con, sql.encode(), ctypes.byref(res))
		try:
			if rc != 0:
				msg = lib.duckdb_result_error(ctypes.byref(res))
				return None, (msg or b"(no message)").decode()
			rows = []
			nc = lib.duckdb_column_count(ctypes.byref(res))
			for r in range(lib.duckdb_row_count(ctypes.byref(res))):
				row = []
				for c in range(nc):
					if lib.duckdb_value_is_null(
							ctypes.byref(res), c, r):
						row.append(None)
						continue
					p = lib.duckdb_value_varchar(
						ctypes.byref(res), c, r)
					row.append(ctypes.string_at(p).decode())
					lib.duckdb_free(p)
				rows.append(row)
			return rows, None
		finally:
			lib.duckdb_destroy_result(ctypes.byref(res))


def write_lines(path, lines):
	"""The lines to `path`, replaced atomically (or not at all), or to
	stdout when path is None; the one writer of every extractor here."""
	text = "\n".join(lines) + "\n"
	if not path:
		sys.stdout.write(text)
		return
	tmp = path + ".tmp"
	with open(tmp, "w", encoding="utf-8") as f:
		f.write(text)
	os.replace(tmp, path)


def one_line(text):
	"""The first line of an error, tabs removed (TSV-safe)."""
	line = text.strip().split("\n")[0]
	return line.replace("\t", " ").replace("\r", "").strip()


def sql_str(value):
	return "'" + value.replace("'", "''") + "'"


def probe_one(lib_path, name, input_type):
	"""Child process: every probe of one setting, each on a fresh db."""
	eng = Engine(lib_path)
	out = {}
	values = ["current"]
	if input_type == "BOOLEAN":
		values += ["true", "false"]
	ident = '"' + name.replace('"', '""') + '"'
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
				_, err = eng.query(con, "SET %s = %s" % (ident, lit))
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
	rows, err = eng.query(con, "SELECT library_version, source_id "
			      "FROM pragma_version()")
	if err:
		raise RuntimeError(err)
	version, source_id = rows[0]
	rows, err = eng.query(con, "SELECT name, scope, input_type, "
			      "aliases::VARCHAR[]::VARCHAR, description "
			      "FROM duckdb_settings()")
	if err:
		raise RuntimeError(err)
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


def parse_list(text):
	"""DuckDB's VARCHAR rendering of a list: [a, b] (or NULL)."""
	if not text or text == "[]":
		return []
	return [x.strip() for x in text.strip("[]").split(",") if x.strip()]


def extension_of(eng, name):
	"""The extension the engine says defines setting `name`, or None."""
	db, con = eng.open()
	try:
		ident = '"' + name.replace('"', '""') + '"'
		_, err = eng.query(con, "SET %s = NULL" % ident)
	finally:
		eng.close(db, con)
	marker = "but it exists in the "
	if err and marker in err:
		return err.split(marker, 1)[1].split(" extension")[0]
	return None


def read_candidates(path):
	if not path:
		return []
	names = []
	with open(path, encoding="utf-8") as f:
		for line in f:
			line = line.split("#", 1)[0].strip()
			if line:
				names.append(line.split()[0])
	return names


def main():
	ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
	ap.add_argument("lib")
	ap.add_argument("package")
	ap.add_argument("--candidates")
	ap.add_argument("-o", "--output")
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
