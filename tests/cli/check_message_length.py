#!/usr/bin/env python3
"""Every finding's first sentence says what is wrong in ~100 characters.

    check_message_length.py BINARY        (from the project root)

The message style (docs/DESIGN.md, "Messages"): the first sentence of a
finding's message says what is wrong and fits in LIMIT characters (Unicode
code points); the why and the fix follow in later sentences, or in
`floe-profiles explain`.  This runs every golden lint and check case
(tests/golden/{lint,check}/*: the hit cases of every rule, and the rest)
with --format json, takes each finding's first sentence (up to the first
'.', '!' or '?' followed by a blank, or the whole message), and fails when
one is longer than LIMIT.  It prints the median and the longest, the
figures issue 10 measures (the median was 181 before the rewording).
"""
import glob
import json
import os
import re
import statistics
import subprocess
import sys

LIMIT = 100

# Rules left out of the limit (None: every rule is held to it).
EXEMPT = None


def first_sentence(message):
    m = re.match(r"(.*?[.!?])(\s|$)", message, re.S)
    return m.group(1) if m else message


def case_args(case):
    with open(os.path.join(case, "args"), encoding="utf-8") as f:
        args = f.read().splitlines()
    if not args or args[0] not in ("lint", "check") or \
            "--write-baseline" in args:
        return None
    out, skip = [], False
    for a in args[1:]:
        if skip:
            skip = False
        elif a == "--format":
            skip = True
        elif not a.startswith("--format="):
            out.append(a)
    return [args[0], "--format", "json"] + out


def main():
    binary = sys.argv[1]
    seen = {}
    cases = sorted(glob.glob("tests/golden/lint/*/args") +
                   glob.glob("tests/golden/check/*/args"))
    for path in cases:
        case = os.path.dirname(path)
        args = case_args(case)
        if args is None:
            continue
        stdin = os.path.join(case, "stdin")
        with open(stdin, "rb") if os.path.exists(stdin) else \
                open(os.devnull, "rb") as f:
            r = subprocess.run([binary, *args], stdin=f,
                               capture_output=True)
        if not r.stdout and r.returncode == 2:
            continue    # a usage error: nothing ran
        try:
            items = json.loads(r.stdout.decode("utf-8"))
        except ValueError as e:
            print(f"FAIL {case}: the json report does not parse: {e}")
            return 1
        for i in items:
            if i["kind"] != "finding":
                continue
            seen.setdefault((i["rule"], i["message"]), case)
    if not seen:
        print("FAIL: no finding in the golden cases")
        return 1
    lengths = []
    over = []
    for (rule, message), case in sorted(seen.items()):
        first = first_sentence(message)
        lengths.append(len(first))
        if len(first) > LIMIT and not (EXEMPT and
                                            EXEMPT.fullmatch(rule)):
            over.append((len(first), rule, case, first))
    longest = max(lengths)
    print(f"{len(lengths)} messages: median first sentence "
          f"{statistics.median(lengths)} characters, longest {longest}, "
          f"limit {LIMIT}" +
          (f" (not yet held: {EXEMPT.pattern})" if EXEMPT else ""))
    for n, rule, case, first in sorted(over, reverse=True):
        print(f"FAIL {rule} ({n} > {LIMIT}) in {case}: {first}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
