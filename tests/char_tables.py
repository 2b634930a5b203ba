#!/usr/bin/env python3
"""Fail when a string literal fills a char[N] with no room for its NUL.

    python3 tests/char_tables.py BUILD_DIR

C lets a literal of exactly N characters initialise a char[N] member: the
row then has no NUL, and every strcmp() on it reads past the row.  The
generated engine tables check their rows with FITS() (src/pool.h); the
hand-written ones (renames, enum values, option defaults, report formats,
verify's symbols, ...) are checked here, all at once: every source of the
build (BUILD_DIR/compile_commands.json, src/ only) is compiled again with
-fsyntax-only and GCC's -Wc++-compat, whose "initializer-string for array
of 'char' is too long for C++" is exactly that case (a literal longer than
N is already an error under -Werror).

The compiler is first asked about a row that has the fault; one that does
not say so cannot check anything: exit 77 (skipped), except in CI
(CI=true), where that is a failure.
"""

import json
import os
import shlex
import subprocess
import sys
import tempfile

WARNING = "too long for C++"


def syntax_only(command):
	"""The compile command as a -fsyntax-only run with the one warning,
	the rest of its flags (includes, defines, standard) kept."""
	out, skip = [], False
	for a in command:
		if skip:
			skip = False
		elif a == "-o":
			skip = True
		elif a != "-c" and not a.startswith("-Werror"):
			out.append(a)
	return out + ["-fsyntax-only", "-Wc++-compat"]


def warnings(argv, cwd):
	r = subprocess.run(argv, cwd=cwd, capture_output=True, text=True)
	return [line for line in r.stderr.splitlines() if WARNING in line]


def main():
	if len(sys.argv) != 2:
		sys.stderr.write(__doc__)
		return 2
	build = sys.argv[1]
	top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
	with open(os.path.join(build, "compile_commands.json")) as f:
		entries = [e for e in json.load(f)
			   if os.path.relpath(os.path.abspath(e["file"]), top)
			   .startswith("src" + os.sep)]
	if not entries:
		print("no sources of src/ in compile_commands.json")
		return 1
	first = shlex.split(entries[0]["command"])
	with tempfile.TemporaryDirectory() as tmp:
		probe = os.path.join(tmp, "probe.c")
		with open(probe, "w") as f:
			f.write("struct row { char name[3]; };\n"
				"const struct row rows[] = { { \"abc\" } };\n")
		if not warnings([first[0], "-fsyntax-only", "-Wc++-compat",
				 probe], tmp):
			print("%s does not report a char[N] filled without its "
			      "NUL: nothing checked" % first[0])
			return 1 if os.environ.get("CI") == "true" else 77
	found = []
	for e in entries:
		found += warnings(syntax_only(shlex.split(e["command"])),
				  e["directory"])
	for line in found:
		print(line)
	print("%d sources, %d rows without their NUL" % (len(entries),
							  len(found)))
	return 1 if found else 0


if __name__ == "__main__":
	sys.exit(main())
