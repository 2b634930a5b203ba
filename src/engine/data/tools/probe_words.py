#!/usr/bin/env python3
"""Probe, on the real engine of one DuckDB release, which words the
settings whose source names a closed set of words (word_source.py) take.

    python3 probe_words.py LIBDUCKDB PACKAGE SETTINGS_TSV GIT_DIR TAG [-o OUT]

LIBDUCKDB is the release's shared library (npm
@duckdb/node-bindings-linux-x64 ships it), PACKAGE the npm name@version it
came from, SETTINGS_TSV the release's duckdb-settings/VERSION.tsv, GIT_DIR
a clone of duckdb/duckdb and TAG the release's tag in it (the source the
candidate words are read from).

For every VARCHAR setting of no extension whose source names a closed
set of words (word_source.py; the open ones are not judged), each
value below is SET on a fresh in-memory database (extension auto-install
and auto-load off), and given to duckdb_set_config() before a database
opens (what duckdb.connect(config=) does with config_options):

  source   a word the source names;
  case     the word lower-cased, upper-cased, and with its letters in
           alternating case;
  other    what is none of the words: text dbt-duckdb writes for YAML
           values (True, False, None, 0, 1, ''), a blank, the first
           word with a blank before or after it, with a letter added,
           cut by a letter, two words joined by a comma or a blank,
           'bogus'.

Columns: the setting, `closed`, the probe kind, the value, SET's
outcome (`OK` or the first line of the error) and duckdb_set_config()'s
(`OK` or `FAILS`; the C API gives no message).  The output (committed as
src/engine/data/duckdb-words/VERSION.tsv) is what gen_words.py makes
duckdb_words.def of.  Not part of the build.
"""

import ctypes
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from common import (INIT_CONFIG, Engine, ident, in_scratch, lib_args,  # noqa: E402
		    one_line, read_tsv, sql_str, write_probe)
from word_source import candidates  # noqa: E402

SCRIPT = "src/engine/data/tools/probe_words.py"


def alternating(w):
	return "".join(c.upper() if i % 2 else c.lower()
		       for i, c in enumerate(w))


def others(words):
	w0 = words[0]
	w1 = words[1] if len(words) > 1 else words[0]
	out = ["True", "False", "None", "0", "1", "", " ", "bogus",
	       " " + w0, w0 + " ", w0 + "x", w0[:-1], w0 + "," + w1,
	       w0 + " " + w1]
	seen, res = set(words), []
	for v in out:
		if v not in seen and v.lower() not in {x.lower() for x in
							words}:
			seen.add(v)
			res.append(v)
	return res


def set_on_fresh(eng, name, value):
	db, con = eng.open()
	try:
		_, err = eng.query(con, "SET %s = %s" % (ident(name),
							  sql_str(value)))
	finally:
		eng.close(db, con)
	return "OK" if err is None else one_line(err)


def config_at_open(eng, name, value):
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


def probe_in(lib, settings, cands):
	eng = Engine(lib)
	db, con = eng.open()
	version, source_id = eng.version(con)
	eng.close(db, con)
	varchar = {r["name"] for r in settings
		   if r["input_type"] == "VARCHAR" and r["extension"] == "-"}
	out = []
	for name in sorted(cands):
		ok, words = cands[name]
		if name not in varchar or not ok:
			continue	# open: not judged, and some of their
					# values crash the engine (1.5.0:
					# disabled_compression_methods =
					# 'COMPRESSION_COUNT')
		kind = "closed" if ok else "open"
		values = [("source", w) for w in words]
		seen = set(words)
		for w in words:
			for v in (w.lower(), w.upper(), alternating(w)):
				if v not in seen:
					seen.add(v)
					values.append(("case", v))
		values += [("other", v) for v in others(words)]
		for probe, v in values:
			out.append((name, kind, probe, v,
				    set_on_fresh(eng, name, v),
				    config_at_open(eng, name, v)))
	return version, source_id, out


COLUMNS = ("setting", "source", "probe", "value", "set", "config")


def main():
	ap = lib_args(__doc__, "settings", "git_dir", "tag")
	args = ap.parse_args()
	cands = candidates(args.git_dir, args.tag)
	version, source_id, rows = in_scratch(
		probe_in, os.path.abspath(args.lib), read_tsv(args.settings)[2],
		cands)
	write_probe(args.output, "the words of the settings of DuckDB v%s "
		    "(source_id %s), candidates from the source at %s" % (
			    version.lstrip("v"), source_id, args.tag),
		    args.package, SCRIPT, COLUMNS, rows)
	return 0


if __name__ == "__main__":
	sys.exit(main())
