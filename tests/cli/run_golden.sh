#!/bin/sh
# Run one golden CLI case: run_golden.sh BINARY CASE_DIR
#
# CASE_DIR/args            the arguments, one per line
# CASE_DIR/stdin           optional standard input
# CASE_DIR/env             optional: the run's environment, one change a
#                          line: NAME=VALUE sets NAME, -NAME unsets it
# CASE_DIR/expected.stdout, expected.stderr, expected.status
#
# Run from the project root (paths in args are relative to it).  With
# UPDATE_GOLDEN=1 the expected files are rewritten from the actual run.
#
# A second DuckDB release (the verify cases run on 1.4.3 and on the newest
# release the tables know): FLOE_GOLDEN_DUCKDB=1.5.6 and
# FLOE_GOLDEN_DUCKDB_BASE=1.4.3.  Where that release's output differs, it
# is CASE_DIR/expected@1.5.6.{stdout,stderr,status}; else expected.* is
# the answer, read with the base version number replaced by this one on
# the lines that name the DuckDB release verify ran on ("DuckDB v1.4.3
# ...", "verified on DuckDB v1.4.3 ..."), and only there.  UPDATE_GOLDEN=1 writes an
# expected@VERSION file only where it differs (and removes it where not).
set -u
bin=$1
dir=$2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/golden_case.sh"
variant=${FLOE_GOLDEN_DUCKDB:-}
base=${FLOE_GOLDEN_DUCKDB_BASE:-}

# expected FILE: the expected text of FILE (stdout, stderr, status) on stdout
expected() {
	if [ -n "$variant" ] && [ -f "$dir/expected@$variant.$1" ]; then
		cat "$dir/expected@$variant.$1"
	elif [ -n "$variant" ] && [ -n "$base" ]; then
		b=$(printf '%s' "$base" | sed 's/\./\\./g')
		sed -e "/DuckDB v$b\([^.0-9]\|\$\)/{" \
			-e "s/\([^.0-9]\)$b\([^.0-9]\|\$\)/\1$variant\2/g" \
			-e "s/\([^.0-9]\)$b\([^.0-9]\|\$\)/\1$variant\2/g" \
			-e "}" "$dir/expected.$1"
	else
		cat "$dir/expected.$1"
	fi
}

golden_exec "$bin" "$dir" > "$tmp/stdout" 2> "$tmp/stderr"
echo $? > "$tmp/status"

if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
	for f in stdout stderr status; do
		if [ -z "$variant" ]; then
			cp "$tmp/$f" "$dir/expected.$f"
			continue
		fi
		rm -f "$dir/expected@$variant.$f"
		expected "$f" > "$tmp/want"
		cmp -s "$tmp/want" "$tmp/$f" ||
			cp "$tmp/$f" "$dir/expected@$variant.$f"
	done
	exit 0
fi

fail=0
for f in status stdout stderr; do
	expected "$f" > "$tmp/want.$f"
	if ! diff -u "$tmp/want.$f" "$tmp/$f"; then
		echo "golden: $dir: $f differs" >&2
		fail=1
	fi
done
exit $fail
