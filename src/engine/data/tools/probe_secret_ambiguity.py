#!/usr/bin/env python3
"""Probe what DuckDB does with a temporary and a persistent secret of one
name, on the real engine of one release.

    python3 probe_secret_ambiguity.py LIBDUCKDB PACKAGE [-o OUT]

LIBDUCKDB is the release's shared library (npm
@duckdb/node-bindings-linux-x64 ships it), PACKAGE the npm name@version it
came from.

dbt-duckdb writes each `secrets:` entry of an output as

    CREATE OR REPLACE[ PERSISTENT] SECRET <name> (
        type <type>, ...)

(secrets.py Secret.to_sql(), 1.9.0 to 1.11.0), so two entries of one
name, one with `persistent: true` (or a name `... IN local_file`) and one
without, go to two storages.  Each case runs on a fresh in-memory
database (extension auto-install and auto-load off) with secret_directory
set to a folder of its own in the scratch folder, so that a persistent
secret is written there, never to ~/.duckdb (the probe stops if
~/.duckdb/stored_secrets changes while it runs).  The type is http, the
engine's own: the iceberg and s3 types need extensions no fresh database
has.  Every statement of a case is a row, with the engine's answer:

  both      the two CREATE SECRETs (either order, the second named in the
            other case spelling), then duckdb_secrets() for the name: one
            row per storage, or one only (the second replaced the first).
  which     which_secret('', 'http') and which_secret('s3://b/k', 'http'):
            the secret the manager's LookupSecret() picks when no name is
            given (the default secret of an ATTACH without SECRET).
  drop      DROP SECRET <name>, in both case spellings: the core's one
            statement that looks a secret up by name in every storage
            (SecretManager::DropSecretByName(), which asks each storage's
            GetSecretByName(), as SecretManager::GetSecretByName() does).
  attach    ATTACH ... (TYPE iceberg, SECRET <name>), in both spellings:
            the iceberg extension is not there (no download), so this
            shows only how far the core gets before it needs it.
  next      a second database with the same secret_directory (the next
            dbt run): duckdb_secrets() before any CREATE SECRET.
  same      the control: two temporary secrets of the name, or two
            persistent ones, then duckdb_secrets() and DROP SECRET.

The answer column is the rows as `name/storage/persistent` joined by
`, ` (`no rows` for a SELECT without any, `OK` for another statement
that succeeds), or the first line of the engine's error, the home
folder written as ~ and the scratch folder as SCRATCH.  The output (a
TSV, committed as src/engine/data/duckdb-secret-ambiguity/VERSION.tsv)
is read by people, not by a generator: docs/DESIGN.md section 8 and
rule_credentials.c's FP417 cite it.  Not part of the build.
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from common import (Engine, in_scratch, lib_args, one_line,  # noqa: E402
		    sql_str, write_probe)

SCRIPT = "src/engine/data/tools/probe_secret_ambiguity.py"
NAME = "pol"


def create(persistent, name, storage=""):
	"""CREATE SECRET as dbt-duckdb writes it."""
	return "CREATE OR REPLACE%s SECRET %s%s (\n    type http\n)" % (
		" PERSISTENT" if persistent else "", name,
		" IN " + storage if storage else "")


LIST = ("SELECT name, storage, persistent FROM duckdb_secrets() "
	"WHERE name = %s ORDER BY storage" % sql_str(NAME))
WHICH = ("SELECT name, storage, persistent FROM which_secret(%s, 'http')")

# (case, the statements of the first database, then of the next one)
BOTH_FIRST = [
	("both", create(False, NAME)),
	("both", create(True, NAME.upper())),
	("both", LIST),
	("which", WHICH % "''"),
	("which", WHICH % "'s3://b/k'"),
	("attach", "ATTACH 'wh' AS c (TYPE iceberg, SECRET %s)" % NAME),
	("attach", "ATTACH 'wh' AS c (TYPE iceberg, SECRET %s)" %
	 NAME.upper()),
	("drop", "DROP SECRET %s" % NAME),
	("drop", "DROP SECRET %s" % NAME.upper()),
]
CASES = [
	("temporary, then PERSISTENT", BOTH_FIRST, [("next", LIST)]),
	("PERSISTENT, then temporary", [
		("both", create(True, NAME)),
		("both", create(False, NAME.upper())),
		("both", LIST),
		("drop", "DROP SECRET %s" % NAME),
	], [("next", LIST)]),
	("temporary, then IN local_file", [
		("both", create(False, NAME)),
		("both", create(False, NAME.upper(), "local_file")),
		("both", LIST),
		("drop", "DROP SECRET %s" % NAME),
	], [("next", LIST)]),
	("IN memory, then PERSISTENT", [
		("both", create(False, NAME, "memory")),
		("both", create(True, NAME.upper())),
		("both", LIST),
		("drop", "DROP SECRET %s" % NAME),
	], [("next", LIST)]),
	("temporary twice", [
		("same", create(False, NAME)),
		("same", create(False, NAME.upper())),
		("same", LIST),
		("same", "DROP SECRET %s" % NAME),
	], []),
	("PERSISTENT twice", [
		("same", create(True, NAME)),
		("same", create(True, NAME.upper())),
		("same", LIST),
		("same", "DROP SECRET %s" % NAME.upper()),
	], [("next", LIST)]),
	("PERSISTENT only, next run temporary", [
		("both", create(True, NAME)),
	], [
		("next", create(False, NAME)),
		("next", LIST),
		("next", "DROP SECRET %s" % NAME),
	]),
]


def answer(eng, con, sql):
	rows, err = eng.query(con, sql)
	if err is not None:
		err = err.replace(os.getcwd(), "SCRATCH")
		return one_line(err.replace(os.path.expanduser("~"), "~"))
	if sql.startswith("SELECT") and not rows:
		return "no rows"
	if not rows or rows == [["true"]]:
		return "OK"
	return ", ".join("/".join(c or "NULL" for c in r) for r in rows)


def run_db(eng, folder, steps, case, out):
	db, con = eng.open()
	try:
		eng.rows(con, "SET secret_directory=%s" % sql_str(folder))
		for kind, sql in steps:
			out.append([case, kind, sql.replace("\n", " "),
				    answer(eng, con, sql)])
	finally:
		eng.close(db, con)


def stored_secrets():
	"""What ~/.duckdb/stored_secrets holds: the probe must not change it."""
	home = os.path.join(os.path.expanduser("~"), ".duckdb",
			    "stored_secrets")
	return sorted(os.listdir(home)) if os.path.isdir(home) else []


def probe_in(lib_path):
	eng = Engine(lib_path)
	db, con = eng.open()
	try:
		version, source_id = eng.version(con)
	finally:
		eng.close(db, con)
	before = stored_secrets()
	rows = []
	for n, (case, first, nxt) in enumerate(CASES):
		folder = os.path.abspath("secrets-%d" % n)
		run_db(eng, folder, first, case, rows)
		if nxt:
			run_db(eng, folder, nxt, case, rows)
	if stored_secrets() != before:
		raise RuntimeError("~/.duckdb/stored_secrets changed: %s, was %s"
				   % (stored_secrets(), before))
	return version, source_id, rows


def main():
	a = lib_args(__doc__).parse_args()
	out = os.path.abspath(a.output) if a.output else None
	version, source_id, rows = in_scratch(probe_in, os.path.abspath(a.lib))
	write_probe(out, "a temporary and a persistent secret of one name on "
		    "DuckDB %s (source_id %s)" % (version, source_id),
		    a.package, SCRIPT, ["case", "kind", "sql", "answer"], rows)


if __name__ == "__main__":
	main()
