#!/usr/bin/env python3
"""Probe how one DuckDB release casts dbt-duckdb's renderings of setting
values to each setting input type, on the real engine.

    python3 probe_casts.py LIBDUCKDB PACKAGE SETTINGS_TSV [-o OUT]

LIBDUCKDB is the release's shared library (npm
@duckdb/node-bindings-linux-x64 ships it), PACKAGE the npm name@version it
came from, SETTINGS_TSV the release's duckdb-settings/VERSION.tsv
(extract_settings.py's output: the settings and their input types).

dbt-duckdb runs every `settings:` entry as SET name = '<str(value)>'
(environments/__init__.py): a YAML true becomes the text 'True', 4 '4',
null 'None'.  DuckDB casts that VARCHAR literal to the setting's input
type before the setting sees it.  Two probes, on fresh in-memory
databases (extension auto-install and auto-load off):

  cast  rows: for every input type the release's settings use and every
        value of VALUES, `SELECT CAST('<value>' AS <type>)::VARCHAR`
        (the cast alone) and `SET <setting> = '<value>'` on one ordinary
        setting of that type (no flags, its start-up value accepted),
        the way dbt-duckdb writes it; the outcome of each is `OK` or the
        first line of the engine's error.
  order rows: for EVERY setting of a type other than VARCHAR, SET with a
        value that does not cast ('abc'; 'True' too unless BOOLEAN), on
        a fresh database and after `FROM duckdb_secrets()` used the
        secret manager (as dbt-duckdb's SETs run after the ATTACH): does
        the cast fail first, before a start-up-only, secret-manager or
        deprecated refusal?  A value that does not cast is never
        applied, so these probes change no state.
A statement shares the database of the one before only when that one
changed nothing (see Db).

The output (a TSV, committed as src/engine/data/duckdb-casts/VERSION.tsv)
is the evidence src/engine/engine.c's fe_setting_cast() is held to by
tests/unit/test_engine_casts.c.  Values are written with \\t, \\n and
\\\\ escaped.  Not part of the build.
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from common import (Engine, ident, lib_args, one_line, read_tsv, sql_str,  # noqa: E402
		    write_probe)

SCRIPT = "src/engine/data/tools/probe_casts.py"

# dbt's renderings (str() of YAML booleans, integers, floats, None,
# lists, maps) and the edges of each cast's grammar
VALUES = [
	"True", "False", "None", "true", "false", "TRUE", "FALSE", "tRuE",
	"t", "f", "T", "F", "yes", "no", "Yes", "NO", "y", "n", "Y", "N",
	"on", "off", "ON", "1", "0", "2", "-1", "-0", "+1", "+0", "+-1",
	"--1", "00", "007", "1.5", "2.5", "-1.5", "-0.5", "0.5", "0.4",
	"1.0", ".5", "5.", ".", "1.2.3", "1e3", "1E3", "1e-3", "1.5e3",
	"1e+20", "1e", "e3", "0x10", "0X1F", "0xg", "0b101", "0o17", "010",
	"1_000", "_1", "1_", "1__0", "1_000.5", " 1", "1 ", " 1 ", "\t1",
	"1\n", "1 000", "", " ", "abc", "ABC", "deadbeef", "null", "NULL",
	"10GB", "1GB", "4GiB", "100%", "1s", "5 minutes", "inf", "-inf",
	"+inf", "Infinity", "-Infinity", "INF", "nan", "NaN", "-nan",
	"9223372036854775807", "9223372036854775808",
	"-9223372036854775808", "-9223372036854775809",
	"18446744073709551615", "18446744073709551616",
	"99999999999999999999", "1.7976931348623157e308", "1e309",
	"4.9e-324", "1e-400", "[a, b]", "['a', 'b']", "[]", " [a] ", "[a",
	"a]", "[1, 2]", "{'a': 1}", "{}", "2024-01-01", "00:00:01",
	"caf\u00e9", "\u0661", "\uff11", "1\u00a0",
	# exponents at the integer types' bounds (threads: '1e20'): the
	# value is exact, the exponent a 16-bit number
	"1e20", "1e19", "-1e19", "9.3e18", "9.2e18", "-9.3e18",
	"9.223372036854775807e18", "9.223372036854775808e18",
	"-9.223372036854775808e18", "-9.223372036854775809e18",
	"1.8446744073709551615e19", "1.8446744073709551616e19",
	"1844674407370955161e1", "10000000000000000000e-1",
	"1.00000000000000000000000000009e18", "0.5e1", ".5e1", "1.e5",
	"1.45e1", "5e-2", "-5e-1", "-0e5", "0e32767", "0e32768",
	"1e-32768", "1e-32769", "1e5.0", "1e+", "1_0e2", "1e1_0",
]

# the ordinary setting of each type SET is probed on, when the release
# has it; otherwise the first eligible one
PREFER = {
	"BOOLEAN": ["enable_progress_bar", "preserve_insertion_order"],
	"UBIGINT": ["max_vacuum_tasks", "max_expression_depth"],
	"BIGINT": ["progress_bar_time", "worker_threads"],
	"DOUBLE": ["index_scan_percentage"],
	"VARCHAR": ["custom_profiling_settings", "profiling_output"],
	"VARCHAR[]": ["allowed_directories", "allowed_paths"],
}


def read_settings(path):
	"""The rows of extract_settings.py's TSV, as dicts."""
	return read_tsv(path)[2]


