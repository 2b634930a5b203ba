#!/usr/bin/env python3
"""Every version-bound row of the engine's fact tables, held to lint.

check_version_rows.py BINARY

Reads the tables themselves (src/engine/data/*.def, src/engine/*.def and
the renames of src/engine/engine.c), works out from them what lint must
say about each name for each DuckDB release (and each dbt-duckdb
release, for dbt-duckdb's attachment fields), and runs
`floe-profiles lint --duckdb-version X` (`--dbt-duckdb-version X`) on a
minimal profile per name and release, written to a temporary folder:

  FP106  a setting name the release does not have
  FP101  a secret-manager setting under settings (per row flags)
  FP102  a start-up or initialisation-only setting (value 'true', so a
         setting refused only when relaxed counts)
  FP107  a setting of an extension that 'extensions' does not list; and
         `extensions: [alias]` with a setting of the alias's extension,
         silent exactly where the release resolves the alias
  FP108  a deprecated setting
  FP110  a setting value SET cannot cast to the row's input type ('true'
         to a UBIGINT); then FP101, FP102 and FP108 are absent, and a
         value that casts ('0', '[]') is walked as well
  FP305  an iceberg ATTACH option the release does not handle, with the
         kind of message the table implies (arrived in / last release /
         renamed / the former name / main only)
  FP109  an iceberg secret parameter of another release
  FP301  an attachment field of a later dbt-duckdb release
  FP007  an output key of a later dbt-duckdb release (is_ducklake, 1.9.5)
  FP313  an iceberg ATTACH option that its authorization type does not
         take: every option row bound to some authorization types
         (`auths` other than FE_AUTH_ALL) is linted under each way of
         choosing one (no authorization_type: oauth2; authorization_type
         oauth2, sigv4, none; endpoint_type glue, s3_tables: sigv4), at
         the first release that has the row, the one before, and the
         newest
  FP320, FP210, FP225  (iceberg_behavior.def, linted with --env and an
         environment without AWS_REGION) an iceberg behaviour a rule
         depends on (vended credentials need a region, the endpoint is
         lower-cased, a SigV4 endpoint cannot have a scheme):
         BEHAVIOR_CASES below gives each row its rule and profile

A row is version-bound when it does not hold for every release the
tables know.  For each name with such a row, every release where one of
the rules above changes its verdict is linted, with the release before
it: the first release that has the row and the one before, the last one
and the one after -- a hit where the release refuses the name (the
finding is there, on the name's line) and a near-miss where it accepts
it (the finding is absent).  Every version-bound row must be exercised
by a hit and a near-miss at one of its boundaries, or be listed in
NOT_BY_LINT with the reason.  All the cases of one release go to one
lint run (one file each).

The authorization-type rows (FP313) are also held to readable golden
cases, tests/golden/lint/auth-type-<how>-{hit,near-miss}[-...]: each
case's profile has one iceberg attach (its authorization_type or
endpoint_type says how the type is chosen), and every option line under
`options:` that names such a row is a verdict, read from the case's
expected.stdout (FP313 on that line, or not).  Each verdict must be what
the table says, and every row must have one under every way of choosing
the type: a row the type refuses in a -hit case, one it takes in a
-near-miss case.  A missing case fails the test.  Python standard library
only.
"""
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
ENGINE = os.path.join(ROOT, "src", "engine")
DATA = os.path.join(ENGINE, "data")

OPEN = 0
MAIN = 990000


# ---- reading the tables ----

def strip_comments(text):
    """Comments blanked out, keeping the line numbers."""
    return re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"),
                  text, flags=re.S)


def split_args(s):
    """Top-level comma split of a macro's arguments (strings kept)."""
    out, cur, depth, quote = [], "", 0, False
    i = 0
    while i < len(s):
        c = s[i]
        if quote:
            cur += c
            if c == "\\":
                cur += s[i + 1]
                i += 1
            elif c == '"':
                quote = False
        elif c == '"':
            quote = True
            cur += c
        elif c == "(":
            depth += 1
            cur += c
        elif c == ")":
            depth -= 1
            cur += c
        elif c == "," and depth == 0:
            out.append(cur.strip())
            cur = ""
        else:
            cur += c
        i += 1
    out.append(cur.strip())
    return out


def rows(path, macro):
    """The argument lists of every MACRO(...) row of a .def file, with
    the line the row starts on."""
    raw = open(path, encoding="utf-8").read()
    text = strip_comments(raw)
    found = []
    for m in re.finditer(r"^\s*" + macro + r"\(", text, flags=re.M):
        i, depth, quote = m.end(), 1, False
        while depth:
            c = text[i]
            if quote:
                if c == "\\":
                    i += 1
                elif c == '"':
                    quote = False
            elif c == '"':
                quote = True
            elif c == "(":
                depth += 1
            elif c == ")":
                depth -= 1
            i += 1
        line = text.count("\n", 0, m.end()) + 1
        found.append((split_args(text[m.end():i - 1]), line))
    return found


def version(tok):
    tok = tok.strip()
    if tok == "FE_V_OPEN":
        return OPEN
    if tok == "FE_V_MAIN":
        return MAIN
    m = re.fullmatch(r"FE_V\((\d+),\s*(\d+),\s*(\d+)\)", tok)
    if not m:
        raise SystemExit(f"not a version: {tok!r}")
    a, b, c = map(int, m.groups())
    return a * 10000 + b * 100 + c


def vstr(v):
    if v == MAIN:
        return "main"
    return f"{v // 10000}.{v // 100 % 100}.{v % 100}"


def string(tok):
    tok = tok.strip()
    if not (tok.startswith('"') and tok.endswith('"')):
        raise SystemExit(f"not a string: {tok!r}")
    return tok[1:-1]


