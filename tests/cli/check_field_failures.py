#!/usr/bin/env python3
"""docs/field-failures.md held to the reference and to the code.

check_field_failures.py BINARY SHARED_DIR     (from the project root)

- every failure 1-46 of the reference's table (a)
  (SHARED_DIR/reference/field-failures-and-options.md) has exactly one
  row in docs/field-failures.md, and no other row is there;
- a row that says "not caught" names no case; any other row names at
  least one rule id and one case;
- every rule id named exists (BINARY rules --json);
- every case named is a golden case (tests/golden/<command>/<case>/args),
  and the first one -- the hit -- reports one of the row's rule ids;
- the tally line counts what the rows say.
Python standard library only.
"""
import json
import os
import re
import subprocess
import sys

DOC = os.path.join("docs", "field-failures.md")
GOLDEN = os.path.join("tests", "golden")


def table_rows(path):
    rows = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"\|\s*(\d+)\s*\|(.*)\|\s*$", line)
            if m:
                cells = [c.strip() for c in m.group(2).split("|")]
                rows.setdefault(int(m.group(1)), []).append(cells)
    return rows


def main():
    binary, shared = sys.argv[1], sys.argv[2]
    failed = []

    def check(what, ok):
        print(("ok   " if ok else "FAIL ") + what)
        if not ok:
            failed.append(what)

    ref = table_rows(os.path.join(shared, "reference",
                                  "field-failures-and-options.md"))
    doc = table_rows(DOC)
    check("the reference lists failures 1-46",
          sorted(ref) == list(range(1, 47)))
    check("docs/field-failures.md has one row for each, and no other",
          sorted(doc) == sorted(ref) and
          all(len(v) == 1 for v in doc.values()))
    rules = {r["id"] for r in json.loads(subprocess.run(
        [binary, "rules", "--json"], check=True, capture_output=True,
        text=True).stdout)}
    caught = 0
    for n in sorted(doc):
        cells = doc[n][0]
        if len(cells) != 3:
            check("row %d has a failure, a caught-by and a proof cell" % n,
                  False)
            continue
        _what, by, proof = cells
        cases = [c.strip() for c in proof.split(",") if c.strip()]
        ids = re.findall(r"FP\d{3}", by)
        if by.startswith("not caught"):
            check("row %d: not caught, so no case" % n, not cases)
            continue
        caught += 1
        check("row %d names a rule and a case" % n, bool(ids and cases))
        for i in ids:
            check("row %d: %s is a rule" % (n, i), i in rules)
        for c in cases:
            check("row %d: %s is a golden case" % (n, c),
                  os.path.exists(os.path.join(GOLDEN, c, "args")))
        if cases and os.path.isdir(os.path.join(GOLDEN, cases[0])):
            out = ""
            for name in ("expected.stdout", "expected.stderr"):
                p = os.path.join(GOLDEN, cases[0], name)
                if os.path.exists(p):
                    with open(p, encoding="utf-8") as f:
                        out += f.read()
            check("row %d: %s reports %s" % (n, cases[0], "/".join(ids)),
                  any(i in out for i in ids))
    with open(DOC, encoding="utf-8") as f:
        m = re.search(r"Tally: (\d+) caught", f.read())
    check("the tally says %d caught" % caught,
          bool(m) and int(m.group(1)) == caught)
    print("%d failed" % len(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
