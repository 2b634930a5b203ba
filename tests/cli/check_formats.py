#!/usr/bin/env python3
"""Check lint's machine formats and exit codes against their contracts.

check_formats.py BINARY SHARED_DIR

- json: a JSON array of objects with exactly the documented keys;
- sarif: valid against the OASIS SARIF 2.1.0 schema (shared/schemas), and
  carrying what GitHub code scanning reads (rules metadata with helpUri
  and help.markdown, ruleId, message.text, regions, columnKind,
  partialFingerprints);
- github: workflow commands escaped as actions/toolkit does;
- gitlab: each issue valid against GitLab's code-quality report format
  (the fields GitLab's parser requires, written out below);
- junit, checkstyle: read by real XML parsers (Python's, and xmllint
  from Debian's libxml2-utils when installed);
- a run that stopped with exit 2 still writes a complete report that
  says so (SARIF executionSuccessful false, a json failure entry, ...);
- every machine format is UTF-8 even for a file named with a 0xff byte;
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

import xml.etree.ElementTree as ET

import jsonschema

JSON_KEYS = {"kind", "file", "line", "column", "end_line", "end_column",
             "severity", "rule", "name", "message", "related"}
RELATED_KEYS = {"file", "line", "column", "end_line", "end_column",
                "message"}
# "fix" is there when the finding has one (docs/lint.md, "Fixes")
FIX_KEYS = {"applicability", "message", "edits"}
EDIT_KEYS = {"line", "column", "end_line", "end_column", "offset",
             "end_offset", "content"}


def fix_ok(fix):
    return (set(fix) == FIX_KEYS and
            fix["applicability"] in ("safe", "unsafe") and fix["message"] and
            fix["edits"] and all(set(e) == EDIT_KEYS and
                                 e["offset"] <= e["end_offset"]
                                 for e in fix["edits"]))

# GitLab's code-quality report: an array of Code Climate issues, of which
# GitLab reads description, check_name, fingerprint, severity,
# location.path and location.lines.begin (docs: "Code Quality report
# format"); its parser rejects an issue without description, fingerprint,
# severity or location.
GITLAB_ISSUE = {
    "type": "object",
    "required": ["description", "check_name", "fingerprint", "severity",
                 "location"],
    "properties": {
        "description": {"type": "string", "minLength": 1},
        "check_name": {"type": "string", "minLength": 1},
        "fingerprint": {"type": "string", "minLength": 1},
        "severity": {"enum": ["info", "minor", "major", "critical",
                              "blocker"]},
        "location": {
            "type": "object",
            "required": ["path", "lines"],
            "properties": {
                "path": {"type": "string", "pattern": "^[^/]"},
                "lines": {
                    "type": "object",
                    "required": ["begin"],
                    "properties": {"begin": {"type": "integer",
                                             "minimum": 1}},
                },
            },
        },
    },
}
GITLAB_REPORT = {"type": "array", "items": GITLAB_ISSUE}
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


def run(binary, *args, env=None, text=True):
    e = dict(os.environ)
    e.pop("GITHUB_ACTIONS", None)
    e.pop("NO_COLOR", None)
    if env:
        e.update(env)
    return subprocess.run([binary, *args], capture_output=True, text=text,
                          env=e)


def xmllint_ok(data):
    """xmllint --noout on the bytes; True when xmllint is not installed."""
    if not shutil.which("xmllint"):
        return True
    r = subprocess.run(["xmllint", "--noout", "-"], input=data,
                       capture_output=True)
    return r.returncode == 0


def check_junit(label, data):
    check(f"junit ({label}): xmllint reads it", xmllint_ok(data))
    try:
        root = ET.fromstring(data)
    except ET.ParseError as e:
        check(f"junit ({label}) parses", False, str(e))
        return None
    suites = root.findall("testsuite")
    cases = root.findall("testsuite/testcase")
    ok = (root.tag == "testsuites" and
          int(root.get("tests")) == len(cases) and
          int(root.get("failures")) == len(root.findall(
              "testsuite/testcase/failure")) and
          int(root.get("errors")) == len(root.findall(
              "testsuite/testcase/error")) and
          all(int(s.get("tests")) == len(s.findall("testcase"))
              for s in suites) and
          all(c.get("name") and c.get("classname") for c in cases))
    check(f"junit ({label}): counts add up, every case named", ok)
    return root


def check_checkstyle(label, data):
    check(f"checkstyle ({label}): xmllint reads it", xmllint_ok(data))
    try:
        root = ET.fromstring(data)
    except ET.ParseError as e:
        check(f"checkstyle ({label}) parses", False, str(e))
        return None
    errors = root.findall("file/error")
    check(f"checkstyle ({label}) shape", root.tag == "checkstyle" and
          all(f.get("name") for f in root.findall("file")) and
          all(e.get("severity") in ("error", "warning", "info") and
              e.get("message") and
              e.get("source", "").startswith("floe-profiles.") and
              int(e.get("line", "1")) >= 1 for e in errors))
    return root


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
        bad = [i for i in items if set(i) - {"fix"} != JSON_KEYS or
               any(set(r) != RELATED_KEYS for r in i["related"]) or
               ("fix" in i and not fix_ok(i["fix"]))]
        check("json objects have exactly the documented keys", not bad,
              str(bad[:1]))
        check("json findings carry fixes", any("fix" in i for i in items))
        check("json entries are findings", all(
            i["kind"] == "finding" for i in items))
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
        with open("docs/rules.md", encoding="utf-8") as f:
            anchors = set(re.findall(r"^## (FP\d{3})$", f.read(), re.M))
        check(f"sarif ({label}) helpUri is an absolute URI to rules.md's "
              "anchor of the rule", all(
                  re.fullmatch(r"https://\S+/rules\.md#" +
                               r_["id"].lower(), r_["helpUri"]) and
                  r_["id"] in anchors for r_ in rules))
        check(f"sarif ({label}) help.markdown for every rule", all(
            r_["help"]["markdown"] for r_ in rules))
        check(f"sarif ({label}) default levels are note, warning or error",
              all(r_["defaultConfiguration"]["level"] in
                  ("note", "warning", "error") for r_ in rules))
        check(f"sarif ({label}) says the run succeeded",
              run0["invocations"][0]["executionSuccessful"] is True)
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
        fixes = [f for res in results for f in res.get("fixes", [])]
        check("sarif results carry fixes with replacements", fixes and all(
            f["description"]["text"] and
            f["properties"]["applicability"] in ("safe", "unsafe") and
            all(c["replacements"] and c["artifactLocation"]["uri"]
                for c in f["artifactChanges"]) for f in fixes),
            str(len(fixes)))
        fps = [res["partialFingerprints"]["floeFindingHash/v1"]
               for res in results]
        check("sarif results have distinct partialFingerprints",
              len(set(fps)) == len(fps), str(len(fps)))

    # the same fingerprints from another folder and after lines are
    # inserted above a finding
    fixture = os.path.join(shared, "fixtures", "reconstructed",
                           "floe-runtime__generated__62c8028.profiles.yml")
    tmp = tempfile.mkdtemp()
    try:
        with open(fixture, encoding="utf-8") as f:
            body = f.read()
        moved = os.path.join(tmp, "profiles.yml")
        with open(moved, "w", encoding="utf-8") as f:
            f.write("# moved down\n\n" + body)
        fp = []
        for path in (fixture, moved):
            with open(path, encoding="utf-8") as f:
                r = subprocess.run([binary, *base, "--format", "sarif",
                                    "--stdin-filename", "profiles.yml",
                                    "-"], stdin=f, capture_output=True,
                                   text=True)
            res = json.loads(r.stdout)["runs"][0]["results"]
            fp.append(([x["partialFingerprints"] for x in res],
                       [x["locations"][0]["physicalLocation"]["region"]
                        ["startLine"] for x in res]))
        check("sarif fingerprints survive lines inserted above",
              fp[0][0] == fp[1][0] and fp[0][1] != fp[1][1], str(fp))
    finally:
        shutil.rmtree(tmp)

    # gitlab: GitLab's report format, relative paths, unique fingerprints
    # (paths are relative to the repository: use the files inside it)
    r = run(binary, *base, "--format", "gitlab", *sorted(
        glob.glob("tests/golden/lint/*-hit/profiles.yml")))
    try:
        issues = json.loads(r.stdout)
        errors = list(jsonschema.Draft4Validator(GITLAB_REPORT)
                      .iter_errors(issues))
        check("gitlab report is valid", issues and not errors,
              "; ".join(e.message for e in errors[:3]))
        fps = [i["fingerprint"] for i in issues]
        check("gitlab fingerprints are unique", len(set(fps)) == len(fps))
    except json.JSONDecodeError as e:
        check("gitlab parses", False, str(e))
    r = run(binary, *base, "--format", "gitlab", "examples/profiles.yml")
    check("gitlab clean run is []", r.stdout.strip() == "[]" and
          r.returncode == 0, r.stdout)

    # junit and checkstyle, read by XML parsers
    r = run(binary, *base, "--format", "junit", "examples/profiles.yml",
            *files, text=False)
    root = check_junit("findings", r.stdout)
    if root is not None:
        check("junit: a clean file is one passing test case",
              root.find("testsuite[@name='examples/profiles.yml']/testcase")
              is not None and root.find(
                  "testsuite[@name='examples/profiles.yml']/testcase/"
                  "failure") is None)
        check("junit: a failure per finding",
              int(root.get("failures")) > 8)
    r = run(binary, *base, "--format", "checkstyle",
            "examples/profiles.yml", *files, text=False)
    root = check_checkstyle("findings", r.stdout)
    if root is not None:
        check("checkstyle: every file is listed",
              len(root.findall("file")) == len(files) + 1)

    # exit 2 still writes a report that says the run failed
    r = run(binary, *base, "--format", "sarif", "--exit-zero", "missing.yml",
            fixture)
    check("sarif: unreadable file exits 2", r.returncode == 2)
    try:
        doc = json.loads(r.stdout)
        inv = doc["runs"][0]["invocations"][0]
        check("sarif: unreadable file is valid SARIF",
              not list(validator.iter_errors(doc)))
        check("sarif: unreadable file is a failed execution with a "
              "notification naming it",
              inv["executionSuccessful"] is False and
              inv["toolExecutionNotifications"][0]["locations"][0]
              ["physicalLocation"]["artifactLocation"]["uri"] ==
              "missing.yml")
        check("sarif: the file that was read is reported",
              len(doc["runs"][0]["results"]) == 1)
    except (json.JSONDecodeError, KeyError, IndexError) as e:
        check("sarif: unreadable file report", False, repr(e))
    for args, what in (
            (["check", "--no-config", "--platform", "missing.yaml",
              fixture], "check with a missing platform"),
            (["check", "--no-config", "--platform",
              "tests/golden/check/catalog-not-choosable/platform.yaml",
              fixture], "check with an unusable platform"),
            (["lint", "--config", "missing-config.yaml", fixture],
             "a missing configuration"),
            (["lint", "--no-config", "--target", "nope", fixture],
             "a --target that names no output")):
        r = run(binary, *args[:1], "--format", "sarif", "--exit-zero",
                *args[1:])
        try:
            doc = json.loads(r.stdout)
            inv = doc["runs"][0]["invocations"][0]
            ok = (r.returncode == 2 and not list(validator.iter_errors(doc))
                  and inv["executionSuccessful"] is False and
                  inv["toolExecutionNotifications"])
        except (json.JSONDecodeError, KeyError, IndexError):
            ok = False
        check(f"sarif: {what} exits 2 with a failed-run report", ok,
              f"{r.returncode} {r.stdout[:80]!r}")
        r = run(binary, *args[:1], "--format", "json", *args[1:])
        try:
            items = json.loads(r.stdout)
            ok = (r.returncode == 2 and
                  any(i["kind"] == "failure" for i in items) and
                  all(set(i) == JSON_KEYS for i in items))
        except (json.JSONDecodeError, KeyError):
            ok = False
        check(f"json: {what} is a failure entry", ok, r.stdout[:80])
        for fmt, test in (
                ("gitlab", lambda o: any(i["severity"] == "blocker"
                                         for i in json.loads(o))),
                ("junit", lambda o: ET.fromstring(o).find(
                    "testsuite/testcase/error") is not None),
                ("checkstyle", lambda o: ET.fromstring(o).find(
                    "file/error[@source='floe-profiles.failure']")
                 is not None),
                ("github", lambda o: o.startswith("::error "))):
            r = run(binary, *args[:1], "--format", fmt, *args[1:])
            try:
                ok = r.returncode == 2 and test(r.stdout)
            except (ValueError, ET.ParseError):
                ok = False
            check(f"{fmt}: {what} is reported", ok, r.stdout[:80])

    # UTF-8: a file named with a byte that is not UTF-8
    tmp = tempfile.mkdtemp()
    try:
        odd = os.path.join(tmp.encode(), b"bad\xffname.yml")
        shutil.copy(fixture, odd)
        for fmt in ("json", "sarif", "gitlab", "junit", "checkstyle",
                    "github"):
            r = subprocess.run([binary.encode(), b"lint", b"--no-config",
                                b"--format", fmt.encode(), odd],
                               capture_output=True)
            try:
                out = r.stdout.decode("utf-8")
                if fmt in ("json", "sarif", "gitlab"):
                    json.loads(out)
                elif fmt != "github":
                    ET.fromstring(r.stdout)
                ok = ("\ufffd" in out or "\\ufffd" in out or
                      "%FF" in out)
            except (UnicodeDecodeError, ValueError, ET.ParseError) as e:
                ok = False
                out = repr(e)
            check(f"{fmt}: a 0xff byte in a file name stays UTF-8", ok,
                  out[:100])
    finally:
        shutil.rmtree(tmp)

    # notes travel with their finding (FP701's, from a real DuckDB)
    if os.environ.get("FLOE_DUCKDB_LIB"):
        v = ["verify", "--offline", "-q", fixture]
        r = run(binary, v[0], "--format", "json", *v[1:])
        items = json.loads(r.stdout) if r.stdout else []
        check("json: FP701's note is in related", any(
            i["rule"] == "FP701" and i["related"] and
            "first used here" in i["related"][0]["message"]
            for i in items), r.stdout[:200])
        r = run(binary, v[0], "--format", "sarif", *v[1:])
        doc = json.loads(r.stdout) if r.stdout else {"runs": [{}]}
        check("sarif: FP701's note is a relatedLocation", not list(
            validator.iter_errors(doc)) and any(
            "first used here" in rl["message"]["text"]
            for res in doc["runs"][0].get("results", [])
            for rl in res.get("relatedLocations", [])))
        r = run(binary, v[0], "--format", "github", *v[1:])
        check("github: FP701's note is in the annotation",
              "%0Anote at 14:9: the secret manager was first used here"
              in r.stdout, r.stdout[:200])

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
