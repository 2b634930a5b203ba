#!/usr/bin/env python3
"""Probe how one DuckDB release casts strings to INTERVAL, on the real engine.

    python3 probe_intervals.py LIBDUCKDB PACKAGE [-o OUT]

LIBDUCKDB is the release's shared library (npm
@duckdb/node-bindings-linux-x64 ships it), PACKAGE the npm name@version it
came from.

The iceberg extension reads the ATTACH option MAX_TABLE_STALENESS with
entry.second.DefaultCastAs(LogicalType::INTERVAL) (duckdb-iceberg
iceberg_catalog.cpp, every 1.5 pin), and dbt-duckdb writes a string
option quoted: MAX_TABLE_STALENESS '<value>'.  So what the ATTACH does
with a string is what `SELECT CAST('<value>' AS INTERVAL)` does.  For
every value of VALUES, on one fresh in-memory database (extension
auto-install and auto-load off; a failed cast changes nothing), the
outcome is `OK` or the first line of the engine's error.

The output (a TSV, committed as src/engine/data/duckdb-intervals/VERSION.tsv)
is the evidence src/engine/engine.c's fe_interval_cast() is held to by
tests/unit/test_engine_casts.c.  Values are written with \\t, \\n and \\\\
escaped.  Not part of the build.
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from common import Engine, lib_args, one_line, sql_str, write_probe  # noqa: E402

SCRIPT = "src/engine/data/tools/probe_intervals.py"

# bare numbers (Interval::FromCString's implied seconds, fixed for a
# number that ends the text in duckdb/duckdb PR #22534), signs, blanks,
# units, times, ISO 8601, 'ago', and what dbt renders (True, None)
VALUES = [
	"10", "10 ", " 10", " 10 ", "\t10", "10\t", "10\n", "10\r", "-10",
	"+10", "--10", "- 10", "0", "00", "007", "1.5", "1.5 ", "1.", "1. ",
	".5", "-1.5", "1e3", "1_000", "10x", "10 x", "", " ", "-", "@10",
	"@ 10 minutes", "10 minutes", "10minutes", "10 MINUTES", "10 minute",
	"10 min", "10 mins", "10 m", "1 hour", "1h", "1 h", "2 hours",
	"1 day", "1 d", "1 week", "1 month", "1 mon", "1 year", "1 y",
	"30 seconds", "30 s", "30 sec", "500 ms", "500 milliseconds",
	"100 us", "1 hour 30 minutes", "1 hour 30", "1 hour 30 ",
	"1 hour ago", "10 ago", "ago", "1 hour ago x", "1 hour, 30 minutes",
	"1 fortnight", "1 dow", "1 epoch", "00:10:00", "10:00", "-00:10:00",
	"1 day 00:10:00", "00:10", "PT10M", "P1D", "pt10m", "True", "False",
	"None", "10 minutes ", " 10 minutes", "10  minutes",
	"9223372036854775807", "9223372036854775808",
	"99999999999999999999 seconds",
]

# every unit name fe_interval_cast() knows, after a number
UNITS = [
	"millennium", "millennia", "mil", "mils", "century", "centuries",
	"cent", "c", "decade", "decades", "dec", "decs", "year", "years", "yr",
	"yrs", "y", "quarter", "quarters", "month", "months", "mon", "mons",
	"week", "weeks", "w", "day", "days", "d", "hour", "hours", "hr", "hrs",
	"h", "minute", "minutes", "min", "mins", "m", "second", "seconds",
	"sec", "secs", "s", "millisecond", "milliseconds", "ms", "msec",
	"msecs", "microsecond", "microseconds", "us", "usec", "usecs",
]
VALUES += ["2 " + u for u in UNITS] + ["2" + u.upper() for u in UNITS]


def probe(lib):
	eng = Engine(lib)
	db, con = eng.open()
	version, source_id = eng.version(con)
	out = []
	for v in VALUES:
		_, err = eng.query(con, "SELECT CAST(%s AS INTERVAL)::VARCHAR" %
				   sql_str(v))
		out.append((v, "OK" if err is None else one_line(err)))
	eng.close(db, con)
	return version, source_id, out


COLUMNS = ("value", "cast")


def main():
	args = lib_args(__doc__).parse_args()
	version, source_id, rows = probe(os.path.abspath(args.lib))
	write_probe(args.output, "casts of strings to INTERVAL on DuckDB %s "
		    "(source_id %s)" % (version, source_id), args.package,
		    SCRIPT, COLUMNS, rows)
	return 0


if __name__ == "__main__":
	sys.exit(main())
