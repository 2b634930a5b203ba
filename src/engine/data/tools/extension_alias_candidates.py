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

import sys

from duckdb_source import ref_tables

SOURCE = "src/main/extension/extension_alias.cpp"


def main():
	tables = ref_tables(__doc__, SOURCE, "internal_aliases[]")
	if tables is None:
		return 2
	seen = {}
	commits = []
	for ref, sha, pairs in tables[1]:
		commits.append("%s=%s" % (ref, sha[:10]))
		for alias, ext in pairs:
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
