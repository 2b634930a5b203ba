#!/bin/sh
# Every rule's golden pair, as code: each tests/golden/{lint,check}/ case
# named FPnnn-<name>-hit[-...] must report FPnnn, and each one named
# FPnnn-<name>-near-miss[-...] must not; <name> must be the rule's name in
# the registry, and every rule that lint or check reports must have both.
# A case named otherwise says what it proves in a `rules` file, one line
# per kind: `hit FP214` or `near-miss FP214 FP215` (# starts a comment).
# The case is run as run_golden.sh runs it; its output must be the gcc
# format (`[FPnnn]` ends a finding's line).
#
#   test_hit_near_miss.sh BINARY
set -u
bin=$1
. "$(dirname "$0")/golden_case.sh"
cd "$(dirname "$0")/../.." || exit 2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
fail=0
say() { echo "FAIL: $*" >&2; fail=1; }

"$bin" rules > "$tmp/rules" || { say "'rules' failed"; exit 1; }

run_case() {
	golden_exec "$bin" "$1" > "$tmp/out" 2>&1
}

nr_hit=0
nr_miss=0
check() {	# DIR KIND ID: the case's output has ID (hit) or not (miss)
	if [ "$2" = hit ]; then
		nr_hit=$((nr_hit + 1))
		echo "$3" >> "$tmp/hit"
		grep -q "\[$3\]\$" "$tmp/out" ||
			say "$1: the hit case does not report $3"
	else
		nr_miss=$((nr_miss + 1))
		echo "$3" >> "$tmp/miss"
		grep -q "\[$3\]\$" "$tmp/out" &&
			say "$1: the near miss reports $3"
	fi
}
for dir in tests/golden/lint/* tests/golden/check/*; do
	[ -f "$dir/args" ] || continue
	case=$(basename "$dir")
	case $case in FP*) ;; *) [ -f "$dir/rules" ] || continue ;; esac
	grep -q -- "--format" "$dir/args" && ! grep -qx gcc "$dir/args" &&
		say "$dir: not in the gcc format"
	if [ -f "$dir/rules" ]; then
		run_case "$dir"
		awk '!/^#/ && NF && $1 != "hit" && $1 != "near-miss" {
			exit 1 }' "$dir/rules" ||
			say "$dir/rules: a line is not 'hit ID...' or" \
			    "'near-miss ID...'"
		for id in $(awk '$1 == "hit" { $1 = ""; print }' "$dir/rules"); do
			check "$dir" hit "$id"
		done
		for id in $(awk '$1 == "near-miss" { $1 = ""; print }' \
			    "$dir/rules"); do
			check "$dir" miss "$id"
		done
		continue
	fi
	case $case in FP*) ;; *) continue ;; esac
	id=${case%%-*}
	rest=${case#*-}
	case $rest in
	*-hit|*-hit-*) kind=hit; name=${rest%%-hit*} ;;
	*-near-miss|*-near-miss-*) kind=miss; name=${rest%%-near-miss*} ;;
	*) say "$dir: an FPnnn case is named FPnnn-<name>-hit or -near-miss"
	   continue ;;
	esac
	if ! grep -q "^$id  [a-z]*  *$name " "$tmp/rules"; then
		say "$dir: '$name' is not the name of $id"
	fi
	run_case "$dir"
	check "$dir" $kind "$id"
done

# Every rule but the engine's (FP7xx, which verify reports from a real
# DuckDB; tests/golden/verify) has a hit and a near miss.
for id in $(awk '/^FP[0-6]/ { print $1 }' "$tmp/rules"); do
	grep -qx "$id" "$tmp/hit" 2>/dev/null || say "$id has no hit case"
	grep -qx "$id" "$tmp/miss" 2>/dev/null ||
		say "$id has no near-miss case"
done
[ $fail = 0 ] && echo "ok: $nr_hit hit and $nr_miss near-miss cases"
exit $fail