def flags(tok):
    return set() if tok.strip() == "0" else \
        {f.strip() for f in tok.split("|")}


class Row:
    def __init__(self, table, line, name, first, last, **extra):
        self.table, self.line = table, line
        self.name, self.first, self.last = name, first, last
        self.__dict__.update(extra)

    def holds(self, v):
        return self.first <= v and (self.last == OPEN or v <= self.last)

    def where(self):
        return (f"{self.table}:{self.line} {self.name} "
                f"[{vstr(self.first)}, "
                f"{'open' if self.last == OPEN else vstr(self.last)}]")


def load():
    t = {}
    rel = rows(os.path.join(DATA, "duckdb_releases.def"), "DUCKDB_RELEASE")
    t["releases"] = sorted(version(a[0]) for a, _ in rel
                           if "FE_REL_UNRELEASED" not in a[4])
    t["settings"] = [Row("duckdb_settings.def", ln, string(a[0]).lower(),
                         version(a[1]), version(a[2]), flags=flags(a[3]),
                         type=a[4].strip())
                     for a, ln in rows(os.path.join(DATA,
                                                    "duckdb_settings.def"),
                                       "DUCKDB_SETTING")]
    t["ext_settings"] = [
        Row("duckdb_extension_settings.def", ln, string(a[0]).lower(),
            version(a[2]), version(a[3]), extension=string(a[1]))
        for a, ln in rows(os.path.join(DATA,
                                       "duckdb_extension_settings.def"),
                          "DUCKDB_EXTENSION_SETTING")]
    t["words"] = [Row("duckdb_words.def", ln, string(a[0]).lower(),
                      version(a[1]), version(a[2]), via=flags(a[3]),
                      any_case=a[4].strip() == "true",
                      words=string(a[5]).split("|"))
                  for a, ln in rows(os.path.join(ENGINE, "duckdb_words.def"),
                                    "DUCKDB_WORDS")]
    t["options"] = [Row("iceberg_attach.def", ln, string(a[0]).lower(),
                        version(a[1]), version(a[2]), auths=flags(a[3]),
                        kind=a[4].strip())
                    for a, ln in rows(os.path.join(DATA,
                                                   "iceberg_attach.def"),
                                      "ICEBERG_ATTACH_OPTION")]
    t["secret_params"] = [Row("iceberg_secret.def", ln, string(a[0]).lower(),
                              version(a[1]), version(a[2]))
                          for a, ln in rows(os.path.join(
                              DATA, "iceberg_secret.def"),
                              "ICEBERG_SECRET_PARAM")]
    dbt = os.path.join(ENGINE, "dbt_duckdb.def")
    t["dbt_fields"] = [Row("dbt_duckdb.def", ln, string(a[0]), version(a[1]),
                           version(a[2]), type=a[3].strip(),
                           flags=flags(a[4]))
                       for a, ln in rows(dbt, "DBT_ATTACH_FIELD")]
    t["dbt_keys"] = [Row("dbt_duckdb.def", ln, string(a[0]), version(a[1]),
                         version(a[2]), type=a[3].strip())
                     for a, ln in rows(dbt, "DBT_OUTPUT_KEY")]
    names = os.path.join(ENGINE, "duckdb_names.def")
    t["keywords"] = [Row("duckdb_names.def", ln, string(a[0]),
                         version(a[1]), version(a[2]))
                     for a, ln in rows(names, "DUCKDB_ALIAS_KEYWORD")]
    t["db_names"] = [Row("duckdb_names.def", ln, string(a[0]),
                         version(a[1]), version(a[2]))
                     for a, ln in rows(names, "DUCKDB_DATABASE_NAME")]
    t["ext_aliases"] = [Row("duckdb_extensions.def", ln, string(a[0]),
                            version(a[2]), version(a[3]),
                            extension=string(a[1]))
                        for a, ln in rows(os.path.join(
                            DATA, "duckdb_extensions.def"),
                            "DUCKDB_EXTENSION_ALIAS")]
    t["behaviors"] = [Row("iceberg_behavior.def", ln, string(a[0]),
                          version(a[1]), version(a[2]))
                      for a, ln in rows(os.path.join(
                          ENGINE, "iceberg_behavior.def"),
                          "ICEBERG_BEHAVIOR")]
    t["dbt_render"] = [Row("dbt_render.def", ln, a[0].strip(),
                           version(a[1]), version(a[2]))
                       for a, ln in rows(os.path.join(ENGINE,
                                                      "dbt_render.def"),
                                         "DBT_RENDER")]
    # the renames without a row of their own (engine.c `renames[]`)
    src = strip_comments(open(os.path.join(ENGINE, "engine.c"),
                              encoding="utf-8").read())
    m = re.search(r"fe_option_rename renames\[\] = \{(.*?)\n\};", src, re.S)
    t["renames"] = [(f, to, version(since), kept == "true")
                    for f, to, since, kept in re.findall(
                        r'\{\s*"(\w+)",\s*"(\w+)",\s*(FE_V\([^)]*\)|FE_V_MAIN)'
                        r',\s*(true|false)\s*\}', m.group(1))]
    hdr = open(os.path.join(ENGINE, "engine.h"), encoding="utf-8").read()
    t["dbt_newest"] = version(re.search(
        r"#define FE_DBT_DUCKDB_DEFAULT (FE_V\([^)]*\))", hdr).group(1))
    t["dbt_oldest"] = version(re.search(
        r"#define FE_DBT_DUCKDB_OLDEST (FE_V\([^)]*\))", hdr).group(1))
    for k in ("settings", "ext_settings", "options", "secret_params",
              "dbt_fields", "ext_aliases", "dbt_render", "behaviors"):
        if not t[k]:
            raise SystemExit(f"no rows read for {k}: has the format "
                             "changed?")
    return t


