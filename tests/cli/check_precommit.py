#!/usr/bin/env python3
"""The published pre-commit hooks parse and name commands that exist.

check_precommit.py BINARY   (from the project root)
"""
import re
import subprocess
import sys

import yaml

REQUIRED = {"id", "name", "entry", "language"}
KNOWN = REQUIRED | {"description", "files", "exclude", "types", "types_or",
                    "pass_filenames", "require_serial", "args", "stages",
                    "always_run", "minimum_pre_commit_version"}
passes, failures = 0, []


def check(name, cond, detail=""):
    global passes
    if cond:
        passes += 1
        print(f"ok   {name}")
    else:
        failures.append(name)
        print(f"FAIL {name} {detail}")


def main():
    binary = sys.argv[1]
    with open(".pre-commit-hooks.yaml", encoding="utf-8") as f:
        hooks = yaml.safe_load(f)
    check("the file is a list of hooks", isinstance(hooks, list) and hooks)
    ids = [h.get("id") for h in hooks]
    check("ids are unique", len(ids) == len(set(ids)), str(ids))
    for h in hooks:
        hid = h.get("id")
        check(f"{hid}: required keys", REQUIRED <= set(h), str(set(h)))
        check(f"{hid}: only keys pre-commit knows", set(h) <= KNOWN,
              str(set(h) - KNOWN))
        check(f"{hid}: language for a compiled tool",
              h["language"] in ("system", "unsupported"), h["language"])
        words = h["entry"].split()
        check(f"{hid}: entry runs floe-profiles", words[0] ==
              "floe-profiles", h["entry"])
        r = subprocess.run([binary, *words[1:], "--help"],
                           capture_output=True, text=True)
        check(f"{hid}: '{' '.join(words[1:])}' exists", r.returncode == 0,
              r.stderr)
        rx = re.compile(h.get("files", ""))
        check(f"{hid}: files matches a profiles.yml in a folder",
              rx.search("dbt/profiles.yml") is not None)
    lint = next(h for h in hooks if h["id"] == "floe-profiles-lint")
    rx = re.compile(lint["files"])
    check("lint hook: profiles.yaml and profiles.yml",
          rx.search("profiles.yaml") and rx.search("a/b/profiles.yml"))
    check("lint hook: not myprofiles.yml or profiles.yml.bak",
          not rx.search("myprofiles.yml") and
          not rx.search("profiles.yml.bak"))
    check("lint hook passes file names", lint.get("pass_filenames", True))
    print(f"{passes} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
