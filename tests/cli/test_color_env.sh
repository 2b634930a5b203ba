#!/bin/sh
# Colour of the text format, from --color and the environment:
# --color wins; then NO_COLOR (set, not empty) turns colour off; then
# FORCE_COLOR or CLICOLOR_FORCE (set, not empty, not 0) turn it on even
# when stdout is not a terminal (CI logs); machine formats never colour.
#   test_color_env.sh BINARY    (from the project root)
set -u
bin=$1
in=../shared/fixtures/reconstructed/floe-runtime__generated__62c8028.profiles.yml
passed=0
failed=0
esc=$(printf '\033')
# colour WANT ENV... -- ARGS...: does the report hold an escape sequence?
colour() {
	want=$1
	shift
	envs=
	while [ "$1" != -- ]; do envs="$envs $1"; shift; done
	shift
	out=$(env -u NO_COLOR -u FORCE_COLOR -u CLICOLOR_FORCE -u GITHUB_ACTIONS $envs \
		"$bin" lint --no-config -q "$@" "$in" 2>/dev/null)
	case $out in *"$esc"*) got=yes ;; *) got=no ;; esac
	if [ "$got" = "$want" ]; then
		passed=$((passed + 1)); echo "ok   colour=$want:$envs $*"
	else
		failed=$((failed + 1)); echo "FAIL colour=$got, not $want:$envs $*"
	fi
}
colour no  --
colour yes FORCE_COLOR=1 --
colour yes FORCE_COLOR=true --
colour no  FORCE_COLOR=0 --
colour no  FORCE_COLOR= --
colour yes CLICOLOR_FORCE=1 --
colour no  CLICOLOR_FORCE=0 --
colour no  FORCE_COLOR=1 NO_COLOR=1 --
colour no  CLICOLOR_FORCE=1 NO_COLOR=1 --
colour yes FORCE_COLOR=1 NO_COLOR= --
colour no  FORCE_COLOR=1 -- --color never
colour yes NO_COLOR=1 -- --color always
colour no  FORCE_COLOR=1 -- --format gcc
colour no  FORCE_COLOR=1 -- --format json
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