# ---- rows lint cannot exercise per release, and why ----

# (table, name or "*") -> reason
NOT_BY_LINT = {
    ("duckdb_names.def", "*"):
        "every keyword and name row holds from 1.4.0 (extract_names.py on "
        "each release's engine) but temp's, whose flags change at 1.4.1 "
        "while FP318 fires on both sides (only its reason differs); "
        "unit/test_engine walks every release's FP318 verdict and reason "
        "for both forms of ATTACH, and golden FP318-...-hit-temp-1.4.0 / "
        "-1.4.1 show the pair",
    ("dbt_render.def", "*"):
        "how dbt-duckdb renders SQL: sql's golden cases per release "
        "(tests/golden/sql, docs/sql-verify.md \"Per release\"), not lint",
}


MAIN_ONLY = ("only unreleased main has it and lint takes no "
             "--duckdb-version main: its hit is walked (the oldest and the "
             "newest release), a near-miss cannot be")


# id(row) -> reason, for rows plan() finds no rule to show them by
DERIVED = {}


def exempt(row):
    if row.first == MAIN:
        return MAIN_ONLY
    return NOT_BY_LINT.get((row.table, row.name)) or \
        NOT_BY_LINT.get((row.table, "*")) or DERIVED.get(id(row))


# ---- what the tables say lint must report ----

SM, STARTUP, RELAX, INIT, DEPRECATED = (
    "FE_SET_SECRET_MANAGER", "FE_SET_STARTUP_ONLY", "FE_SET_STARTUP_RELAX",
    "FE_SET_INIT_ONLY", "FE_SET_DEPRECATED")


def first_holding(table, name, v):
    for r in table:
        if r.name == name and r.holds(v):
            return r
    return None


def span(table, name):
    rs = [r for r in table if r.name == name]
    first = min(r.first for r in rs)
    last = OPEN if any(r.last == OPEN for r in rs) else \
        max(r.last for r in rs)
    return first, last


# the input types (facts.h) and the values walked that each one's cast
# takes (probed: src/engine/data/duckdb-casts/); FE_TYPE_UNKNOWN (an
# extension's setting) is not checked
TYPE_NAMES = {"FE_TYPE_BOOLEAN": "BOOLEAN", "FE_TYPE_UBIGINT": "UBIGINT",
              "FE_TYPE_BIGINT": "BIGINT", "FE_TYPE_DOUBLE": "DOUBLE",
              "FE_TYPE_VARCHAR": "VARCHAR",
              "FE_TYPE_VARCHAR_LIST": "VARCHAR[]"}
CASTS = {"true": {"FE_TYPE_BOOLEAN", "FE_TYPE_VARCHAR"},
         "false": {"FE_TYPE_BOOLEAN", "FE_TYPE_VARCHAR"},
         "0": {"FE_TYPE_BOOLEAN", "FE_TYPE_UBIGINT", "FE_TYPE_BIGINT",
               "FE_TYPE_DOUBLE", "FE_TYPE_VARCHAR"},
         "[]": {"FE_TYPE_VARCHAR", "FE_TYPE_VARCHAR_LIST"}}


def setting_values(rws):
    """'true' and 'false' (a setting refused only when relaxed), and a
    value that casts to each input type 'true' does not."""
    vals = ["true", "false"]
    for r in rws:
        ty = getattr(r, "type", "FE_TYPE_UNKNOWN")
        if ty in TYPE_NAMES and ty not in CASTS["true"]:
            v = "[]" if ty == "FE_TYPE_VARCHAR_LIST" else "0"
            if v not in vals:
                vals.append(v)
    return vals


def setting_expect(t, name, v, value):
    """{rule: None (absent) or a message fragment ("" for any)} for
    `settings: {name: value}` (setting_values()) with no extensions, on
    release v."""
    row = first_holding(t["settings"], name, v)
    exp = {}
    if row is None:
        first, last = span(t["settings"], name)
        if first == MAIN:
            exp["FP106"] = ""
        elif v < first:
            exp["FP106"] = f"It arrived in {vstr(first)}"
        elif last != OPEN and v > last:
            exp["FP106"] = f"Its last release was {vstr(last)}"
        else:
            exp["FP106"] = ""		# a gap between two rows
        for r in ("FP101", "FP102", "FP107", "FP108", "FP110"):
            exp[r] = None
        return exp
    f = row.flags
    exp["FP106"] = None
    if row.type in TYPE_NAMES and row.type not in CASTS[value]:
        # the cast fails first: nothing else is said of the value
        exp["FP110"] = f"is a {TYPE_NAMES[row.type]} setting"
        for r in ("FP101", "FP102", "FP107", "FP108"):
            exp[r] = None
        return exp
    exp["FP110"] = None
    # a setting that takes one of a few words (duckdb_words.def): str()
    # of the YAML value ('True') is refused by the setting itself
    w = [r for r in t["words"] if r.name == name and r.holds(v) and
         "FE_WORDS_SET" in r.via]
    text = {"true": "True", "false": "False"}.get(value, value)
    if w and not any(x.lower() == text.lower() if w[0].any_case else
                     x == text for x in w[0].words):
        exp["FP110"] = "takes one of a few words"
    exp["FP101"] = "" if SM in f else None
    # refused for any value, or only when the value relaxes it
    relaxed = RELAX in f and value == "true"
    refused = bool(f & {SM, STARTUP, INIT}) or relaxed
    exp["FP102"] = "" if (f & {STARTUP, INIT} or
                          (relaxed and not f & {SM})) else None
    ext = first_holding(t["ext_settings"], name, v)
    exp["FP107"] = (f"needs the {ext.extension} extension"
                    if ext and not refused else None)
    exp["FP108"] = "" if DEPRECATED in f else None
    return exp


