#!/bin/sh
# Install what is missing, build, and run every test: the unit tests,
# golden CLI cases and read-back checks, then all of them again under
# AddressSanitizer + UndefinedBehaviorSanitizer.  .ci/run calls this.
#
#   sh tests/run.sh
set -eu
cd "$(dirname "$0")/.."
[ -d ../shared/fixtures ] || {
	echo "tests: ../shared (fixtures, schemas) must sit beside the project" >&2
	exit 2
}
sh tests/deps.sh test
# the DuckDB libraries verify's tests run on (npm; fails loudly): 1.4.3,
# and the newest release the fact tables know (verify's golden cases and
# tests again, as CASE@VERSION; engine/settings_newest)
duckdb=$(sh tests/fetch-duckdb.sh build/duckdb)
newest=$(awk -F'\t' '!/^#/ && $2 != "-" { v = $2 } END { print v }' \
	src/engine/data/duckdb-releases.tsv)
duckdb_newest=$(sh tests/fetch-duckdb.sh build/duckdb-newest "$newest")
jobs=$(nproc 2>/dev/null || echo 2)

cmake -S . -B build -DBUILD_TESTING=ON -DFLOE_WERROR=ON -DFLOE_DUCKDB_LIB="$duckdb" \
	-DFLOE_DUCKDB_LIB_NEWEST="$duckdb_newest"
cmake --build build -j"$jobs"
(cd build && ctest --output-on-failure -j"$jobs")

cmake -S . -B build-san -DFLOE_WERROR=ON -DFLOE_SANITIZE=ON \
	-DFLOE_DUCKDB_LIB="$duckdb" -DFLOE_DUCKDB_LIB_NEWEST="$duckdb_newest" \
	-DCMAKE_BUILD_TYPE=Debug
cmake --build build-san -j"$jobs"
(cd build-san && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	ctest --output-on-failure -j"$jobs")
