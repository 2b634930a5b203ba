#!/usr/bin/env python3
"""Generate src/engine/duckdb_secrets.def from the probed CREATE SECRETs.

    python3 gen_secrets.py [DATA_DIR] [--check]

DATA_DIR (default: the folder above this script) holds
duckdb-releases.tsv, duckdb-secrets/VERSION.tsv (probe_secrets.py's
output, one a release) and duckdb-names/VERSION.tsv (extract_names.py's).
The rows:

  DUCKDB_SECRET_TYPE(type, extension, first, last)
      `CREATE SECRET (TYPE type)` finds the type on the releases
      first..last: the engine's own (extension "") or, through autoload,
      the extension's ("does not exist, but it exists in the X
      extension").  Any other type is "Secret type 't' not found" there,
      unless an extension the profile loads registers it.

  DUCKDB_SECRETLESS_EXTENSION(extension, first, last)
      an extension loaded in every fresh database of the releases
      first..last (statically linked) that registers no secret type:
      listing it in `extensions:` adds none.

  DUCKDB_SECRET_STORAGE(storage, persistent, first, last)
      a secret storage of a fresh database on the releases first..last:
      `CREATE OR REPLACE SECRET x IN storage (...)` (any case, quoted or
      bare) creates the secret there, persistent (a file written to
      secret_directory) or not.  Any other storage is "Secret storage
      's' not found!" there (the probe's `x IN nowhere`, checked), unless
      an extension loaded first registers it.

  DUCKDB_SECRET_STORAGE_KEYWORD(word, first, last)
      a word of duckdb_keywords() that `IN word` refuses with a syntax
      error: the grammar's storage is an IDENT (create_secret.y
      opt_storage_specifier: IN_P IDENT), which no keyword is.

  DUCKDB_SECRET_NAME_FORM(form, persistent, class, name, storage,
                          stored, first, last)
      what the releases first..last made of `CREATE OR REPLACE[
      PERSISTENT] SECRET form (\n    type http\n)`, the text dbt-duckdb
      writes for a secret's name (persistent: 1 with PERSISTENT): class
      "ok" (the secret `name`, "" for the default __default_http, in
      `storage`, `stored` 1 when persistent), "syntax" (a Parser Error),
      "storage" (no such storage) or "temporary-storage" (PERSISTENT in
      memory).  Not read by the engine: tests/unit/test_engine.c holds
      fe_secret_name_parse() to every row.

  DUCKDB_SECRET_PERSISTENT_DISABLED(message, first, last)
      the engine's answer, on the releases first..last, to a persistent
      secret (PERSISTENT, or a persistent storage: `x IN local_file`)
      once allow_persistent_secrets is off, as dbt-duckdb's
      config_options turn it off at connect; a temporary one is created
      (both checked).

The names are not rows: on every release the keywords CREATE SECRET
refuses as a bare name are exactly those ATTACH ... AS refuses
(DUCKDB_ALIAS_KEYWORD of duckdb_names.def), which this script checks, so
the alias rows judge a secret's name too; a difference stops it.

Consecutive releases with the same fact become one row (first, last);
`last` is FE_V_OPEN when the fact holds in the newest release probed.
With --check nothing is written: the exit status is 1 when the committed
.def is not what the data gives.  Only the standard library is used.
"""

import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from common import (c_str, gen_main, probe_heads,  # noqa: E402
		    read_probes, read_tsv, release_spans)

SCRIPT = "src/engine/data/tools/gen_secrets.py"
# a form the probe creates: what duckdb_secrets() said of it
MADE = re.compile(r"^OK: name '((?:[^']|'')*)', storage (\S+), persistent "
		  r"(true|false), file (.+)$")
# the storage no release has, and its answer
CONTROL = "nowhere"
NOT_FOUND = "Invalid Input Error: Secret storage 'nowhere' not found!"
FORM_CLASSES = ("ok", "syntax", "storage", "temporary-storage")


def die(ver, msg):
	raise SystemExit("%s: %s: %s" % (SCRIPT, ver, msg))