def span_note(rows, name, v, at_main):
    """Why release v has no row of `name`: before its first, after its last."""
    first, last = span(rows, name)
    if first == MAIN:
        return at_main
    if v < first:
        return f"It arrived in {vstr(first)}"
    return f"Its last release was {vstr(last)}"


def option_expect(t, name, v):
    if first_holding(t["options"], name, v):
        return {"FP305": None}
    for frm, to, since, kept in t["renames"]:
        if frm == name and not kept and v >= since:
            return {"FP305": f"It was renamed '{to}' in {vstr(since)}"}
    for frm, to, since, kept in t["renames"]:
        if to == name and v < since:
            when = "unreleased main's" if since == MAIN else vstr(since)
            return {"FP305": f"It is the {when} name of '{frm}'"}
    return {"FP305": span_note(t["options"], name, v,
                               "of no DuckDB release yet")}


def secret_param_expect(t, name, v):
    if first_holding(t["secret_params"], name, v):
        return {"FP109": None}
    return {"FP109": span_note(t["secret_params"], name, v,
                               "Only unreleased main has it")}


def dbt_field_expect(t, name, v):
    if first_holding(t["dbt_fields"], name, v):
        return {"FP301": None}
    first = min(r.first for r in t["dbt_fields"] if r.name == name)
    if v < first:
        return {"FP301": f"It arrived in {vstr(first)}"}
    return {"FP301": ""}


def dbt_key_expect(t, name, v):
    if first_holding(t["dbt_keys"], name, v):
        return {"FP007": None}
    first = min(r.first for r in t["dbt_keys"] if r.name == name)
    if v < first:
        return {"FP007": f"It arrived in {vstr(first)}"}
    return {"FP007": ""}


# How an iceberg attach chooses its authorization type (rule_attach.c
# attach_auth): (key, the option line written, the type, FP313's words)
AUTH_WAYS = (
    ("default", None, "FE_AUTH_OAUTH2",
     "authorization_type oauth2 (the default)"),
    ("oauth2", "authorization_type: oauth2", "FE_AUTH_OAUTH2",
     "authorization_type oauth2"),
    ("sigv4", "authorization_type: sigv4", "FE_AUTH_SIGV4",
     "authorization_type sigv4"),
    ("none", "authorization_type: none", "FE_AUTH_NONE",
     "authorization_type none"),
    ("glue", "endpoint_type: glue", "FE_AUTH_SIGV4",
     "endpoint_type glue (SigV4)"),
    ("s3_tables", "endpoint_type: s3_tables", "FE_AUTH_SIGV4",
     "endpoint_type s3_tables (SigV4)"),
)


def auth_rows(t):
    """The option rows bound to some authorization types."""
    return [r for r in t["options"]
            if "FE_AUTH_ALL" not in r.auths and r.first != MAIN]


def auth_expect(t, name, way, v):
    """FP313 for option `name` under `way` at release v: the words when
    the release has the option and the type does not take it, else None
    (an option the release lacks is FP305's)."""
    _key, _line, auth, words = way
    row = first_holding(t["options"], name, v)
    if row is None or "FE_AUTH_ALL" in row.auths or auth in row.auths:
        return {"FP313": None}
    return {"FP313": f"is not an option of {words}"}


def alias_setting(t, extension, v):
    """A setting of `extension` at release v that lint reports FP107
    for when the extension is not loaded (its row refuses no SET), or
    None."""
    for r in sorted(t["ext_settings"], key=lambda r: r.name):
        if r.extension != extension or not r.holds(v):
            continue
        row = first_holding(t["settings"], r.name, v)
        if row and not row.flags & {SM, STARTUP, RELAX, INIT, DEPRECATED}:
            return r.name
    return None


def alias_expect(t, row, v):
    """`extensions: [alias]` and a setting of the row's extension: FP107
    is silent exactly where the release resolves the alias."""
    if row.holds(v):
        return {"FP107": None}
    return {"FP107": f"needs the {row.extension} extension"}


# ---- minimal profiles ----

HEAD = """\
floe:
  target: dev
  outputs:
    dev:
      type: duckdb
      path: ":memory:"
"""


def q(s):
    return "'" + s.replace("'", "''") + "'"


def setting_profile(name, value):
    text = HEAD + "      settings:\n"
    return text + f"        {name}: '{value}'\n", text.count("\n") + 1


OPTION_VALUES = {
    "access_delegation_mode": "vended_credentials",
    "authorization_type": "oauth2",
    "oauth2_grant_type": "client_credentials",
    "endpoint_type": "glue",
    "endpoint": "http://polaris:8181/api/catalog",
    "uri": "http://polaris:8181/api/catalog",
    "oauth2_server_uri": "http://polaris:8181/api/catalog/v1/oauth/tokens",
    "type": "iceberg",
}
KIND_VALUES = {
    "FE_OPT_BOOL": "'true'",
    "FE_OPT_PRESENCE": "'true'",
    "FE_OPT_INTERVAL": "'5 minutes'",
    "FE_OPT_MAP": "{X-Test: 'y'}",
    "FE_OPT_STRING": "x",
    "FE_OPT_ENUM": "x",
}


ATTACH_OPTIONS = HEAD + """\
      extensions: [httpfs, iceberg]
      attach:
        - path: demo_catalog
          alias: lake
          type: iceberg
          options:
"""
ENDPOINT = "endpoint: http://polaris:8181/api/catalog"


