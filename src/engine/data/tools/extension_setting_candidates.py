#!/usr/bin/env python3
"""List the settings DuckDB knows to live in extensions, from its source.

    python3 extension_setting_candidates.py DUCKDB_GIT_DIR [REF...]

Reads EXTENSION_SETTINGS[] of src/include/duckdb/main/extension_entries.hpp
(the table the engine uses to say "Setting with name X is not in the
catalog, but it exists in the Y extension") at every REF (default: the
v1.4.* and v1.5.* tags, v1.5-variegata and main) and prints the union, one
`name<TAB>extension<TAB>first ref<TAB>commit` line each, sorted by name.

These are only candidates: extract_settings.py --candidates asks each real
engine which of them it knows, so the committed per-release rows come from
the engine, not from this list.
"""

import sys

from duckdb_source import ref_tables

HEADER = "src/include/duckdb/main/extension_entries.hpp"


def main():
	tables = ref_tables(__doc__, HEADER, "EXTENSION_SETTINGS[]")
	if tables is None:
		return 2
	reflist, walked = tables
	seen = {}
	for ref, sha, pairs in walked:
		for name, ext in pairs:
			seen.setdefault(name, (ext, ref, sha[:10]))
	print("# extension settings named in DuckDB's %s" % HEADER)
	print("# EXTENSION_SETTINGS[], union over the refs below; written by")
	print("# src/engine/data/tools/extension_setting_candidates.py")
	print("# refs: %s" % " ".join(reflist))
	print("# name\textension\tfirst ref\tcommit")
	for name in sorted(seen, key=str.lower):
		ext, ref, sha = seen[name]
		print("%s\t%s\t%s\t%s" % (name, ext, ref, sha))
	return 0


if __name__ == "__main__":
	sys.exit(main())
