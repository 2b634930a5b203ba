#!/bin/sh
# CI-shaped end-to-end test of check: a temporary git repository with a
# .floe-profiles.yaml, a platform, a generated profile and a dbt project;
# check runs from a subfolder, must find the configuration, and must
# report repository-relative paths in the github, SARIF and gitlab formats,
# and a check that could not run must still leave a report saying so.
#
# test_check_ci.sh BINARY   (from the project root)
set -u
bin=$(realpath "$1")
root=$(pwd)
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1"; }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }

# a configuration above the repository must not be read (it is invalid)
mkdir -p "$tmp/outer/repo"
printf 'this: [is not valid\n' > "$tmp/outer/.floe-profiles.yaml"
repo=$tmp/outer/repo
git -C "$repo" init -q
mkdir -p "$repo/platform/dev" "$repo/dbt/models/staging"
cp "$root/examples/platform.yaml" "$repo/platform/dev/platform.yaml"
# the repository's configuration makes FP007 an error and names the alias
cat > "$repo/.floe-profiles.yaml" <<'CFG'
rules:
  - id: unknown-output-key
    level: error
generate:
  alias: polaris_catalog
CFG
"$bin" generate -o "$repo/dbt/profiles.yml" "$repo/platform/dev/platform.yaml"
printf '      vars: {layer: bronze}\n' >> "$repo/dbt/profiles.yml"
printf 'name: demo\nprofile: floe\n' > "$repo/dbt/dbt_project.yml"
cat > "$repo/dbt/models/staging/sources.yml" <<'SRC'
version: 2
sources:
  - name: bronze
    database: polaris_catalog
    schema: demo
    tables: [{name: raw_orders}]
SRC

cd "$repo/dbt/models" || exit 2
out=$("$bin" check --format github --platform ../../platform/dev/platform.yaml \
	--project .. ../profiles.yml)
status=$?
echo "$out"
check "check exits 1 on findings" "[ $status -eq 1 ]"
check "config found from a subfolder: FP007 is an error" \
	"echo \"\$out\" | grep -q '^::error file=dbt/profiles.yml,.*title=FP007'"
check "github paths are repository-relative (profile)" \
	"echo \"\$out\" | grep -q 'file=dbt/profiles.yml,'"
check "github paths are repository-relative (sources)" \
	"echo \"\$out\" | grep -q '^::error file=dbt/models/staging/sources.yml,line=5,col=13,.*title=FP604'"

sarif=$("$bin" check --format sarif --platform ../../platform/dev/platform.yaml \
	--project .. ../profiles.yml)
check "sarif paths are repository-relative" \
	"echo \"\$sarif\" | grep -q '\"uri\": \"dbt/models/staging/sources.yml\"'"

gitlab=$("$bin" check --format gitlab --exit-zero \
	--platform ../../platform/dev/platform.yaml --project .. ../profiles.yml)
check "gitlab paths are repository-relative (profile and sources)" \
	"echo \"\$gitlab\" | grep -q '\"path\": \"dbt/profiles.yml\"' &&
	 echo \"\$gitlab\" | grep -q '\"path\": \"dbt/models/staging/sources.yml\"'"

# the upload step of a workflow whose check could not run: the report is
# there, and says so
"$bin" check --format sarif --exit-zero \
	--platform ../../platform/dev/missing.yaml ../profiles.yml \
	> "$tmp/failed.sarif" 2> /dev/null
status=$?
check "a check that could not run exits 2 even with --exit-zero" \
	"[ $status -eq 2 ]"
check "... and its SARIF says executionSuccessful: false" \
	"grep -q '\"executionSuccessful\": false' '$tmp/failed.sarif'"
"$bin" check --format gitlab --exit-zero \
	--platform ../../platform/dev/missing.yaml ../profiles.yml \
	> "$tmp/failed.json" 2> /dev/null
check "... and its GitLab report has a blocker" \
	"grep -q '\"severity\": \"blocker\"' '$tmp/failed.json'"

text=$("$bin" check --format gcc --platform ../../platform/dev/platform.yaml \
	--project .. ../profiles.yml)
check "gcc paths stay as given (for editors)" \
	"echo \"\$text\" | grep -q '^../profiles.yml:'"

"$bin" check --no-config -q --format github \
	--platform ../../platform/dev/platform.yaml ../profiles.yml > "$tmp/nc"
check "--no-config: FP007 back to a warning" \
	"grep -q '^::warning file=dbt/profiles.yml,.*title=FP007' '$tmp/nc'"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
