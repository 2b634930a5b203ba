#!/usr/bin/env python3
"""Probe which settings of one DuckDB release read their value as an
amount of memory, and what that parser does with dbt-duckdb's
renderings, on the real engine.

    python3 probe_memory.py LIBDUCKDB PACKAGE SETTINGS_TSV [-o OUT]

LIBDUCKDB is the release's shared library (npm
@duckdb/node-bindings-linux-x64 ships it), PACKAGE the npm name@version it
came from, SETTINGS_TSV the release's duckdb-settings/VERSION.tsv.

memory_limit and a few other VARCHAR settings pass their text, after the
cast to VARCHAR (which takes anything), to DuckDB's memory parser
(DBConfig::ParseMemoryLimit; StringUtil::TryParseFormattedBytes from
1.5.0): a number, then a unit, else an error.  dbt-duckdb writes SET
name = '<str(value)>' for `settings:` and duckdb.connect(config=) for
`config_options:`, so `memory_limit: 4` (no unit) fails every run.  Two
probes, each statement on a fresh in-memory database (extension
auto-install and auto-load off):

  detect  every VARCHAR setting of no extension, SET to '4gigs': the
          settings whose error is the parser's "Unknown unit for memory"
          read memory; one row each (set = the engine's error);
  memory  each of those settings and each value of VALUES: the outcome
          of SET (`OK`, the first line of the parser's error, or
          `REFUSED` when the setting's own check refused what the parser
          took) and of duckdb_set_config() before the database opens
          (`OK` or `FAILS`; the C API gives no message there);
  default each of those settings SET to the text duckdb_settings() shows
          as its value on a fresh database, when that text is not an
          amount (which would name the machine: '18.8 GiB'): such a text
          can be read by the setting itself, before the parser
          (max_temp_directory_size takes exactly '90% of available disk
          space'); the same columns as memory.

The output (a TSV, committed as src/engine/data/duckdb-memory/VERSION.tsv)
is the evidence src/engine/engine.c's fe_memory_parse() and the
memory-setting rows of duckdb_memory.def are held to by
tests/unit/test_engine_memory.c.  Values are written with \\t, \\n and
\\\\ escaped.  Not part of the build.
"""

import ctypes
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from common import (INIT_CONFIG, Engine, ident, in_scratch, lib_args,  # noqa: E402
		    one_line, read_tsv, sql_str, write_probe)

SCRIPT = "src/engine/data/tools/probe_memory.py"

UNKNOWN_UNIT = "Unknown unit for memory"
# a default shown as an amount ('18.8 GiB', '0 bytes'): the machine's,
# and read by the parser anyway
AMOUNT = re.compile(r"^-?[0-9.]+ ?[A-Za-z]*$")
NEGATIVE = "Memory cannot be negative"

# dbt's renderings (str() of YAML integers, floats, booleans, None) and
# the edges of the parser's grammar: blanks, signs, the number's
# characters (digits . e E -), every unit and its case, what follows
VALUES = [
	"4GB", "4 GB", " 4GB", "4GB ", "\t4GB", "4\tGB", "4\nGB", "4GB\n",
	"4", "0", "4.0", "1.5", "-1", "-1GB", "-0", "-0GB", "-", "-x",
	"None", "none", "NONE", "null", "Null", "NULL", "True", "False",
	"", " ", "abc", "GB", "+4GB", "4.5GB", ".5GB", "5.GB", "1.e3MB",
	"1e3MB", "1E3MB", "1e-3GB", "1e+3MB", "1e", "1eGB", "e3GB", "E3GB",
	"1.2.3GB", "4-4GB", "--4GB", "4-GB", "1..5GB", "00GB", "007MB",
	"4b", "4B", "4byte", "4bytes", "4Bytes", "4k", "4K", "4kb", "4KB",
	"4kB", "4kilobyte", "4kilobytes", "4m", "4M", "4mb", "4MB",
	"4megabyte", "4megabytes", "4g", "4G", "4gb", "4Gb", "4gigabyte",
	"4gigabytes", "4t", "4T", "4tb", "4TB", "4terabyte", "4terabytes",
	"4kib", "4KiB", "4mib", "4MiB", "4gib", "4GiB", "4tib", "4TiB",
	"4pb", "4PB", "4pib", "4gigs", "4GBx", "4 G B", "4GB 4", "4GB x",
	"4 GB ", "80%", "4,5GB", "4_000MB", "0x10GB", "1e400GB", "1e19B",
	"18446744073709551615B", "18446744073709551616B", "99999999999TB",
	"16777216TB", "16777215TB", "1e308B", "inf", "infGB", "nanGB",
	"4\u00a0GB", "\u0664GB", "4\u0433\u0431",
]


