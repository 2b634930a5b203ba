#!/usr/bin/env python3
"""The CI set-ups of docs/ci.md, run as they are written.

check_ci_workflows.py BINARY SHARED_DIR   (from the project root)

The commands are not copied here: they are read from docs/ci.md (the
GitHub Actions workflow, the GitLab CI job, the Jenkinsfile, the shell
script) and from docs/lint.md (its GitHub Actions workflow), and run with
`sh -c` in a temporary git repository laid out as the docs assume
(platform/prod/platform.yaml, dbt/profiles.yml, a dbt project in dbt/),
with floe-profiles on PATH.  Each is run on a clean profile, on a profile
with findings, and with the platform file missing (a check that cannot
run), and what each CI system reads is held to its consumer's contract:

- GitHub code scanning (upload-sarif): the SARIF file the run step writes
  is the one the upload step names, uploaded `if: always()`; it is valid
  against the OASIS SARIF 2.1.0 schema and carries what code scanning
  reads: rules with helpUri, help.text and help.markdown and a
  defaultConfiguration.level of note, warning or error; results with a
  ruleId, a level, a message, a repository-relative uri, a region and
  partialFingerprints; invocations[0].executionSuccessful, false with a
  toolExecutionNotification per failure on exit 2 (--exit-zero never
  hides it); under the size and result limits of the upload.
- GitHub annotations: `::error file=<path from the repository root>,...`.
- GitLab: the code-quality report the script writes is the artifact the
  job declares (`when: always`) and is valid against GitLab's
  code-quality format (the fields GitLab reads, written out below), with
  a `blocker` when the check could not run; the JUnit report parses with
  Python's XML parser (and xmllint when installed), its counts add up,
  and it has an <error> when the check could not run; the gate fails the
  job (1 on findings, 2 when the check could not run).
- Jenkins: the JUnit and Checkstyle files parse, and say so on exit 2.
- The shell script: its exit statuses 0, 1 and 2.

Prints 'N passed, N failed'.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import xml.etree.ElementTree as ET

import jsonschema
import yaml

# GitLab's code-quality report format ("Code Quality report format" in
# GitLab's docs): an array of issues; GitLab requires description,
# check_name, fingerprint, severity, location.path (relative to the
# repository root) and location.lines.begin.
GITLAB_REPORT = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint",
                     "severity", "location"],
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
    },
}
SARIF_MAX_BYTES = 10 * 1024 * 1024     # upload-sarif's limit (gzipped: less)
SARIF_MAX_RESULTS = 25000              # results per run code scanning keeps

passes = 0
failures = []


def check(name, cond, detail=""):
    global passes
    if cond:
        passes += 1
        print(f"ok   {name}")
    else:
        failures.append(name)
        print(f"FAIL {name} {detail}"[:2000])


def code_blocks(path, lang):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    return re.findall(r"^```" + lang + r"\n(.*?)^```", text, re.S | re.M)


def docs_commands():
    """The floe-profiles commands of docs/ci.md and docs/lint.md."""
    gh_steps, gl_job, jenkins, shell = [], None, [], None
    gh_steps_extra = []
    for block in code_blocks("docs/ci.md", "yaml"):
        doc = yaml.safe_load(block)
        if isinstance(doc, dict) and "jobs" in doc:
            gh_steps = doc["jobs"]["check"]["steps"]
        elif isinstance(doc, dict) and "floe-profiles" in doc:
            gl_job = doc["floe-profiles"]
        elif isinstance(doc, list) and doc and "run" in doc[0]:
            gh_steps_extra = doc
    for block in code_blocks("docs/ci.md", "groovy"):
        jenkins += [(m.group(1), m.group(2)) for m in re.finditer(
            r"^(sh|junit|recordIssues) (.*)$", block, re.M)]
    for block in code_blocks("docs/ci.md", "sh"):
        if block.startswith("#!/bin/sh"):
            shell = block
    lint_steps = []
    for block in code_blocks("docs/lint.md", "yaml"):
        doc = yaml.safe_load(block)
        if isinstance(doc, dict) and "jobs" in doc:
            lint_steps = doc["jobs"]["lint-profiles"]["steps"]
    return gh_steps + gh_steps_extra, gl_job, jenkins, shell, lint_steps


class Repo:
    def __init__(self, binary, root):
        self.tmp = tempfile.mkdtemp()
        self.dir = os.path.join(self.tmp, "repo")
        bindir = os.path.join(self.tmp, "bin")
        os.makedirs(bindir)
        os.symlink(os.path.abspath(binary),
                   os.path.join(bindir, "floe-profiles"))
        self.env = dict(os.environ)
        self.env["PATH"] = bindir + os.pathsep + self.env["PATH"]
        for k in ("GITHUB_ACTIONS", "NO_COLOR", "FORCE_COLOR",
                  "CLICOLOR_FORCE"):
            self.env.pop(k, None)
        d = self.dir
        os.makedirs(os.path.join(d, "platform", "prod"))
        os.makedirs(os.path.join(d, "dbt", "models", "staging"))
        subprocess.run(["git", "init", "-q", d], check=True)
        shutil.copy(os.path.join(root, "examples", "production",
                                 "platform.yaml"),
                    os.path.join(d, "platform", "prod", "platform.yaml"))
        self.sh("floe-profiles generate -o dbt/profiles.yml "
                "platform/prod/platform.yaml")
        self.write("dbt/dbt_project.yml", "name: demo\nprofile: floe\n")
        self.write("dbt/models/staging/sources.yml",
                   "version: 2\nsources:\n  - name: orders\n"
                   "    database: polaris_catalog\n"
                   "    schema: production\n"
                   "    tables: [{name: raw_orders}]\n")
        with open(os.path.join(d, "dbt", "profiles.yml"),
                  encoding="utf-8") as f:
            self.good = f.read()

    def write(self, rel, text):
        with open(os.path.join(self.dir, rel), "w", encoding="utf-8") as f:
            f.write(text)

    def read(self, rel):
        with open(os.path.join(self.dir, rel), "rb") as f:
            return f.read()

    def exists(self, rel):
        return os.path.exists(os.path.join(self.dir, rel))

    def sh(self, cmd, env=None):
        e = dict(self.env)
        e.update(env or {})
        return subprocess.run(["sh", "-e", "-c", cmd], cwd=self.dir, env=e,
                              capture_output=True, text=True)

    def close(self):
        shutil.rmtree(self.tmp)


def redirect_target(cmd):
    m = re.search(r">\s*(\S+)", cmd)
    return m.group(1) if m else None


def check_sarif(label, data, validator, rules_md, failed_run):
    check(f"{label}: SARIF under upload-sarif's size limit",
          len(data) < SARIF_MAX_BYTES, str(len(data)))
    try:
        doc = json.loads(data)
    except ValueError as e:
        check(f"{label}: SARIF parses", False, str(e))
        return
    errors = sorted(validator.iter_errors(doc), key=str)
    check(f"{label}: valid SARIF 2.1.0", not errors,
          "; ".join(e.message for e in errors[:3]))
    run = doc["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    check(f"{label}: one run named floe-profiles",
          doc["version"] == "2.1.0" and len(doc["runs"]) == 1 and
          run["tool"]["driver"]["name"] == "floe-profiles")
    check(f"{label}: every rule has helpUri (rules.md's anchor), help.text "
          "and help.markdown", rules and all(
              re.fullmatch(r"https://\S+#" + r["id"].lower(),
                           r.get("helpUri", "")) and
              r["id"] in rules_md and r["help"]["text"] and
              r["help"]["markdown"] and r["shortDescription"]["text"]
              for r in rules))
    check(f"{label}: rule levels are note, warning or error", all(
        r["defaultConfiguration"]["level"] in ("note", "warning", "error")
        for r in rules))
    results = run["results"]
    check(f"{label}: at most {SARIF_MAX_RESULTS} results",
          len(results) <= SARIF_MAX_RESULTS)
    ok = all(
        res["ruleId"] in ids and res["level"] in ("note", "warning",
                                                  "error") and
        res["message"]["text"] and
        res["partialFingerprints"]["floeFindingHash/v1"] and
        all(not loc["physicalLocation"]["artifactLocation"]["uri"]
            .startswith(("/", "file:", "..")) and
            loc["physicalLocation"]["region"]["startLine"] >= 1
            for loc in res["locations"])
        for res in results)
    check(f"{label}: results have ruleId, level, message, a "
          "repository-relative uri, a region, partialFingerprints", ok)
    inv = run["invocations"][0]
    if failed_run:
        notes = inv.get("toolExecutionNotifications", [])
        check(f"{label}: executionSuccessful false with a notification "
              "per failure", inv["executionSuccessful"] is False and notes
              and all(n["message"]["text"] and n["level"] == "error"
                      for n in notes), json.dumps(inv)[:300])
    else:
        check(f"{label}: executionSuccessful true",
              inv["executionSuccessful"] is True and
              not inv.get("toolExecutionNotifications"))
    return results


def check_gitlab(label, data, blocker):
    try:
        issues = json.loads(data)
    except ValueError as e:
        check(f"{label}: code-quality report parses", False, str(e))
        return None
    errors = list(jsonschema.Draft4Validator(GITLAB_REPORT)
                  .iter_errors(issues))
    check(f"{label}: valid GitLab code-quality report", not errors,
          "; ".join(e.message for e in errors[:3]))
    fps = [i["fingerprint"] for i in issues]
    check(f"{label}: fingerprints unique", len(fps) == len(set(fps)))
    check(f"{label}: {'a' if blocker else 'no'} blocker",
          any(i["severity"] == "blocker" for i in issues) == blocker)
    return issues


def xmllint_ok(data):
    if not shutil.which("xmllint"):
        return True
    return subprocess.run(["xmllint", "--noout", "-"], input=data,
                          capture_output=True).returncode == 0


def check_junit(label, data, failures_expected, error_expected):
    check(f"{label}: xmllint reads the JUnit report", xmllint_ok(data))
    try:
        root = ET.fromstring(data)
    except ET.ParseError as e:
        check(f"{label}: JUnit report parses", False, str(e))
        return
    cases = root.findall("testsuite/testcase")
    nfail = len(root.findall("testsuite/testcase/failure"))
    nerr = len(root.findall("testsuite/testcase/error"))
    check(f"{label}: JUnit counts add up", root.tag == "testsuites" and
          int(root.get("tests")) == len(cases) and
          int(root.get("failures")) == nfail and
          int(root.get("errors")) == nerr and cases)
    check(f"{label}: JUnit {'has' if failures_expected else 'has no'} "
          "failures", (nfail > 0) == failures_expected, str(nfail))
    check(f"{label}: JUnit {'has' if error_expected else 'has no'} <error>",
          (nerr > 0) == error_expected, str(nerr))


def check_checkstyle(label, data, findings, failed_run):
    check(f"{label}: xmllint reads the Checkstyle report", xmllint_ok(data))
    try:
        root = ET.fromstring(data)
    except ET.ParseError as e:
        check(f"{label}: Checkstyle report parses", False, str(e))
        return
    errors = root.findall("file/error")
    check(f"{label}: Checkstyle shape", root.tag == "checkstyle" and all(
        e.get("severity") in ("error", "warning", "info") and
        e.get("message") and e.get("source", "").startswith(
            "floe-profiles.") for e in errors))
    check(f"{label}: Checkstyle {'has' if findings else 'has no'} findings",
          any(e.get("source") != "floe-profiles.failure"
              for e in errors) == findings)
    check(f"{label}: Checkstyle {'says' if failed_run else 'does not say'}"
          " the check could not run", any(
              e.get("source") == "floe-profiles.failure"
              for e in errors) == failed_run)


def main():
    binary, shared = sys.argv[1], sys.argv[2]
    root = os.getcwd()
    with open(os.path.join(shared, "schemas", "sarif-schema-2.1.0.json"),
              encoding="utf-8") as f:
        validator = jsonschema.Draft4Validator(json.load(f))
    with open("docs/rules.md", encoding="utf-8") as f:
        rules_md = set(re.findall(r"^## (FP\d{3})$", f.read(), re.M))
    gh_steps, gl_job, jenkins, shell, lint_steps = docs_commands()

    # --- the docs' own wiring: what is written is what is uploaded ----
    runs = [s for s in gh_steps if "run" in s and
            "floe-profiles" in s["run"] and "cmake" not in s["run"]]
    sarif_step = [s for s in runs if "--format sarif" in s["run"]]
    upload = [s for s in gh_steps if "upload-sarif" in s.get("uses", "")]
    check("ci.md: GitHub workflow has the check, SARIF, upload and "
          "generate --check steps", len(runs) >= 3 and
          len(sarif_step) == 1 and len(upload) == 1 and
          any("generate --check" in s["run"] for s in runs))
    if len(sarif_step) != 1 or len(upload) != 1 or not gl_job:
        print(f"{passes} passed, {len(failures)} failed")
        return 1
    sarif_file = redirect_target(sarif_step[0]["run"])
    check("ci.md: the SARIF step runs with --exit-zero and if: always()",
          "--exit-zero" in sarif_step[0]["run"] and
          sarif_step[0].get("if") == "always()")
    check("ci.md: the upload names the file the SARIF step writes, "
          "always", upload[0]["with"]["sarif_file"] == sarif_file and
          upload[0].get("if") == "always()" and
          upload[0]["with"].get("category"))
    script = gl_job["script"]
    reports = gl_job["artifacts"]["reports"]
    written = [redirect_target(c) for c in script]
    check("ci.md: GitLab declares, always, the reports its script writes",
          gl_job["artifacts"]["when"] == "always" and
          reports["codequality"] in written and reports["junit"] in written)
    lint_run = [s for s in lint_steps if "floe-profiles" in s.get("run", "")]
    lint_up = [s for s in lint_steps
               if "upload-sarif" in s.get("uses", "")]
    check("lint.md: the upload names the file lint writes, even when lint "
          "failed", len(lint_run) == 1 and len(lint_up) == 1 and
          lint_up[0]["with"]["sarif_file"] ==
          redirect_target(lint_run[0]["run"]) and
          "cancelled()" in lint_up[0].get("if", ""))

    # --- three states of one repository ------------------------------
    repo = Repo(binary, root)
    try:
        bad = repo.good.replace(
            "      settings:\n",
            "      settings:\n        allow_persistent_secrets: 'true'\n", 1)
        if bad == repo.good:    # the generated profile has no settings
            bad = repo.good.replace(
                "      threads:", "      settings:\n"
                "        allow_persistent_secrets: 'true'\n      threads:",
                1)
        check("the bad profile differs from the good one", bad != repo.good)
        for state in ("clean", "findings", "cannot run"):
            repo.write("dbt/profiles.yml",
                       repo.good if state == "clean" else bad)
            plat = os.path.join(repo.dir, "platform", "prod",
                                "platform.yaml")
            if state == "cannot run":
                os.rename(plat, plat + ".away")
            findings = state == "findings"
            failed = state == "cannot run"
            want = 2 if failed else 1 if findings else 0

            # GitHub Actions
            for step in runs:
                cmd = step["run"]
                env = {"GITHUB_ACTIONS": "true"}
                r = repo.sh(cmd, env)
                name = step.get("name", cmd.split("\n")[0])
                if "--format sarif" in cmd:
                    check(f"GitHub [{state}] '{name}' exits "
                          f"{2 if failed else 0}",
                          r.returncode == (2 if failed else 0),
                          f"{r.returncode} {r.stderr}")
                    data = repo.read(sarif_file)
                    results = check_sarif(f"GitHub [{state}] {sarif_file}",
                                          data, validator, rules_md, failed)
                    if results is not None and not failed:
                        check(f"GitHub [{state}] SARIF "
                              f"{'has' if findings else 'has no'} results",
                              bool(results) == findings)
                        if findings:
                            check(f"GitHub [{state}] SARIF names "
                                  "dbt/profiles.yml from the repository "
                                  "root", any(
                                      loc["physicalLocation"]
                                      ["artifactLocation"]["uri"] ==
                                      "dbt/profiles.yml"
                                      for res in results
                                      for loc in res["locations"]))
                elif "generate --check" in cmd:
                    gw = 2 if failed else 1 if findings else 0
                    check(f"GitHub [{state}] '{name}' exits {gw}",
                          r.returncode == gw, f"{r.returncode} {r.stderr}")
                else:
                    check(f"GitHub [{state}] '{name}' exits {want}",
                          r.returncode == want, f"{r.returncode} {r.stderr}")
                    if findings:
                        check(f"GitHub [{state}] annotations name "
                              "dbt/profiles.yml from the repository root",
                              re.search(r"^::error file=dbt/profiles\.yml,"
                                        r"line=\d+,col=\d+,.*title=FP101 ",
                                        r.stdout, re.M) is not None,
                              r.stdout[:300])
                    if failed:
                        check(f"GitHub [{state}] the failure is an "
                              "annotation", r.stdout.startswith("::error "),
                              r.stdout[:200])

            # GitLab CI: each line of the script, as the runner runs it
            for cmd in script:
                r = repo.sh(cmd)
                target = redirect_target(cmd)
                if target:
                    check(f"GitLab [{state}] '{cmd[:40]}...' does not "
                          "stop the job", r.returncode == 0)
                else:
                    check(f"GitLab [{state}] the gate exits {want}",
                          r.returncode == want, f"{r.returncode} {r.stderr}")
            cq = check_gitlab(f"GitLab [{state}] {reports['codequality']}",
                              repo.read(reports["codequality"]), failed)
            if cq is not None and not failed:
                check(f"GitLab [{state}] code quality "
                      f"{'has' if findings else 'has no'} issues",
                      bool(cq) == findings)
                if findings:
                    check(f"GitLab [{state}] paths from the repository "
                          "root", all(i["location"]["path"] ==
                                      "dbt/profiles.yml" for i in cq))
            check_junit(f"GitLab [{state}] {reports['junit']}",
                        repo.read(reports["junit"]), findings, failed)

            # Jenkins
            files = {}
            for kind, arg in jenkins:
                if kind == "sh":
                    cmd = arg.strip("'")
                    r = repo.sh(cmd)
                    check(f"Jenkins [{state}] '{cmd[:40]}...' exits "
                          f"{2 if failed else 0}",
                          r.returncode == (2 if failed else 0),
                          f"{r.returncode} {r.stderr}")
                    files[redirect_target(cmd)] = cmd
            for target, cmd in files.items():
                data = repo.read(target)
                if "--format junit" in cmd:
                    check_junit(f"Jenkins [{state}] {target}", data,
                                findings, failed)
                elif "--format checkstyle" in cmd:
                    check_checkstyle(f"Jenkins [{state}] {target}", data,
                                     findings, failed)
            check(f"Jenkins [{state}] the files junit and recordIssues "
                  "read are the ones written", all(
                      re.search(r"'([^']+\.xml)'", arg).group(1) in files
                      for kind, arg in jenkins if kind != "sh"))

            # the plain shell script
            if shell:
                repo.write("gate.sh", shell)
                r = repo.sh("sh ./gate.sh")
                check(f"shell [{state}] script exits {want}",
                      r.returncode == want, f"{r.returncode} {r.stderr}")
            if failed:
                os.rename(plat + ".away", plat)

        # lint.md's workflow and the issue's two paths: a missing profile
        # next to a read one, and a missing platform, under --exit-zero
        repo.write("profiles.yml", bad)
        cmd = lint_run[0]["run"]
        r = repo.sh(cmd)
        target = redirect_target(cmd)
        check("lint.md's workflow step fails the job on findings",
              r.returncode == 1)
        check_sarif(f"lint.md {target}", repo.read(target), validator,
                    rules_md, False)
        r = repo.sh("floe-profiles lint --format sarif --exit-zero "
                    "missing.yml profiles.yml > lint.sarif")
        check("lint --format sarif --exit-zero missing.yml profiles.yml "
              "exits 2", r.returncode == 2)
        results = check_sarif("lint with a missing file", repo.read(
            "lint.sarif"), validator, rules_md, True)
        check("... and reports the file that was read",
              bool(results) and all(
                  res["locations"][0]["physicalLocation"]
                  ["artifactLocation"]["uri"] == "profiles.yml"
                  for res in results))
        r = repo.sh("floe-profiles check --format sarif --exit-zero "
                    "--platform missing.yaml dbt/profiles.yml "
                    "> check.sarif")
        check("check --format sarif --exit-zero --platform missing.yaml "
              "exits 2", r.returncode == 2)
        check("... and standard output is not empty",
              len(repo.read("check.sarif")) > 0)
        check_sarif("check with a missing platform",
                    repo.read("check.sarif"), validator, rules_md, True)
    finally:
        repo.close()

    print(f"{passes} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
