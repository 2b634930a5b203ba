#!/bin/sh
# rules --json is the registry for tools: valid JSON, one object per rule,
# the same ids and levels as the 'rules' list, and explain without an
# argument lists the same rules.
#   test_rules_json.sh BINARY    (from the project root)
set -u
bin=$1
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
"$bin" rules --json > "$tmp/json" || { echo "0 passed, 1 failed"; exit 1; }
"$bin" rules > "$tmp/list" || exit 1
"$bin" explain > "$tmp/explain" || exit 1
python3 - "$tmp/json" "$tmp/list" "$tmp/explain" <<'PY'
import json, sys
rules = json.load(open(sys.argv[1]))
listed = [l.split()[:2] for l in open(sys.argv[2])]
fails = 0
def check(name, ok):
    global fails
    print(("ok   " if ok else "FAIL ") + name)
    fails += not ok
check("one object per rule, in the list's order",
      [[r["id"], r["level"]] for r in rules] == listed)
keys = {"id", "name", "level", "severity", "opt_in", "family", "summary",
        "help", "fix"}
check("every rule has exactly the documented keys",
      all(set(r) == keys for r in rules))
check("opt-in rules are level off",
      all((r["level"] == "off") == r["opt_in"] for r in rules))
check("fix is safe, unsafe or null, and some rules have one",
      all(r["fix"] in ("safe", "unsafe", None) for r in rules) and
      any(r["fix"] for r in rules))
check("explain without an argument prints the list",
      open(sys.argv[3]).read() == open(sys.argv[2]).read())
print(f"{5 - fails} passed, {fails} failed")
sys.exit(1 if fails else 0)
PY
