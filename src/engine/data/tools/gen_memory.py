#!/usr/bin/env python3
"""Generate src/engine/duckdb_memory.def from the probed memory parser.

    python3 gen_memory.py [DATA_DIR] [--check]

DATA_DIR (default: the folder above this script) holds
duckdb-releases.tsv and duckdb-memory/VERSION.tsv (probe_memory.py's
output, one a release).  The rows:

  DUCKDB_MEMORY_SETTING(name, first, last, parser, flags, config)
      the setting reads its value as an amount of memory: parser
      FE_MEM_LIMIT when a value starting with '-' (and `null`, `none`)
      means no limit (DBConfig::ParseMemoryLimit), FE_MEM_BYTES when it
      is an error (StringUtil::ParseFormattedBytes alone); flags
      FE_MEM_OWN_PERCENT when the setting reads a value ending in '%'
      itself, as a share of the memory (`80%` is not refused by the
      parser: block_allocator_memory), FE_MEM_OWN_EMPTY when it takes ''
      as "no value" (write_buffer_row_group_memory_limit),
      FE_MEM_NO_LIMIT_REFUSED when the setting refuses what the parser
      reads as no limit (`-1` is REFUSED: an internal error, or above the
      machine's memory); config true
      when duckdb_set_config() takes the setting at all (it then parses
      the value the same way as SET), false when it refuses every value
      (a setting of the connection, streaming_buffer_size);
  DUCKDB_MEMORY_OWN_TEXT(name, first, last, text)
      the setting takes this exact text itself, before the parser (its
      default as duckdb_settings() shows it, SET back: the probe's
      `default` rows where SET said OK): max_temp_directory_size's '90%
      of available disk space';
  DUCKDB_MEMORY_WORDS(verdict, first, last, before, after)
      the engine's words for a value the parser refuses, around the
      part of the value they quote (the number, or the unit lower-cased;
      nothing for the others): read from the rows of fixed probe values
      (`abc`: no number, `1.2.3GB`: a number that does not cast,
      `4gigs`: an unknown unit, `1e400GB`: too large, `-1` on an
      FE_MEM_BYTES setting: negative).  A verdict without words in a
      release is no error there.

Consecutive releases with the same fact become one row (first, last);
`last` is FE_V_OPEN when the fact holds in the newest release probed.
The probe's SET and duckdb_set_config() columns must agree (config_options
take the same parser) for every setting duckdb_set_config() takes.  With --check nothing is written: the exit status
is 1 when the committed .def is not what the data gives.  Only the
standard library is used.
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from common import (c_str, gen_main, probe_heads,  # noqa: E402
		    read_probes, release_spans)

SCRIPT = "src/engine/data/tools/gen_memory.py"

# verdict -> (probe value, the part of it the words quote, or None)
WORDS = (
	("FE_MEM_NO_NUMBER", "abc", None),
	("FE_MEM_BAD_NUMBER", "1.2.3GB", "1.2.3"),
	("FE_MEM_UNKNOWN_UNIT", "4gigs", "gigs"),
	("FE_MEM_TOO_LARGE", "1e400GB", None),
	("FE_MEM_NEGATIVE", "-1", None),
)


NEGATIVE = "Memory cannot be negative"


def parser_error(msg):
	"""An error of the parser (probe_memory.py keeps no other)."""
	return msg not in ("OK", "REFUSED")


# flag -> the probe value a setting reading it itself lets through
OWN = (("FE_MEM_OWN_PERCENT", "80%"), ("FE_MEM_OWN_EMPTY", ""))


def ranges(per_release, vers):
	return sorted((key, first, last) for key, first, last, _v in
		      release_spans(per_release, vers))


def facts(ver, rows):
	"""The settings (name -> parser) and the words (verdict -> pair)."""
	settings, words = {}, {}
	memory = [r for r in rows if r[0] == "memory"]
	config_takes = {m[1] for m in memory if m[4] == "OK"}
	for _p, name, value, st, config in memory:
		# a setting's own check after the parser (block_allocator_memory
		# above the machine's virtual memory) is SET's alone
		if st != "OK" and not parser_error(st):
			continue
		if name in config_takes and (st == "OK") != (config == "OK"):
			raise SystemExit("%s: %s: %s = %r: SET says %r but "
					 "duckdb_set_config() %s" % (
						 SCRIPT, ver, name, value, st,
						 config))
	for r in rows:
		if r[0] != "detect":
			continue
		neg = [m for m in memory if m[1] == r[1] and m[2] == "-1"]
		if len(neg) != 1:
			raise SystemExit("%s: %s: no -1 row for %s" % (SCRIPT, ver,
								      r[1]))
		flags = [f for f, value in OWN
			 if any(m[1] == r[1] and m[2] == value and
				not parser_error(m[3]) for m in memory)]
		if neg[0][3] == "REFUSED":
			flags.append("FE_MEM_NO_LIMIT_REFUSED")
		settings[r[1]] = ("FE_MEM_BYTES" if NEGATIVE in neg[0][3]
				  else "FE_MEM_LIMIT",
				  " | ".join(flags) or "0",
				  "true" if r[1] in config_takes else "false")
	for verdict, value, quoted in WORDS:
		seen = set()
		for m in memory:
			if m[2] != value or m[3] == "OK":
				continue
			if verdict == "FE_MEM_NEGATIVE" and \
					settings[m[1]][0] != "FE_MEM_BYTES":
				continue
			if not parser_error(m[3]):
				continue
			msg = m[3]
			if quoted is None:
				seen.add((msg, ""))
				continue
			i = msg.find("'" + quoted + "'")
			if i < 0:
				raise SystemExit("%s: %s: %s = %r: %r does not quote "
						 "%r" % (SCRIPT, ver, m[1], value,
							 msg, quoted))
			seen.add((msg[:i + 1], msg[i + 1 + len(quoted):]))
		if len(seen) > 1:
			raise SystemExit("%s: %s: %s has several wordings: %r" % (
				SCRIPT, ver, verdict, sorted(seen)))
		if seen:
			words[verdict] = seen.pop()
	return settings, words


def render(data):
	probes = read_probes(data, "duckdb-memory")
	vers = [ver for ver, _c, _h, _r in probes]
	sets, words, own = {}, {}, {}
	for ver, _c, _h, rows in probes:
		s, w = facts(ver, rows)
		sets[ver] = set(s.items())
		words[ver] = set((k,) + v for k, v in w.items())
		# a default text SET takes back, before the parser
		own[ver] = {(r[1], r[2]) for r in rows
			    if r[0] == "default" and r[3] == "OK"}
	lines = [
		"/*",
		" * The settings DuckDB reads as an amount of memory, and the "
		"words of",
		" * its memory parser's refusals:",
		" *   DUCKDB_MEMORY_SETTING(name, first, last, parser, flags, "
		"config)",
		" *   DUCKDB_MEMORY_OWN_TEXT(name, first, last, text)",
		" *   DUCKDB_MEMORY_WORDS(verdict, first, last, before, after)",
		" * (tools/gen_memory.py says what they mean.)",
		" * Generated by %s; do not edit." % SCRIPT,
		" *",
		" * Read from the real engine: probe_memory.py ran SET and "
		"duckdb_set_config()",
		" * of every VARCHAR setting and of probe values, each on a "
		"fresh in-memory",
		" * database of each release:",
	] + probe_heads("duckdb-memory", probes) + [" */"]
	for (name, (parser, flags, config)), first, last in ranges(sets,
								    vers):
		lines.append("DUCKDB_MEMORY_SETTING(%s, %s, %s, %s, %s, %s)" % (
			c_str(name), first, last, parser, flags, config))
	for (name, text), first, last in ranges(own, vers):
		lines.append("DUCKDB_MEMORY_OWN_TEXT(%s, %s, %s, %s)" % (
			c_str(name), first, last, c_str(text)))
	for (verdict, before, after), first, last in ranges(words, vers):
		lines.append("DUCKDB_MEMORY_WORDS(%s, %s, %s,\n\t%s,\n\t%s)" % (
			verdict, first, last, c_str(before), c_str(after)))
	return "\n".join(lines) + "\n"


def main():
	return gen_main(render, "duckdb_memory.def", SCRIPT, HERE)


if __name__ == "__main__":
	sys.exit(main())
