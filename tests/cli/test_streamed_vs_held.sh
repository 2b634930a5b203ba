#!/bin/sh
# A profiles file named on the command line is read in blocks as it is
# parsed and read again only when its text is needed (docs/DESIGN.md,
# "fileio"); standard input is read whole.  The two must give the same
# report: every golden lint and check input, the shared fixtures, and
# files larger than libyaml's first 16 KiB block with a suppression
# comment after a syntax error, after a byte that is not UTF-8, and
# after both a first block and a quoted scalar spanning lines, are linted
# both ways (the gcc and the SARIF formats) and their outputs and exit
# statuses compared.
#
# test_streamed_vs_held.sh BINARY   (run from the project root)
set -u
bin=$1
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
shared=${FLOE_SHARED_DIR:-../shared}

# One file both ways, in one format; "$@" are more options.
both() {	# FILE FORMAT OPTION...
	f=$1 fmt=$2
	shift 2
	timeout 20 "$bin" lint --no-config --max-size 4M --format "$fmt" \
		"$@" "$f" > "$tmp/a" 2>&1
	a=$?
	timeout 20 "$bin" lint --no-config --max-size 4M --format "$fmt" \
		"$@" --stdin-filename "$f" - < "$f" > "$tmp/b" 2>&1
	b=$?
	if [ "$a" -eq "$b" ] && cmp -s "$tmp/a" "$tmp/b"; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "FAIL $f ($fmt $*): exit $a streamed, $b held"
		diff "$tmp/a" "$tmp/b" | head -5
	fi
}

# large files: filler past the first block, then what must still be read
filler() { awk 'BEGIN { for (i = 0; i < 700; i++)
	printf "# filler line %d of a comment block\n", i }'; }
{
	printf 'p:\n  target: dev\n  outputs:\n    dev: {type: duckdb\n'
	filler
	printf '    x: 1  # floe-profiles: bogus\n'
} > "$tmp/late-directive-after-syntax-error.yml"
{
	printf 'p:\n  target: dev\n  x: "\377"\n'
	filler
	printf '  outputs: {}  # floe-profiles: bogus\n'
} > "$tmp/late-directive-after-bad-byte.yml"
{
	printf 'p:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n'
	printf '      settings:\n        memory_limit: "4GB\n'
	filler | sed 's/^#/          /'
	printf '          # floe-profiles: disable=FP101"\n'
	printf '        allow_persistent_secrets: true'
	printf '  # floe-profiles: disable=FP101\n'
} > "$tmp/directive-in-a-quoted-scalar.yml"
for f in "$tmp"/*.yml; do
	both "$f" gcc
	both "$f" sarif
done

for f in tests/golden/lint/*/profiles.yml tests/golden/check/*/profiles.yml \
	 "$shared"/fixtures/real/*.yml "$shared"/fixtures/reconstructed/*.yml
do
	[ -f "$f" ] || continue
	both "$f" gcc
done
for f in tests/golden/lint/FP1*-hit*/profiles.yml; do
	both "$f" sarif
done
plat=examples/platform.yaml
for f in tests/golden/check/FP2*/profiles.yml; do
	[ -f "$f" ] && both "$f" json --platform "$plat"
done

echo "$passed passed, $failed failed"
[ "$passed" -gt 400 ] && [ "$failed" -eq 0 ]
