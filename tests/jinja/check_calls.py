#!/usr/bin/env python3
"""Hold FP004's reading of env_var() arguments to Jinja2's own parser.

    python3 tests/jinja/check_calls.py FLOE_PROFILES

Builds about 11,000 calls {{ env_var('X', EXPR) }} and {{ env_var(EXPR) }}
from operands and operators of Jinja's expression grammar (each operand
alone, with an operator before or after it, and in random chains, the
random generator seeded), lints them as the values of one profile, and
asks jinja2.Environment().parse() of each:

- a call Jinja's parser refuses (TemplateSyntaxError) must be FP004's;
- a call it parses must not be reported as a parse error (an argument
  Jinja cannot parse, two values side by side, an empty argument, an
  unclosed '{{'): what FP004 says of it is a failure when dbt calls
  env_var() (a variable that is no string, a keyword it does not take).

Exit 77 (skipped) when jinja2 is not installed (Debian: python3-jinja2),
except in CI (CI=true).
"""

import os
import random
import subprocess
import sys
import tempfile

try:
	import jinja2
except ImportError:
	print("check_calls: jinja2 is not installed", file=sys.stderr)
	sys.exit(1 if os.environ.get("CI") == "true" else 77)

OPS = ["~", "+", "-", "*", "/", "//", "%", "**", "==", "!=", "<", ">",
       "<=", ">=", "and", "or", "in", "not in", "is", "is not", "if",
       "else", "|", ".", "="]
ATOMS = ["'a'", '"b"', "1", "1.5", "1_000", "x", "none", "None", "true",
	 "('n')", "[1, 2]", "{'k': 1}", "var('v')", "env_var('Y')", "x.y",
	 "x['k']", "x|upper", "(1,)", "()", "-1", "not x", "'a' 'b'"]
EXTRA = [
	"'dev' if x else 'prd'", "'dev' if x", "x is defined",
	"x is not none", "x is divisibleby 3", "x is odd and y",
	"x|default('d', true)", "x|join(', ')", "range(3)|list", "x[1:2]",
	"x[:]", "x[::2]", "{'a': 1}['a']", "f(a=1)", "f(*x)", "f(**x)",
	"f(a=1, *x)", "'a' ~ )", "'dev' if)", "'a' |)", "'a' and)", "not)",
	"=1", "='a'", "1 == == 2", "x[1", "(1, 2", "'a' ~ ~ 'b'", "x.",
	"x|", "- - 1", "not not x", "x not y", "x is", "1 2", "'a' 1",
	"[1,][0]", "(,)", "[,]", "{,}", "{1:}", "{:1}", "x()", "x()()",
	"x[0][1]", "'%s' % x", "x if y else z if w else v", "x else y",
	"lambda", "x.0", "-x|abs", "x|e", "x|a.b", "x|a.b(1)", "x|f[0]",
	"x|f.y[0]", "x is a.b", "x.1.5", "x.0_1", "{}", "{1: 2,}",
]
PARSE_ERRORS = ("Jinja cannot parse", "side by side", "empty argument",
		"is not closed")


def forms():
	rnd = random.Random(7)
	out = set(EXTRA)
	for a in ATOMS:
		out.add(a)
		for o in OPS:
			out.add("%s %s" % (a, o))
			out.add("%s %s" % (o, a))
			for b in rnd.sample(ATOMS, 4):
				out.add("%s %s %s" % (a, o, b))
				out.add("%s %s %s %s %s" % (a, o, b, rnd.choice(OPS),
							  rnd.choice(ATOMS)))
	return sorted(out)


def main():
	exe = sys.argv[1]
	lines = ["floe:", "  target: dev", "  outputs:", "    dev:",
		 "      type: duckdb", "      path: x.duckdb", "      settings:"]
	at = {}
	for i, f in enumerate(forms()):
		for j, tmpl in enumerate(("{{ env_var('X', %s) }}",
					  "{{ env_var(%s) }}")):
			lines.append("        k%d_%d: |-" % (i, j))
			at[len(lines)] = tmpl % f	# the key's line
			lines.append("          " + tmpl % f)
	with tempfile.TemporaryDirectory() as d:
		path = os.path.join(d, "profiles.yml")
		with open(path, "w") as fh:
			fh.write("\n".join(lines) + "\n")
		out = subprocess.run([exe, "lint", "--no-config", "--format",
				      "gcc", path], capture_output=True,
				     text=True).stdout
	said = {}
	for line in out.splitlines():
		if line.endswith("[FP004]"):
			n = int(line.split(":")[1])
			said[n if n in at else n - 1] = line
	env = jinja2.Environment()
	bad = 0
	for n, value in sorted(at.items()):
		try:
			env.parse(value)
			parses = True
		except jinja2.TemplateSyntaxError:
			parses = False
		msg = said.get(n)
		if not parses and not msg:
			print("missed: %s" % value)
			bad += 1
		elif parses and msg and any(e in msg for e in PARSE_ERRORS):
			print("reported as a parse error: %s: %s" % (value, msg))
			bad += 1
	print("check_calls: %d calls, %d wrong (jinja2 %s)" %
	      (len(at), bad, jinja2.__version__))
	return 1 if bad else 0


if __name__ == "__main__":
	sys.exit(main())