def attach_option_profile(t, name, before):
    """An iceberg ATTACH whose options are the `before` lines, then `name`
    with a value it takes: (text, the line of `name`)."""
    row = next(r for r in t["options"] if r.name == name)
    value = OPTION_VALUES.get(name)
    value = q(value) if value else KIND_VALUES[row.kind]
    text = ATTACH_OPTIONS + "".join(f"            {b}\n" for b in before)
    line = text.count("\n") + 1
    return text + f"            {name}: {value}\n", line


def option_profile(t, name):
    row = next(r for r in t["options"] if r.name == name)
    before = [] if name in ("endpoint", "uri") else [ENDPOINT]
    # an option of one authorization type is written under that type
    if "FE_AUTH_OAUTH2" not in row.auths and "FE_AUTH_ALL" not in row.auths:
        auth = "sigv4" if "FE_AUTH_SIGV4" in row.auths else "none"
        if name != "authorization_type":
            before.append(f"authorization_type: {auth}")
    return attach_option_profile(t, name, before)


SECRET_VALUES = {
    "extra_http_headers": "{X-Test: 'y'}",
    "expires_in": "'3600'",
    "endpoint": "http://polaris:8181/api/catalog",
    "uri": "http://polaris:8181/api/catalog",
    "oauth2_server_uri": "http://polaris:8181/api/catalog/v1/oauth/tokens",
    "oauth2_grant_type": "client_credentials",
}


def secret_param_profile(name):
    text = HEAD + """\
      extensions: [httpfs, iceberg]
      secrets:
        - type: iceberg
"""
    line = text.count("\n") + 1
    value = SECRET_VALUES.get(name, "\"{{ env_var('DBT_ENV_SECRET_X') }}\"")
    return text + f"          {name}: {value}\n", line


FIELD_VALUES = {"FE_T_BOOL": "true", "FE_T_MAP": "{}", "FE_T_STR": "x",
                "FE_T_INT": "1", "FE_T_LIST": "[]"}


def auth_profile(t, name, way):
    return attach_option_profile(t, name,
                                 [ENDPOINT] + ([way[1]] if way[1] else []))


def alias_profile(alias, setting):
    text = HEAD + f"      extensions: [{alias}]\n      settings:\n"
    line = text.count("\n") + 1
    return text + f"        {setting}: 'true'\n", line


def dbt_field_profile(t, name):
    row = next(r for r in t["dbt_fields"] if r.name == name)
    text = HEAD + """\
      attach:
        - path: other.duckdb
"""
    line = text.count("\n") + 1
    if name == "path":
        return None, 0
    return text + f"          {name}: {FIELD_VALUES[row.type]}\n", line


def dbt_key_profile(t, name):
    row = next(r for r in t["dbt_keys"] if r.name == name)
    line = HEAD.count("\n") + 1
    return HEAD + f"      {name}: {FIELD_VALUES[row.type]}\n", line


# iceberg_behavior.def: name -> (rule, profile text, the finding's line)
# for a profile that shows the behaviour where the row holds
VENDED = HEAD + """\
      extensions: [httpfs, iceberg]
      attach:
        - path: demo_catalog
          alias: lake
          type: iceberg
          options:
            endpoint: http://polaris:8181/api/catalog
            client_id: x
            client_secret: "{{ env_var('DBT_ENV_SECRET_X') }}"
            access_delegation_mode: vended_credentials
"""
# the endpoint's path in mixed case (FP210, the finding on the endpoint)
UPPER = HEAD + """\
      extensions: [httpfs, iceberg]
      attach:
        - path: demo_catalog
          alias: lake
          type: iceberg
          options:
            oauth2_server_uri: http://polaris:8181/api/Catalog/v1/oauth/tokens
            client_id: x
            client_secret: "{{ env_var('DBT_ENV_SECRET_X') }}"
            endpoint: http://polaris:8181/api/Catalog
"""
# a SigV4 endpoint with a scheme (FP225, on the endpoint)
SIGV4_SCHEME = HEAD + """\
      extensions: [httpfs, iceberg]
      secrets:
        - type: s3
          provider: credential_chain
          region: us-east-1
      attach:
        - path: '123456789012'
          alias: lake
          type: iceberg
          options:
            authorization_type: sigv4
            endpoint: https://glue.us-east-1.amazonaws.com/iceberg
"""
BEHAVIOR_CASES = {
    "vended_region_required": ("FP320", VENDED, VENDED.count("\n")),
    "endpoint_lowercased": ("FP210", UPPER, UPPER.count("\n")),
    "sigv4_endpoint_scheme_breaks": ("FP225", SIGV4_SCHEME,
                                     SIGV4_SCHEME.count("\n")),
}
# what the environment of those runs leaves out
BEHAVIOR_ENV_UNSET = ("AWS_REGION", "AWS_DEFAULT_REGION")


def behavior_expect(t, name, v):
    rule = BEHAVIOR_CASES[name][0]
    return {rule: "" if first_holding(t["behaviors"], name, v) else None}


# ---- the walk ----

def transitions(releases, expect):
    """The releases where `expect` (release -> hashable) changes, each
    with the release before it."""
    out = set()
    for a, b in zip(releases, releases[1:]):
        if expect(a) != expect(b):
            out |= {a, b}
    return out


def bound(row, releases):
    return row.first > releases[0] or \
        (row.last != OPEN and row.last < releases[-1])


def neighbours(row, releases):
    """The boundary releases of a row: its first and the one before, its
    last and the one after (those that are releases)."""
    out = set()
    for v in (row.first, row.last):
        if v == OPEN or v == MAIN:
            continue
        if v not in releases:
            raise SystemExit(f"{row.where()}: {vstr(v)} is not a release "
                             "of duckdb_releases.def")
    if row.first != MAIN:
        i = releases.index(row.first) if row.first in releases else 0
        out.add(releases[i])
        if i:
            out.add(releases[i - 1])
    else:
        out |= {releases[0], releases[-1]}	# main only: no release has it
    if row.last != OPEN:
        i = releases.index(row.last)
        out.add(releases[i])
        if i + 1 < len(releases):
            out.add(releases[i + 1])
    return out


