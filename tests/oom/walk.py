#!/usr/bin/env python3
"""Fail every allocation of every command in turn (tests/oom/README.md).

walk.py --bin floe-profiles --shim failmalloc.so --shared ../shared
        [--case REGEX] [--stride K] [--jobs J] [--from N] [--to N]
        [--duckdb LIB] [--asan] [--arena NORMAL_BIN] [--golden DIR ...]
        [--show-same]

For each case (a command on a real fixture, and each --golden case: a
tests/golden/ folder whose args are run from the current folder, as
run_golden.sh does) it runs the command once
counting its allocations (the baseline), then once per allocation N
(every K-th with --stride), with the Nth failing.  Each run must end in
one of two ways:

  same  exactly the baseline: exit status, stdout, stderr and files (the
        failure was absorbed: glibc's stdio falls back to no buffer);
  oom   exit 3; on stderr exactly one line that says "out of memory", the
        last one, every other line one of the baseline's; stdout empty or
        the baseline's whole stdout (nothing partial); the files as they
        were before the run (an existing -o target untouched, nothing
        written, no temporary file left); and, under ASan (--asan), no
        leak and no memory error.

Anything else is a failure, reported with N, the case, the outcome and
where the failed allocation was made.  Exit 0 when every run passed.

--show-same prints where each absorbed failure ("same") was made.

--arena NORMAL_BIN says that --bin is the arena's test mode (one malloc
per arena allocation, FLOE_ARENA_ONE_MALLOC): the walk fails unless
--bin makes more allocations than NORMAL_BIN on the first case, so that
a binary built without the mode cannot pass for one.
"""
import argparse
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import tempfile

PLATFORM = "fixtures/real/floe-runtime__demo-prod__99ef49e.platform.yaml"
PLATFORM_OK = "fixtures/real/floe-runtime__demo-local__99ef49e.platform.yaml"
PROFILE = "fixtures/real/floe-runtime__demo-duckdb-plugin__1dfc8c3.profiles.yml"
SOURCES = "fixtures/real/floe-runtime__staging-bronze__deab522.sources.yml"
STALE = "fixtures/reconstructed/floe-runtime__generated__62c8028.profiles.yml"
REWRITES = ("lint-fix",)
# a golden case that writes a file would write into the source tree
WRITERS = ("-o", "--output", "--fix", "--write-baseline")
FORMATS = ["text", "gcc", "json", "sarif", "github", "gitlab", "junit",
           "checkstyle"]


def cases(duckdb):
    """(name, argv, needs DuckDB); paths are relative to the work dir."""
    out = [
        ("generate", ["generate", "--no-config", "platform.yaml"]),
        ("generate-o", ["generate", "--no-config", "-o", "out/profiles.yml",
                        "platform.yaml"]),
        ("generate-check", ["generate", "--no-config", "--check", "-o",
                            "out/profiles.yml", "platform.yaml"]),
    ]
    for f in FORMATS:
        out.append(("lint-" + f, ["lint", "--no-config", "--format", f,
                                  "lintdir"]))
    out += [
        # the commands that rewrite or write files beside the report;
        # --fix writes each file whole before it lints and reports it, so
        # a later failure may leave a file fixed (as without the failure)
        ("lint-fix", ["lint", "--no-config", "--fix", "lintdir"]),
        ("lint-diff", ["lint", "--no-config", "--diff", "lintdir"]),
        ("lint-write-baseline", ["lint", "--no-config", "--write-baseline",
                                 "out/baseline.json", "lintdir"]),
        ("check-project", ["check", "--format", "text",
                           "--platform", "local.platform.yaml",
                           "--project", "dbt", "generated.profiles.yml"]),
        ("sql", ["sql", "generated.profiles.yml"]),
    ]
    if duckdb:
        out.append(("verify", ["verify", "--offline",
                               "generated.profiles.yml"]))
    return out


def golden_case(d):
    """(name, argv, stdin file or None) of a tests/golden/ case folder."""
    d = d.rstrip("/")
    with open(os.path.join(d, "args")) as f:
        argv = f.read().splitlines()
    if any(a in WRITERS or a.startswith("--output=") for a in argv):
        raise SystemExit("walk.py: %s writes a file; not a --golden case" % d)
    stdin = os.path.join(d, "stdin")
    name = "/".join(d.split(os.sep)[-2:])
    return name, argv, stdin if os.path.exists(stdin) else None


