#!/usr/bin/env python3
"""Check lint's machine formats and exit codes against their contracts.

check_formats.py BINARY SHARED_DIR

- json: a JSON array of objects with exactly the documented keys;
- sarif: valid against the OASIS SARIF 2.1.0 schema (shared/schemas), and
  carrying what GitHub code scanning reads (rules metadata, ruleId,
  message.text, regions, columnKind);
- github: workflow commands escaped as actions/toolkit does;
- text: colour only when asked (or on a terminal without NO_COLOR);
- exit codes: 0 clean, 1 findings, --strict, --exit-zero, 2 usage.

Prints 'N passed, N failed'.
"""
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import jsonschema

JSON_KEYS = {"file", "line", "column", "end_line", "end_column", "severity",
             "rule", "name", "message"}
failures = []
passes = 0


def check(name, cond, detail=""):
    global passes
    if cond:
        passes += 1
        print(f"ok   {name}")
    else:
        failures.append(name)
        print(f"FAIL {name} {detail}")


def run(binary, *args, env=None):
    e = dict(os.environ)
    e.pop("GITHUB_ACTIONS", None)
    e.pop("NO_COLOR", None)
    if env:
        e.update(env)
    return subprocess.run([binary, *args], capture_output=True, text=True,
                          env=e)


def main():
    binary, shared = sys.argv[1], sys.argv[2]
    schema_path = os.path.join(shared, "schemas", "sarif-schema-2.1.0.json")
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    validator = jsonschema.Draft4Validator(schema)

    files = sorted(glob.glob(os.path.join(shared, "fixtures", "real",
                                          "*.profiles.yml")) +
                   glob.glob(os.path.join(shared, "fixtures", "reconstructed",
                                          "*.profiles.yml")) +
                   glob.glob("tests/golden/lint/*-hit/profiles.yml"))
    check("there are files to lint", len(files) > 8, str(len(files)))
    base = ["lint", "--no-config"]

    # json
    r = run(binary, *base, "--format", "json", *files)
    try:
        items = json.loads(r.stdout)
    except json.JSONDecodeError as e:
        items = None
        check("json parses", False, str(e))
    if items is not None:
        check("json is a non-empty array", isinstance(items, list) and items)
        bad = [i for i in items if set(i) != JSON_KEYS]
        check("json objects have exactly the documented keys", not bad,
              str(bad[:1]))
        check("json severities", all(i["severity"] in
                                     ("error", "warning", "info")
                                     for i in items))
        check("json rules look like FPnnn", all(
            re.fullmatch(r"FP\d{3}", i["rule"]) for i in items))
        check("json names are kebab-case", all(
            re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i["name"])
            for i in items))
        check("json positions are 1-based and ordered", all(
            i["line"] >= 1 and i["column"] >= 1 and
            (i["end_line"], i["end_column"]) > (i["line"], i["column"])
            for i in items))
    check("json exit status 1 with errors", r.returncode == 1,
          str(r.returncode))
    r = run(binary, *base, "--format", "json", "examples/profiles.yml")
    check("json clean file is []", r.stdout.strip() == "[]" and
          r.returncode == 0, r.stdout)

    # sarif
    for label, paths in (("findings", files),
                         ("clean", ["examples/profiles.yml"])):
        r = run(binary, *base, "--format", "sarif", *paths)
        try:
            doc = json.loads(r.stdout)
        except json.JSONDecodeError as e:
            check(f"sarif ({label}) parses", False, str(e))
            continue
        errors = sorted(validator.iter_errors(doc), key=str)
        check(f"sarif ({label}) is valid SARIF 2.1.0", not errors,
              "; ".join(e.message for e in errors[:3]))
        run0 = doc["runs"][0]
        rules = run0["tool"]["driver"]["rules"]
        check(f"sarif ({label}) lists every rule with texts",
              len(rules) >= 30 and all(
                  r_["shortDescription"]["text"] and
                  r_["fullDescription"]["text"] and r_["help"]["text"]
                  for r_ in rules))
        check(f"sarif ({label}) declares columnKind",
              run0.get("columnKind") == "unicodeCodePoints")
        results = run0["results"]
        if label == "clean":
            check("sarif clean run has results: []", results == [])
            continue
        ids = [r_["id"] for r_ in rules]
        check("sarif results name their rule and index", results and all(
            res["ruleId"] == ids[res["ruleIndex"]] for res in results))
        check("sarif results have message text and a region", all(
            res["message"]["text"] and
            res["locations"][0]["physicalLocation"]["region"]["startLine"]
            >= 1 for res in results))

    # github: escaping of data and properties (file names with , : %)
    tmp = tempfile.mkdtemp()
    try:
        odd = os.path.join(tmp, "a,b:c%d.yml")
        shutil.copy(os.path.join(shared, "fixtures", "reconstructed",
                                 "floe-runtime__generated__62c8028."
                                 "profiles.yml"), odd)
        r = run(binary, *base, "--format", "github", odd)
        line = r.stdout.splitlines()[0] if r.stdout else ""
        check("github annotation shape", re.fullmatch(
            r"::error file=[^,:]+,line=12,col=9,endLine=\d+,"
            r"endColumn=\d+,title=FP101 secret-manager-setting::.+", line),
            line)
        check("github escapes ',' ':' '%' in properties",
              "a%2Cb%3Ac%25d.yml" in line, line)
        r = run(binary, *base, odd, env={"GITHUB_ACTIONS": "true"})
        check("auto format is github under GitHub Actions",
              r.stdout.startswith("::error "), r.stdout[:40])
    finally:
        shutil.rmtree(tmp)

    # text and colour
    fixture = os.path.join(shared, "fixtures", "reconstructed",
                           "floe-runtime__generated__62c8028.profiles.yml")
    r = run(binary, *base, fixture)
    check("text: no colour when not a terminal", "\033[" not in r.stdout)
    check("text: summary on stderr",
          r.stderr.strip() == "1 error, 0 warnings in 1 file", r.stderr)
    r = run(binary, *base, "--color=always", fixture,
            env={"NO_COLOR": "1"})
    check("text: --color=always wins over NO_COLOR", "\033[" in r.stdout)
    r = run(binary, *base, "-q", fixture)
    check("text: -q drops the summary", r.stderr == "", r.stderr)
    r = run(binary, *base, "--format", "gcc", "--color=always", fixture)
    check("gcc: never coloured", "\033[" not in r.stdout)

    # exit codes
    warn_only = "tests/golden/lint/FP103-default-secret-storage-setting-hit/" \
                "profiles.yml"
    check("exit 0 with warnings only",
          run(binary, *base, warn_only).returncode == 0)
    check("exit 1 with warnings under --strict",
          run(binary, *base, "--strict", warn_only).returncode == 1)
    check("exit 0 with errors under --exit-zero",
          run(binary, *base, "--exit-zero", fixture).returncode == 0)
    check("exit 2 for an unknown format",
          run(binary, *base, "--format", "xml", fixture).returncode == 2)
    check("exit 2 for a missing file",
          run(binary, *base, "nope.yml").returncode == 2)
    check("exit 2 for --target naming no output",
          run(binary, *base, "--target", "nope", fixture).returncode == 2)

    print(f"{passes} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
