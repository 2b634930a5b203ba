#!/usr/bin/env python3
"""List the secret types DuckDB's source knows to be an extension's, per
release tag.

    python3 secret_type_candidates.py DUCKDB_GIT_DIR [REF...]

Reads EXTENSION_SECRET_TYPES[] of src/include/duckdb/main/
extension_entries.hpp (the table that makes `CREATE SECRET (TYPE s3)` say
"it exists in the httpfs extension", or autoload httpfs) at every REF
(default: the v1.4.* and v1.5.* tags, v1.5-variegata and main) and prints
one `type<TAB>extension<TAB>refs` line per pair, sorted by type, `refs`
being the REFs that have the pair.

These are candidates, not the facts: probe_secrets.py --candidates asks
each real engine about each of them, and the engine's answer is what
duckdb_secrets.def holds (gen_secrets.py).
"""

import sys

from duckdb_source import print_pairs, ref_tables

SOURCE = "src/include/duckdb/main/extension_entries.hpp"


def main():
	tables = ref_tables(__doc__, SOURCE, "EXTENSION_SECRET_TYPES[]")
	if tables is None:
		return 2
	print_pairs(tables, [
		"secret types in DuckDB's %s" % SOURCE,
		"EXTENSION_SECRET_TYPES[], per ref; written by",
		"src/engine/data/tools/secret_type_candidates.py"], "type")
	return 0


if __name__ == "__main__":
	sys.exit(main())
