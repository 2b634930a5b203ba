#!/bin/sh
# checksrc: fail when C code calls a function this project bans.
#
#   sh tests/checksrc.sh [DIR_OR_FILE...]     (default: src include tests)
#
# sprintf, vsprintf, strcpy and strcat write without a bound, gets cannot
# be used safely at all, and atoi cannot report a bad number (curl's
# checksrc bans the same).  Use snprintf or a strbuf, memcpy with a
# length known to fit, and strtol/strtoul with an end pointer.
#
# String literals, // comments, /* */ comments on one line and the lines
# of block comments (starting with `*`) are ignored, so prose may name a
# banned function.  Exit status: 0 clean, 1 banned calls found (each one
# printed as file:line: banned function NAME), 2 usage.
set -u
cd "$(dirname "$0")/.." || exit 2
[ $# -gt 0 ] || set -- src include tests

files=$(find "$@" -type f \( -name '*.c' -o -name '*.h' \) | sort) || exit 2
status=0
for f in $files; do
	out=$(sed -e 's/"\([^"\\]\|\\.\)*"/""/g' \
		  -e "s/'\\([^'\\\\]\\|\\\\.\\)*'/''/g" \
		  -e 's|/\*.*\*/||g' -e 's|//.*$||' \
		  -e 's|^[[:space:]]*\*.*$||' -e 's|/\*.*$||' "$f" |
	      grep -nE '(^|[^A-Za-z0-9_])(v?sprintf|strcpy|strcat|gets|atoi)[[:space:]]*\(')
	[ -n "$out" ] || continue
	status=1
	printf '%s\n' "$out" | while IFS= read -r line; do
		name=$(printf '%s\n' "${line#*:}" | grep -oE \
			'(^|[^A-Za-z0-9_])(v?sprintf|strcpy|strcat|gets|atoi)[[:space:]]*\(' |
			head -n 1 | sed 's/^[^a-z]*//; s/[[:space:]]*($//')
		printf '%s:%s: banned function %s\n' "$f" "${line%%:*}" "$name"
	done
done
exit $status
