#!/bin/sh
# verify on the real DuckDB: what golden cases cannot pin down.
#
#   sh tests/cli/test_verify.sh BINARY
#
# Needs FLOE_DUCKDB_LIB (tests/fetch-duckdb.sh; CMake passes it) and
# FLOE_SHARED_DIR; FLOE_DUCKDB_EXPECT is the release that library is
# (default 1.4.3; CMake runs the test again on the newest release).  Without a library the test is skipped (exit 77),
# except in CI (CI=true), where it fails so that a broken fetch is seen.
#
# - every profile `generate` writes for the real platform fixtures
#   verifies with no finding, offline, in every format;
# - the secret-manager error lands on the allow_persistent_secrets line;
# - the library is found through --duckdb, then FLOE_DUCKDB_LIB, then the
#   loader's path; none, or a library that is not DuckDB, says how to get
#   one (exit 2);
# - the run is hermetic: no persistent secret in $HOME, no database file
#   beside the profile (attaches run on stand-ins), no temporary
#   folder left; secret values appear on no stream;
# - --env renders from the environment, and a missing variable is an
#   error there.
set -u
bin=$1
shared=${FLOE_SHARED_DIR:-../shared}
lib=${FLOE_DUCKDB_LIB:-}
expect=${FLOE_DUCKDB_EXPECT:-1.4.3}
if [ -z "$lib" ]; then
	if [ "${CI:-}" = true ]; then
		echo "test_verify: CI=true but FLOE_DUCKDB_LIB is empty:" \
			"tests/fetch-duckdb.sh failed" >&2
		exit 1
	fi
	echo "test_verify: no DuckDB library (FLOE_DUCKDB_LIB); skipped" >&2
	exit 77
fi
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
ko() { fail=$((fail + 1)); echo "FAIL $1" >&2; }
check() {	# check NAME COMMAND...: the command must succeed
	name=$1
	shift
	if "$@"; then ok "$name"; else ko "$name"; fi
}