def setup(work, shared, binary):
    """The fixtures, copied into `work` (a run may only write out/)."""
    def cp(src, dst):
        os.makedirs(os.path.dirname(os.path.join(work, dst)) or work,
                    exist_ok=True)
        shutil.copyfile(os.path.join(shared, src), os.path.join(work, dst))
    cp(PLATFORM, "platform.yaml")
    cp(PLATFORM_OK, "local.platform.yaml")
    cp(PROFILE, "lintdir/profiles.yml")
    cp(SOURCES, "dbt/models/staging/sources.yml")
    # an existing -o target, which a failed run must leave untouched
    cp(STALE, "out/profiles.yml")
    with open(os.path.join(work, "dbt/dbt_project.yml"), "w") as f:
        f.write("name: demo\nversion: '1.0.0'\nprofile: floe\n")
    # the repository root: github, sarif and gitlab name files from it,
    # and check finds the configuration up to it (libcyaml reads it)
    os.makedirs(os.path.join(work, ".git"))
    with open(os.path.join(work, ".floe-profiles.yaml"), "w") as f:
        f.write("rules:\n"
                "  - id: FP406\n    level: warning\n"
                "  - id: endpoint-trailing-slash\n    level: off\n"
                "generate:\n  alias: polaris_catalog\n"
                "lint:\n  profiles:\n    - \"*.profiles.yml\"\n")
    gen = subprocess.run([binary, "generate", "--no-config",
                          "local.platform.yaml"], cwd=work,
                         capture_output=True, check=True)
    with open(os.path.join(work, "generated.profiles.yml"), "wb") as f:
        f.write(gen.stdout)


def snapshot(d):
    """Every file under d: relative path -> bytes."""
    files = {}
    for root, _, names in os.walk(d):
        for n in names:
            p = os.path.join(root, n)
            with open(p, "rb") as f:
                files[os.path.relpath(p, d)] = f.read()
    return files


class Runner:
    def __init__(self, args, work):
        self.args = args
        self.work = work
        self.env = dict(os.environ)
        self.env["LD_PRELOAD"] = args.shim
        self.env["FLOE_OOM_SKIP"] = "libduckdb:libstdc++:libgcc_s:ld-linux"
        self.env.pop("GITHUB_ACTIONS", None)
        self.env["NO_COLOR"] = "1"
        if args.duckdb:
            self.env["FLOE_DUCKDB_LIB"] = args.duckdb
        if args.asan:
            self.env["ASAN_OPTIONS"] = ("verify_asan_link_order=0:"
                                        "detect_leaks=1:abort_on_error=0:"
                                        "exitcode=99")
            self.env["LSAN_OPTIONS"] = "exitcode=98"
            self.env["UBSAN_OPTIONS"] = "halt_on_error=1:exitcode=97"

    def run(self, name, argv, n, stdin=None, golden=False, binary=None):
        """One run in a fresh copy of the fixtures; the outcome's facts.
        A golden case runs in the current folder (it writes no file)."""
        d = tempfile.mkdtemp(prefix="run-", dir=self.work)
        try:
            run = os.getcwd() if golden else os.path.join(d, "w")
            if not golden:
                shutil.copytree(os.path.join(self.work, "template"), run)
            before = {} if golden else snapshot(run)
            report = os.path.join(d, "report")
            env = dict(self.env)
            env["FLOE_OOM_FAIL"] = str(n)
            env["FLOE_OOM_REPORT"] = report
            with open(stdin or os.devnull, "rb") as inp:
                p = subprocess.run([binary or self.args.bin] + argv,
                                   cwd=run, env=env, capture_output=True,
                                   stdin=inp, timeout=120)
            rep = {}
            frames = []
            if os.path.exists(report):
                with open(report) as f:
                    for line in f:
                        k, _, v = line.rstrip("\n").partition(" ")
                        if k == "frame":
                            frames.append(v)
                        else:
                            rep[k] = v
            after = {} if golden else snapshot(run)
            return {"rc": p.returncode, "out": p.stdout, "err": p.stderr,
                    "before": before, "after": after, "rep": rep,
                    "frames": frames}
        finally:
            shutil.rmtree(d, ignore_errors=True)


def judge(r, base, rewrites=False):
    """'same', 'oom', or what went wrong."""
    err = r["err"].decode("utf-8", "replace")
    if "LeakSanitizer" in err:
        return "leak"
    if re.search(r"(ERROR: AddressSanitizer|runtime error:)", err):
        return "crash (sanitizer)"
    if r["rc"] < 0:
        return "crash (signal %d)" % -r["rc"]
    if (r["rc"] == base["rc"] and r["out"] == base["out"] and
            r["err"] == base["err"] and r["after"] == base["after"]):
        return "same"
    lines = err.splitlines()
    oom = [l for l in lines if "out of memory" in l]
    if r["rc"] != 3:
        if not oom:
            return "exit %d, wrong result, no out-of-memory message" % r["rc"]
        return "exit %d with an out-of-memory message" % r["rc"]
    if len(oom) != 1:
        return "exit 3, %d out-of-memory messages" % len(oom)
    if lines[-1] != oom[0]:
        return "exit 3, out-of-memory message not last"
    base_lines = set(base["err"].decode("utf-8", "replace").splitlines())
    if any(l not in base_lines for l in lines[:-1]):
        return "exit 3, other stderr lines not in the baseline"
    if r["out"] and r["out"] != base["out"]:
        return "exit 3, partial stdout"
    if r["after"] != r["before"] and not (
            rewrites and all(r["after"].get(p) in (r["before"].get(p),
                                                   base["after"].get(p))
                             for p in set(r["after"]) | set(r["before"]))):
        return "exit 3, files written"
    return "oom"


