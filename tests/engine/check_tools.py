#!/usr/bin/env python3
"""Unit tests of the helpers the engine-table generators share
(src/engine/data/tools/common.py): what they write must be valid C and
must read back as what the engine said.

    python3 tests/engine/check_tools.py
"""

import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
	os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "src", "engine", "data", "tools"))

from common import c_str, tsv_escape, tsv_unescape  # noqa: E402

CASES = [
	("plain", '"plain"'),
	('say "x"', '"say \\"x\\""'),
	("a\\b", '"a\\\\b"'),
	# an engine message with a line break stays one line of C
	("line\nnext", '"line\\nnext"'),
	("tab\there\r", '"tab\\there\\r"'),
	("\x01\x1f\x7f", '"\\001\\037\\177"'),
	("caf\u00e9", '"caf\u00e9"'),	# UTF-8 text is kept as it is
]


def main():
	bad = 0
	for text, want in CASES:
		got = c_str(text)
		if got != want:
			print("c_str(%r) = %s, want %s" % (text, got, want))
			bad += 1
		if "\n" in got:
			print("c_str(%r) spans lines" % text)
			bad += 1
	for text, _ in CASES:
		if tsv_unescape(tsv_escape(text)) != text:
			print("tsv_escape(%r) does not read back" % text)
			bad += 1
	print("%d of %d failed" % (bad, 2 * len(CASES)))
	return 1 if bad else 0


if __name__ == "__main__":
	sys.exit(main())