# ---- generated profiles verify clean (offline) ----
n=0
for platform in "$shared"/fixtures/real/*.platform.yaml; do
	base=$(basename "$platform" .platform.yaml)
	out=$tmp/$base.profiles.yml
	"$bin" generate "$platform" > "$out" 2>/dev/null
	case $? in
	0) ;;
	1)	# generate refuses this platform file: nothing to verify
		echo "skip $base: generate writes no profile for it"
		continue ;;
	*)	ko "generate $base"
		continue ;;
	esac
	n=$((n + 1))
	for fmt in text json gcc github sarif; do
		"$bin" verify --offline -q --format "$fmt" "$out" \
			> "$tmp/out" 2> "$tmp/err"
		status=$?
		case $fmt in
		json) want='[]' ;;
		sarif) want=$(grep -c '"results": \[\]' "$tmp/out") ;;
		*) want='' ;;
		esac
		got=$(cat "$tmp/out")
		[ "$fmt" = sarif ] && got=1
		if [ $status -eq 0 ] && [ "$got" = "${want:-}" ] &&
		   [ ! -s "$tmp/err" ]; then
			ok "verify $base ($fmt): no finding"
		else
			ko "verify $base ($fmt): status $status"
			cat "$tmp/out" "$tmp/err" >&2
		fi
	done
	# the log says what could not run, and why
	"$bin" verify --offline "$out" > /dev/null 2> "$tmp/log"
	check "verify $base: attach not checked" \
		grep -q "not checked.*ATTACH.*iceberg extension not installed" \
		"$tmp/log"
	check "verify $base: DuckDB version printed" \
		grep -q "^DuckDB v$expect, linted as $expect\$" "$tmp/log"
done
[ "$n" -ge 5 ] && ok "generated $n real profiles" || ko "only $n profiles"

# ---- the motivating failure, at the allow_persistent_secrets line ----
for f in "$shared"/fixtures/reconstructed/floe-runtime__generated__62c8028.profiles.yml; do
	line=$(grep -n 'allow_persistent_secrets' "$f" | head -1 | cut -d: -f1)
	"$bin" verify --offline --format gcc "$f" > "$tmp/out" 2>/dev/null
	status=$?
	check "62c8028: exit 1" [ $status -eq 1 ]
	check "62c8028: error at line $line" grep -q \
		":$line:[0-9]*: error: SET allow_persistent_secrets: Invalid Input Error: Changing Secret Manager settings after the secret manager is used is not allowed!" \
		"$tmp/out"
done

# ---- SARIF: valid, and the finding where it belongs ----
f=$shared/fixtures/reconstructed/floe-runtime__generated__62c8028.profiles.yml
"$bin" verify --offline -q --format sarif "$f" > "$tmp/sarif" 2>/dev/null
check "62c8028: SARIF is valid and points at line $line" \
	/usr/bin/python3 - "$shared/schemas/sarif-schema-2.1.0.json" \
	"$tmp/sarif" "$line" <<'EOF'
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1], encoding="utf-8"))
doc = json.load(open(sys.argv[2], encoding="utf-8"))
jsonschema.Draft4Validator(schema).validate(doc)
results = doc["runs"][0]["results"]
assert len(results) == 1, results
region = results[0]["locations"][0]["physicalLocation"]["region"]
assert region["startLine"] == int(sys.argv[3]), region
assert "Changing Secret Manager settings" in results[0]["message"]["text"]
EOF

# ---- finding the library ----
cat > "$tmp/p.yml" <<'EOF'
p:
  target: dev
  outputs:
    dev:
      type: duckdb
      settings: {threads: 2}
EOF
FLOE_DUCKDB_LIB=/nonexistent/libduckdb.so "$bin" verify --duckdb "$lib" \
	-q "$tmp/p.yml" > /dev/null 2>&1
check "--duckdb wins over FLOE_DUCKDB_LIB" [ $? -eq 0 ]
FLOE_DUCKDB_LIB=$lib "$bin" verify -q "$tmp/p.yml" > /dev/null 2>&1
check "FLOE_DUCKDB_LIB is used" [ $? -eq 0 ]
env -u FLOE_DUCKDB_LIB LD_LIBRARY_PATH="$(dirname "$lib")" \
	"$bin" verify -q "$tmp/p.yml" > /dev/null 2>&1
check "libduckdb.so on the loader's path is used" [ $? -eq 0 ]
env -u FLOE_DUCKDB_LIB LD_LIBRARY_PATH=/nonexistent \
	"$bin" verify -q "$tmp/p.yml" > /dev/null 2> "$tmp/err"
status=$?
check "no library: exit 2" [ $status -eq 2 ]
check "no library: says how to get one" grep -q \
	'npm install.*@duckdb/node-bindings' "$tmp/err"
libc=$(ldd /bin/sh | awk '/libc\.so/ {print $3}')
if [ -n "$libc" ]; then
	"$bin" verify --duckdb "$libc" -q "$tmp/p.yml" > /dev/null \
		2> "$tmp/err"
	status=$?
	check "not DuckDB: exit 2" [ $status -eq 2 ]
	check "not DuckDB: said so" grep -q 'is not a DuckDB library' \
		"$tmp/err"
fi

# ---- hermetic, and no secret on any stream ----
mkdir -p "$tmp/home" "$tmp/tmp"
cat > "$tmp/secret.yml" <<'EOF'
p:
  target: dev
  outputs:
    dev:
      type: duckdb
      secrets:
        - type: http
          name: kept
          persistent: true
          bearer_token: "TOPSECRET'VALUE-1"
      attach:
        - path: cat
          alias: c
          type: iceberg
          options:
            endpoint: http://localhost:1/api/catalog
            client_id: "x'y"
            client_secret: "TOPSECRET'VALUE-2"
      settings:
        secret_directory: /tmp/x
EOF
for version in 1.11.0 1.10.0; do
	HOME=$tmp/home TMPDIR=$tmp/tmp "$bin" verify --offline \
		--dbt-duckdb-version "$version" "$tmp/secret.yml" \
		> "$tmp/out" 2> "$tmp/err-$version"
	check "$version: findings (exit 1)" [ $? -eq 1 ]
	check "$version: no secret in the output" sh -c \
		"! grep -q 'SECRET.VALUE\|TOPSECRET' '$tmp/out' '$tmp/err-$version'"
	check "$version: no persistent secret in HOME" \
		[ -z "$(find "$tmp/home" -type f)" ]
	check "$version: no temporary folder left" \
		[ -z "$(ls -A "$tmp/tmp")" ]
done
check "the persistent secret was created (in the temporary folder)" \
	grep -q 'ok .*CREATE SECRET kept' "$tmp/err-1.11.0"

# ---- database files: stand-ins in the temporary folder, none left ----
mkdir -p "$tmp/cwd" "$tmp/tmp2"
cat > "$tmp/cwd/files.yml" <<'EOF'
p:
  target: dev
  outputs:
    dev:
      type: duckdb
      path: dev.duckdb
      attach:
        - path: data/raw.duckdb
          alias: raw
        - path: data/ref.duckdb
          read_only: true
        - path: dev.duckdb
          alias: again
        - path: "dbname=x password=PGSECRET-CANARY"
          type: postgres
EOF
(cd "$tmp/cwd" && HOME=$tmp/home TMPDIR=$tmp/tmp2 "$bin" verify --offline --format gcc \
	files.yml > "$tmp/out" 2> "$tmp/err")
check "database files: the attaches run" \
	grep -q "ok .*ATTACH 'data/raw.duckdb' AS raw: attached as raw" "$tmp/err"
check "database files: read-only on an empty file" \
	grep -q "ok .*ATTACH 'data/ref.duckdb': attached as ref" "$tmp/err"
check "database files: the path's file again, DuckDB's words" \
	grep -q "files.yml:12:.*Unique file handle conflict.*dev.duckdb" \
	"$tmp/out"
check "database files: no stand-in path in any message" \
	sh -c "! grep -q '$tmp/tmp2' '$tmp/out' '$tmp/err'"
check "database files: the postgres password is not shown" \
	sh -c "! grep -q 'PGSECRET' '$tmp/out' '$tmp/err'"
# DuckDB names a database after its file: a secret path's name is secret
cat > "$tmp/cwd/secretpath.yml" <<'EOF'
p:
  target: dev
  outputs:
    dev:
      type: duckdb
      path: "{{ env_var('DBT_ENV_SECRET_DB', 'mainPATHCANARY.duckdb') }}"
      attach:
        - path: "{{ env_var('DBT_ENV_SECRET_DB2', 'attPATHCANARY.duckdb') }}"
        - path: "{{ env_var('DBT_ENV_SECRET_DB3', 'x/attPATHCANARY.duckdb') }}"
EOF
(cd "$tmp/cwd" && HOME=$tmp/home TMPDIR=$tmp/tmp2 "$bin" verify --offline \
	secretpath.yml > "$tmp/out" 2> "$tmp/err")
check "database files: the alias is taken (FP703)" \
	grep -q "FP703" "$tmp/out"
check "database files: a secret path's database name is not shown" \
	sh -c "! grep -q 'PATHCANARY' '$tmp/out' '$tmp/err'"
rm -f "$tmp/cwd/secretpath.yml"
check "database files: nothing written beside the profile" \
	[ "$(ls -A "$tmp/cwd")" = files.yml ]
check "database files: no temporary folder left" \
	[ -z "$(ls -A "$tmp/tmp2")" ]

# ---- --env ----
cat > "$tmp/env.yml" <<'EOF'
p:
  target: dev
  outputs:
    dev:
      type: duckdb
      settings:
        memory_limit: "{{ env_var('FLOE_TEST_MEMORY', '1GB') }}"
        threads: "{{ env_var('FLOE_TEST_THREADS') }}"
EOF
"$bin" verify "$tmp/env.yml" > "$tmp/out" 2> "$tmp/err"
check "no --env: placeholders are not findings" [ $? -eq 0 ]
check "no --env: the log names them" \
	grep -q 'not checked.*FLOE_TEST_THREADS' "$tmp/err"
FLOE_TEST_THREADS=3 FLOE_TEST_MEMORY=lots "$bin" verify --env \
	--format gcc "$tmp/env.yml" > "$tmp/out" 2>/dev/null
# 1.4.3 says "Memory limit must have a number", 1.5 "Memory must have ..."
check "--env: the value from the environment runs" grep -q \
	"env.yml:7:9: error: SET memory_limit: .*Memory\( limit\)\? must have a number" \
	"$tmp/out"
env -u FLOE_TEST_THREADS "$bin" verify --env --format gcc "$tmp/env.yml" \
	> "$tmp/out" 2>/dev/null
check "--env: a missing variable is an error" grep -q \
	"env.yml:8:18: error: env var 'FLOE_TEST_THREADS' is not set" \
	"$tmp/out"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
