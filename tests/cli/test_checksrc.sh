#!/bin/sh
# The library, its headers and the tests call no banned function
# (tests/checksrc.sh), and the check does find one: a call in code, but
# not a name in a comment or a string, and not snprintf, vsnprintf, fgets
# or strtol.
set -u
cd "$(dirname "$0")/../.." || exit 1
fail=0
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

if ! sh tests/checksrc.sh; then
	echo "FAIL: src/, include/ or tests/ calls a banned function" >&2
	fail=1
fi

cat > "$tmp/clean.c" <<'C'
/* sprintf(buf, "x") in a comment is prose */
// strcpy(a, b) too
static const char *s = "atoi(x) in a string";
 * gets(line) on a block comment line
int f(char *b, unsigned n) { return snprintf(b, n, "%d", 1) + vsnprintf_ok(); }
long g(const char *p) { char *e; fgets(0, 0, 0); return strtol(p, &e, 10); }
C
if ! sh tests/checksrc.sh "$tmp/clean.c" >"$tmp/out"; then
	echo "FAIL: a false alarm:" >&2
	cat "$tmp/out" >&2
	fail=1
fi

for call in 'sprintf(b, "%d", 1)' 'vsprintf(b, f, ap)' 'strcpy(a, b)' \
	    'strcat(a, b)' 'gets(b)' 'atoi(s)' 'x = (atoi (s))'; do
	printf 'void h(void)\n{\n\t%s;\n}\n' "$call" > "$tmp/bad.c"
	if sh tests/checksrc.sh "$tmp/bad.c" >"$tmp/out"; then
		echo "FAIL: '$call' not found" >&2
		fail=1
	elif ! grep -q "bad.c:3: banned function " "$tmp/out"; then
		echo "FAIL: '$call' reported as:" >&2
		cat "$tmp/out" >&2
		fail=1
	fi
done
exit $fail
