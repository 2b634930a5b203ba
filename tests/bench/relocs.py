#!/usr/bin/env python3
"""Count the relocations the loader applies at start, and name the tables.

usage: python3 tests/bench/relocs.py BINARY [TOP]

floe-profiles is a static PIE: at start glibc's _dl_relocate_static_pie
applies every relative relocation before main().  With -z pack-relative-relocs they are stored in .relr.dyn: an
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
    """The addresses relocated, and the addresses the loader's loop steps
    over: glibc's RELR loop shifts a bitmap word right one bit at a time
    until no set bit is left, so a bitmap costs about 6 instructions per
    position up to its last set bit, set or not (an address word, 11)."""
    addrs, scanned = [], []
    where = 0
    for w in words:
        if w & 1 == 0:
            addrs.append(w)
            scanned.append(w)
            where = w + 8
        else:
            bits = w >> 1
            for i in range(bits.bit_length()):
                scanned.append(where + 8 * i)
                if bits & (1 << i):
                    addrs.append(where + 8 * i)
            where += 63 * 8
    return addrs, scanned


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


def attribute(addrs, syms):
    starts = [s[0] for s in syms]
    per = {}
    for a in addrs:
        i = bisect.bisect_right(starts, a) - 1
        name = "(no symbol: .got, .tdata, .init_array) (libc)"
        if i >= 0 and a < syms[i][0] + max(syms[i][1], 1):
            name = syms[i][2]
        per[name] = per.get(name, 0) + 1
    return per


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    binary = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    try:
        words = relr_words(binary)
    except subprocess.CalledProcessError:
        words = []
    relr, scanned = relr_addresses(words)
    rela = rela_addresses(binary)
    syms = symbols(binary)
    per = attribute(relr + rela, syms)
    steps = attribute(scanned + rela, syms)
    ours = sum(n for k, n in per.items() if not k.endswith("(libc)"))
    ours_steps = sum(n for k, n in steps.items() if not k.endswith("(libc)"))
    # calibrated on callgrind's count of _dl_relocate_static_pie (glibc
    # 2.36, x86-64): 51.3 K for 8,658 positions in 146 words
    cost = 5.7 * len(scanned) + 11 * len(words) + 11 * len(rela)
    print(f"{len(relr) + len(rela)} relocations ({len(relr)} RELR in "
          f"{len(words)} words, {len(rela)} RELA), {ours} in the "
          f"project's tables, {len(relr) + len(rela) - ours} in libc's")
    print(f"{len(scanned)} positions stepped over ({ours_steps} in the "
          f"project's tables): about {cost / 1000:.1f} K instructions")
    print("relocs  steps  symbol")
    for name, n in sorted(steps.items(), key=lambda kv: -kv[1])[:top]:
        print(f"{per.get(name, 0):6d} {n:6d}  {name}")


if __name__ == "__main__":
    main()