class Case:
    def __init__(self, key, flag, version, text, line, expect, rows):
        self.key, self.flag, self.version = key, flag, version
        self.text, self.line, self.expect = text, line, expect
        self.rows = rows		# the rows this case is a boundary of


# dbt-duckdb's version-bound rows: (case kind, table, profile, expect,
# rule), walked per dbt-duckdb release by plan() and held by main()
DBT_ROWS = (
    ("field", "dbt_fields", dbt_field_profile, dbt_field_expect, "FP301"),
    ("key", "dbt_keys", dbt_key_profile, dbt_key_expect, "FP007"),
)


def plan(t):
    rel = t["releases"]
    cases = {}
    notes = []

    def add(kind, name, flag, v, text, line, expect, rws):
        key = (kind, name, flag, v)
        if key not in cases:
            cases[key] = Case(key, flag, v, text, line, expect, [])
        # the case proves the rows it is a boundary release of
        cases[key].rows.extend(r for r in rws if r not in cases[key].rows
                               and (flag != "--duckdb-version" or
                                    v in neighbours(r, rel)))

    # settings: every rule the row's name or flags bind
    by_name = {}
    for r in t["settings"] + t["ext_settings"]:
        by_name.setdefault(r.name, []).append(r)
    for name, rws in sorted(by_name.items()):
        if not any(bound(r, rel) for r in rws):
            continue
        if not any(r.table == "duckdb_settings.def" for r in rws):
            notes.append(f"{rws[0].where()}: no DUCKDB_SETTING row")
            continue
        # 'false' as well: a setting refused only when relaxed
        for value in setting_values(rws):
            vs = set()
            for rule in ("FP106", "FP101", "FP102", "FP107", "FP108",
                         "FP110"):
                vs |= transitions(rel, lambda v: setting_expect(
                    t, name, v, value)[rule] is None)
            for r in rws:
                vs |= neighbours(r, rel)
            text, line = setting_profile(name, value)
            for v in sorted(vs):
                add(f"setting={value}", name, "--duckdb-version", v, text,
                    line, setting_expect(t, name, v, value), rws)

    for table, kind, expect, profile in (
            ("options", "option", option_expect,
             lambda n: option_profile(t, n)),
            ("secret_params", "secret", secret_param_expect,
             secret_param_profile)):
        names = sorted({r.name for r in t[table]})
        for name in names:
            rws = [r for r in t[table] if r.name == name]
            if not any(bound(r, rel) for r in rws):
                continue
            vs = transitions(rel, lambda v: expect(t, name, v))
            for r in rws:
                vs |= neighbours(r, rel)
            text, line = profile(name)
            for v in sorted(vs):
                add(kind, name, "--duckdb-version", v, text, line,
                    expect(t, name, v), rws)

    # extension aliases: FP107 with the alias in `extensions` and a
    # setting of its extension; an extension with no such setting shows
    # no rule's verdict (FP309 asks only for httpfs and iceberg, which
    # have settings)
    for r in t["ext_aliases"]:
        if not bound(r, rel):
            continue
        vs = sorted(neighbours(r, rel))
        settings = {v: alias_setting(t, r.extension, v) for v in vs}
        if not all(settings.values()):
            DERIVED[id(r)] = (
                f"no rule's verdict depends on it: {r.extension} defines "
                "no setting the tables know at its boundaries (FP107), and "
                "FP309 asks only for httpfs and iceberg; verify resolves "
                "it, and engine/extensions_* hold the rows to the engine")
            continue
        for v in vs:
            text, line = alias_profile(r.name, settings[v])
            add("alias", r.name, "--duckdb-version", v, text, line,
                alias_expect(t, r, v), [r])

    # the options of some authorization types, under each way of
    # choosing one (FP313); the row's first release and the one before
    # (FP305's there), and the newest
    for r in auth_rows(t):
        vs = {rel[-1]}
        if r.first in rel:
            i = rel.index(r.first)
            vs |= set(rel[max(i - 1, 0):i + 1])
        for way in AUTH_WAYS:
            text, line = auth_profile(t, r.name, way)
            for v in sorted(vs):
                add("auth=" + way[0], r.name, "--duckdb-version", v, text,
                    line, auth_expect(t, r.name, way, v), [])
    # the extension's behaviours, linted with --env (run() below)
    for name in sorted({r.name for r in t["behaviors"]}):
        rws = [r for r in t["behaviors"] if r.name == name]
        if not any(bound(r, rel) for r in rws) or name not in BEHAVIOR_CASES:
            continue
        _, text, line = BEHAVIOR_CASES[name]
        vs = transitions(rel, lambda v: behavior_expect(t, name, v)[
            BEHAVIOR_CASES[name][0]] is None)
        for r in rws:
            vs |= neighbours(r, rel)
        for v in sorted(vs):
            add("behavior", name, "--duckdb-version", v, text, line,
                behavior_expect(t, name, v), rws)

    # dbt-duckdb's attachment fields (FP301) and output keys (FP007),
    # per dbt-duckdb release
    for kind, table, profile, expect, _ in DBT_ROWS:
        for r in t[table]:
            if r.first <= t["dbt_oldest"] and r.last == OPEN:
                continue
            text, line = profile(t, r.name)
            vs = {r.first}
            if r.first % 100:
                vs.add(r.first - 1)	# the patch release before
            if r.last != OPEN:
                vs |= {r.last, r.last + 1}
            for v in sorted(vs):
                add(kind, r.name, "--dbt-duckdb-version", v, text, line,
                    expect(t, r.name, v), [r])
    return cases, notes


