#!/usr/bin/env python3
"""Read every generated profile back with PyYAML (dbt's YAML reader).

check_profiles.py BINARY SHARED_DIR

For each bundled example, each real platform fixture that generates, and
floe's successor manifests (the real demo and tests/data/manifest),
load the output with yaml.safe_load -- a YAML 1.1 reader, as dbt uses --
and check that it is exactly the intended structure: every option a str
(a retyped `yes`, `0755` or `false` would be a bool or an int here), the
ints that must be ints, the endpoint / token URI pair consistent, no
secret-manager setting anywhere.  Also checks, with
generate --check, that the committed examples/*.yml are what the binary
generates today.

Prints 'N passed, N failed' and exits non-zero on any failure.
"""
import glob
import os
import re
import subprocess
import sys

import yaml

FORBIDDEN_SETTINGS = {
    "allow_persistent_secrets", "secret_directory", "default_secret_storage",
    "access_mode", "allow_community_extensions", "allow_unredacted_secrets",
    "allow_unsigned_extensions", "custom_user_agent", "duckdb_api",
    "enable_external_access", "disable_database_invalidation",
}
ATTACH_KEYS = {"path", "alias", "type", "options"}
OPTION_ORDER = ["endpoint", "oauth2_server_uri", "client_id", "client_secret",
                "oauth2_scope", "access_delegation_mode"]
ENV_VAR = re.compile(r"^\{\{ env_var\('[A-Z0-9_]+'\) \}\}")


def check_output(name, out, external_idp):
    problems = []

    def expect(cond, what):
        if not cond:
            problems.append(what)

    expect(out.get("type") == "duckdb", "type is not 'duckdb'")
    expect(isinstance(out.get("path"), str), "path is not a str")
    expect(type(out.get("threads")) is int and out["threads"] >= 1,
           "threads is not a positive int")
    ext = out.get("extensions")
    expect(isinstance(ext, list) and "httpfs" in ext and "iceberg" in ext,
           "extensions lack httpfs/iceberg")
    for key, value in (out.get("settings") or {}).items():
        expect(key not in FORBIDDEN_SETTINGS, f"forbidden setting {key}")
        expect(isinstance(value, str), f"setting {key} is not a str")
    # start-up settings go here, where duckdb.connect() applies them
    for key, value in (out.get("config_options") or {}).items():
        expect(key in FORBIDDEN_SETTINGS, f"config_options {key}")
        expect(isinstance(value, str), f"config_options {key} is not a str")
    for secret in out.get("secrets") or []:
        expect(secret.get("type") == "s3", "secret type is not s3")
        for key, value in secret.items():
            expect(isinstance(value, str), f"secret {key} is not a str")
    attach = out.get("attach")
    expect(isinstance(attach, list) and len(attach) == 1,
           "attach is not a one-item list")
    if problems:
        return problems
    item = attach[0]
    expect(set(item) == ATTACH_KEYS, f"attach keys {sorted(item)}")
    expect(item.get("type") == "iceberg", "attach type is not iceberg")
    expect(re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", item.get("alias", "")),
           "alias is not an identifier")
    expect(isinstance(item.get("path"), str) and "://" not in item["path"],
           "attach path is not a catalog name")
    opts = item.get("options") or {}
    expect(list(opts)[:len(OPTION_ORDER)] == OPTION_ORDER,
           f"option order {list(opts)}")
    for key, value in opts.items():
        expect(isinstance(value, str), f"option {key} is not a str")
    endpoint = opts.get("endpoint", "")
    token = opts.get("oauth2_server_uri", "")
    expect(not endpoint.endswith("/") and not endpoint.endswith("/v1"),
           f"endpoint {endpoint!r} ends in / or /v1")
    expect(endpoint.startswith(("http://", "https://")) or
           ENV_VAR.match(endpoint), f"endpoint {endpoint!r} has no scheme")
    if external_idp:
        expect(token.startswith("https://"), "external token URI")
    else:
        expect(token == endpoint + "/v1/oauth/tokens",
               f"token URI {token!r} does not match endpoint {endpoint!r}")
    expect(re.fullmatch(r"(PRINCIPAL_ROLE:\S+)( PRINCIPAL_ROLE:\S+)*",
                        opts.get("oauth2_scope", "")), "scope form")
    expect(opts.get("access_delegation_mode") in
           ("none", "vended_credentials"), "access_delegation_mode")
    expect(ENV_VAR.fullmatch(opts.get("client_secret", "")) is not None,
           "client_secret is not an env_var reference")
    return problems


def check_profile(name, text, external_idp=False):
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as e:
        return [f"PyYAML cannot read it: {e}"]
    if not isinstance(doc, dict) or len(doc) != 1:
        return ["the document is not one profile"]
    (profile,) = doc.values()
    outputs = profile.get("outputs")
    if not isinstance(outputs, dict) or profile.get("target") not in outputs:
        return ["target does not name an output"]
    problems = []
    for target, out in outputs.items():
        problems += [f"{target}: {p}" for p in
                     check_output(name, out, external_idp)]
    return problems


def main():
    binary, shared = sys.argv[1], sys.argv[2]
    cases = [
        ("examples/platform.yaml", [], "examples/profiles.yml", False),
        ("examples/production/platform.yaml", [],
         "examples/production/profiles.yml", False),
        ("examples/production/platform.yaml",
         ["--catalog", "analytics", "--alias", "analytics"],
         "examples/production/profiles-analytics.yml", True),
    ]
    fixtures = sorted(glob.glob(os.path.join(shared, "fixtures", "real",
                                             "*.platform.yaml")))
    if not fixtures:
        print(f"no fixtures under {shared}", file=sys.stderr)
        return 2
    cases += [(f, [], None, False) for f in fixtures]
    # floe's successor: its demo manifest and the test manifests that
    # generate (tests/data/manifest), with their placeholders filled
    sets = ["--set", "product_slug=orders", "--set", "env=prod",
            "--set", "team=sales"]
    cases.append((os.path.join(shared, "fixtures", "successor",
                               "floe__demo__02e2a7e.manifest.yaml"),
                  sets, None, False))
    for name in ("startup-settings", "placeholders", "literal-secrets",
                 "hostile"):
        cases.append((f"tests/data/manifest/{name}.manifest.yaml", sets,
                      None, name == "hostile"))

    passed = failed = generated = 0
    for path, args, committed, external_idp in cases:
        run = subprocess.run([binary, "generate", *args, path],
                             capture_output=True, text=True)
        label = " ".join(args + [path])
        if run.returncode == 1:
            # refused with positioned diagnostics (pinned by golden tests)
            ok = re.search(r":\d+:\d+: error: ", run.stderr) is not None
            problems = [] if ok else ["exit 1 without a positioned error"]
        elif run.returncode != 0:
            problems = [f"exit status {run.returncode}: {run.stderr}"]
        else:
            generated += 1
            problems = check_profile(label, run.stdout, external_idp)
            if committed:
                # the committed example is what generate -o writes
                chk = subprocess.run([binary, "generate", *args, "--check",
                                      "-o", committed, path],
                                     capture_output=True, text=True)
                if chk.returncode != 0:
                    problems.append(f"{committed} is out of date:\n"
                                    + chk.stdout)
        if problems:
            failed += 1
            for p in problems:
                print(f"FAIL {label}: {p}")
        else:
            passed += 1
            print(f"ok   {label}")
    if generated < 13:
        print(f"FAIL only {generated} profiles were generated")
        failed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
