#!/usr/bin/env python3
"""Hold the reader's view of Jinja's lexer to Jinja2 itself.

    python3 tests/jinja/check_lexing.py FLOE_PROFILES

dbt renders every string of profiles.yml through Jinja with native types
(dbt-common's get_rendered(..., native=True) and quoted_native_concat()).
Before a template is parsed, Jinja's lexer reads \\r\\n and \\r as \\n and
drops one trailing newline (keep_trailing_newline is off in dbt's
environment); a '-' just inside a tag ({{-, -}}, {#-, -#}) strips the
whitespace (Python's str.isspace()) of the text before or after it; a
{# comment #} renders nothing and is no node of the output, so that
"{# c #}{{ x | as_bool }}" is still one node, rendered natively.

This builds templates from a text before, a tag opening, a tag closing
and a text after (and comments), and for each one asks floe-profiles sql
what the profile does, in two places:

- a setting, `settings: {s3_region: TEMPLATE}` around env_var('R', 'v'):
  the SET must hold the text Jinja2 renders;
  (a template Jinja refuses, an unclosed {# comment, is shown as
  written);
- a secret's `persistent: TEMPLATE` around env_var('P', 'True') |
  as_bool: the secret must be PERSISTENT exactly when Jinja2, with dbt's
  native concatenation, gives the bool True (one node, the marker
  filter's text read by literal_eval), not the text 'True'.

Exit 77 (skipped) when jinja2 is not installed (Debian: python3-jinja2),
except in CI (CI=true).
"""

import ast
import itertools
import os
import subprocess
import sys
import tempfile

try:
	import jinja2.nativetypes
	import jinja2.sandbox
except ImportError:
	print("check_lexing: jinja2 is not installed", file=sys.stderr)
	sys.exit(1 if os.environ.get("CI") == "true" else 77)


class Marker(str):
	"""What dbt's as_bool/as_number/as_native give: a text to eval."""


def concat(values):
	"""dbt-common's quoted_native_concat(), for these templates."""
	head = list(itertools.islice(values, 2))
	if len(head) == 1:
		raw = head[0]
		if isinstance(raw, Marker):
			return ast.literal_eval(str(raw))
		return raw
	return "".join(str(v) for v in itertools.chain(head, values))


class Env(jinja2.sandbox.SandboxedEnvironment):
	code_generator_class = jinja2.nativetypes.NativeCodeGenerator
	concat = staticmethod(concat)


class Template(jinja2.nativetypes.NativeTemplate):
	environment_class = Env


ENV = Env(extensions=["jinja2.ext.do"])
ENV.template_class = Template
ENV.globals["env_var"] = lambda name, default=None: default
ENV.filters["as_bool"] = Marker

BEFORE = ["", " ", "\n", "\r\n", "\u00a0", "\u3000", "\x1c", "a", "a ",
	  "{# c #}", "{#- c -#} ", " {# c #}", " {#- c #}", "{#-#} ", "{##}",
	  " {#--#} "]
OPEN = ["{{", "{{-", "{{+"]
CLOSE = ["}}", "-}}"]
AFTER = ["", " ", "\n", "\r\n", "\r", "\n\n", " \n", "\r\n\r\n", "b",
	 "{# c #}", " {#- c #}", " {# c -#} ", "\u0085", "\u2028", "\t\n",
	 " {#-#} ", "{#}", " {# c"]


def yaml_quote(s):
	"""s as a YAML double-quoted scalar."""
	out = []
	for ch in s:
		if ch in "\\\"":
			out.append("\\" + ch)
		elif ch == "\n":
			out.append("\\n")
		elif ch == "\r":
			out.append("\\r")
		elif ch == "\t":
			out.append("\\t")
		elif ord(ch) < 0x20 or ord(ch) >= 0x7f:
			out.append("\\u%04x" % ord(ch))
		else:
			out.append(ch)
	return '"' + "".join(out) + '"'


def sql(binary, setting, persistent):
	with tempfile.NamedTemporaryFile("w", suffix=".yml", delete=False,
					 encoding="utf-8") as f:
		f.write("p:\n  target: dev\n  outputs:\n    dev:\n"
			"      type: duckdb\n      path: x.duckdb\n"
			"      settings:\n        s3_region: %s\n"
			"      secrets:\n        - type: s3\n"
			"          persistent: %s\n"
			% (yaml_quote(setting), yaml_quote(persistent)))
		path = f.name
	try:
		# bytes: universal newlines would turn a \r\n written as it
		# is (a template shown as written) into \n
		out = subprocess.run([binary, "sql", "--no-config", path],
				     capture_output=True)
	finally:
		os.unlink(path)
	return (out.returncode, out.stdout.decode("utf-8"),
		out.stderr.decode("utf-8", "replace"))


def render(setting, persistent):
	"""What dbt makes of both: a template Jinja refuses (an unclosed
	comment) is shown as written, and its secret is not persistent."""
	try:
		text = str(ENV.from_string(setting).render())
	except jinja2.TemplateSyntaxError:
		text = setting
	try:
		persists = ENV.from_string(persistent).render() is True
	except jinja2.TemplateSyntaxError:
		persists = False
	return text, persists


def main():
	binary = sys.argv[1]
	failures = 0
	cases = 0
	for before, op, cl, after in itertools.product(BEFORE, OPEN, CLOSE,
						       AFTER):
		setting = "%s%s env_var('R', 'v') %s%s" % (before, op, cl,
							   after)
		persistent = "%s%s env_var('P', 'True') | as_bool %s%s" % (
			before, op, cl, after)
		want_text, want_persistent = render(setting, persistent)
		rc, text, err = sql(binary, setting, persistent)
		cases += 1
		got_set = "SET s3_region = '%s';" % want_text.replace(
			"'", "''")
		got_persistent = "PERSISTENT SECRET" in text
		if rc not in (0, 1) or got_set not in text or \
		   got_persistent != want_persistent:
			failures += 1
			if failures <= 20:
				print("FAIL %r / %r: want SET %r, persistent %s;"
				      " got rc %d:\n%s%s" % (
					      setting, persistent, want_text,
					      want_persistent, rc, text, err))
	print("%d templates, %d failures" % (cases, failures))
	return 1 if failures else 0


if __name__ == "__main__":
	sys.exit(main())
