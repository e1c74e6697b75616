#!/usr/bin/env python3
"""Turns bench/run's measurements (target/bench/) into the tables of docs/performance.md.

    python3 bench/render.py target/bench docs/performance.md

Only the part between `<!-- bench:begin -->` and `<!-- bench:end -->` is replaced; the text
around it (what was changed and why) is kept. A missing file is created with just the tables.
"""

import json
import os
import sys

BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
ORDER = ["check", "report", "report --period quarterly", "changes --since", "show", "update", "evidence"]
WRITES = {"update", "evidence"}


def tsv(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]


def hyperfine(path):
    if not os.path.exists(path):
        return {}
    with open(path, encoding="utf-8") as f:
        return {r["command"]: r for r in json.load(f)["results"]}


def t(seconds):
    ms = seconds * 1000
    if ms < 10:
        return f"{ms:.2f} ms"
    if ms < 1000:
        return f"{ms:.0f} ms"
    return f"{seconds:.2f} s"


def mb(kb):
    """Decimal megabytes, as the file sizes are given."""
    return f"{kb * 1024 / 1e6:.1f} MB"


def yes(ok):
    return "yes" if ok else "**no**"


def main():
    work, out = sys.argv[1], sys.argv[2]
    meta = dict(tsv(os.path.join(work, "meta.tsv")))
    ledgers = [(n, p, int(b), int(r)) for n, p, b, r in tsv(os.path.join(work, "ledgers.tsv"))]
    memory = {(n, label): int(kb) for n, label, kb in tsv(os.path.join(work, "memory.tsv"))}
    results = {}
    for name, *_ in ledgers:
        r = {}
        for part in ("reads", "writes", "peer"):
            r.update(hyperfine(os.path.join(work, f"{name}.{part}.json")))
        results[name] = r
    size = {n: b for n, _, b, _ in ledgers}
    records = {n: r for n, _, _, r in ledgers}

    lines = []
    add = lines.append
    add(BEGIN)
    add("")
    add(f"Measured {meta.get('date')} at commit {meta.get('commit')} by `bench/run`, on {meta.get('cpu')};")
    add(f"load average at the start {meta.get('load')}. {meta.get('rustc')}; {meta.get('python')}; {meta.get('hyperfine')}.")
    add(f"Release binary: {int(meta.get('binary', 0)) / 1e6:.1f} MB (`target/release/commitments`).")
    if meta.get("has_period") != "1" or meta.get("has_changes") != "1":
        missing = [c for c, k in (("report --period", "has_period"), ("changes", "has_changes")) if meta.get(k) != "1"]
        add("")
        add(f"Not measured: {', '.join('`' + m + '`' for m in missing)} (not in this build); `bench/run` times them once they exist.")
    add("")

    # Targets.
    def mean(name, cmd):
        r = results.get(name, {}).get(cmd)
        return r["mean"] if r else None

    add("### Targets")
    add("")
    add("| Target | Measured | Met |")
    add("|---|---|---|")
    if "10000" in results:
        rep, peer = mean("10000", "report"), mean("10000", "python peer")
        add(f"| `report`, 10,000 commitments: at most 1.0 s | {t(rep)} | {yes(rep <= 1.0)} |")
        add(f"| `report`, 10,000 commitments: at least 10× faster than the Python peer | {peer / rep:.1f}× ({t(peer)} against {t(rep)}) | {yes(peer / rep >= 10)} |")
        w = max((mean("10000", c) or 0) for c in WRITES)
        add(f"| a write (`update`, `evidence`), 10,000 commitments: at most 2 s, lossless | {t(mean('10000', 'update'))} and {t(mean('10000', 'evidence'))} | {yes(w <= 2.0)} |")
    if "shipped" in results:
        worst = max((r["mean"], c) for c, r in results["shipped"].items() if c != "python peer")
        add(f"| every command on the shipped ledger: at most 10 ms | slowest: `{worst[1]}`, {t(worst[0])} | {yes(worst[0] <= 0.010)} |")
    big = [n for n, *_ in ledgers if n not in ("shipped", "50")]
    if big:
        worst = max(
            (memory[(n, c)] * 1024 / size[n], n, c)
            for n in big
            for c in ORDER
            if (n, c) in memory
        )
        add(f"| peak memory at most 10× the file's size (1,000 commitments and up) | at most {worst[0]:.1f}× (`{worst[2]}`, {int(worst[1]):,} commitments) | {yes(worst[0] <= 10)} |")
    if all(n in results for n in ("1000", "10000", "50000")):
        worst = (0, "", "")
        for c in ORDER:
            a, b, d = (mean(n, c) for n in ("1000", "10000", "50000"))
            if None in (a, b, d):
                continue
            g1 = (b / a) / (records["10000"] / records["1000"])
            g2 = (d / b) / (records["50000"] / records["10000"])
            worst = max(worst, (g1, c, "1,000 → 10,000"), (g2, c, "10,000 → 50,000"))
        add(f"| time grows linearly: within 1.3× of proportional, 1,000 → 10,000 → 50,000 | at most {worst[0]:.2f}× (`{worst[1]}`, {worst[2]}) | {yes(worst[0] <= 1.3)} |")
    add("")

    # One table per ledger.
    for name, path, nbytes, nrec in ledgers:
        label = "The shipped ledger" if name == "shipped" else f"{int(name):,} commitments"
        add(f"### {label} ({nrec:,} records, {nbytes / 1e6:.2f} MB{', `' + path + '`' if name == 'shipped' else ''})")
        add("")
        add("| Command | Mean ± σ | Min | Max | User | System | Peak memory | Memory ÷ file |")
        add("|---|---|---|---|---|---|---|---|")
        r = results[name]
        for c in ORDER + ["python peer"]:
            if c not in r:
                continue
            x = r[c]
            kb = memory.get((name, c))
            shown = "Python + PyYAML peer" if c == "python peer" else f"`{c}`"
            add(
                f"| {shown} | {t(x['mean'])} ± {t(x['stddev'] or 0)} | {t(x['min'])} | {t(x['max'])} "
                f"| {t(x['user'])} | {t(x['system'])} | {mb(kb) if kb else '—'} | {kb * 1024 / nbytes:.1f}× |"
                if kb
                else f"| {shown} | {t(x['mean'])} ± {t(x['stddev'] or 0)} | {t(x['min'])} | {t(x['max'])} | {t(x['user'])} | {t(x['system'])} | — | — |"
            )
        add("")

    # Against the peer.
    add("### Against the Python peer (`report`, same table)")
    add("")
    add("| Ledger | `commitments report` | Python + PyYAML (CSafeLoader) | Peer ÷ report |")
    add("|---|---|---|---|")
    for name, *_ in ledgers:
        rep, peer = mean(name, "report"), mean(name, "python peer")
        if rep and peer:
            shown = "shipped" if name == "shipped" else f"{int(name):,}"
            add(f"| {shown} | {t(rep)} | {t(peer)} | {peer / rep:.1f}× |")
    add("")

    # Growth.
    sizes = [n for n, *_ in ledgers if n != "shipped"]
    if len(sizes) >= 2:
        add("### How time grows with size")
        add("")
        add("Mean time per command; the last columns divide the growth in time by the growth in records (1.00 = exactly proportional).")
        add("")
        head = "| Command | " + " | ".join(f"{int(n):,}" for n in sizes) + " | " + " | ".join(
            f"{int(a):,} → {int(b):,}" for a, b in zip(sizes, sizes[1:])
        ) + " |"
        add(head)
        add("|---" * (1 + len(sizes) + len(sizes) - 1) + "|")
        for c in ORDER + ["python peer"]:
            ms = [mean(n, c) for n in sizes]
            if None in ms:
                continue
            growth = [
                f"{(b / a) / (records[nb] / records[na]):.2f}"
                for (na, a), (nb, b) in zip(zip(sizes, ms), zip(sizes[1:], ms[1:]))
            ]
            shown = "Python peer" if c == "python peer" else f"`{c}`"
            add(f"| {shown} | " + " | ".join(t(m) for m in ms) + " | " + " | ".join(growth) + " |")
        add("")
    add(END)
    generated = "\n".join(lines)

    if os.path.exists(out):
        with open(out, encoding="utf-8") as f:
            text = f.read()
        if BEGIN in text and END in text:
            text = text[: text.index(BEGIN)] + generated + text[text.index(END) + len(END):]
        else:
            text = text.rstrip("\n") + "\n\n" + generated + "\n"
    else:
        text = "# Performance\n\n" + generated + "\n"
    with open(out, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()
