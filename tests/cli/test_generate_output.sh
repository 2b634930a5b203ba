#!/bin/sh
# CLI behaviour of `generate` that golden files cannot pin: writing with
# -o (atomic, modes, symlinks, untouched on error), the input size cap,
# determinism, and that a secret's value never reaches any output.
#
# test_generate_output.sh BINARY   (run from the project root)
set -u
bin=$1
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1"; }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }

good=examples/platform.yaml
broken=tests/data/platform/uri-no-scheme.yaml

# 1. a new file: written, mode 0600, the same profile as on stdout; its
#    header names the platform relative to the file's own folder
"$bin" generate "$good" > "$tmp/stdout.yml"
"$bin" generate -o "$tmp/new.yml" "$good"
check "new file: exit 0" "[ $? -eq 0 ]"
check "new file: same profile as stdout" \
	"[ \"\$(tail -n +2 '$tmp/stdout.yml')\" = \"\$(tail -n +2 '$tmp/new.yml')\" ]"
rel=$(realpath --relative-to="$tmp" "$good")
check "new file: header relative to its folder" \
	"head -1 '$tmp/new.yml' | grep -qF 'from $rel.'"
check "new file: mode 0600" "[ \"\$(stat -c %a '$tmp/new.yml')\" = 600 ]"

# 2. an input error leaves an existing file untouched
printf 'OLD\n' > "$tmp/keep.yml"
chmod 644 "$tmp/keep.yml"
"$bin" generate -o "$tmp/keep.yml" "$broken" 2> "$tmp/err"
check "input error: exit 1" "[ $? -eq 1 ]"
check "input error: file untouched" "[ \"\$(cat '$tmp/keep.yml')\" = OLD ]"

# 3. replacing keeps the mode and leaves no temporary file behind
"$bin" generate -o "$tmp/keep.yml" "$good"
check "replace: exit 0" "[ $? -eq 0 ]"
check "replace: content" "cmp -s '$tmp/new.yml' '$tmp/keep.yml'"
check "replace: mode kept" "[ \"\$(stat -c %a '$tmp/keep.yml')\" = 644 ]"
check "replace: no temporary files" \
	"[ \$(ls -A '$tmp' | grep -c '^\\.') -eq 0 ]"

# 4. a folder that does not exist: I/O error, exit 2
"$bin" generate -o "$tmp/nope/profiles.yml" "$good" 2> "$tmp/err"
check "missing folder: exit 2" "[ $? -eq 2 ]"
check "missing folder: message" \
	"grep -q \"cannot write '$tmp/nope/profiles.yml'\" '$tmp/err'"

# 5. the output is a directory: exit 2, directory untouched
mkdir "$tmp/dir.yml"
"$bin" generate -o "$tmp/dir.yml" "$good" 2> "$tmp/err"
check "directory output: exit 2" "[ $? -eq 2 ]"
check "directory output: still a directory" "[ -d '$tmp/dir.yml' ]"

# 6. a symbolic link stays a link; its target is replaced
printf 'OLD\n' > "$tmp/real.yml"
ln -s real.yml "$tmp/link.yml"
"$bin" generate -o "$tmp/link.yml" "$good"
check "symlink: still a link" "[ -L '$tmp/link.yml' ]"
check "symlink: target replaced" "cmp -s '$tmp/new.yml' '$tmp/real.yml'"

# 7. the size cap: refused with a position, raised with --max-size
awk 'BEGIN { print "catalogs:"; for (i = 0; i < 25000; i++)
	printf "  c%06d: {uri: \"https://h.example/api/catalog\", warehouse: w}\n", i }' \
	> "$tmp/big.yaml"
"$bin" generate "$tmp/big.yaml" > /dev/null 2> "$tmp/err"
check "size cap: exit 1" "[ $? -eq 1 ]"
check "size cap: positioned message" \
	"grep -q '^$tmp/big.yaml:1:1: error: the file is larger than the limit of 1048576 bytes' '$tmp/err'"
"$bin" generate --max-size 4M "$tmp/big.yaml" > /dev/null 2> "$tmp/err"
check "raised cap: the file is read (no size error)" \
	"! grep -q 'larger than the limit' '$tmp/err'"

# 8. deterministic: the same input gives the same bytes
"$bin" generate "$good" > "$tmp/again.yml"
check "deterministic" "cmp -s '$tmp/stdout.yml' '$tmp/again.yml'"

# 9. a literal secret's value never appears, on any stream, in any file
canary=CANARY-s3cr3t-9f2b
"$bin" generate -o "$tmp/secret.yml" tests/data/platform/literal-secret.yaml \
	> "$tmp/out" 2> "$tmp/err"
check "literal secret: exit 1" "[ $? -eq 1 ]"
check "literal secret: not on stdout or stderr" \
	"! grep -q '$canary' '$tmp/out' '$tmp/err'"
check "literal secret: no file written" "[ ! -e '$tmp/secret.yml' ]"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
