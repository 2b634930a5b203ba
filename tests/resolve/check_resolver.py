#!/usr/bin/env python3
"""Hold floe's hand-written YAML 1.1 resolvers to PyYAML's.

check_resolver.py RESOLVE_DUMP [COUNT]

Generates a corpus of scalars (every keyword, every short string over the
characters the resolvers care about, and many random strings built from
the pieces of each pattern, then mutated), asks PyYAML's SafeLoader how
it resolves each one as a plain scalar, and asks floe through
RESOLVE_DUMP (tests/resolve/resolve_dump.c); for a float, also Python's
str() of the value PyYAML constructs, which dbt-duckdb writes into SET
and ATTACH (src/pystr.c); for an int, a bool or a timestamp, whether
PyYAML can construct it at all (where it raises, dbt cannot load the
file).  Then every scalar again under each explicit tag (!!int 3,
!!float 3, !!null x, ...): does PyYAML's constructor take the text?
Any difference fails.
"""
import itertools
import random
import subprocess
import sys

import yaml

TYPES = {
    "tag:yaml.org,2002:str": "str",
    "tag:yaml.org,2002:null": "null",
    "tag:yaml.org,2002:bool": "bool",
    "tag:yaml.org,2002:int": "int",
    "tag:yaml.org,2002:float": "float",
    "tag:yaml.org,2002:timestamp": "timestamp",
    "tag:yaml.org,2002:merge": "merge",
    # a plain '=': the tree refuses it outside keys; a str to the resolver
    "tag:yaml.org,2002:value": "str",
}

KEYWORDS = """yes Yes YES no No NO true True TRUE false False FALSE on On ON
off Off OFF y n Y N yES tRUE nULL null Null NULL ~ << = .inf .Inf .INF
-.inf +.inf .nan .NaN .NAN -.nan .iNf inf nan 0 00 08 0o7 0x 0b 0x_ 0b_
0b2 0xg 1_000 1__ _1 1:30 1:60 1:5:59 0:30 1:30.5 -1:30.5 1e3 1.e3 1.0e3
1.0e+3 1.0E-3 .5 .5e+1 +.5 -.5 1. -1. +1. 1.2.3 1:2:3.4 2001-12-14
2001-12-14t21:59:43.10-05:00 2001-12-14 21:59:43.10 -5 2002-12-14 2001-1-1
2001-01-01T1:00:00 2001-01-01T1:00:00Z 2001-01-01 1:00:00 +1:00
2001-01-01 1:00:00 Z 2001-01-01 1:00:00+01: 2001-01-01T1:0:00""".split()
KEYWORDS += ["1e16", "1.0e16", "1.0e+16", "9999999999999999.0",
             "1.0e-5", "0.0001", "0.00001", "-0.0", "1_0.5", "190:20:30.15",
             "1:30.5", "-1:30.5", "0.1", "1.7976931348623157e+308",
             "5e-324", "2.2250738585072014e-308", "123456789012345678.0"]
KEYWORDS += ["", " ", "\n", "yes\n", "1\n", "1\n\n", "\n1", "~\n", "null ",
             " null", "2001-12-14 21:59:43.10 -5", "2001-12-14\t21:59:43",
             "2001-12-14  \t 21:59:43 \t Z", "2001-12-14 21:59:43 ",
             "1\x00", "\x00", "1:30\n", "<<\n", "=\n"]

PIECES = ["0", "1", "5", "6", "7", "9", "12", "59", "60", "_", ":", ".",
          "-", "+", "e", "E", "x", "b", "a", "F", "Z", "T", "t", " ", "\t",
          "inf", "nan", "NaN", "0x", "0b", "1:30", "2001", "-12-", "-1-",
          "14", "21:59:43", ".10", "-05:00", "\n", "~", "null", "yes"]
SHORT = "019_:.-+eExbZTt \n"


