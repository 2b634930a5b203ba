"""Reading DuckDB's source tables at release tags, for the *_candidates.py
scripts: one `{"a", "b"}` table of a source file, per git ref."""

import re
import subprocess
import sys

ENTRY = re.compile(r'\{\s*"([^"]+)"\s*,\s*"([^"]+)"\s*\}')


def git(gitdir, *args):
	return subprocess.run(["git", "--git-dir", gitdir] + list(args),
			      check=True, capture_output=True,
			      text=True).stdout


def refs(gitdir):
	"""The v1.4.* and v1.5.* tags in version order, v1.5-variegata, main."""
	tags = [t for t in git(gitdir, "tag", "--list", "v1.4.*",
			       "v1.5.*").split()]
	tags.sort(key=lambda t: [int(x) for x in t[1:].split(".")])
	return tags + ["v1.5-variegata", "main"]


def commit(gitdir, ref):
	return git(gitdir, "rev-parse", ref + "^{commit}").strip()


def table_entries(gitdir, ref, path, marker):
	"""The ("a", "b") pairs of the table declared as `marker` in `path`."""
	text = git(gitdir, "show", "%s:%s" % (ref, path))
	start = text.index(marker)
	end = text.index("};", start)
	return ENTRY.findall(text[start:end])


def ref_tables(doc, path, marker):
	"""The candidates scripts' command line, DUCKDB_GIT_DIR [REF...]:
	(the REFs, [(ref, commit, the pairs of `marker` in `path` there)] for
	each), or None after printing `doc` when it is wrong."""
	if len(sys.argv) < 2:
		sys.stderr.write(doc)
		return None
	gitdir = sys.argv[1]
	reflist = sys.argv[2:] or refs(gitdir)
	return reflist, [(ref, commit(gitdir, ref),
			  table_entries(gitdir, ref, path, marker))
			 for ref in reflist]


def print_pairs(tables, head, first_column):
	"""Print the pairs of ref_tables()' `tables` as a candidates TSV: the
	`head` comment lines, the refs read (with their commits), then one
	`a<TAB>b<TAB>refs` line per pair, sorted by a (case-folded), `refs`
	being the refs that have the pair; `first_column` names a."""
	seen = {}
	commits = []
	for ref, sha, pairs in tables[1]:
		commits.append("%s=%s" % (ref, sha[:10]))
		for a, b in pairs:
			seen.setdefault((a, b), []).append(ref)
	for line in head:
		print("# " + line)
	print("# refs: %s" % " ".join(commits))
	print("%s\textension\trefs" % first_column)
	for a, b in sorted(seen, key=lambda k: (k[0].lower(), k[1])):
		print("%s\t%s\t%s" % (a, b, ",".join(seen[(a, b)])))
