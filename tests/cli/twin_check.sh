#!/bin/sh
# A static floe-profiles runs verify and check --verify in its dynamic
# twin, floe-profiles-verify (src/cli/twin.c), with the command line as
# it was given: the same output and exit status as the twin run directly.
#   twin_check.sh STATIC_BIN TWIN_BIN    (from the project root)
set -u
bin=$1
twin=$2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
check() { if eval "$2"; then passed=$((passed + 1)); echo "ok   $1";
	else failed=$((failed + 1)); echo "FAIL $1"; fi; }

check "floe-profiles has no program interpreter (static)" \
	"! readelf -l '$bin' | grep -q INTERP"
check "the twin has one (dynamic)" "readelf -l '$twin' | grep -q INTERP"

# the same run through the static binary and through the twin: options
# after the file (parse_options moves argv's pointers) and --set (cut in
# place at '=') must reach the twin as they were given
nolib=$tmp/nonexistent/libduckdb.so
same() {
	label=$1
	shift
	"$bin" "$@" > "$tmp/s.out" 2> "$tmp/s.err"
	s=$?
	"$twin" "$@" > "$tmp/t.out" 2> "$tmp/t.err"
	t=$?
	check "$label: exit $t from both" "[ $s -eq $t ]"
	check "$label: same stdout" "cmp -s '$tmp/s.out' '$tmp/t.out'"
	check "$label: same stderr" "cmp -s '$tmp/s.err' '$tmp/t.err'"
	check "$label: the twin ran DuckDB's loader" \
		"grep -q 'cannot load DuckDB' '$tmp/s.err'"
}
same "verify" verify examples/profiles.yml --duckdb "$nolib" --offline
same "check --verify --set" check examples/profiles.yml --verify \
	--platform tests/data/manifest/placeholders.manifest.yaml \
	--set product_slug=orders --set env=prod --set team=sales \
	--duckdb "$nolib"

# without the twin: exit 2 and where it was looked for
mkdir "$tmp/alone"
cp "$bin" "$tmp/alone/floe-profiles"
for cmd in "verify" "check --platform examples/platform.yaml --verify"; do
	# shellcheck disable=SC2086
	"$tmp/alone/floe-profiles" $cmd examples/profiles.yml > "$tmp/out" \
		2> "$tmp/err"
	status=$?
	check "no twin, $cmd: exit 2" "[ $status -eq 2 ]"
	check "no twin, $cmd: says where it looked" \
		"grep -q 'runs DuckDB in floe-profiles-verify, which is not beside this binary nor in $tmp/alone/../libexec/floe-profiles' '$tmp/err'"
	check "no twin, $cmd: nothing on stdout" "[ ! -s '$tmp/out' ]"
done
# the other commands need no twin
"$tmp/alone/floe-profiles" lint --no-config examples/profiles.yml \
	> /dev/null 2>&1
check "no twin, lint: runs (exit $?)" "[ $? -eq 0 ]"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
