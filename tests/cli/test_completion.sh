#!/bin/sh
# Shell completions are generated from the option tables: the bash script
# completes commands, each command's options and their values; the zsh
# and fish scripts parse (when those shells are installed); every option
# of every table is in each script.
#   test_completion.sh BINARY    (from the project root)
set -u
bin=$1
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
check() { if eval "$2"; then passed=$((passed + 1)); echo "ok   $1";
	else failed=$((failed + 1)); echo "FAIL $1"; fi; }

for sh in bash zsh fish; do
	"$bin" completion $sh > "$tmp/$sh" 2> "$tmp/$sh.err"
	check "completion $sh exits 0" "[ $? -eq 0 ] && [ -s '$tmp/$sh' ]"
done
"$bin" completion tcsh > /dev/null 2>&1
check "completion tcsh is a usage error" "[ $? -eq 2 ]"
check "the bash script parses" "bash -n '$tmp/bash'"
if command -v zsh > /dev/null; then
	check "the zsh script parses" "zsh -n '$tmp/zsh'"
fi
if command -v fish > /dev/null; then
	check "the fish script parses" "fish --no-execute '$tmp/fish'"
	check "fish completes a command's options" \
		"fish -c 'source $tmp/fish; complete -C \"floe-profiles lint --fo\"' | grep -q '^--format'"
	check "fish completes --format's values" \
		"fish -c 'source $tmp/fish; complete -C \"floe-profiles lint --format s\"' | grep -q '^sarif'"
fi

# complete WORDS...: what bash offers for the last word (cwd: a fixture)
complete() {
	bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		_floe_profiles; printf "%s\n" "${COMPREPLY[@]}"' \
		sh "$tmp/bash" floe-profiles "$@" 2>&1
}
check "commands" "complete li | grep -qx lint"
check "hidden commands are not offered" "! complete co | grep -q completion"
check "a command's long options" "complete lint --fo | grep -qx -- --format"
check "an option of another command is not offered" \
	"! complete lint --pro | grep -q -- --project"
check "check's own options" "complete check --pro | grep -qx -- --project"
check "the values of --format" \
	"[ \"\$(complete lint --format s | tr '\n' ' ')\" = 'sarif ' ]"
check "the values of --format=" \
	"complete lint --format = j | grep -qx junit"
check "the values of --color" "complete verify --color n | grep -qx never"
check "the catalog flavors, from the engine's table" \
	"[ \"\$(complete lint --catalog-flavor r | tr '\n' ' ')\" = 'r2 rest-fixture rest ' ]"
check "a file value" "(cd examples && complete generate -o pla) | grep -qx platform.yaml"
check "no guess for a free value" "[ -z \"\$(complete generate --catalog '')\" ]"
check "rule ids for explain" "complete explain FP10 | grep -qx FP101"
check "rule names for explain" \
	"complete explain secret-man | grep -qx secret-manager-setting"
check "commands for help" "complete help ver | grep -qx verify"
check "files for lint" "(cd examples && complete lint prof) | grep -qx profiles.yml"

# every option of every table is in every script
"$bin" help --options-json > "$tmp/options.json"
python3 - "$tmp" <<'PY'
import json, sys
tmp = sys.argv[1]
tables = json.load(open(f"{tmp}/options.json"))
scripts = {sh: open(f"{tmp}/{sh}").read() for sh in ("bash", "zsh", "fish")}
missing = []
for cmd, opts in tables.items():
    if not cmd:
        continue
    for o in opts:
        long_ = o["long"][2:]
        if f" -l {long_}" not in scripts["fish"] or \
           f"--{long_}" not in scripts["bash"] or \
           f"--{long_}" not in scripts["zsh"]:
            missing.append(f"{cmd} --{long_}")
for m in missing:
    print(f"not in every script: {m}")
sys.exit(1 if missing else 0)
PY
check "every table's options are in every script" "[ $? -eq 0 ]"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
