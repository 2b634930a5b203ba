#!/usr/bin/env python3
"""Count the relocations the loader applies at start, and name the tables.

usage: python3 tests/bench/relocs.py BINARY [TOP]

floe-profiles is a static PIE: at start glibc's _dl_relocate_static_pie
applies every relative relocation (about 11 instructions each) before
main().  With -z pack-relative-relocs they are stored in .relr.dyn: an
even word is the address of one pointer to relocate, an odd word a bitmap
of the next 63 words after the last address.  Decoded here from
`readelf -x .relr.dyn`, then attributed to the symbols of `nm -n -S`
(a static table is one symbol).  Plain .rela.dyn R_*_RELATIVE entries
(without RELR) are counted too, from `readelf -r`.
"""
import bisect
import re
import subprocess
import sys


def run(*args):
    return subprocess.run(args, check=True, capture_output=True,
                          text=True).stdout


def relr_words(binary):
    out = run("readelf", "-W", "-x", ".relr.dyn", binary)
    data = bytearray()
    for line in out.splitlines():
        m = re.match(r"\s+0x[0-9a-f]+ ((?:[0-9a-f]{8} ){1,4})", line + " ")
        if not m:
            continue
        for group in m.group(1).split():
            data += bytes.fromhex(group)
    return [int.from_bytes(data[i:i + 8], "little")
            for i in range(0, len(data) - len(data) % 8, 8)]


def relr_addresses(words):
    addrs = []
    where = 0
    for w in words:
        if w & 1 == 0:
            addrs.append(w)
            where = w + 8
        else:
            bits = w >> 1
            for i in range(63):
                if bits & (1 << i):
                    addrs.append(where + 8 * i)
            where += 63 * 8
    return addrs


def rela_addresses(binary):
    addrs = []
    for line in run("readelf", "-W", "-r", binary).splitlines():
        f = line.split()
        if len(f) >= 3 and f[2].endswith("_RELATIVE"):
            addrs.append(int(f[0], 16))
    return addrs


def symbols(binary):
    """(address, size, name) of each sized symbol; with debug information
    the name is followed by its source file (nm -l), else by "libc"."""
    syms = []
    for line in run("nm", "-n", "-S", "-l", binary).splitlines():
        f = line.split()
        if len(f) < 4:
            continue
        where = "libc"  # or another library built without -g
        if len(f) >= 5:
            where = re.sub(r"^.*?/(src|include)/", r"\1/", f[4])
            where = where.rsplit(":", 1)[0]
        syms.append((int(f[0], 16), int(f[1], 16), f"{f[3]} ({where})"))
    return syms


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    binary = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    try:
        relr = relr_addresses(relr_words(binary))
    except subprocess.CalledProcessError:
        relr = []
    rela = rela_addresses(binary)
    addrs = relr + rela
    syms = symbols(binary)
    starts = [s[0] for s in syms]
    per = {}
    for a in addrs:
        i = bisect.bisect_right(starts, a) - 1
        name = "?"
        if i >= 0 and a < syms[i][0] + max(syms[i][1], 1):
            name = syms[i][2]
        per[name] = per.get(name, 0) + 1
    ours = sum(n for k, n in per.items() if not k.endswith("(libc)"))
    print(f"{len(addrs)} relocations ({len(relr)} RELR, {len(rela)} RELA), "
          f"{ours} in the project's tables, {len(addrs) - ours} in libc's")
    for name, n in sorted(per.items(), key=lambda kv: -kv[1])[:top]:
        print(f"{n:6d}  {name}")


if __name__ == "__main__":
    main()
