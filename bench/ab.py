#!/usr/bin/env python3
"""Old against new on a shared machine: runs two builds of `commitments` turn about.

hyperfine runs all of one command's runs and then all of the other's; on a virtual machine
whose speed drifts by 2-3x within minutes (the one these figures come from), whichever ran
in the slow minutes lost. Here the two alternate, run by run (which goes first alternates
too), and each pair gives a ratio, so a drift slower than one pair cancels out. The median
of the ratios is the figure; the middle half of them shows the spread. The fastest run of
each is printed too: when the machine is slow in bursts, each build's fastest run is the
one the bursts missed.

    bench/ab.py OLD NEW [--runs N] [--env K=V ...] [--prepare SHELL] -- ARGS...

runs `OLD ARGS` and `NEW ARGS` N times each (default 15), output to /dev/null, after one
warm-up run of each. Prints the median wall time and user CPU of each, and the median ratio
new/old with its quartiles.
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time


def run(binary, args, env, prepare=None):
    if prepare:
        subprocess.run(prepare, shell=True, check=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([binary, *args], stdout=subprocess.DEVNULL, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"ab: {binary} {' '.join(args)} exited with {done.returncode}")
    return wall, after.ru_utime - before.ru_utime


def quartiles(values):
    q = statistics.quantiles(values, n=4)
    return q[0], q[2]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--env", action="append", default=[], metavar="K=V")
    parser.add_argument(
        "--prepare", metavar="SHELL", help="run before each run, not timed (a fresh copy)"
    )
    argv = sys.argv[1:]
    if "--" not in argv:
        parser.error("the command's arguments come after --")
    cut = argv.index("--")
    opts = parser.parse_args(argv[:cut])
    args = argv[cut + 1 :]
    env = dict(os.environ)
    for pair in opts.env:
        key, _, value = pair.partition("=")
        env[key] = value
    for binary in (opts.old, opts.new):
        run(binary, args, env, opts.prepare)
    old, new, ratios = [], [], []
    for i in range(opts.runs):
        pair = [(opts.old, old), (opts.new, new)]
        if i % 2:
            pair.reverse()
        got = {}
        for binary, into in pair:
            got[binary] = run(binary, args, env, opts.prepare)
            into.append(got[binary])
        ratios.append(got[opts.new][0] / got[opts.old][0])
    med = lambda xs, k: statistics.median(x[k] for x in xs)
    low, high = quartiles(ratios)
    print(f"{' '.join(args)}")
    print(f"  old {med(old, 0) * 1000:8.1f} ms wall, {med(old, 1) * 1000:8.1f} ms user  ({opts.old})")
    print(f"  new {med(new, 0) * 1000:8.1f} ms wall, {med(new, 1) * 1000:8.1f} ms user  ({opts.new})")
    fastest = lambda xs: min(x[0] for x in xs)
    print(
        f"  new/old {statistics.median(ratios):.3f} (quartiles {low:.3f}-{high:.3f}, "
        f"{opts.runs} pairs); fastest runs {fastest(old) * 1000:.1f} and "
        f"{fastest(new) * 1000:.1f} ms, new/old {fastest(new) / fastest(old):.3f}"
    )


if __name__ == "__main__":
    main()
