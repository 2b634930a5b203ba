#!/usr/bin/env python3
"""Generate the version-keyed X-macro tables from the committed raw data.

    python3 gen_defs.py [DATA_DIR] [--check]

DATA_DIR (default: the folder above this script) holds
  duckdb-releases.tsv          the releases, their npm package and iceberg pin
  duckdb-settings/VERSION.tsv  extract_settings.py's output, per release
  duckdb-settings-manual.tsv   the few settings no runnable engine knows
  python-client-settings.tsv   the settings the Python client registers
                               (python_client_settings.py)
  duckdb-extensions/VERSION.tsv  extract_extensions.py's output, per release
  duckdb-extension-alias-candidates.tsv  the aliases in DuckDB's source
  iceberg-source.tsv           iceberg_facts.py's output
and receives
  duckdb_releases.def, duckdb_settings.def,
  duckdb_extension_settings.def, duckdb_extensions.def,
  iceberg_attach.def, iceberg_secret.def

Consecutive releases with the same fact become one row (first, last);
`last` is FE_V_OPEN when the fact holds in the newest version its source
knows (the newest release for the engine's settings, main for the
iceberg extension's source).  With --check nothing is written: the exit
status is 1 and the differing files are named when a committed .def is not
what the data gives (the drift test runs this).

It also holds, per release, the iceberg settings the engine names (its
EXTENSION_SETTINGS table is built from the extension the release ships)
against those the source at the pin registers; a difference means a wrong
pin, and fails.  Likewise each release's extension aliases (the engine's)
against internal_aliases[] of DuckDB's source at the release tag.

Only the Python standard library is used; no network, no engine.
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from common import c_str, read_releases, read_tsv, write_text  # noqa: E402

SCRIPT_DIR = "src/engine/data/tools"

SETTING_FLAGS = (
	("startup_only", "FE_SET_STARTUP_ONLY"),
	("startup_relax", "FE_SET_STARTUP_RELAX"),
	("secret_manager", "FE_SET_SECRET_MANAGER"),
	("init_only", "FE_SET_INIT_ONLY"),
	("extension", "FE_SET_EXTENSION"),
	("alias", "FE_SET_ALIAS"),
	("deprecated", "FE_SET_DEPRECATED"),
	("client", "FE_SET_CLIENT"),
)
# duckdb_settings()'s input_type -> enum fe_setting_type (facts.h); a type
# not listed here fails the generator, so a new one is noticed
INPUT_TYPES = {
	"BOOLEAN": "FE_TYPE_BOOLEAN",
	"UBIGINT": "FE_TYPE_UBIGINT",
	"BIGINT": "FE_TYPE_BIGINT",
	"DOUBLE": "FE_TYPE_DOUBLE",
	"VARCHAR": "FE_TYPE_VARCHAR",
	"VARCHAR[]": "FE_TYPE_VARCHAR_LIST",
	"-": "FE_TYPE_UNKNOWN",
}
AUTHS = (("oauth2", "FE_AUTH_OAUTH2"), ("sigv4", "FE_AUTH_SIGV4"),
	 ("none", "FE_AUTH_NONE"))
KINDS = {"string": "FE_OPT_STRING", "bool": "FE_OPT_BOOL",
	 "interval": "FE_OPT_INTERVAL", "presence": "FE_OPT_PRESENCE",
	 "enum": "FE_OPT_ENUM", "map": "FE_OPT_MAP"}


# Where the reference notes (../shared/reference/field-failures-and-
# options.md section c) and the engine or source disagree; the tables
# follow the engine and the source.  Details: docs/engine-facts.md.
PIN_NOTE = [
	" * Pins: the notes list ten; DuckDB also released 1.4.5 (pin",
	" * 2f22946, the v1.4-andium head) and 1.5.1 (effe9de).  1.5.6's tag",
	" * is not in the duckdb/duckdb snapshot read: its engine names",
	" * iceberg_unsafe_skip_puffin_verification (added by ef35e8b on",
	" * v1.5-variegata, after 1.5.5's 45163a2), so the pin is taken as the",
	" * branch head 6561bfc; the options and parameters are the same at",
	" * 45163a2 and 6561bfc.",
]
NOTES = {
	"attach": PIN_NOTE + [
		" * Every option and range of the notes' table is confirmed.",
	],
	"secret": PIN_NOTE + [
		" * The notes' table is confirmed (1.4: 7 parameters; 1.5.0 adds",
		" * refresh_token, expires_in, extra_http_headers; main adds uri).",
	],
	"settings": [
		" * Iceberg settings differ from the notes: iceberg_via_aws_sdk_",
		" * for_catalog_interactions from 1.4.3 (not 1.4.0); the 1.5",
		" * additions arrive in 1.5.0, 1.5.3 and 1.5.4, not all in 1.5.0;",
		" * main registers iceberg_default_format_version and drops",
		" * ignore_*_for_partitioned_tables and unsafe_iceberg_ignore_sort_",
		" * order.  unsafe_and_disabled_for_iceberg_v3_enable_equality_",
		" * deletes is registered only under #ifdef ICEBERG_ENABLE_",
		" * EQUALITY_DELETE_WRITES and is left out (the engines agree).",
		" * allow_community_extensions=true is refused on a running",
		" * database from 1.5.0 (not on 1.4); disable_database_invalidation",
		" * is start-up only from 1.5.0 (1.4: only `true` is refused).",
	],
}


def fe_v(ver):
	if ver == "main":
		return "FE_V_MAIN"
	return "FE_V(%s)" % ", ".join(ver.split("."))


def ranges(order, facts):
	"""facts: {version: value}.  [(first, last, value)] over `order`,
	last None (FE_V_OPEN) when the run reaches the end of `order`."""
	out = []
	run = None
	for i, ver in enumerate(order):
		val = facts.get(ver)
		if run and val == run[2] and val is not None:
			run[1] = ver
			continue
		if run:
			out.append(run)
			run = None
		if val is not None:
			run = [ver, ver, val]
	if run:
		out.append(run)
	return [(f, None if l == order[-1] else l, v) for f, l, v in out]


def cite(pins, files, first, last):
	"""Where a row was read: `1.4.0 06ca28839 FILE .. main 68623ff99 FILE`
	(one side when first == last or both read the same file)."""
	def at(v):
		return "%s %s" % (v, pins[v].split(":", 1)[-1][:9])
	if first == last:
		return "%s %s" % (at(first), files[first])
	if files[first] == files[last]:
		return "%s .. %s %s" % (at(first), at(last), files[last])
	return "%s %s .. %s %s" % (at(first), files[first], at(last),
				   files[last])


def flags_expr(flags, table):
	names = [c for t, c in table if t in flags]
	return " | ".join(names) if names else "0"


def gen_releases(rel):
	lines = [
		"/*",
		" * The DuckDB releases the tables know, oldest first; read from",
		" * duckdb-releases.tsv by %s/gen_defs.py.  Do not edit." % SCRIPT_DIR,
		" *",
		" * DUCKDB_RELEASE(version, name, npm, iceberg_pin, flags): npm is",
		" * the @duckdb/node-bindings-linux-<arch> version whose libduckdb.so",
		" * the settings were extracted from; iceberg_pin the duckdb-iceberg",
		" * commit the release pins (.github/config/extensions/iceberg.cmake",
		" * at the release tag of duckdb/duckdb).",
		" */",
	]
	for ver, npm, pin in rel:
		flags = []
		if ver == "main":
			flags.append("FE_REL_UNRELEASED")
		if pin.startswith("assumed:"):
			flags.append("FE_REL_PIN_ASSUMED")
		lines.append("DUCKDB_RELEASE(%s, %s, %s, %s, %s)" % (
			fe_v(ver), c_str(ver), c_str("" if npm == "-" else npm),
			c_str(pin.split(":", 1)[-1]),
			" | ".join(flags) if flags else "0"))
	return "\n".join(lines) + "\n"


engine_iceberg = {}


def iceberg_disagreements(rel, ice):
	"""Releases where the engine's list of iceberg settings (its
	EXTENSION_SETTINGS, built from the extension it ships) is not what
	the source at the pin registers: a sign of a wrong pin."""
	out = []
	for ver, npm, pin in rel:
		if npm == "-":
			continue
		src = {r["name"].lower() for r in ice
		       if r["version"] == ver and r["what"] == "setting"}
		eng = engine_iceberg.get(ver, set())
		if src != eng:
			out.append("%s (pin %s): engine only %s, source only %s" % (
				ver, pin, sorted(eng - src) or "-",
				sorted(src - eng) or "-"))
	return out


def input_type(t, where):
	if t not in INPUT_TYPES:
		raise SystemExit("gen_defs: %s: input type %r is not in "
				 "INPUT_TYPES (add it, and teach "
				 "fe_setting_cast() its cast)" % (where, t))
	return INPUT_TYPES[t]


def load_settings(data, rel):
	"""{version: {lower name: (name, flags set, extension, input type)}},
	sources."""
	per = {}
	sources = []
	for ver, npm, _pin in rel:
		path = os.path.join(data, "duckdb-settings", ver + ".tsv")
		if npm == "-":
			continue
		if not os.path.exists(path):
			raise SystemExit("gen_defs: missing %s" % path)
		comments, _h, rows = read_tsv(path)
		sources.append("duckdb-settings/%s.tsv: %s; %s" % (
			ver, comments[0], comments[1]))
		facts = {}
		for r in rows:
			flags = set() if r["flags"] == "-" else set(
				r["flags"].split(","))
			if r["alias_of"] != "-":
				flags.add("alias")
			ext = None if r["extension"] == "-" else r["extension"]
			if ext == "iceberg":
				# from the extension's source; held against this
				# by iceberg_disagreements()
				engine_iceberg.setdefault(ver, set()).add(
					r["name"].lower())
				continue
			facts[r["name"].lower()] = (r["name"], frozenset(flags), ext,
						    input_type(r["input_type"],
							       path))
		per[ver] = facts
	order = [v for v, npm, _ in rel if npm != "-"]
	_c, _h, manual = read_tsv(os.path.join(data,
					       "duckdb-settings-manual.tsv"))
	for r in manual:
		lo = order.index(r["first"])
		hi = len(order) - 1 if r["last"] == "-" else order.index(r["last"])
		for ver in order[lo:hi + 1]:
			per[ver][r["name"].lower()] = (
				r["name"], frozenset(r["flags"].split(",")),
				r["extension"], "FE_TYPE_UNKNOWN")
		sources.append("duckdb-settings-manual.tsv: %s (%s)" % (
			r["name"], r["source"].split(":", 1)[0]))
	# the Python client's own settings (dbt runs on it): only where the
	# engine does not know the name itself
	_c, _h, client = read_tsv(os.path.join(data,
					       "python-client-settings.tsv"))
	commits = {}
	for r in client:
		if r["release"] not in per:
			raise SystemExit("gen_defs: python-client-settings.tsv: "
					 "unknown release %s" % r["release"])
		key = r["name"].lower()
		if key in per[r["release"]]:
			raise SystemExit("gen_defs: python-client-settings.tsv: "
					 "%s %s is also the engine's" % (
						 r["release"], r["name"]))
		per[r["release"]][key] = (
			r["name"], frozenset(["client"]), None,
			input_type(r["input_type"], "python-client-settings.tsv"))
		commits.setdefault(r["release"], r["commit"])
	for v, c in commits.items():
		sources.append("python-client-settings.tsv: %s, FE_SET_CLIENT "
			       "(duckdb/duckdb-python %s)" % (v, c))
	return per, sources


def load_iceberg(data):
	_c, _h, rows = read_tsv(os.path.join(data, "iceberg-source.tsv"))
	return rows


def iceberg_settings(ice, names, value):
	"""{lower name: {version: value(row)}} of the settings the iceberg
	source registers; `names` learns the spelling of each new one."""
	icef = {}
	for r in ice:
		if r["what"] == "setting":
			key = r["name"].lower()
			names.setdefault(key, r["name"])
			icef.setdefault(key, {})[r["version"]] = value(r)
	return icef


def gen_settings(rel, per, sources, ice):
	eng_order = [v for v, npm, _ in rel if npm != "-"]
	ice_order = [v for v, _, _ in rel]
	pins = {v: p.split(":", 1)[-1][:9] for v, _, p in rel}
	names = {}
	core = {}
	for ver, facts in per.items():
		for key, (name, flags, _ext, itype) in facts.items():
			names[key] = name
			core.setdefault(key, {})[ver] = (flags, itype)
	icef = iceberg_settings(ice, names, lambda r: (
		frozenset(["extension"]), r["file"]))
	lines = [
		"/*",
		" * DuckDB settings per release: DUCKDB_SETTING(name, first, last,",
		" * flags, type).  Generated by %s/gen_defs.py; do not" % SCRIPT_DIR,
		" * edit.  `type` is duckdb_settings()'s input_type, which SET",
		" * casts the value to (FE_TYPE_UNKNOWN: an extension's setting,",
		" * not listed); a type that changes starts a new row.",
		" *",
		" * Core rows (and the extension settings the engine names) come",
		" * from the real engine: extract_settings.py listed",
		" * duckdb_settings() and probed every SET on fresh in-memory",
		" * databases of each release's libduckdb.so:",
	]
	for s in sources:
		lines.append(" *   " + s)
	lines += [
		" * The iceberg extension's own settings (FE_SET_EXTENSION) are read",
		" * from its source at the commit each release pins",
		" * (iceberg_facts.py, AddExtensionOption()); their rows cite it.",
		" * Ranges end at FE_V_OPEN when the setting is in the newest",
		" * release extracted (iceberg: in duckdb-iceberg main).",
	] + NOTES["settings"] + [" */"]
	for key in sorted(names, key=lambda k: (k, names[k])):
		name = names[key]
		if key in core:
			for f, l, (flags, itype) in ranges(eng_order, core[key]):
				lines.append("DUCKDB_SETTING(%s, %s, %s, %s, %s)" % (
					c_str(name), fe_v(f),
					"FE_V_OPEN" if l is None else fe_v(l),
					flags_expr(flags, SETTING_FLAGS), itype))
		if key in icef:
			vals = {v: x[0] for v, x in icef[key].items()}
			for f, l, flags in ranges(ice_order, vals):
				last = ice_order[-1] if l is None else l
				files = {v: x[1] for v, x in icef[key].items()}
				lines.append("/* iceberg %s */" % cite(
					pins, files, f, last))
				lines.append("DUCKDB_SETTING(%s, %s, %s, %s, %s)" % (
					c_str(name), fe_v(f),
					"FE_V_OPEN" if l is None else fe_v(l),
					flags_expr(flags, SETTING_FLAGS),
					"FE_TYPE_UNKNOWN"))
	return "\n".join(lines) + "\n"


def gen_extension_settings(rel, per, ice):
	eng_order = [v for v, npm, _ in rel if npm != "-"]
	ice_order = [v for v, _, _ in rel]
	facts = {}
	names = {}
	for ver, f in per.items():
		for key, (name, _flags, ext, _type) in f.items():
			if ext:
				names[key] = name
				facts.setdefault(key, {})[ver] = ext
	icef = iceberg_settings(ice, names, lambda r: "iceberg")
	lines = [
		"/*",
		" * Which extension defines a setting: DUCKDB_EXTENSION_SETTING(",
		" * name, extension, first, last).  Generated by",
		" * %s/gen_defs.py; do not edit." % SCRIPT_DIR,
		" *",
		" * Non-iceberg rows: each release's engine, asked with",
		" * autoload off, answered \"Setting with name X is not in the",
		" * catalog, but it exists in the Y extension\" (extract_settings.py",
		" * --candidates duckdb-settings-candidates.tsv).  Iceberg rows: the",
		" * extension's source at each pin (iceberg_facts.py).",
		" */",
	]
	for key in sorted(names):
		if key in facts:
			for f, l, ext in ranges(eng_order, facts[key]):
				lines.append("DUCKDB_EXTENSION_SETTING(%s, %s, %s, %s)"
					     % (c_str(names[key]), c_str(ext),
						fe_v(f), "FE_V_OPEN" if l is None
						else fe_v(l)))
		if key in icef:
			for f, l, ext in ranges(ice_order, icef[key]):
				lines.append("DUCKDB_EXTENSION_SETTING(%s, %s, %s, %s)"
					     % (c_str(names[key]), c_str(ext),
						fe_v(f), "FE_V_OPEN" if l is None
						else fe_v(l)))
	return "\n".join(lines) + "\n"


def load_extensions(data, rel):
	"""{version: {alias: (extension, listed)}}, sources."""
	per = {}
	sources = []
	for ver, npm, _pin in rel:
		if npm == "-":
			continue
		path = os.path.join(data, "duckdb-extensions", ver + ".tsv")
		if not os.path.exists(path):
			raise SystemExit("gen_defs: missing %s" % path)
		comments, _h, rows = read_tsv(path)
		sources.append("duckdb-extensions/%s.tsv: %s; %s" % (
			ver, comments[0], comments[1]))
		per[ver] = {r["alias"]: (r["extension"], r["listed"] == "yes")
			    for r in rows if r["extension"] != "-"}
	return per, sources


def alias_disagreements(data, rel, per):
	"""Releases whose engine applies other aliases than
	internal_aliases[] at the release tag names (the source's list is
	duckdb-extension-alias-candidates.tsv); a release without a tag
	there is not checked."""
	_c, _h, rows = read_tsv(os.path.join(
		data, "duckdb-extension-alias-candidates.tsv"))
	out = []
	for ver, npm, _pin in rel:
		tag = "v" + ver
		if npm == "-" or not any(tag in r["refs"].split(",")
					 for r in rows):
			continue
		src = {(r["alias"], r["extension"]) for r in rows
		       if tag in r["refs"].split(",")}
		eng = {(a, e) for a, (e, _l) in per[ver].items()}
		if src != eng:
			out.append("%s: engine only %s, source only %s" % (
				ver, sorted(eng - src) or "-",
				sorted(src - eng) or "-"))
	return out


def gen_extension_aliases(rel, per, sources, data):
	order = [v for v, npm, _ in rel if npm != "-"]
	_c, _h, cand = read_tsv(os.path.join(
		data, "duckdb-extension-alias-candidates.tsv"))
	tags = sorted({t for r in cand for t in r["refs"].split(",")
		       if t.startswith("v1.")})
	untagged = [v for v in order if "v" + v not in tags]
	lines = [
		"/*",
		" * Extension names DuckDB resolves to another extension in",
		" * INSTALL, LOAD and ATTACH (TYPE x):",
		" * DUCKDB_EXTENSION_ALIAS(alias, extension, first, last).",
		" * Generated by %s/gen_defs.py; do not edit." % SCRIPT_DIR,
		" *",
		" * From the real engine: extract_extensions.py listed",
		" * duckdb_extensions()'s `aliases` and ran `LOAD \"alias\"` on a",
		" * fresh in-memory database of each release's libduckdb.so (the",
		" * file LOAD looks for names the extension the alias resolves to):",
	]
	for s in sources:
		lines.append(" *   " + s)
	lines += [
		" * Held against internal_aliases[] of DuckDB's",
		" * src/main/extension/extension_alias.cpp",
		" * (ExtensionHelper::ApplyExtensionAlias) at each release tag",
		" * (duckdb-extension-alias-candidates.tsv); they agree%s." % (
			" (%s: no tag in the snapshot read)" % ", ".join(untagged)
			if untagged else ""),
		" * duckdb_extensions() lists an alias only for an extension it",
		" * knows by default; the rows say where one is applied but not",
		" * listed.  Ranges end at FE_V_OPEN when the alias is in the",
		" * newest release extracted.",
		" */",
	]
	ext = {}
	listed = {}
	for ver, facts in per.items():
		for alias, (e, lst) in facts.items():
			ext.setdefault(alias, {})[ver] = e
			listed.setdefault(alias, {})[ver] = lst
	for alias in sorted(ext):
		for f, l, e in ranges(order, ext[alias]):
			hidden = [v for v in order if ext[alias].get(v) == e and
				  not listed[alias][v]]
			if hidden:
				lines.append("/* not listed by duckdb_extensions() "
					     "in %s */" % ", ".join(hidden))
			lines.append("DUCKDB_EXTENSION_ALIAS(%s, %s, %s, %s)" % (
				c_str(alias), c_str(e), fe_v(f),
				"FE_V_OPEN" if l is None else fe_v(l)))
	return "\n".join(lines) + "\n"


def gen_iceberg(rel, ice, what):
	order = [v for v, _, _ in rel]
	pins = {v: p for v, _, p in rel}
	facts = {}
	files = {}
	for r in ice:
		if r["what"] != what:
			continue
		key = r["name"]
		if what == "attach":
			auths = set(r["auths"].split(","))
			val = (" | ".join(c for t, c in AUTHS if t in auths)
			       if len(auths) < len(AUTHS) else "FE_AUTH_ALL",
			       KINDS[r["kind"]])
		else:
			val = ()
		facts.setdefault(key, {})[r["version"]] = val
		files.setdefault(key, {})[r["version"]] = r["file"]
	if what == "attach":
		head = [
			"/*",
			" * Iceberg ATTACH options per DuckDB release:",
			" * ICEBERG_ATTACH_OPTION(name, first, last, auths, kind).",
		]
	else:
		head = [
			"/*",
			" * CREATE SECRET (TYPE iceberg) parameters per DuckDB release:",
			" * ICEBERG_SECRET_PARAM(name, first, last).",
		]
	head += [
		" * Generated by %s/gen_defs.py from iceberg-source.tsv; do not"
		% SCRIPT_DIR,
		" * edit.  Read by iceberg_facts.py from duckdb/duckdb-iceberg at",
		" * the commit each release pins:",
	]
	for v, _npm, p in rel:
		note = ""
		if p.startswith("assumed:"):
			note = " (assumed, see docs/engine-facts.md)"
		if v == "main":
			note = " (main, unreleased: FE_V_MAIN)"
		head.append(" *   %-6s %s%s" % (v, p.split(":", 1)[-1], note))
	if what == "attach":
		head += [
			" * Sources: the `lower_name == \"...\"` branches of the catalog's",
			" * Attach() (every authorization type: FE_AUTH_ALL), of",
			" * OAuth2/SIGV4/NoneAuthorization::FromAttachOptions() (OAuth2's",
			" * recognized_create_secret_options too), and the renames of",
			" * NormalizeIcebergAttachOptions() (main: `endpoint` is read as",
			" * `uri`, a deprecated spelling).  An option outside these is",
			" * \"Unhandled options found: ...\".  `type` and `read_only` are",
			" * skipped by the extension (DuckDB core reads them).",
		]
	else:
		head += [
			" * Source: the entries of IcebergSecretOptions(); any other",
			" * parameter is \"Binder Error: Unknown parameter ...\".",
		]
	head += [" * Each row cites the first and last pin it was read at."]
	head += NOTES[what]
	head += [" */"]
	lines = list(head)
	for name in sorted(facts):
		for f, l, val in ranges(order, facts[name]):
			last = order[-1] if l is None else l
			lines.append("/* %s */" % cite(pins, files[name], f, last))
			lv = "FE_V_OPEN" if l is None else fe_v(l)
			if what == "attach":
				lines.append("ICEBERG_ATTACH_OPTION(%s, %s, %s, %s, %s)"
					     % (c_str(name), fe_v(f), lv,
						val[0], val[1]))
			else:
				lines.append("ICEBERG_SECRET_PARAM(%s, %s, %s)" % (
					c_str(name), fe_v(f), lv))
	return "\n".join(lines) + "\n"


def main():
	args = [a for a in sys.argv[1:] if a != "--check"]
	check = "--check" in sys.argv[1:]
	data = os.path.abspath(args[0] if args else os.path.dirname(HERE))
	rel = read_releases(data)
	per, sources = load_settings(data, rel)
	ice = load_iceberg(data)
	aliases, alias_sources = load_extensions(data, rel)
	out = {
		"duckdb_releases.def": gen_releases(rel),
		"duckdb_settings.def": gen_settings(rel, per, sources, ice),
		"duckdb_extension_settings.def":
			gen_extension_settings(rel, per, ice),
		"duckdb_extensions.def":
			gen_extension_aliases(rel, aliases, alias_sources, data),
		"iceberg_attach.def": gen_iceberg(rel, ice, "attach"),
		"iceberg_secret.def": gen_iceberg(rel, ice, "secret"),
	}
	bad = []
	pins_wrong = iceberg_disagreements(rel, ice)
	for d in pins_wrong:
		sys.stderr.write("gen_defs: iceberg settings differ at %s\n" % d)
	aliases_wrong = alias_disagreements(data, rel, aliases)
	for d in aliases_wrong:
		sys.stderr.write("gen_defs: extension aliases of the engine and "
				 "of the source differ at %s\n" % d)
	for name, text in out.items():
		path = os.path.join(data, name)
		if check:
			try:
				with open(path, encoding="utf-8") as f:
					if f.read() != text:
						bad.append(name)
			except FileNotFoundError:
				bad.append(name)
			continue
		write_text(path, text)
	if pins_wrong or aliases_wrong:
		return 1
	if bad:
		sys.stderr.write("gen_defs: out of date with the data: %s\n"
				 "  regenerate: python3 %s/gen_defs.py\n"
				 % (", ".join(bad), SCRIPT_DIR))
		return 1
	return 0


if __name__ == "__main__":
	sys.exit(main())
