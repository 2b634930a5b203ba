#!/usr/bin/env python3
"""docs/cli.md and the man page list exactly the options of each table.

    check_options_doc.py BINARY        (from the project root)

The option tables in src/cli/ generate the usage text and the shell
completions; `floe-profiles help --options-json` dumps them.  This test
fails when an option is in a table but not in the docs, or in the docs
but not in a table, or documented with another short name or argument:

- docs/cli.md: the "### Options" table of each "## `floe-profiles CMD`"
  section (the "## Global options" table for the options before a
  command);
- docs/floe-profiles.1: the .TP items of each ".SS Options of CMD"
  section (and the options of the COMMANDS section for the global ones).

A row that names several long options ("`--format`, `--color` ... as for
lint") documents their names only; its arguments are not compared.
"""
import json
import re
import subprocess
import sys


def load_tables(binary):
    out = subprocess.run([binary, "help", "--options-json"], check=True,
                         capture_output=True, text=True).stdout
    tables = {}
    for cmd, opts in json.loads(out).items():
        tables[cmd] = [(o["short"], o["long"], o["arg"]) for o in opts]
    return tables


def row_entries(names, arg):
    """[(short, long, arg)] from the names of one documented row."""
    longs = [n for n in names if n.startswith("--")]
    shorts = [n for n in names if not n.startswith("--")]
    if len(longs) > 1:
        return [(None, n, "*") for n in longs] + \
            [(n, None, "*") for n in shorts]
    if not longs:
        return [(s, None, arg) for s in shorts]
    return [(shorts[0] if shorts else None, longs[0], arg)]


def parse_cli_md(path):
    docs = {}
    cmd = None
    in_options = False
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"## `floe-profiles ([\w-]+)", line)
            if line.startswith("## "):
                cmd = m.group(1) if m else ("" if line.startswith(
                    "## Global options") else None)
                in_options = cmd == ""
                continue
            if line.startswith("### "):
                in_options = cmd is not None and line.strip() == \
                    "### Options"
                continue
            if not in_options or not line.startswith("|"):
                continue
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            names = re.findall(r"`(-[-\w]+)`", cells[0])
            if not names or cells[0].startswith("---"):
                continue
            arg = None
            if cmd and len(cells) > 1:
                a = re.findall(r"`([^`]+)`", cells[1])
                arg = a[0] if a else None
            docs.setdefault(cmd, []).extend(row_entries(names, arg))
    return docs


def roff_text(line):
    """The text a one-line font macro (.B, .BI, .BR, ...) renders."""
    m = re.match(r"\.(B|I|BI|IB|BR|RB|IR|RI)\s+(.*)", line)
    if not m:
        return None
    words = re.findall(r'"([^"]*)"|(\S+)', m.group(2))
    text = "".join(a if a or not b else b for a, b in words)
    text = re.sub(r"\\f[BIPR]", "", text)
    return text.replace("\\-", "-").replace("\\(ha", "^")


def man_row(text):
    names, arg = [], None
    for part in text.split(", "):
        bits = part.strip().split(" ", 1)
        if not bits[0].startswith("-"):
            return None
        names.append(bits[0])
        if len(bits) > 1:
            arg = bits[1].strip()
    return row_entries(names, arg)


def parse_man(path, tables):
    docs = {}
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    section = cmd = None
    for i, line in enumerate(lines):
        if line.startswith(".SH "):
            section = line[4:].strip()
            cmd = "" if section == "COMMANDS" else None
            continue
        m = re.match(r"\.SS Options of ([\w-]+)", line)
        if m:
            cmd = m.group(1)
            continue
        if line.startswith(".SS "):
            cmd = None
            continue
        if cmd is None:
            continue
        if "takes every option of" in line and i + 1 < len(lines):
            other = roff_text(lines[i + 1]) or ""
            docs.setdefault(cmd, []).extend(
                docs.get(other.strip().rstrip(","), []))
        if line == ".TP" and i + 1 < len(lines):
            text = roff_text(lines[i + 1])
            entries = man_row(text) if text else None
            if entries:
                docs.setdefault(cmd, []).extend(entries)
    return docs


def compare(where, tables, docs):
    errors = []
    for cmd, opts in tables.items():
        name = cmd or "(global)"
        doc = docs.get(cmd, [])
        for short, long_, arg in opts:
            hits = [d for d in doc
                    if (d[1] == long_ or (d[1] is None and d[0] == short))
                    and (d[2] == "*" or d[2] == arg)]
            if not hits:
                errors.append(f"{where}: {name}: {long_ or short}"
                              f"{' ' + arg if arg else ''} is not "
                              f"documented")
            elif short and not any(d[0] == short or d[2] == "*"
                                   for d in hits):
                errors.append(f"{where}: {name}: {long_} is not "
                              f"documented with {short}")
        for short, long_, arg in doc:
            if not any((o[1] == long_ if long_ else o[0] == short) and
                       (arg == "*" or o[2] == arg) and
                       (short is None or o[0] == short) for o in opts):
                errors.append(f"{where}: {name}: documents "
                              f"{short or ''}{', ' if short else ''}"
                              f"{long_}{' ' + arg if arg and arg != '*' else ''}"
                              f", which its option table does not have")
    return errors


def main():
    binary = sys.argv[1]
    tables = load_tables(binary)
    errors = compare("docs/cli.md", tables, parse_cli_md("docs/cli.md"))
    errors += compare("docs/floe-profiles.1", tables,
                      parse_man("docs/floe-profiles.1", tables))
    for e in errors:
        print(e)
    print(f"{0 if errors else 1} passed, {1 if errors else 0} failed")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
