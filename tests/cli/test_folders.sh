#!/bin/sh
# lint DIR: the profiles.yml files under DIR, sorted, skipping .git,
# target and dbt_packages, not following links to folders; a file named
# on the command line is checked wherever it is.
#   test_folders.sh BINARY    (from the project root)
set -u
bin=$1
bad=../shared/fixtures/reconstructed/floe-runtime__generated__62c8028.profiles.yml
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
check() { if eval "$2"; then passed=$((passed + 1)); echo "ok   $1";
	else failed=$((failed + 1)); echo "FAIL $1"; fi; }

mkdir -p "$tmp/p/.git" "$tmp/p/target" "$tmp/p/dbt_packages/x" \
	"$tmp/p/m/.dbt" "$tmp/p/z" "$tmp/elsewhere"
for d in .git target dbt_packages/x m/.dbt z elsewhere; do
	case $d in elsewhere) f="$tmp/$d" ;; *) f="$tmp/p/$d" ;; esac
	cp "$bad" "$f/profiles.yml"
done
cp "$bad" "$tmp/p/profiles.yml"
ln -s "$tmp/elsewhere" "$tmp/p/link"
files() { "$bin" lint --no-config --format gcc "$@" 2>/dev/null |
	cut -d: -f1 | sort -u | sed "s|^$tmp/||" | tr '\n' ' '; }
check "folders skipped, links to folders not followed" \
	"[ \"\$(files '$tmp/p')\" = 'p/m/.dbt/profiles.yml p/profiles.yml p/z/profiles.yml ' ]"
out=$("$bin" lint --no-config --format gcc "$tmp/p" 2>/dev/null | cut -d: -f1 | uniq | tr '\n' ' ')
check "in path order" \
	"[ \"\$out\" = '$tmp/p/m/.dbt/profiles.yml $tmp/p/profiles.yml $tmp/p/z/profiles.yml ' ]"
check "a file named explicitly is checked, even under target" \
	"[ \"\$(files '$tmp/p/target/profiles.yml')\" = 'p/target/profiles.yml ' ]"
check "a trailing slash names the same files" \
	"[ \"\$(files '$tmp/p/z/')\" = 'p/z/profiles.yml ' ]"
mkdir "$tmp/empty"
"$bin" lint --no-config "$tmp/empty" > /dev/null 2>&1
check "a folder with no profiles.yml is exit 2" "[ $? -eq 2 ]"
check "a skipped name is searched when named itself" \
	"[ \"\$(files '$tmp/p/.git')\" = 'p/.git/profiles.yml ' ]"
# github annotations name files from the repository root (the folder
# holding .git), from any folder and for every command that reports
up=tests/golden/upgrade-check/duckdb-1.4-to-1.5/profiles.yml
cp "$up" "$tmp/p/z/up.yml"
case $bin in /*) abs=$bin ;; *) abs=$(pwd)/$bin ;; esac
gh() { (cd "$tmp/p/z" && "$abs" "$@" 2>/dev/null) |
	sed -n 's/^::[a-z]* file=\([^,]*\),.*/\1/p' | sort -u | tr '\n' ' '; }
check "lint --format github names the file from the repository root" \
	"[ \"\$(gh lint --no-config --format github profiles.yml)\" = 'z/profiles.yml ' ]"
check "upgrade-check --format github names it from the root too" \
	"[ \"\$(gh upgrade-check --no-config --duckdb-version 1.4.3 --to 1.5.6 --format github up.yml)\" = 'z/up.yml ' ]"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
