#!/bin/sh
# docs/rules.md is generated from the rule registry; it must not drift.
#   test_rules_doc.sh BINARY    (from the project root)
# To refresh it: ./build/floe-profiles rules --markdown > docs/rules.md
set -u
tmp=$(mktemp) || exit 2
trap 'rm -f "$tmp"' EXIT
"$1" rules --markdown > "$tmp" || exit 1
if diff -u docs/rules.md "$tmp"; then
	echo "1 passed, 0 failed"
else
	echo "docs/rules.md is out of date: run '$1 rules --markdown > docs/rules.md'" >&2
	echo "0 passed, 1 failed"
	exit 1
fi
