#!/bin/sh
# cmake --install puts the binary and the man page where they belong.
#   install_check.sh BUILD_DIR
set -u
build=$1
prefix=$(mktemp -d) || exit 2
trap 'rm -rf "$prefix"' EXIT
passed=0
failed=0
check() { if eval "$2"; then passed=$((passed + 1)); echo "ok   $1";
	else failed=$((failed + 1)); echo "FAIL $1"; fi; }

cmake --install "$build" --prefix "$prefix" > /dev/null
check "install succeeds" "[ $? -eq 0 ]"
check "the binary is installed and runs" \
	"'$prefix/bin/floe-profiles' --version | grep -q '^floe-profiles '"
check "the man page is installed" \
	"[ -f '$prefix/share/man/man1/floe-profiles.1' ]"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
