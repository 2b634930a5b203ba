#!/usr/bin/env python3
"""Probe which settings DuckDB refuses to SET once another setting has
been applied, on the real engine of one release.

    python3 probe_locks.py LIBDUCKDB PACKAGE SETTINGS_TSV [-o OUT]

LIBDUCKDB is the release's shared library (npm
@duckdb/node-bindings-linux-x64 ships it), PACKAGE the npm name@version it
came from, SETTINGS_TSV the release's duckdb-settings/VERSION.tsv.

dbt-duckdb runs every `settings:` entry as SET name = '<str(value)>' on
every new cursor (environments/local.py handle() -> initialize_cursor),
so a setting that, once applied, makes DuckDB refuse a later SET breaks
the second cursor even where the first one ran: lock_configuration on
refuses every later SET, its own included; enable_external_access off
refuses a few.  For each restrictor of RESTRICTORS and each setting of
the release that takes its start-up value on a fresh database (no
extension's, no alias, set_current OK), on a fresh in-memory database
(extension auto-install and auto-load off): SET the restrictor, then SET
the setting to its start-up value (duckdb_settings().value), and the
restrictor again.  A row for each refusal: the restrictor, its value,
the setting refused and the first line of the engine's error.  A row
`-` for a restrictor the release refuses itself or does not have.

The restrictors are those duckdb_settings() names in its own
descriptions of the settings that lift them ("even when
lock_configuration is true": allowed_configs; "even when
enable_external_access is false": allowed_directories, allowed_paths);
the probe holds that list to the release's descriptions and fails when
a description names a restrictor missing here.

The output (a TSV, committed as src/engine/data/duckdb-locks/VERSION.tsv)
is what gen_locks.py turns into src/engine/duckdb_locks.def.  Not part
of the build.
"""

import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from common import (Engine, ident, in_scratch, lib_args, one_line,  # noqa: E402
		    read_tsv, sql_str, write_probe)

SCRIPT = "src/engine/data/tools/probe_locks.py"

# (setting, the value dbt-duckdb writes for the YAML value that restricts)
RESTRICTORS = (
	("lock_configuration", "True"),
	("enable_external_access", "False"),
)

NAMED = re.compile(r"even when ([a-z_]+) is (true|false)")


def probe(lib, settings):
	return in_scratch(probe_in, lib, settings)


def probe_in(lib, settings):
	eng = Engine(lib)
	db, con = eng.open()
	version, source_id = eng.version(con)
	start = {r[0]: r[1] for r in eng.rows(
		con, "SELECT name, value FROM duckdb_settings()")}
	eng.close(db, con)
	names = {r["name"] for r in settings}
	known = {r for r, _ in RESTRICTORS}
	for r in settings:
		for m in NAMED.finditer(r["description"]):
			if m.group(1) not in known:
				raise RuntimeError("%s names restrictor %s, not in "
						   "RESTRICTORS" % (r["name"],
								    m.group(1)))
	out = []
	for rname, rval in RESTRICTORS:
		if rname not in names:
			out.append((rname, rval, "-", "not a setting"))
			continue
		for r in settings:
			if (r["extension"] != "-" or r["alias_of"] != "-" or
			    r["set_current"] != "OK"):
				continue
			name = r["name"]
			db, con = eng.open()
			try:
				_, err = eng.query(con, "SET %s = %s" % (
					rname, sql_str(rval)))
				if err:
					out.append((rname, rval, "-",
						    one_line(err)))
					break
				value = start.get(name) or ""
				_, err = eng.query(con, "SET %s = %s" % (
					ident(name), sql_str(value)))
				if err:
					out.append((rname, rval, name,
						    one_line(err)))
			finally:
				eng.close(db, con)
		# the restrictor again, as the next cursor runs it
		db, con = eng.open()
		try:
			eng.query(con, "SET %s = %s" % (rname, sql_str(rval)))
			_, err = eng.query(con, "SET %s = %s" % (rname,
								 sql_str(rval)))
			if err and not any(o[0] == rname and o[2] == rname
					   for o in out):
				out.append((rname, rval, rname, one_line(err)))
		finally:
			eng.close(db, con)
	return version, source_id, out


COLUMNS = ("restrictor", "value", "setting", "error")


def main():
	args = lib_args(__doc__, "settings").parse_args()
	version, source_id, rows = probe(os.path.abspath(args.lib),
					 read_tsv(args.settings)[2])
	write_probe(args.output, "the settings refused once another is "
		    "SET, of DuckDB v%s (source_id %s)" % (version.lstrip("v"),
						   source_id),
		    args.package, SCRIPT, COLUMNS, rows)
	return 0


if __name__ == "__main__":
	sys.exit(main())
