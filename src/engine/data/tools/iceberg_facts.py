#!/usr/bin/env python3
"""Read the iceberg extension's ATTACH options, secret parameters and
settings from its source, at the commit each DuckDB release pins.

    python3 iceberg_facts.py ICEBERG_GIT_DIR [--duckdb DUCKDB_GIT_DIR]
                             [-o iceberg-source.tsv]

ICEBERG_GIT_DIR is a git directory of duckdb/duckdb-iceberg (a bare
mirror is enough: only `git show` and `git grep` at fixed commits are
used).  The pins come from duckdb-releases.tsv beside this script's
folder; with --duckdb, each is checked against
.github/config/extensions/iceberg.cmake (GIT_TAG) at the release tag of a
duckdb/duckdb git directory, and a mismatch is an error.

At each pin it reads, never runs:
  attach   the `lower_name == "..."` branches of the catalog's Attach()
           (handled under every authorization type), of each
           <Type>Authorization::FromAttachOptions() (oauth2, sigv4, none;
           also OAuth2's recognized_create_secret_options set and none's
           input.options.count("...") look-ups), and the renames of
           NormalizeIcebergAttachOptions() (main: endpoint -> uri)
  secret   the entries of IcebergSecretOptions() (CREATE SECRET TYPE
           iceberg parameters)
  setting  the names given to config.AddExtensionOption() (a macro name
           is resolved through its #define / constexpr at the same commit);
           a registration inside #if/#ifdef is written as `setting_if`,
           with the condition in the kind column, and is not a setting of
           the release (its builds do not define it)

and writes one row per fact and release:
  version  pin  what  name  auths  kind  file
where auths is a comma list of oauth2/sigv4/none (attach only) and kind
the way the value is read (attach only): bool (cast to BOOLEAN),
interval (cast to INTERVAL), presence (set by its presence, value
ignored), enum (lower-cased and matched later), map, string.

The output is committed as src/engine/data/iceberg-source.tsv;
gen_defs.py turns it into iceberg_attach.def, iceberg_secret.def and the
extension rows of duckdb_settings.def.  No code of the extension is kept.
"""

import argparse
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from common import read_releases, write_lines  # noqa: E402

SCRIPT = "src/engine/data/tools/iceberg_facts.py"

AUTH_FUNCS = (("oauth2", "OAuth2Authorization"),
	      ("sigv4", "SIGV4Authorization"),
	      ("none", "NoneAuthorization"))
ALL_AUTHS = "oauth2,sigv4,none"


def git(gitdir, *args, check=True):
	p = subprocess.run(["git", "--git-dir", gitdir] + list(args),
			   capture_output=True, text=True)
	if check and p.returncode != 0:
		raise RuntimeError("git %s: %s" % (" ".join(args), p.stderr))
	return p.stdout if p.returncode == 0 else ""


def grep_files(gitdir, commit, pattern):
	out = git(gitdir, "grep", "-l", "-E", pattern, commit, "--",
		  "src/*.cpp", "src/*.hpp", check=False)
	return sorted(line.split(":", 1)[1] for line in out.splitlines())


def show(gitdir, commit, path):
	return git(gitdir, "show", "%s:%s" % (commit, path))


def function_body(text, head_re):
	"""The text between the braces of the first definition matching."""
	m = re.search(head_re, text)
	if not m:
		return None
	i = text.index("{", m.end())
	depth = 0
	for j in range(i, len(text)):
		if text[j] == "{":
			depth += 1
		elif text[j] == "}":
			depth -= 1
			if depth == 0:
				return text[i + 1:j]
	return None


BRANCH = re.compile(r'lower_name\s*==\s*"([a-z0-9_]+)"')


def branches(body):
	"""(name, text of its branch) for each lower_name == "x" test."""
	found = []
	ms = list(BRANCH.finditer(body))
	for k, m in enumerate(ms):
		end = ms[k + 1].start() if k + 1 < len(ms) else len(body)
		stop = body.find("} else", m.end(), end)
		found.append((m.group(1), body[m.end():stop if stop >= 0 else end]))
	return found


def kind_of(name, text):
	if "LogicalType::BOOLEAN" in text:
		return "bool"
	if "LogicalType::INTERVAL" in text:
		return "interval"
	if "ParseExtraHttpHeaders" in text or name == "extra_http_headers":
		return "map"
	if re.search(r"=\s*true\s*;", text) and "entry.second" not in text:
		return "presence"
	if re.search(r"_string\s*=\s*StringUtil::Lower\(entry\.second", text):
		return "enum"
	return "string"