def run(binary, cases):
    """Lint each case's profile; fill case.found with {rule: [messages on
    its line]} and case.error with what went wrong."""
    groups = {}
    for c in cases:
        groups.setdefault((c.flag, c.version, c.key[0] == "behavior"),
                          []).append(c)
    env = dict(os.environ)
    for k in BEHAVIOR_ENV_UNSET:
        env.pop(k, None)
    with tempfile.TemporaryDirectory() as tmp:
        for (flag, v, behavior), cs in sorted(groups.items()):
            files = {}
            for i, c in enumerate(cs):
                p = os.path.join(tmp, f"{vstr(v)}-{int(behavior)}-{i}.yml")
                with open(p, "w", encoding="utf-8") as f:
                    f.write(c.text)
                files[p] = c
                c.found, c.elsewhere, c.error = {}, {}, None
            r = subprocess.run([binary, "lint", "--no-config", "--format",
                                "gcc", "--quiet", flag, vstr(v),
                                *(["--env"] if behavior else []), *files],
                               capture_output=True, text=True, env=env)
            if r.returncode not in (0, 1) or r.stderr:
                for c in cs:
                    c.error = (f"lint exited {r.returncode}: "
                               f"{r.stderr.strip()[:300]}")
                continue
            for ln in r.stdout.splitlines():
                m = re.match(r"(.*?):(\d+):\d+: \w+: (.*) \[(FP\d+)\]$", ln)
                if not m or m.group(1) not in files:
                    continue
                c = files[m.group(1)]
                where = c.found if int(m.group(2)) == c.line else c.elsewhere
                where.setdefault(m.group(4), []).append(m.group(3))


GOLDEN = os.path.join(ROOT, "tests", "golden", "lint")
FINDING = re.compile(r"^(.*?):(\d+):\d+: \w+: (.*) \[(FP\d+)\]$")