def parser_error(msg):
	"""Is an engine error the memory parser's?"""
	return (msg.startswith("Parser Error: ") or NEGATIVE in msg or
		msg.startswith("Invalid Input Error: Could not convert "
			       "string"))


def set_on_fresh(eng, name, value):
	"""OK, the parser's error, or REFUSED: a setting's own check after
	the parser, whose words can name the machine (block_allocator_memory
	above "virtual memory size: 20221001728") and are not kept."""
	db, con = eng.open()
	try:
		_, err = eng.query(con, "SET %s = %s" % (ident(name),
							  sql_str(value)))
	finally:
		eng.close(db, con)
	if err is None:
		return "OK"
	return one_line(err) if parser_error(one_line(err)) else "REFUSED"


def config_at_open(eng, name, value):
	"""duckdb_set_config() of name = value: OK or FAILS (no message)."""
	lib = eng.lib
	cfg = ctypes.c_void_p()
	if lib.duckdb_create_config(ctypes.byref(cfg)) != 0:
		raise RuntimeError("duckdb_create_config failed")
	try:
		for k, v in INIT_CONFIG:
			lib.duckdb_set_config(cfg, k.encode(), v.encode())
		rc = lib.duckdb_set_config(cfg, name.encode(),
					   value.encode("utf-8"))
	finally:
		lib.duckdb_destroy_config(ctypes.byref(cfg))
	return "OK" if rc == 0 else "FAILS"


def probe(lib, settings):
	return in_scratch(probe_in, lib, settings)


def probe_in(lib, settings):
	eng = Engine(lib)
	db, con = eng.open()
	version, source_id = eng.version(con)
	eng.close(db, con)
	out = []
	memory = []
	for r in settings:
		if r["input_type"] != "VARCHAR" or r["extension"] != "-":
			continue
		st = set_on_fresh(eng, r["name"], "4gigs")
		if UNKNOWN_UNIT in st:
			memory.append(r["name"])
			out.append(("detect", r["name"], "4gigs", st, "-"))
	for name in memory:
		db, con = eng.open()
		shown = eng.rows(con, "SELECT value FROM duckdb_settings() "
				 "WHERE name = %s" % sql_str(name))
		eng.close(db, con)
		text = shown[0][0] if shown and shown[0][0] is not None else ""
		if text and not AMOUNT.match(text):
			out.append(("default", name, text,
				    set_on_fresh(eng, name, text),
				    config_at_open(eng, name, text)))
		for v in VALUES:
			if "\0" in v:
				continue
			out.append(("memory", name, v, set_on_fresh(eng, name, v),
				    config_at_open(eng, name, v)))
	return version, source_id, out


COLUMNS = ("probe", "setting", "value", "set", "config")


def main():
	args = lib_args(__doc__, "settings").parse_args()
	version, source_id, rows = probe(os.path.abspath(args.lib),
					 read_tsv(args.settings)[2])
	write_probe(args.output, "the memory parser of the settings of "
		    "DuckDB v%s (source_id %s)" % (version.lstrip("v"),
						   source_id),
		    args.package, SCRIPT, COLUMNS, rows)
	return 0


if __name__ == "__main__":
	sys.exit(main())
