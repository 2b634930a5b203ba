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

from duckdb_source import print_pairs, ref_tables

SOURCE = "src/main/extension/extension_alias.cpp"


def main():
	tables = ref_tables(__doc__, SOURCE, "internal_aliases[]")
	if tables is None:
		return 2
	print_pairs(tables, [
		"extension aliases in DuckDB's %s internal_aliases[]" % SOURCE,
		"(ExtensionHelper::ApplyExtensionAlias), per ref; written by",
		"src/engine/data/tools/extension_alias_candidates.py"], "alias")
	return 0


if __name__ == "__main__":
	sys.exit(main())