def grammar(rnd):
    """A scalar built from one alternative of one of PyYAML's patterns."""
    def d(lo=1, hi=4, chars="0123456789"):
        return "".join(rnd.choice(chars) for _ in range(rnd.randint(lo, hi)))

    def sign():
        return rnd.choice(["", "", "-", "+"])

    def sexa():
        return "".join(":" + rnd.choice(["", "0", "5", "6"]) + d(1, 1)
                       for _ in range(rnd.randint(1, 3)))

    def exp():
        return rnd.choice(["", "", "e+1", "E-10", "e1", "e+"])

    forms = [
        lambda: sign() + "0b" + d(1, 6, "01_"),
        lambda: sign() + "0" + d(1, 6, "01234567_"),
        lambda: sign() + rnd.choice(["0", d(1, 1, "123456789") + d(0, 6, "0123456789_")]),
        lambda: sign() + "0x" + d(1, 6, "0123456789abcdefABCDEF_"),
        lambda: sign() + d(1, 1, "123456789") + d(0, 3, "0123456789_") + sexa(),
        lambda: sign() + d(1, 1) + d(0, 4, "0123456789_") + "." + d(0, 4, "0123456789_") + exp(),
        lambda: "." + d(1, 1) + d(0, 4, "0123456789_") + exp(),
        lambda: sign() + d(1, 1) + d(0, 3, "0123456789_") + sexa() + "." + d(0, 3, "0123456789_"),
        lambda: sign() + "." + rnd.choice(["inf", "Inf", "INF", "iNF"]),
        lambda: "." + rnd.choice(["nan", "NaN", "NAN", "nAn"]),
        lambda: d(4, 4) + "-" + d(2, 2) + "-" + d(2, 2),
        lambda: (d(4, 4) + "-" + d(1, 2) + "-" + d(1, 2)
                 + rnd.choice(["T", "t", " ", "\t", "  "]) + d(1, 2) + ":"
                 + d(2, 2) + ":" + d(2, 2)
                 + rnd.choice(["", "", "." + d(0, 3)])
                 + rnd.choice(["", "", "Z", " Z", "\t-5", "+01:00", "-1",
                               " +12:3", "-05:00"])),
    ]
    s = rnd.choice(forms)()
    # break it now and then: one character changed, added or dropped
    r = rnd.random()
    if r < 0.35 and s:
        i = rnd.randrange(len(s))
        c = rnd.choice(SHORT + "ab:5")
        s = rnd.choice([s[:i] + c + s[i + 1:], s[:i] + c + s[i:],
                        s[:i] + s[i + 1:]])
    elif r < 0.4:
        s += "\n"
    return s


def corpus(count, seed=12):
    rnd = random.Random(seed)
    seen = set()
    out = []

    def add(s):
        if s not in seen:
            seen.add(s)
            out.append(s)

    for k in KEYWORDS:
        add(k)
    for n in range(1, 4):
        for t in itertools.product(SHORT, repeat=n):
            add("".join(t))
    while len(out) < count // 2:
        add(grammar(rnd))
    while len(out) < count:
        s = "".join(rnd.choice(PIECES) for _ in range(rnd.randint(1, 7)))
        if rnd.random() < 0.3 and s:
            i = rnd.randrange(len(s))
            s = s[:i] + rnd.choice(SHORT + "ab") + s[i + 1:]
        if rnd.random() < 0.2:
            s = rnd.choice(KEYWORDS) + s
        add(s)
    return out


CONSTRUCT = {"int", "bool", "timestamp"}


def constructs(loader, t, s):
    """PyYAML's constructor for type t takes the text s."""
    node = yaml.ScalarNode("tag:yaml.org,2002:" + t, s)
    try:
        getattr(loader, "construct_yaml_" + t)(node)
    except (ValueError, KeyError, IndexError, AttributeError, TypeError,
            OverflowError):
        return False
    return True


def main():
    dump = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 200000
    loader = yaml.SafeLoader("")
    scalars = corpus(count)
    want = []
    for s in scalars:
        t = TYPES[loader.resolve(yaml.ScalarNode, s, (True, False))]
        if t == "float":
            # and str() of the float PyYAML constructs, as dbt writes it
            try:
                t += " " + str(loader.construct_yaml_float(
                    yaml.ScalarNode("tag:yaml.org,2002:float", s)))
            except ValueError:
                t += " ?"       # PyYAML cannot construct it: load fails
        elif t in CONSTRUCT and not constructs(loader, t, s):
            t += " ?"           # PyYAML raises: dbt cannot load the file
        want.append(t)
    data = "".join(s.encode().hex() + "\n" for s in scalars)
    run = subprocess.run([dump], input=data.encode(), capture_output=True,
                         check=True)
    got = run.stdout.decode().split("\n")[:-1]
    if len(got) != len(scalars):
        print(f"resolve_dump answered {len(got)} of {len(scalars)}")
        return 1
    bad = [(s, w, g) for s, w, g in zip(scalars, want, got) if w != g]
    # the same scalars under an explicit tag
    for tag in ["str", "null", "bool", "int", "float", "timestamp"]:
        run = subprocess.run([dump, tag], input=data.encode(),
                             capture_output=True, check=True)
        got = run.stdout.decode().split("\n")[:-1]
        if len(got) != len(scalars):
            print(f"resolve_dump {tag} answered {len(got)} of {len(scalars)}")
            return 1
        for s, g in zip(scalars, got):
            w = "ok" if constructs(loader, tag, s) else "?"
            if w != g:
                bad.append((f"!!{tag} {s!r}", w, g))
    for s, w, g in bad[:40]:
        print(f"FAIL {s!r}: PyYAML {w}, floe {g}")
    counts = {}
    for w in want:
        counts[w.split(" ")[0]] = counts.get(w.split(" ")[0], 0) + 1
    print(f"{len(scalars)} scalars ({', '.join(f'{v} {k}' for k, v in sorted(counts.items()))}), "
          f"{len(bad)} differ from PyYAML {yaml.__version__}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