def form_facts(ver, r, storages):
	"""A name form's row as (form, persistent, class, name, storage,
	stored); the storage a bare `x IN w` created the secret in is added
	to `storages` as (w, persistent)."""
	persistent = 1 if r["kind"] == "nameform-persistent" else 0
	form, cls = r["what"], r["class"]
	if cls not in FORM_CLASSES:
		die(ver, "form %r: class %s" % (form, cls))
	if cls != "ok":
		return (form, persistent, cls, "", "", 0)
	m = MADE.match(r["answer"])
	if not m:
		die(ver, "form %r: answer %r" % (form, r["answer"]))
	name = m.group(1).replace("''", "'")
	stored = 1 if m.group(3) == "true" else 0
	if stored != (m.group(4) != "-"):
		die(ver, "form %r: persistent, but no file (or not)" % form)
	if name == "__default_http":
		name = ""
	bare = re.match(r"^x IN ([a-z_]+)$", form)
	if bare and not persistent:
		if bare.group(1) != m.group(2):
			die(ver, "IN %s made a secret in %s" % (bare.group(1),
								 m.group(2)))
		storages.add((m.group(2), stored))
	return (form, persistent, cls, name, m.group(2), stored)


def alias_keywords(data, ver):
	"""The words ATTACH ... AS refuses with a syntax error (names; not
	the alias forms, form: and form-options: rows)."""
	_c, _h, rows = read_tsv(os.path.join(data, "duckdb-names",
					     ver + ".tsv"))
	return {r["name"] for r in rows
		if r["plain"].startswith("Parser Error: syntax error") and
		not r["name"].startswith("form")}