def site(frames, binary, shim):
    """The first frame outside the shim, libc and the arena, symbolized
    (in the arena's test mode, the arena's caller when it is known)."""
    arena = None
    for fr in frames:
        obj, _, off = fr.rpartition("+")
        if os.path.basename(obj) == os.path.basename(shim):
            continue
        if os.path.realpath(obj) == os.path.realpath(binary):
            try:
                a = subprocess.run(["addr2line", "-f", "-s", "-e", binary,
                                    hex(int(off, 16) - 1)],
                                   capture_output=True, text=True)
                fn, loc = a.stdout.split("\n")[:2]
            except (OSError, ValueError):
                return fr
            if fn.startswith("arena_"):
                arena = arena or "%s (%s)" % (fn, loc)
                continue
            return "%s (%s)" % (fn, loc)
        if "libc.so" in obj:
            continue
        return os.path.basename(obj) + "+" + off
    return arena or "?"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--shim", required=True)
    ap.add_argument("--shared", required=True)
    ap.add_argument("--duckdb", default="")
    ap.add_argument("--case", default="")
    ap.add_argument("--stride", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--from", dest="first", type=int, default=1)
    ap.add_argument("--to", type=int, default=0)
    ap.add_argument("--asan", action="store_true")
    ap.add_argument("--arena", default="")
    ap.add_argument("--show-same", action="store_true")
    ap.add_argument("--golden", nargs="*", default=[])
    ap.add_argument("--max-report", type=int, default=40)
    args = ap.parse_args()
    args.bin = os.path.abspath(args.bin)
    args.shim = os.path.abspath(args.shim)
    if args.duckdb and not os.path.exists(args.duckdb):
        args.duckdb = ""

    work = tempfile.mkdtemp(prefix="floe-oom-")
    failed = 0
    try:
        setup(os.path.join(work, "template"), args.shared, args.bin)
        runner = Runner(args, work)
        todo = [(name, argv, None, False)
                for name, argv in cases(args.duckdb)
                if not args.case or re.search(args.case, name)]
        todo += [golden_case(d) + (True,) for d in args.golden]
        if args.arena and todo:
            name, argv, stdin, golden = todo[0]
            normal = int(runner.run(name, argv, 0, stdin, golden,
                                    os.path.abspath(args.arena))
                         ["rep"].get("count", "0"))
            mode = int(runner.run(name, argv, 0, stdin, golden)
                       ["rep"].get("count", "0"))
            if mode <= normal:
                print("FAIL %s: %d allocations, the normal binary %d: not "
                      "the arena's one-malloc mode" % (name, mode, normal))
                return 1
        for name, argv, stdin, golden in todo:
            base = runner.run(name, argv, 0, stdin, golden)
            total = int(base["rep"].get("count", "0"))
            if golden and not total and base["rc"] in (0, 2):
                continue	# allocates nothing (usage, help)
            if not total or base["rc"] not in ((0, 1, 2) if golden
                                               else (0, 1)):
                print("FAIL %s: baseline exit %d, %d allocations\n%s" %
                      (name, base["rc"], total,
                       base["err"].decode("utf-8", "replace")))
                failed += 1
                continue
            last = min(total, args.to) if args.to else total
            # every K-th, starting at an offset that moves with the case,
            # so that strided runs cover different points over time
            start = args.first + (len(name) % args.stride)
            ns = list(range(start, last + 1, args.stride))
            counts = {}
            bad = []
            with concurrent.futures.ThreadPoolExecutor(args.jobs) as ex:
                for n, r in zip(ns, ex.map(
                        lambda n: runner.run(name, argv, n, stdin, golden),
                        ns)):
                    v = judge(r, base, name in REWRITES)
                    counts[v] = counts.get(v, 0) + 1
                    if v not in ("same", "oom"):
                        bad.append((n, v, r))
                    elif v == "same" and args.show_same:
                        print("  same N=%d %s: at %s" %
                              (n, name, site(r["frames"], args.bin,
                                             args.shim)))
            summary = ", ".join("%s %d" % (k, counts[k])
                                for k in sorted(counts))
            print("%-16s %5d allocations, %5d runs: %s" %
                  (name, total, len(ns), summary), flush=True)
            for n, v, r in bad[:args.max_report]:
                print("  FAIL N=%d %s: %s; at %s" %
                      (n, name, v, site(r["frames"], args.bin, args.shim)))
                tail = r["err"].decode("utf-8", "replace").strip()
                for line in tail.splitlines()[-3:]:
                    print("       | " + line[:200])
            if len(bad) > args.max_report:
                print("  ... and %d more" % (len(bad) - args.max_report))
            failed += len(bad)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("oom walk: %s" % ("%d failures" % failed if failed else "passed"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
