"""What the extractors and generators here share: the release table, the
DuckDB C API through ctypes, their command line and the atomic writer of
the tables.  Only the Python standard library is used."""

import argparse
import ctypes
import os
import sys
import tempfile

INIT_CONFIG = (
	("autoinstall_known_extensions", "false"),
	("autoload_known_extensions", "false"),
)


class Engine:
	"""The few C API calls we need, through ctypes; every database is
	in memory with extension auto-install and auto-load off."""

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

	def rows(self, con, sql):
		"""The rows of a query that must not fail."""
		rows, err = self.query(con, sql)
		if err:
			raise RuntimeError("%s: %s" % (sql, err))
		return rows

	def version(self, con):
		"""(library_version, source_id) of the release."""
		return tuple(self.rows(con, "SELECT library_version, source_id "
				       "FROM pragma_version()")[0])


def in_scratch(fn, *args):
	"""fn(*args) run in a scratch folder, removed after: a setting that
	names a file (log_query_path, ...) creates it where the probe runs."""
	scratch = tempfile.TemporaryDirectory()
	cwd = os.getcwd()
	os.chdir(scratch.name)
	try:
		return fn(*args)
	finally:
		os.chdir(cwd)
		scratch.cleanup()


def one_line(text):
	"""The first line of an error, tabs removed (TSV-safe)."""
	line = text.strip().split("\n")[0]
	return line.replace("\t", " ").replace("\r", "").strip()


def sql_str(value):
	return "'" + value.replace("'", "''") + "'"


def parse_list(text):
	"""DuckDB's VARCHAR rendering of a list: [a, b] (or NULL)."""
	if not text or text == "[]":
		return []
	return [x.strip() for x in text.strip("[]").split(",") if x.strip()]


def ident(name):
	"""`name` as a quoted SQL identifier."""
	return '"' + name.replace('"', '""') + '"'


def lib_args(doc, *positional, candidates=False):
	"""The extractors' command line: LIBDUCKDB PACKAGE [POSITIONAL...]
	[--candidates FILE] [-o OUT]; the first line of `doc` describes it."""
	ap = argparse.ArgumentParser(description=doc.split("\n")[0])
	ap.add_argument("lib")
	ap.add_argument("package")
	for name in positional:
		ap.add_argument(name)
	if candidates:
		ap.add_argument("--candidates")
	ap.add_argument("-o", "--output")
	return ap


def read_releases(data):
	"""(version, npm, pin) of every line of duckdb-releases.tsv in
	`data`, oldest first (npm `-`: no engine, i.e. main)."""
	rel = []
	with open(os.path.join(data, "duckdb-releases.tsv"),
		  encoding="utf-8") as f:
		for line in f:
			if line.startswith("#") or not line.strip():
				continue
			ver, npm, pin = line.rstrip("\n").split("\t")
			rel.append((ver, npm, pin))
	return rel


def read_tsv(path):
	"""(comment lines, header, rows as dicts)."""
	comments, header, rows = [], None, []
	with open(path, encoding="utf-8") as f:
		for line in f:
			line = line.rstrip("\n")
			if line.startswith("#"):
				comments.append(line[1:].strip())
				continue
			if not line:
				continue
			cols = line.split("\t")
			if header is None:
				header = cols
				continue
			rows.append(dict(zip(header, cols)))
	return comments, header, rows


def read_probes(data, folder):
	"""The probe of each release with an engine, oldest first, read from
	`folder`/VER.tsv in `data`: [(release, comment lines, header, rows)],
	each row a list of cells (tsv_unescape()d) in the header's order."""
	out = []
	for ver, npm, _pin in read_releases(data):
		if npm == "-":
			continue	# main: no engine to probe
		comments, header, rows = read_tsv(os.path.join(data, folder,
							       ver + ".tsv"))
		out.append((ver, comments, header,
			    [[tsv_unescape(r[h]) for h in header] for r in rows]))
	return out


def probe_heads(folder, probes):
	"""The lines of a generated table's head comment that say which
	probe each release's rows come from (read_probes()' comments)."""
	return [" *   %s/%s.tsv: %s; %s" % (folder, ver, comments[0],
					      comments[1])
		for ver, comments, _h, _r in probes]


