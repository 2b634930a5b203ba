#!/usr/bin/env python3
"""lint --fix and --diff, for every fixable rule (issue 10 §1).

check_fix.py BINARY        (from the project root)

Driven by the fix table: every rule that `rules --json` calls fixable
must have a case tests/golden/fix/FPnnn-*/ (its golden --diff is a golden
CLI case of its own), so a fixer without a test fails here.  For every
case, on a copy of its profiles.yml, with LF and with CRLF line breaks:

- --fix writes exactly what --diff showed;
- only lines that a fix's edits cover change: every other line, and
  every comment, stays byte-identical;
- the result lints without the case's rule, and parses;
- a second --fix changes nothing, and --diff then prints nothing
  (exit 0);
- nofix-* cases: --diff prints nothing and exits 0.
"""
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

fails = 0
passed = 0


def check(name, ok, detail=""):
    global fails, passed
    if ok:
        passed += 1
        print("ok   " + name)
    else:
        fails += 1
        print("FAIL " + name + (": " + detail if detail else ""))


def run(binary, *args):
    return subprocess.run([binary, *args], capture_output=True)


def apply_diff(orig, diff):
    """Apply a unified diff (as floe_diff writes it) to orig's lines."""
    lines = orig.split(b"\n")
    out, at = [], 0
    dl = diff.split(b"\n")
    i = 0
    while i < len(dl):
        m = re.match(rb"@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@", dl[i])
        if not m:
            i += 1
            continue
        start = int(m.group(1)) - (0 if m.group(2) == b"0" else 1)
        out.extend(lines[at:start])
        at = start
        i += 1
        while i < len(dl) and dl[i][:1] in (b" ", b"-", b"+", b"\\"):
            tag, text = dl[i][:1], dl[i][1:]
            if tag == b" ":
                out.append(lines[at])
                at += 1
            elif tag == b"-":
                at += 1
            elif tag == b"+":
                out.append(text)
            i += 1
    out.extend(lines[at:])
    return b"\n".join(out)


def rule_ids(findings):
    return {f["rule"] for f in findings}