def attach_facts(gitdir, commit):
	"""{name: [auths set, kind, files set]} at one commit."""
	facts = {}

	def add(name, auth, kind, path):
		f = facts.setdefault(name, [set(), kind, set()])
		f[0].update(auth.split(","))
		if f[1] == "string" and kind != "string":
			f[1] = kind
		f[2].add(path)

	# the catalog's Attach(): handled before the authorization type
	for path in grep_files(gitdir, commit, r"::Attach\("):
		text = show(gitdir, commit, path)
		body = function_body(text, r"unique_ptr<Catalog>\s+\w+::Attach\(")
		if not body or "lower_name" not in body:
			continue
		for name, btext in branches(body):
			if name in ("type", "read_only"):
				add(name, ALL_AUTHS,
				    "bool" if name == "read_only" else "string",
				    path)
				continue
			add(name, ALL_AUTHS, kind_of(name, btext), path)
		norm = function_body(text, r"NormalizeIcebergAttachOptions\(")
		if norm:
			for old, new in re.findall(
					r'name\s*==\s*"([a-z0-9_]+)"\s*\)\s*\{\s*'
					r'name\s*=\s*"([a-z0-9_]+)"', norm):
				if new in facts:
					add(old, ",".join(sorted(facts[new][0])),
					    facts[new][1], path)
	# each authorization type's FromAttachOptions()
	for auth, cls in AUTH_FUNCS:
		head = r"\b%s::FromAttachOptions\(" % cls
		for path in grep_files(gitdir, commit, head):
			text = show(gitdir, commit, path)
			body = function_body(text, r"unique_ptr<\w+>\s+" + head)
			if body is None:
				continue
			for name, btext in branches(body):
				add(name, auth, kind_of(name, btext), path)
			m = re.search(r"recognized_create_secret_options\s*"
				      r"\{([^}]*)\}", body)
			if m:
				for name in re.findall(r'"([a-z0-9_]+)"',
						       m.group(1)):
					add(name, auth, kind_of(name, ""), path)
			for name in re.findall(
					r'input\.options\.(?:count|find)\("([a-z0-9_]+)"\)',
					body):
				add(name, auth, kind_of(name, ""), path)
	return facts


def secret_facts(gitdir, commit):
	for path in grep_files(gitdir, commit, r"IcebergSecretOptions\(\)"):
		text = show(gitdir, commit, path)
		body = function_body(
			text, r"&\s*IcebergSecretOptions\(\)\s*(?=\{)")
		if body:
			return [(n, path) for n in
				re.findall(r'\{\s*"([a-z0-9_]+)"\s*,', body)], path
	raise RuntimeError("no IcebergSecretOptions() at %s" % commit)


def resolve_macro(gitdir, commit, ident):
	pat = re.compile(r'(#define\s+%s|\b%s\s*(\[\])?\s*=)\s*"([^"]+)"'
			 % (ident, ident))
	for path in grep_files(gitdir, commit, r"\b%s\b" % ident):
		m = pat.search(show(gitdir, commit, path))
		if m:
			return m.group(3)
	raise RuntimeError("cannot resolve %s at %s" % (ident, commit))


def conditions(text, pos):
	"""The #if/#ifdef conditions open at `pos` (innermost last)."""
	stack = []
	for m in re.finditer(r"^[ \t]*#[ \t]*(if|ifdef|ifndef|else|elif|endif)"
			     r"\b(.*)$", text[:pos], re.M):
		d = m.group(1)
		if d.startswith("if"):
			stack.append((d + " " + m.group(2).strip()).strip())
		elif d == "endif" and stack:
			stack.pop()
	return stack


def setting_facts(gitdir, commit):
	"""(name, file, condition): condition is "-" or the #if around the
	registration (such a setting exists only in builds that define it;
	the release builds do not, see docs/engine-facts.md)."""
	rows = []
	for path in grep_files(gitdir, commit, r"AddExtensionOption\("):
		text = show(gitdir, commit, path)
		for m in re.finditer(r'AddExtensionOption\(\s*("([^"]+)"|'
				     r'([A-Za-z_][A-Za-z0-9_:]*))', text):
			name = m.group(2) or resolve_macro(
				gitdir, commit, m.group(3).split("::")[-1])
			cond = conditions(text, m.start())
			rows.append((name, path, cond[-1] if cond else "-"))
	return rows


def check_pins(duckdb_gitdir, releases):
	for ver, _npm, pin in releases:
		if ver == "main":
			continue
		tag = "v" + ver
		text = git(duckdb_gitdir, "show",
			   "%s:.github/config/extensions/iceberg.cmake" % tag,
			   check=False)
		m = re.search(r"GIT_TAG\s+([0-9a-f]{40})", text)
		if not m:
			if pin.startswith("assumed:"):
				continue
			raise RuntimeError("%s: no iceberg GIT_TAG at %s" % (ver, tag))
		if pin != m.group(1):
			raise RuntimeError("%s: pin %s, but %s says %s" % (
				ver, pin, tag, m.group(1)))


def main():
	ap = argparse.ArgumentParser()
	ap.add_argument("gitdir")
	ap.add_argument("--duckdb")
	ap.add_argument("-o", "--output")
	args = ap.parse_args()
	releases = read_releases(DATA)
	if args.duckdb:
		check_pins(args.duckdb, releases)
	lines = [
		"# duckdb-iceberg source facts at the commit each DuckDB release "
		"pins (duckdb-releases.tsv)",
		"# read by %s from a git directory of duckdb/duckdb-iceberg;"
		% SCRIPT,
		"# do not edit by hand",
		"\t".join(("version", "pin", "what", "name", "auths", "kind",
			   "file")),
	]
	cache = {}
	for ver, _npm, pin in releases:
		commit = pin.split(":", 1)[-1]
		if commit not in cache:
			full = git(args.gitdir, "rev-parse",
				   commit + "^{commit}").strip()
			rows = []
			for name, (auths, kind, files) in sorted(
					attach_facts(args.gitdir, full).items()):
				order = [a for a in ALL_AUTHS.split(",") if a in auths]
				rows.append(("attach", name, ",".join(order), kind,
					     ";".join(sorted(files))))
			params, _ = secret_facts(args.gitdir, full)
			for name, path in sorted(params):
				rows.append(("secret", name, "-", "-", path))
			for name, path, cond in sorted(
					setting_facts(args.gitdir, full)):
				what = "setting" if cond == "-" else "setting_if"
				rows.append((what, name, "-", cond, path))
			cache[commit] = rows
		for row in cache[commit]:
			lines.append("\t".join((ver, pin) + row))
	write_lines(args.output, lines)
	return 0


if __name__ == "__main__":
	sys.exit(main())
