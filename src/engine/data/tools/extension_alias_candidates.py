#!/usr/bin/env python3
"""List the extension aliases in DuckDB's source, per release tag.

    python3 extension_alias_candidates.py DUCKDB_GIT_DIR [REF...]

Reads internal_aliases[] of src/main/extension/extension_alias.cpp (the
table ExtensionHelper::ApplyExtensionAlias() looks names up in, for
INSTALL, LOAD, ATTACH (TYPE x) and duckdb_extensions()'s `aliases`) at
every REF (default: the v1.4.* and v1.5.* tags, v1.5-variegata and main)
and prints one `alias<TAB>extension<TAB>refs` line per pair, sorted by
alias, `refs` being the REFs that have the pair.

These are candidates and a cross-check, not the facts: extract_extensions.py
--candidates asks each real engine which of them it applies, and
gen_defs.py holds each release's engine answers against the pairs of its
tag (a difference fails; the engine's answer is what the tables hold).
"""

import re
import subprocess
import sys

SOURCE = "src/main/extension/extension_alias.cpp"
ENTRY = re.compile(r'\{\s*"([^"]+)"\s*,\s*"([^"]+)"\s*\}')


def git(gitdir, *args):
	return subprocess.run(["git", "--git-dir", gitdir] + list(args),
			      check=True, capture_output=True,
			      text=True).stdout


def refs(gitdir):
	tags = [t for t in git(gitdir, "tag", "--list", "v1.4.*",
			       "v1.5.*").split()]
	tags.sort(key=lambda t: [int(x) for x in t[1:].split(".")])
	return tags + ["v1.5-variegata", "main"]


def entries(gitdir, ref):
	text = git(gitdir, "show", "%s:%s" % (ref, SOURCE))
	start = text.index("internal_aliases[]")
	end = text.index("};", start)
	return ENTRY.findall(text[start:end])


def main():
	if len(sys.argv) < 2:
		sys.stderr.write(__doc__)
		return 2
	gitdir = sys.argv[1]
	reflist = sys.argv[2:] or refs(gitdir)
	seen = {}
	commits = []
	for ref in reflist:
		commit = git(gitdir, "rev-parse", ref + "^{commit}").strip()
		commits.append("%s=%s" % (ref, commit[:10]))
		for alias, ext in entries(gitdir, ref):
			seen.setdefault((alias, ext), []).append(ref)
	print("# extension aliases in DuckDB's %s internal_aliases[]" % SOURCE)
	print("# (ExtensionHelper::ApplyExtensionAlias), per ref; written by")
	print("# src/engine/data/tools/extension_alias_candidates.py")
	print("# refs: %s" % " ".join(commits))
	print("alias\textension\trefs")
	for alias, ext in sorted(seen, key=lambda k: (k[0].lower(), k[1])):
		print("%s\t%s\t%s" % (alias, ext, ",".join(seen[(alias, ext)])))
	return 0


if __name__ == "__main__":
	sys.exit(main())
