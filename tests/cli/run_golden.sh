#!/bin/sh
# Run one golden CLI case: run_golden.sh BINARY CASE_DIR
#
# CASE_DIR/args            the arguments, one per line
# CASE_DIR/stdin           optional standard input
# CASE_DIR/expected.stdout, expected.stderr, expected.status
#
# Run from the project root (paths in args are relative to it).  With
# UPDATE_GOLDEN=1 the expected files are rewritten from the actual run.
set -u
bin=$1
dir=$2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

set --
while IFS= read -r arg || [ -n "$arg" ]; do
	set -- "$@" "$arg"
done < "$dir/args"

if [ -f "$dir/stdin" ]; then
	"$bin" "$@" < "$dir/stdin" > "$tmp/stdout" 2> "$tmp/stderr"
else
	"$bin" "$@" < /dev/null > "$tmp/stdout" 2> "$tmp/stderr"
fi
echo $? > "$tmp/status"

if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
	for f in stdout stderr status; do
		cp "$tmp/$f" "$dir/expected.$f"
	done
	exit 0
fi

fail=0
for f in status stdout stderr; do
	if ! diff -u "$dir/expected.$f" "$tmp/$f"; then
		echo "golden: $dir: $f differs" >&2
		fail=1
	fi
done
exit $fail