def golden_auth(t):
    """Hold the auth-type golden cases to the table; (failures,
    {(row name, way key): set of 'hit'/'near-miss'})."""
    failures, seen = [], {}
    names = {r.name for r in auth_rows(t)}
    ways = {w[1]: w for w in AUTH_WAYS if w[1]}
    cases = sorted(d for d in os.listdir(GOLDEN)
                   if d.startswith("auth-type-"))
    for case in cases:
        d = os.path.join(GOLDEN, case)
        where = f"tests/golden/lint/{case}"
        m = re.fullmatch(r"auth-type-(\w+?)-(hit|near-miss)(-[\w.-]+)?",
                         case)
        if not m:
            failures.append(f"{where}: not auth-type-<how>-hit|near-miss"
                            "[-...]")
            continue
        kind = m.group(2)
        try:
            args = open(os.path.join(d, "args"),
                        encoding="utf-8").read().split("\n")
            prof = open(os.path.join(d, "profiles.yml"),
                        encoding="utf-8").read().split("\n")
            out = open(os.path.join(d, "expected.stdout"),
                       encoding="utf-8").read().split("\n")
            rules = open(os.path.join(d, "rules"), encoding="utf-8").read()
        except OSError as e:
            failures.append(f"{where}: {e.strerror}: {e.filename}")
            continue
        v = t["releases"][-1]
        if "--duckdb-version" in args:
            v = version("FE_V(%s)" % args[args.index("--duckdb-version")
                                           + 1].replace(".", ", "))
        if not re.search(rf"^{kind} FP313\b", rules, re.M):
            failures.append(f"{where}/rules: no '{kind} FP313' line")
        # how the type is chosen: one attach, at most one line saying it
        said = [ln.strip() for ln in prof
                if re.match(r"\s+(authorization_type|endpoint_type):", ln)]
        if len(said) > 1 or sum(ln.strip() == "options:"
                                for ln in prof) != 1:
            failures.append(f"{where}: one iceberg attach, with at most "
                            "one authorization_type or endpoint_type")
            continue
        way = ways.get(said[0]) if said else AUTH_WAYS[0]
        if way is None:
            failures.append(f"{where}: {said[0]!r} is no way of choosing "
                            "an authorization type the table knows")
            continue
        if m.group(1) != way[0]:
            failures.append(f"{where}: the name says {m.group(1)!r}, the "
                            f"profile {way[0]!r}")
        fp313 = {}
        for ln in out:
            f = FINDING.match(ln)
            if f and f.group(4) == "FP313":
                fp313[int(f.group(2))] = f.group(3)
        start = next(i for i, ln in enumerate(prof)
                     if ln.strip() == "options:")
        indent = None
        verdicts = hits = 0
        for i in range(start + 1, len(prof)):
            o = re.match(r"^(\s+)([A-Za-z_0-9]+):", prof[i])
            if not o:
                continue
            if indent is None:
                indent = o.group(1)
            if o.group(1) != indent:
                break		# out of the options block
            name = o.group(2).lower()
            if name not in names:
                continue
            want = auth_expect(t, name, way, v)["FP313"]
            got = fp313.get(i + 1)
            verdict = "near-miss" if got is None else "hit"
            if (want is None) != (got is None) or \
                    (want and want not in got):
                failures.append(
                    f"{where}:{i + 1}: {name} under {way[3]} on "
                    f"{vstr(v)}: the table says "
                    f"{'no FP313' if want is None else repr(want)}, the "
                    f"case {'no FP313' if got is None else repr(got)}")
                continue
            verdicts += 1
            # a hit case may hold options its type takes (a real profile
            # does); only a case with no FP313 at all proves a near-miss
            if verdict != kind and kind == "near-miss":
                failures.append(f"{where}:{i + 1}: {name} is a hit in a "
                                "near-miss case")
                continue
            if verdict == kind:
                seen.setdefault((name, way[0]), set()).add(verdict)
                seen.setdefault((name, v), set()).add(verdict)
                hits += verdict == "hit"
        if not verdicts:
            failures.append(f"{where}: no option of the authorization-type "
                            "rows under options:")
        elif kind == "hit" and not hits:
            failures.append(f"{where}: a hit case without an FP313 the "
                            "table implies")
    rel = t["releases"]
    for r in auth_rows(t):
        for way in AUTH_WAYS:
            want = auth_expect(t, r.name, way, rel[-1])["FP313"]
            kind = "near-miss" if want is None else "hit"
            if kind not in seen.get((r.name, way[0]), set()):
                failures.append(
                    f"{r.where()}: no golden {kind} for {r.name} under "
                    f"{way[3]}: add it to tests/golden/lint/"
                    f"auth-type-{way[0]}-{kind}")
        # a row that arrived after the oldest release: a hit at its first
        # release, and a near-miss at the one before (FP305's there)
        if bound(r, rel) and r.first in rel[1:]:
            before = rel[rel.index(r.first) - 1]
            for v, kind in ((r.first, "hit"), (before, "near-miss")):
                if kind not in seen.get((r.name, v), set()):
                    failures.append(
                        f"{r.where()}: no golden {kind} for {r.name} on "
                        f"{vstr(v)} (a case with --duckdb-version "
                        f"{vstr(v)})")
    return failures, len(cases)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    binary = sys.argv[1]
    t = load()
    cases, notes = plan(t)
    run(binary, cases.values())

    failures, passes = [], 0
    hit_rows, miss_rows = set(), set()
    auth_seen = set()		# (option, way, 'hit' or 'near-miss')
    for key in sorted(cases, key=lambda k: (k[0], k[1], k[3])):
        c = cases[key]
        kind, name, flag, v = key
        label = f"{kind} {name} {flag} {vstr(v)}"
        if c.error:
            failures.append(f"{label}: {c.error}")
            continue
        for rule, frag in sorted(c.expect.items()):
            got = c.found.get(rule, [])
            if frag is None:
                if got or c.elsewhere.get(rule):
                    failures.append(
                        f"near-miss {label}: {rule} reported: "
                        f"{(got or c.elsewhere[rule])[0]}")
                    continue
                passes += 1
                miss_rows.update((id(r), rule) for r in c.rows)
                if kind.startswith("auth="):
                    auth_seen.add((name, kind[5:], "near-miss"))
            else:
                if not got:
                    failures.append(
                        f"hit {label}: no {rule} on line {c.line}"
                        + (f" (elsewhere: {c.elsewhere[rule][0]})"
                           if c.elsewhere.get(rule) else ""))
                    continue
                if frag not in got[0]:
                    failures.append(f"hit {label}: {rule} does not say "
                                    f"{frag!r}: {got[0]}")
                    continue
                passes += 1
                hit_rows.update((id(r), rule) for r in c.rows)
                if kind.startswith("auth="):
                    auth_seen.add((name, kind[5:], "hit"))

    # every version-bound row: a hit and a near-miss of one rule at its
    # boundaries, or a reason in NOT_BY_LINT
    rel = t["releases"]
    listed = []
    for table in ("settings", "ext_settings", "options", "secret_params",
                  "keywords", "db_names", "ext_aliases", "dbt_render",
                  "behaviors"):
        for r in t[table]:
            if not bound(r, rel):
                continue
            why = exempt(r)
            if why:
                listed.append((r, why))
                continue
            rules_hit = {rule for (i, rule) in hit_rows if i == id(r)}
            rules_miss = {rule for (i, rule) in miss_rows if i == id(r)}
            if not rules_hit & rules_miss:
                failures.append(f"{r.where()}: version-bound, but no rule "
                                "has both a hit and a near-miss at its "
                                "boundaries (list it in NOT_BY_LINT with "
                                "the reason if lint cannot show it)")
    for _, table, _, _, rule in DBT_ROWS:
        for r in t[table]:
            if r.first <= t["dbt_oldest"] and r.last == OPEN:
                continue
            if (id(r), rule) not in hit_rows or \
                    (id(r), rule) not in miss_rows:
                failures.append(f"{r.where()}: no {rule} hit and "
                                "near-miss")

    # the authorization-type rows: a rule's verdict under every way of
    # choosing the type, walked above and held by a golden case each
    for r in auth_rows(t):
        for way in AUTH_WAYS:
            want = auth_expect(t, r.name, way, t["releases"][-1])
            kind = "near-miss" if want["FP313"] is None else "hit"
            if (r.name, way[0], kind) not in auth_seen:
                failures.append(f"{r.where()}: no {kind} walked under "
                                f"{way[3]}")
        # a hit and a near-miss of its own, whatever the ways
        if not {(r.name, w[0], "hit") for w in AUTH_WAYS} & auth_seen or \
                not {(r.name, w[0], "near-miss")
                     for w in AUTH_WAYS} & auth_seen:
            failures.append(f"{r.where()}: bound to some authorization "
                            "types, but FP313 shows no hit and near-miss")
    gfail, ncases = golden_auth(t)
    failures += gfail

    for n in notes:
        failures.append(n)
    tables = {}
    for r, why in listed:
        tables.setdefault((r.table, why), 0)
        tables[(r.table, why)] += 1
    for (table, why), n in sorted(tables.items()):
        print(f"not by lint: {table} ({n} version-bound rows): {why}")
    for f in failures:
        print(f"FAIL {f}")
    print(f"{len(cases)} profiles linted, {passes} verdicts held, "
          f"{ncases} auth-type golden cases read, {len(failures)} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
