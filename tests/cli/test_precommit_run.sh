#!/bin/sh
# pre-commit run for real on the published hooks (.pre-commit-hooks.yaml):
# a temporary hooks repository holding the file as it is published, and a
# temporary project that uses it as docs/ci.md tells users to, with
# floe-profiles on PATH.  The lint hook must fail on a bad profile and
# pass on a good one; check and generate --check likewise.  The hooks are
# `language: system`, so pre-commit downloads nothing.
#
# Debian's pre-commit (tests/deps.sh installs it for the tests).  Without
# it the test is skipped (exit 77), except under CI=true, where it fails.
#
# test_precommit_run.sh BINARY   (from the project root)
set -u
bin=$(realpath "$1")
root=$(pwd)
if ! command -v pre-commit >/dev/null 2>&1; then
	if [ "${CI:-}" = true ]; then
		echo "FAIL pre-commit is not installed (tests/deps.sh test installs it)"
		exit 1
	fi
	echo "skip: pre-commit is not installed (apt-get install pre-commit)"
	exit 77
fi
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1"; sed 's/^/    /' "$tmp/out"; }
git_() { git -c user.name=test -c user.email=test@example.invalid \
	-c init.defaultBranch=main -c commit.gpgsign=false "$@"; }

# floe-profiles on PATH, as pre-commit's `language: system` needs; a
# private pre-commit cache, and no user configuration
mkdir -p "$tmp/bin" "$tmp/home"
ln -s "$bin" "$tmp/bin/floe-profiles"
PATH=$tmp/bin:$PATH
HOME=$tmp/home
PRE_COMMIT_HOME=$tmp/cache
XDG_CACHE_HOME=$tmp/cache
export PATH HOME PRE_COMMIT_HOME XDG_CACHE_HOME
unset GITHUB_ACTIONS PRE_COMMIT_ALLOW_NO_CONFIG

# the hooks repository: the published file, committed
hooks=$tmp/hooks
mkdir -p "$hooks"
cp "$root/.pre-commit-hooks.yaml" "$hooks/"
git_ -C "$hooks" init -q
git_ -C "$hooks" add .pre-commit-hooks.yaml
git_ -C "$hooks" commit -q -m hooks
rev=$(git -C "$hooks" rev-parse HEAD)

# the project, configured as docs/ci.md shows
proj=$tmp/project
mkdir -p "$proj/platform/dev" "$proj/dbt" "$proj/other"
git_ -C "$proj" init -q
cp "$root/examples/platform.yaml" "$proj/platform/dev/platform.yaml"
"$bin" generate -o "$proj/dbt/profiles.yml" \
	"$proj/platform/dev/platform.yaml" || exit 2
cat > "$proj/.pre-commit-config.yaml" <<CFG
repos:
  - repo: $hooks
    rev: $rev
    hooks:
      - id: floe-profiles-lint
      - id: floe-profiles-check
        args: [--platform, platform/dev/platform.yaml, dbt/profiles.yml]
      - id: floe-profiles-generate-check
        args: [-o, dbt/profiles.yml, platform/dev/platform.yaml]
CFG
git_ -C "$proj" add -A
git_ -C "$proj" commit -q -m project

run() {	# run HOOK... : pre-commit run in the project; status in $rc
	(cd "$proj" && pre-commit run "$@") > "$tmp/out" 2>&1
	rc=$?
}

# a good profile: every hook passes
run --files dbt/profiles.yml platform/dev/platform.yaml
if [ $rc -eq 0 ] && grep -q '^floe-profiles lint\.*Passed' "$tmp/out" &&
   grep -q '^floe-profiles check\.*Passed' "$tmp/out" &&
   grep -q '^floe-profiles generate --check\.*Passed' "$tmp/out"; then
	ok "a good profile passes every hook"
else
	bad "a good profile passes every hook (exit $rc)"
fi

# a file the lint hook's pattern does not take is not linted
cp "$root/tests/golden/lint/FP101-secret-manager-setting-hit/profiles.yml" \
	"$proj/other/myprofiles.yml"
git_ -C "$proj" add other/myprofiles.yml
run floe-profiles-lint --files other/myprofiles.yml
if [ $rc -eq 0 ] && grep -q '^floe-profiles lint\.*(no files to check)Skipped' \
	"$tmp/out"; then
	ok "the lint hook skips a file not named profiles.yml"
else
	bad "the lint hook skips a file not named profiles.yml (exit $rc)"
fi

# a bad profile: the lint hook fails and names the rule
cp "$root/tests/golden/lint/FP101-secret-manager-setting-hit/profiles.yml" \
	"$proj/other/profiles.yml"
git_ -C "$proj" add other/profiles.yml
run floe-profiles-lint --files other/profiles.yml
if [ $rc -eq 1 ] && grep -q '^floe-profiles lint\.*Failed' "$tmp/out" &&
   grep -q 'other/profiles.yml' "$tmp/out" && grep -q 'FP101' "$tmp/out"
then
	ok "the lint hook fails on a bad profile and names the finding"
else
	bad "the lint hook fails on a bad profile (exit $rc)"
fi

# the committed profile edited by hand: check and generate --check fail
sed 's#http://polaris:8181/api/catalog"#http://polaris:8181/api/catalog/v1"#' \
	"$proj/dbt/profiles.yml" > "$tmp/edited" &&
	cp "$tmp/edited" "$proj/dbt/profiles.yml"
run --files dbt/profiles.yml
if [ $rc -eq 1 ] && grep -q '^floe-profiles lint\.*Failed' "$tmp/out" &&
   grep -q '^floe-profiles check\.*Failed' "$tmp/out" &&
   grep -q '^floe-profiles generate --check\.*Failed' "$tmp/out" &&
   grep -q 'FP203' "$tmp/out"; then
	ok "an edited profile fails lint, check and generate --check"
else
	bad "an edited profile fails lint, check and generate --check (exit $rc)"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
