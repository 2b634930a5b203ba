#!/bin/sh
# Files that are not regular files, and streams that fail (issue 12 §3):
# a FIFO never hangs a run, `-o` writes to a pipe or device in place, and
# output that cannot be written is exit 2 with a message, for every
# command.  Each run has a timeout, so a regression fails, not hangs.
#
# test_files_streams.sh BINARY   (run from the project root)
set -u
bin=$1
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1"; }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }
run() { timeout 10 "$@"; }

good=examples/platform.yaml
profile=examples/profiles.yml
hit=tests/golden/lint/FP101-secret-manager-setting-hit/profiles.yml
[ -f "$hit" ] || hit=$(ls tests/golden/lint/FP1*-hit/profiles.yml | head -1)
mkfifo "$tmp/fifo" || exit 2

# 1. a FIFO that no process writes to is refused at once, for every
#    reader (generate --check -o FIFO used to wait forever)
run "$bin" generate --check -o "$tmp/fifo" "$good" > "$tmp/out" 2> "$tmp/err"
check "check -o FIFO without a writer: exit 2" "[ $? -eq 2 ]"
check "check -o FIFO without a writer: message" \
	"grep -q \"cannot read '$tmp/fifo': it is a FIFO that no process writes to\" '$tmp/err'"
run "$bin" lint --no-config "$tmp/fifo" > /dev/null 2> "$tmp/err"
check "lint FIFO without a writer: exit 2" "[ $? -eq 2 ]"
run "$bin" generate "$tmp/fifo" > /dev/null 2> "$tmp/err"
check "generate FIFO without a writer: exit 2" "[ $? -eq 2 ]"

# 2. a FIFO with a writer is read like standard input, with the cap
cat "$profile" > "$tmp/fifo" &
writer=$!
sleep 0.2
run "$bin" lint --no-config "$tmp/fifo" > "$tmp/out" 2> "$tmp/err"
check "lint FIFO with a writer: exit 0" "[ $? -eq 0 ]"
kill "$writer" 2> /dev/null
wait "$writer" 2> /dev/null
cat "$profile" | run "$bin" lint --no-config /dev/stdin > /dev/null 2>&1
check "lint /dev/stdin on a pipe: exit 0" "[ $? -eq 0 ]"
head -c 3000000 /dev/zero | tr '\0' ' ' | \
	run "$bin" lint --no-config - > /dev/null 2> "$tmp/err"
check "an endless-looking stdin stops at the cap: exit 1" "[ $? -eq 1 ]"

# 3. -o a FIFO that no process reads: refused at once
run "$bin" generate -o "$tmp/fifo" "$good" 2> "$tmp/err"
check "-o FIFO without a reader: exit 2" "[ $? -eq 2 ]"
check "-o FIFO without a reader: message" \
	"grep -q 'it is a FIFO that no process reads' '$tmp/err'"
check "-o FIFO: still a FIFO" "[ -p '$tmp/fifo' ]"

# 4. -o /dev/stdout on a pipe: the profile goes down the pipe, exit 0,
#    and no message
run "$bin" generate "$good" > "$tmp/want"
(run "$bin" generate -o /dev/stdout "$good" 2> "$tmp/err"; \
	echo $? > "$tmp/status") | cat > "$tmp/got"
check "-o /dev/stdout on a pipe: exit 0" "[ \"\$(cat '$tmp/status')\" = 0 ]"
check "-o /dev/stdout on a pipe: the profile" \
	"[ \"\$(tail -n +2 '$tmp/got')\" = \"\$(tail -n +2 '$tmp/want')\" ]"
check "-o /dev/stdout on a pipe: no message" "[ ! -s '$tmp/err' ]"
run "$bin" generate -o /dev/null "$good" 2> "$tmp/err"
check "-o /dev/null: exit 0" "[ $? -eq 0 ]"
check "/dev/null: still a device" "[ -c /dev/null ]"

# 5. a device that refuses the bytes: exit 2 and the reason
if [ -c /dev/full ]; then
	run "$bin" generate -o /dev/full "$good" 2> "$tmp/err"
	check "-o /dev/full: exit 2" "[ $? -eq 2 ]"
	check "-o /dev/full: message" \
		"grep -q \"cannot write '/dev/full': No space left on device\" '$tmp/err'"

	# 6. a report that cannot be written is exit 2, for every command
	printf 'OLD\n' > "$tmp/old.yml"
	run "$bin" generate --check -o "$tmp/old.yml" "$good" > /dev/full \
		2> "$tmp/err"
	check "generate --check > /dev/full: exit 2" "[ $? -eq 2 ]"
	check "generate --check > /dev/full: message" \
		"grep -q 'cannot write to standard output: No space left on device' '$tmp/err'"
	run "$bin" generate "$good" > /dev/full 2> "$tmp/err"
	check "generate > /dev/full: exit 2" "[ $? -eq 2 ]"
	run "$bin" lint --no-config "$hit" > /dev/full 2> "$tmp/err"
	check "lint with findings > /dev/full: exit 2" "[ $? -eq 2 ]"
	check "lint > /dev/full: message" \
		"grep -q 'cannot write' '$tmp/err'"
	run "$bin" lint --no-config --format json "$profile" > /dev/full \
		2> /dev/null
	check "lint --format json > /dev/full: exit 2" "[ $? -eq 2 ]"
	run "$bin" sql "$profile" > /dev/full 2> /dev/null
	check "sql > /dev/full: exit 2" "[ $? -eq 2 ]"
	run "$bin" rules > /dev/full 2> /dev/null
	check "rules > /dev/full: exit 2" "[ $? -eq 2 ]"
	run "$bin" --help > /dev/full 2> /dev/null
	check "--help > /dev/full: exit 2" "[ $? -eq 2 ]"
	run "$bin" --version > /dev/full 2> /dev/null
	check "--version > /dev/full: exit 2" "[ $? -eq 2 ]"
fi

# A platform file whose path is longer than any fixed buffer, in
# two-byte characters: the messages that name where a platform value is
# written hold it whole (they were cut at 512 bytes, possibly inside a
# character), and a streamed profile's findings are reported from it.
case14=tests/golden/check/FP214-platform-token-uri-mismatch-hit-path-case
plat14=tests/golden/check/FP214-platform-token-uri-mismatch-near-miss-same-url
long=$tmp
for i in 1 2 3; do
	long=$long/$(printf 'é%.0s' $(seq 1 100))
done
mkdir -p "$long" && cp "$plat14/platform.yaml" "$long/platform.yaml"
run "$bin" check --no-config --format gcc --platform "$long/platform.yaml" \
	"$case14/profiles.yml" > "$tmp/long.out" 2>&1
check "check with a 600-byte platform path: exit 1" "[ $? -eq 1 ]"
check "... the FP214 message names the whole path" \
	"grep -F -q \"(\$long/platform.yaml:\" \"\$tmp/long.out\""
check "... the output is UTF-8" \
	"python3 -c 'import sys; open(sys.argv[1], encoding=\"utf-8\").read()' \
	 \"\$tmp/long.out\""

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