def render(data):
	probes = read_probes(data, "duckdb-secrets")
	vers = [ver for ver, _c, _h, _r in probes]
	facts = {}
	for ver, _c, header, rows in probes:
		got, refused, storages, forms = set(), set(), set(), set()
		words, kw_storage, disabled = set(), set(), {}
		for r in rows:
			r = dict(zip(header, r))
			if r["kind"] == "type" and r["class"] != "unknown":
				got.add((r["what"], "" if r["class"] == "core"
					 else r["extension"]))
			elif r["kind"] == "name":
				words.add(r["what"])
				if r["class"] == "syntax":
					refused.add(r["what"])
			elif r["kind"] == "loaded" and r["class"] == "no-types":
				got.add((r["what"], None))
			elif r["kind"] == "storage":
				if r["class"] == "syntax":
					kw_storage.add(r["what"])
				elif r["class"] != "storage":
					die(ver, "IN %s: %s" % (r["what"],
								r["answer"]))
			elif r["kind"] in ("nameform", "nameform-persistent"):
				forms.add(form_facts(ver, r, storages))
			elif r["kind"] == "disabled":
				disabled[r["what"]] = (r["class"], r["answer"])
		# what the engine's parse relies on: a storage is memory or
		# local_file (lower-cased), any other not found; no keyword is
		# a storage; the storages' persistence is what the forms show
		if ("x IN %s" % CONTROL, 0, "storage", "", "", 0) not in forms \
				or not any(r[0] == "nameform" and r[1] == "x IN "
					   + CONTROL and r[4] == NOT_FOUND
					   for r in rows):
			die(ver, "x IN %s is not %r" % (CONTROL, NOT_FOUND))
		if kw_storage - words:
			die(ver, "storage words not keywords: %s" %
			    sorted(kw_storage - words))
		names = {st for st, _p in storages}
		if len(names) != len(storages):
			die(ver, "a storage both persistent and not: %s" %
			    sorted(storages))
		for f in forms:
			if f[2] == "ok" and f[4] not in names:
				die(ver, "form %r made a secret in %s" % (f[0], f[4]))
		# persistent: refused with one answer; temporary: created
		want = {"PERSISTENT x": "disabled",
			"PERSISTENT (no name)": "disabled",
			"x IN local_file": "disabled", "x": "ok",
			"x IN memory": "ok"}
		if {k: c for k, (c, _a) in disabled.items()} != want or \
				len({a for c, a in disabled.values()
				     if c == "disabled"}) != 1:
			die(ver, "allow_persistent_secrets=false: %s" % disabled)
		got.add(("disabled", disabled["x IN local_file"][1]))
		got |= {("storage", st, p) for st, p in storages}
		got |= {("keyword", w) for w in kw_storage}
		got |= {("form",) + f for f in forms}
		alias = alias_keywords(data, ver)
		if refused != alias:
			raise SystemExit("%s: %s: the names CREATE SECRET refuses "
					 "are not those ATTACH ... AS refuses: "
					 "only SECRET %s, only AS %s" % (
						 SCRIPT, ver,
						 sorted(refused - alias),
						 sorted(alias - refused)))
		facts[ver] = got
	lines = [
		"/*",
		" * The secret types CREATE SECRET finds, and the extensions "
		"that add none:",
		" *   DUCKDB_SECRET_TYPE(type, extension, first, last)",
		" *   DUCKDB_SECRETLESS_EXTENSION(extension, first, last)",
		" *   DUCKDB_SECRET_STORAGE(storage, persistent, first, last)",
		" *   DUCKDB_SECRET_STORAGE_KEYWORD(word, first, last)",
		" *   DUCKDB_SECRET_PERSISTENT_DISABLED(message, first, last)",
		" *   DUCKDB_SECRET_NAME_FORM(form, persistent, class, name, "
		"storage,",
		" *                           stored, first, last)",
		" * (tools/gen_secrets.py says what they mean; a secret's name",
		" * is judged by duckdb_names.def's DUCKDB_ALIAS_KEYWORD rows,",
		" * which the probes show are the same words on every release.)",
		" * Generated by %s; do not edit." % SCRIPT,
		" *",
		" * Read from the real engine: probe_secrets.py ran CREATE "
		"SECRET for every",
		" * type of duckdb_secret_types() and of the source's "
		"EXTENSION_SECRET_TYPES[]",
		" * (duckdb-secret-type-candidates.tsv), for every keyword "
		"as the name",
		" * and as the storage (IN <word>), for the name forms of its "
		"FORMS as",
		" * dbt-duckdb writes them (with and without PERSISTENT, and "
		"under",
		" * allow_persistent_secrets=false), and listed the",
		" * extensions loaded in a fresh database,",
		" * on a fresh in-memory database of each release:",
	] + probe_heads("duckdb-secrets", probes) + [" */"]
	spans = sorted(release_spans(facts, vers),
		       key=lambda s: (s[0][0], s[3]))
	kinds = {"storage": [], "keyword": [], "form": [], "disabled": []}
	for key, first, last, v in spans:
		if key[0] in kinds:
			kinds[key[0]].append((key[1:], first, last, v))
			continue
		typ, ext = key
		if ext is None:
			continue
		lines.append("DUCKDB_SECRET_TYPE(%s, %s, %s, %s)" % (
			c_str(typ), c_str(ext), first, last))
	for key, first, last, _v in spans:
		if key[0] not in kinds and key[1] is None:
			lines.append("DUCKDB_SECRETLESS_EXTENSION(%s, %s, %s)" % (
				c_str(key[0]), first, last))
	for (st, p), first, last, _v in sorted(kinds["storage"],
					       key=lambda k: (k[0], k[3])):
		lines.append("DUCKDB_SECRET_STORAGE(%s, %d, %s, %s)" % (
			c_str(st), p, first, last))
	# sorted by word (the engine bisects them, case-insensitively)
	for (w,), first, last, _v in sorted(kinds["keyword"],
					    key=lambda k: (k[0][0].lower(),
							   k[3])):
		lines.append("DUCKDB_SECRET_STORAGE_KEYWORD(%s, %s, %s)" % (
			c_str(w), first, last))
	for (msg,), first, last, _v in sorted(kinds["disabled"],
					      key=lambda k: k[3]):
		lines.append("DUCKDB_SECRET_PERSISTENT_DISABLED(%s, %s, %s)" % (
			c_str(msg), first, last))
	order = {}
	for _ver, _c, header, rows in probes:
		for r in rows:
			r = dict(zip(header, r))
			if r["kind"].startswith("nameform"):
				order.setdefault((r["what"], r["kind"]),
						 len(order))
	for (form, p, cls, name, st, stored), first, last, _v in sorted(
			kinds["form"], key=lambda k: (order[(k[0][0], "nameform"
						+ ("-persistent" if k[0][1]
						   else ""))], k[3])):
		lines.append("DUCKDB_SECRET_NAME_FORM(%s, %d, %s, %s, %s, %d, "
			     "%s, %s)" % (c_str(form), p, c_str(cls),
					  c_str(name), c_str(st), stored, first,
					  last))
	return "\n".join(lines) + "\n"


def main():
	return gen_main(render, "duckdb_secrets.def", SCRIPT, HERE)


if __name__ == "__main__":
	sys.exit(main())
