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
with a string is what `SELECT CAST('<value>' AS INTERVAL)` does.

Two kinds of rows, on one fresh in-memory database (extension
auto-install and auto-load off; a failed cast changes nothing):

  unit   the unit names the release's parser adds to an interval, read
         from the engine, not typed here: every candidate spelling is
         cast as '2 <spelling>' with TRY_CAST, and each that casts is a
         row '1 <spelling>'.  The candidates: every string of one to four
         letters a-z (all of them, in the engine), every run of five to
         24 letters in the library's own bytes (where the parser's longer
         names live), lower-cased, and, until nothing new is found, the
         found names with a letter, `s`, `es` added or `y` -> `ies`,
         `um` -> `a`.  The parser lower-cases a name (upper and mixed
         case are `value` rows).
  value  fixed probe values: blanks, signs, numbers, the implied seconds,
         several parts, `ago`, times, ISO 8601, long digit runs, and for
         every unit's part the largest and smallest count that fits
         (and one beyond), computed from what '1 <unit>' gives.

Columns: kind, value, cast (`OK` or the first line of the engine's
error), and for a value that casts the interval's months, days and
microseconds ("months days micros"; `-` when it fails).

The output (a TSV, committed as src/engine/data/duckdb-intervals/VERSION.tsv)
is the data of src/engine/duckdb_intervals.def (gen_intervals.py) and the
evidence src/engine/engine.c's fe_interval_cast() is held to by
tests/unit/test_engine_casts.c.  Values are written with \\t, \\n and \\\\
escaped.  Not part of the build.
"""

import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from common import Engine, lib_args, one_line, sql_str, write_probe  # noqa: E402

SCRIPT = "src/engine/data/tools/probe_intervals.py"

INT32_MAX = 2**31 - 1
INT64_MAX = 2**63 - 1

# bare numbers (Interval::FromCString's implied seconds, fixed for a
# number that ends the text in duckdb/duckdb PR #22534), signs, blanks,
# several parts, 'ago', times, ISO 8601, long digit runs, and what dbt
# renders (True, None)
VALUES = [
	"10", "10 ", " 10", " 10 ", "\t10", "10\t", "10\n", "10\r", "10\v",
	"-10", "+10", "--10", "- 10", "0", "00", "007", "1.5", "1.5 ", "1.",
	"1. ", ".5", "-1.5", "-.5", "1.5.3", "1e3", "1_000", "10x", "10 x",
	"", " ", "\t", "\n", "\r", "-", "@", "@10", "@ 10", "@10 ",
	"@ 10 minutes", "@@10 minutes", "10 minutes", "10minutes",
	"10 MINUTES", "10 Minutes", "10 minute", "10 min", "10 mins", "10 m",
	"1 hour", "1h", "1 h", "2 hours", "1 day", "1 d", "1 week", "1 month",
	"1 mon", "1 year", "1 y", "30 seconds", "30 s", "30 sec", "500 ms",
	"500 milliseconds", "100 us", "+10 minutes", "-10 minutes",
	"- 10 minutes", "--10 minutes", "10 -minutes", "10 minutes -",
	"10 minutes - ", "10 minutes-5 seconds", "10 - minutes",
	"1 hour 30 minutes", "1 hour 30", "1 hour 30 ", "1 hour 1.5",
	"1h30m", "1 hour30minutes", "1 hour, 30 minutes", "1 hour;",
	"1 hour 30 minutes 10", "10 1 hour", "1 hour -", "1 hour - ",
	"1 hour @", "1 hour\t30 minutes", "1 hour\n30 minutes",
	"1 hour\r30 minutes", "1 hour ago", "1 hour AGO", "1 hour Ago",
	"1 hour ago ", "1 hour ago\t", "1 hour ago\r", "1 hour ago x",
	"1 hour agox", "1 hour ago 1 hour", "1 hour ago ago", "1 hour ag",
	"1 hour a", "1 houra", "10 ago", "10 ago ", "ago", "ago ", " ago",
	"ago 1 hour", "10 ago 1", "1.5 ago", "1 fortnight", "10 fortnights",
	"1 dow", "1 epoch", "1 isodow", "1 doy", "1 era", "1 julian",
	"1 jd", "1 yearweek", "1 isoyear", "1 timezone", "1 dayofweek",
	"1 weekday", "1 dayofyear", "1 timezone_hour", "1 microsecs",
	"1 millisecs", "1 hours_", "1 ho ur",
	# times
	"00:10:00", "10:00", "1:2:3.5", "-00:10:00", "- 00:10:00",
	"00:10:00 ago", "1 day 00:10:00", "00:10", "24:00:00", "25:00",
	"999999999:59:59", "1000000000:00:00", "0999999999:00",
	"10:60", "10:59", "00:90:00", "1:30:00", "10:00:60", "10:00:59", "10:5", "10:5:5", "10:",
	"10::", "10:00:", "10::00", "10:00 ", "10:00:00 ", "10:00\t",
	"10:00:00 garbage", "10:00:00x", "10:00x", "10:000", "10:00:000",
	"10:00:00.1234567", "10:00:00.", "10:00:00.5 ", "10:0:0", "1.5:00",
	":10", "-:10", "@10:00", "1 hour 10:00", "1 hour -00:10",
	"10:00 1 hour", "1 day -10:00 ago", "10:00 ago", " 10:00", "10 :00",
	"10: 00", "1:1:1:1", "10:00:00:00",
	# ISO 8601 and what dbt renders
	"PT10M", "P1D", "pt10m", "P", "p", "@P1D", "1 P", "P 10 minutes",
	"True", "False", "None", "10 minutes ", " 10 minutes", "10  minutes",
	# long digit runs
	"9223372036854775807", "9223372036854775808",
	"9223372036854775807 ", "9223372036854 ", "9223372036855 ",
	"9223372036854.775807 ", "9223372036854.775808 ",
	"-9223372036854.775808 ", "-9223372036854.775809 ",
	"99999999999999999999 seconds", "00000000000000000000001 seconds",
	"9223372036854775807 us", "9223372036854775808 us",
	"-9223372036854775807 us", "-9223372036854775808 us",
	"9223372036854775807.4 us", "9223372036854775807.5 us",
	"-9223372036854775807.5 us", "9223372036854775806.5 us",
	"1.9999999 us", "0.5 us", "-0.5 us", "0.4999999 us",
	"1.00000000000000000000001 seconds", "2147483647 days",
	"2147483648 days", "2147483647 days 1 day", "-2147483648 days",
	"-2147483649 days", "-2147483648 days ago", "-2147483647 days ago",
	"-2147483648 months ago", "-2147483647 months ago",
	"-2147483648 months 1 day ago", "-2147483647 days -1 day ago",
	"-178956970 years -8 months ago", "-9223372036854775807 us -1 us ago",
	"9223372036854775807 us 1:00:00", "9223372036854775807 us 0:00:00",
	"-9223372036854775807 us -1 us -00:00:01",
	"2147483647 months 0.5 months", "2147483647 months 1 month",
	"178956970 years 7 months", "178956970 years 8 months",
	"178956970.5833 years", "178956970.6 years", "2147483647 days 0.5 days",
	"2147483647 days 1 week", "306783378 weeks", "306783378.1428571 weeks",
	"306783378.2 weeks", "715827882 quarters", "715827882.3333333 quarters",
	"715827882.5 quarters", "2147483647 months 0.9999999 months",
	"1 day 106751991 days", "106751991 days 9223372036854775807 us",
]

# the letters of a unit name (FromCString reads [A-Za-z]+)
WORD = re.compile(rb"[A-Za-z]{5,24}")


def casts(eng, con, value):
	"""`OK` and 'months days micros', or the error and `-`."""
	rows, err = eng.query(
		con, "SELECT datepart('year', i) * 12 + datepart('month', i), "
		"datepart('day', i), datepart('hour', i)::HUGEINT * 3600000000 + "
		"datepart('minute', i)::HUGEINT * 60000000 + "
		"datepart('microseconds', i) FROM (SELECT CAST(%s AS INTERVAL) "
		"AS i)" % sql_str(value))
	if err is not None:
		return one_line(err), "-"
	return "OK", " ".join(rows[0])


def taken(eng, con, names):
	"""The names of `names` that '2 <name>' casts with."""
	names = sorted(names)
	out = set()
	for i in range(0, len(names), 2000):
		part = names[i:i + 2000]
		eng.rows(con, "CREATE OR REPLACE TEMP TABLE cand(s VARCHAR)")
		eng.rows(con, "INSERT INTO cand VALUES " + ", ".join(
			"(%s)" % sql_str(n) for n in part))
		out |= {r[0] for r in eng.rows(
			con, "SELECT s FROM cand WHERE TRY_CAST('2 ' || s AS "
			"INTERVAL) IS NOT NULL")}
	return out


def short_names(eng, con):
	"""Every string of one to four letters a-z that '2 <it>' casts with,
	all tried in the engine."""
	eng.rows(con, "CREATE OR REPLACE TEMP TABLE l AS SELECT chr(97 + "
		 "range::INTEGER) AS c FROM range(26) UNION ALL SELECT ''")
	rows = eng.rows(con, "SELECT DISTINCT a.c || b.c || c.c || d.c AS s "
			"FROM l a, l b, l c, l d WHERE length(s) > 0 AND "
			"TRY_CAST('2 ' || s AS INTERVAL) IS NOT NULL")
	return {r[0] for r in rows}


def variants(name):
	out = {name + "s", name + "es"} | {name + chr(c)
					   for c in range(97, 123)}
	if name.endswith("y"):
		out.add(name[:-1] + "ies")
	if name.endswith("um"):
		out.add(name[:-2] + "a")
	return out


def find_units(eng, con, lib):
	found = short_names(eng, con)
	with open(lib, "rb") as f:
		words = {w.decode().lower() for w in WORD.findall(f.read())}
	found |= taken(eng, con, words)
	new = set(found)
	while new:
		cands = set().union(*(variants(n) for n in new)) - found
		new = taken(eng, con, cands)
		found |= new
	return sorted(found, key=lambda n: (len(n), n))


def fits(field):
	return INT64_MAX if field == 2 else INT32_MAX


def limits(units, parts):
	"""For each part (what '1 <unit>' gives), its first unit: the largest
	and smallest counts that fit, one beyond each, and a half beyond."""
	out, seen = [], set()
	for u, p in zip(units, parts):
		if p in seen or p == "-":
			continue
		seen.add(p)
		f = [int(x) for x in p.split()]
		field = max(i for i in range(3) if f[i])
		mult = f[field]
		hi = fits(field) // mult
		lo = (fits(field) + 1) // mult
		for n in ("%d" % hi, "%d" % (hi + 1), "-%d" % lo, "-%d" % (lo + 1),
			  "%d.5" % hi, "%d.999999" % hi, "-%d.5" % lo,
			  "%d 1 %s" % (hi, u), "0.5"):
			out.append(n + " " + u)
	return out


def probe(lib):
	eng = Engine(lib)
	db, con = eng.open()
	version, source_id = eng.version(con)
	out = []
	units = find_units(eng, con, lib)
	parts = []
	for u in units:
		c, p = casts(eng, con, "1 " + u)
		out.append(("unit", "1 " + u, c, p))
		parts.append(p)
	values = list(VALUES)
	for u in units:
		values += ["2 " + u.upper(), "2" + u.title(), "2 " + u + "x",
			   "2 " + u[:-1] + "_"]
	values += limits(units, parts)
	for v in values:
		out.append(("value", v) + casts(eng, con, v))
	eng.close(db, con)
	return version, source_id, out


COLUMNS = ("kind", "value", "cast", "interval")


def main():
	args = lib_args(__doc__).parse_args()
	version, source_id, rows = probe(os.path.abspath(args.lib))
	write_probe(args.output, "casts of strings to INTERVAL on DuckDB %s "
		    "(source_id %s)" % (version, source_id), args.package,
		    SCRIPT, COLUMNS, rows)
	return 0


if __name__ == "__main__":
	sys.exit(main())