def one_case(binary, case, tmp, crlf):
    rule = os.path.basename(case).split("-")[0]
    label = os.path.basename(case) + (" (CRLF)" if crlf else "")
    with open(os.path.join(case, "args"), encoding="utf-8") as f:
        args = f.read().split("\n")
    # the case's own options: --unsafe-fixes, --duckdb-version V, ...
    args = [a for a in args if a]
    flags = [a for a in args[:-1]
             if a not in ("lint", "--no-config", "--diff")]
    with open(os.path.join(case, "profiles.yml"), "rb") as f:
        orig = f.read()
    if crlf:
        orig = orig.replace(b"\n", b"\r\n")
    path = os.path.join(tmp, "profiles.yml")
    with open(path, "wb") as f:
        f.write(orig)
    base = ["lint", "--no-config"]

    if not rule.startswith("FP"):
        r = run(binary, *base, "--diff", *flags, path)
        check(f"{label}: nothing to fix", r.returncode == 0 and
              not r.stdout, r.stdout.decode(errors="replace"))
        return

    vflags = [a for a in flags if a != "--unsafe-fixes"]
    before = json.loads(run(binary, *base, *vflags, "--format", "json",
                            path).stdout)
    check(f"{label}: the case reports {rule}", rule in rule_ids(before))
    # the lines the fixes of the first pass may touch
    allowed = set()
    for f_ in before:
        for e in f_.get("fix", {}).get("edits", []):
            last = e["end_line"] - (1 if e["end_column"] == 1 and
                                    e["end_line"] > e["line"] else 0)
            allowed.update(range(e["line"], last + 1))

    r = run(binary, *base, "--diff", *flags, path)
    diff = r.stdout
    check(f"{label}: --diff exits 1 with a diff", r.returncode == 1 and
          diff.startswith(b"--- "), r.stderr.decode(errors="replace"))
    r = run(binary, *base, "--fix", *flags, path)
    with open(path, "rb") as f:
        fixed = f.read()
    check(f"{label}: --fix rewrote the file", fixed != orig)
    want = apply_diff(orig.replace(b"\r\n", b"\n"),
                      diff.replace(b"\r\n", b"\n"))
    check(f"{label}: --fix writes what --diff showed",
          fixed.replace(b"\r\n", b"\n") == want)
    if crlf:
        check(f"{label}: no bare LF added",
              fixed.count(b"\n") == fixed.count(b"\r\n"))

    # untouched lines stay byte-identical (comments, quoting, anchors)
    olines = orig.split(b"\n")
    flines = fixed.split(b"\n")
    import difflib
    sm = difflib.SequenceMatcher(None, olines, flines, autojunk=False)
    touched = set()
    for op, i1, i2, _, _ in sm.get_opcodes():
        if op in ("replace", "delete"):
            touched.update(range(i1 + 1, i2 + 1))
    check(f"{label}: only the fixed lines changed", touched <= allowed,
          f"changed {sorted(touched - allowed)}, fixes cover "
          f"{sorted(allowed)}")
    comments = re.findall(rb" #[^\r\n]*", orig)
    check(f"{label}: every comment kept",
          all(c in fixed for c in comments))

    after = run(binary, *base, *vflags, "--format", "json", path)
    try:
        after_f = json.loads(after.stdout)
    except json.JSONDecodeError:
        after_f = None
    check(f"{label}: the result lints", after_f is not None)
    if after_f is not None:
        check(f"{label}: without {rule}", rule not in rule_ids(after_f),
              str([f["message"] for f in after_f if f["rule"] == rule]))
        check(f"{label}: and parses", "FP001" not in rule_ids(after_f))
        errs_before = {}
        for f_ in before:
            if f_["severity"] == "error":
                errs_before[f_["rule"]] = errs_before.get(f_["rule"], 0) + 1
        gained = [f_["rule"] for f_ in after_f if f_["severity"] == "error"
                  and f_["rule"] not in errs_before]
        check(f"{label}: gains no error", not gained or
              "FP001" in errs_before, str(gained))

    r = run(binary, *base, "--fix", *flags, path)
    with open(path, "rb") as f:
        again = f.read()
    check(f"{label}: a second --fix changes nothing", again == fixed)
    r = run(binary, *base, "--diff", *flags, path)
    check(f"{label}: --diff then prints nothing, exit 0",
          r.returncode == 0 and not r.stdout)


def main():
    binary = sys.argv[1]
    rules = json.loads(run(binary, "rules", "--json").stdout)
    fixable = [r["id"] for r in rules if r["fix"]]
    check("some rules are fixable", len(fixable) >= 10, str(fixable))
    cases = sorted(glob.glob("tests/golden/fix/*/"))
    for rid in fixable:
        check(f"{rid} has a fix case",
              any(os.path.basename(c.rstrip("/")).startswith(rid + "-")
                  for c in cases))
    for r in rules:
        if r["fix"] == "unsafe":
            case = [c for c in cases if
                    os.path.basename(c.rstrip("/")).startswith(r["id"])]
            ok = False
            for c in case:
                with open(os.path.join(c, "args"), encoding="utf-8") as f:
                    ok |= "--unsafe-fixes" in f.read().split("\n")
            check(f"{r['id']}: a case asks for --unsafe-fixes", ok)
    tmp = tempfile.mkdtemp()
    try:
        for case in cases:
            for crlf in (False, True):
                one_case(binary, case.rstrip("/"), tmp, crlf)
    finally:
        shutil.rmtree(tmp)

    # --fix refuses standard input; --fix with --diff; --unsafe-fixes alone
    for args in (["--fix", "-"], ["--fix", "--diff", "x.yml"],
                 ["--unsafe-fixes", "x.yml"]):
        r = run(binary, "lint", "--no-config", *args)
        check(f"lint {' '.join(args)}: usage error", r.returncode == 2)
    print(f"{passed} passed, {fails} failed")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
