#!/bin/sh
# cmake --install puts the binary, the man page and the shell completions
# where they belong.
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
for f in bash-completion/completions/floe-profiles \
	 zsh/site-functions/_floe-profiles \
	 fish/vendor_completions.d/floe-profiles.fish; do
	check "the completion $f is installed" "[ -s '$prefix/share/$f' ]"
done
check "the installed bash completion is the binary's" \
	"'$prefix/bin/floe-profiles' completion bash | cmp -s - '$prefix/share/bash-completion/completions/floe-profiles'"
# a static build installs its dynamic twin, which verify runs in
if [ -x "$build/floe-profiles-verify" ]; then
	check "the twin is installed in libexec" \
		"[ -x '$prefix/libexec/floe-profiles/floe-profiles-verify' ]"
	printf 'p:\n  target: d\n  outputs:\n    d:\n      type: duckdb\n' \
		> "$prefix/p.yml"
	"$prefix/bin/floe-profiles" verify --duckdb "$prefix/none/libduckdb.so" \
		"$prefix/p.yml" > /dev/null 2> "$prefix/err"
	check "the installed binary runs verify in it" \
		"grep -q 'cannot load DuckDB' '$prefix/err'"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