def read_candidates(path, header=None):
	"""The first word of every line of a candidates file (`#` starts a
	comment; a first word equal to `header` is the header line), or []
	without a file."""
	if not path:
		return []
	names = []
	with open(path, encoding="utf-8") as f:
		for line in f:
			line = line.split("#", 1)[0].strip()
			if line and line.split()[0] != header:
				names.append(line.split()[0])
	return names


def write_text(path, text):
	"""`text` to `path`, replaced atomically (or not at all), or to
	stdout when path is None; the one writer of every table here."""
	if not path:
		sys.stdout.write(text)
		return
	tmp = path + ".tmp"
	with open(tmp, "w", encoding="utf-8") as f:
		f.write(text)
	os.replace(tmp, path)


def write_lines(path, lines):
	"""The lines, each ended by a newline, through write_text()."""
	write_text(path, "\n".join(lines) + "\n")


def tsv_escape(s):
	"""A TSV cell: \\, tab, newline and carriage return escaped (the
	probes' values and errors)."""
	return s.replace("\\", "\\\\").replace("\t", "\\t").replace(
		"\n", "\\n").replace("\r", "\\r")


def write_probe(path, title, package, script, columns, rows):
	"""A probe's TSV: its title (what, of which release), where the
	library came from and which script probed it, the header, then the
	rows, each cell escaped."""
	lines = [
		"# " + title,
		"# library: libduckdb.so from npm %s" % package,
		"# probed by %s (fresh in-memory databases, extension" % script,
		"# auto-install/auto-load off); do not edit by hand",
		"\t".join(columns),
	]
	for r in rows:
		lines.append("\t".join(tsv_escape(c) for c in r))
	write_lines(path, lines)


def check_or_write(path, text, check, script):
	"""A generated table: with `check`, 0 when the committed file is
	`text` (else a message and 1); without, `text` written to it."""
	if not check:
		write_text(path, text)
		return 0
	try:
		with open(path, encoding="utf-8") as f:
			if f.read() == text:
				return 0
	except FileNotFoundError:
		pass
	print("%s: %s is not what the data gives; run %s" % (script, path,
							       script))
	return 1


def gen_main(render, name, script, here):
	"""A generator's command line, [DATA_DIR] [--check]: the table
	`name` beside DATA_DIR (default: the folder above `here`, the tools)
	from render(DATA_DIR), written or checked (check_or_write)."""
	args = [a for a in sys.argv[1:] if a != "--check"]
	data = args[0] if args else os.path.dirname(here)
	return check_or_write(os.path.join(os.path.dirname(data), name),
			      render(data), "--check" in sys.argv[1:], script)


def c_str(s):
	"""s as a C string literal: quotes and backslashes escaped, and every
	control character, so that an engine's message with a line break in
	it still makes one line of C."""
	named = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t",
		 "\r": "\\r"}
	out = []
	for ch in s:
		if ch in named:
			out.append(named[ch])
		elif ord(ch) < 0x20 or ord(ch) == 0x7F:
			out.append("\\%03o" % ord(ch))
		else:
			out.append(ch)
	return '"' + "".join(out) + '"'


def tsv_unescape(s):
	"""tsv_escape() undone."""
	out, i = [], 0
	while i < len(s):
		if s[i] == "\\" and i + 1 < len(s):
			out.append({"t": "\t", "n": "\n", "r": "\r"}.get(s[i + 1],
									    s[i + 1]))
			i += 2
		else:
			out.append(s[i])
			i += 1
	return "".join(out)


def fe_v(ver):
	"""A release as the tables write it: FE_V(1, 4, 3)."""
	a, b, c = (int(x) for x in ver.split("."))
	return "FE_V(%d, %d, %d)" % (a, b, c)


def release_spans(per_release, vers):
	"""[(key, first, last, first release)] for the keys each release
	holds (per_release[ver]: an iterable of hashable facts), one entry
	per run of consecutive releases; first and last as FE_V(...), last
	FE_V_OPEN when the run reaches the newest release."""
	spans = {}
	for i, ver in enumerate(vers):
		for key in per_release[ver]:
			lst = spans.setdefault(key, [])
			if lst and lst[-1][1] == i - 1:
				lst[-1][1] = i
			else:
				lst.append([i, i])
	out = []
	for key, lst in spans.items():
		for a, b in lst:
			last = "FE_V_OPEN" if b == len(vers) - 1 else fe_v(vers[b])
			out.append((key, fe_v(vers[a]), last, vers[a]))
	return out