def eligible(r):
	return (r["flags"] == "-" and r["alias_of"] == "-" and
		r["extension"] == "-" and r["set_current"] == "OK" and
		r["after_current"] == "OK")


CAST_FAILED = ("Conversion Error:", "Invalid Input Error: Failed to cast value:")


class Db:
	"""Fresh in-memory databases; with secrets, the secret manager has
	been used (FROM duckdb_secrets()), as before dbt-duckdb's SETs.  A
	statement runs on the database of the one before only when that one
	changed nothing: it failed to cast (the value is never applied) or
	was a SELECT that succeeded.  Anything else (a SET that applied a
	value, a setting's own refusal, an internal error that invalidates
	the database) gets the next statement a new database."""

	def __init__(self, eng, secrets=False):
		self.eng, self.secrets = eng, secrets
		self.db = self.con = None

	def run(self, sql):
		if self.con is None:
			self.db, self.con = self.eng.open()
			if self.secrets:
				_, err = self.eng.query(self.con,
							"FROM duckdb_secrets()")
				if err:
					raise RuntimeError(err)
		_, err = self.eng.query(self.con, sql)
		res = "OK" if err is None else one_line(err)
		clean = (res.startswith(CAST_FAILED) or
			 (res == "OK" and sql.startswith("SELECT")))
		if not clean:
			self.close()
		return res

	def close(self):
		if self.con is not None:
			self.eng.close(self.db, self.con)
		self.db = self.con = None


def probe(lib, settings):
	eng = Engine(lib)
	db, con = eng.open()
	version, source_id = eng.version(con)
	eng.close(db, con)
	types = sorted({r["input_type"] for r in settings
			if r["input_type"] != "-"})
	out = []
	casts = Db(eng)
	for t in types:
		names = [r["name"] for r in settings
			 if r["input_type"] == t and eligible(r)]
		pick = next((n for n in PREFER.get(t, []) if n in names),
			    names[0] if names else None)
		sets = Db(eng)
		for v in VALUES:
			cast = casts.run("SELECT CAST(%s AS %s)::VARCHAR" % (
				sql_str(v), t))
			st = sets.run("SET %s = %s" % (ident(pick), sql_str(v))) \
				if pick else "-"
			out.append(("cast", t, pick or "-", v, cast, st))
		sets.close()
	casts.close()
	for after in (False, True):
		d = Db(eng, after)
		for r in settings:
			t = r["input_type"]
			if t in ("-", "VARCHAR") or r["extension"] != "-":
				continue
			for v in (["abc"] if t == "BOOLEAN" else ["True", "abc"]):
				st = d.run("SET %s = %s" % (ident(r["name"]),
							   sql_str(v)))
				out.append(("order_after" if after else "order",
					    t, r["name"], v, "-", st))
		d.close()
	return version, source_id, out


COLUMNS = ("probe", "input_type", "setting", "value", "cast", "set")


def main():
	args = lib_args(__doc__, "settings").parse_args()
	version, source_id, rows = probe(os.path.abspath(args.lib),
					 read_settings(args.settings))
	write_probe(args.output, "casts of dbt-duckdb's setting values on "
		    "DuckDB %s (source_id %s)" % (version, source_id),
		    args.package, SCRIPT, COLUMNS, rows)
	return 0


if __name__ == "__main__":
	sys.exit(main())
