#!/usr/bin/env python3
"""The peer: what a researcher would otherwise write to get `commitments report` — PyYAML's
C loader (CSafeLoader, the fastest PyYAML offers) and a loop — producing the same status table
as of a date: id and title, owner, status, since, latest evidence, due, flags.

    python3 bench/peer.py LEDGER [--as-of YYYY-MM-DD] [--stale-after DAYS] [--json]

It follows the rules of docs/methodology.md as the Rust code does (the status on a date is the
latest event on or before it, by date, later entries winning on the same day; "since" is the
first of a run of the same status; stale after 180 days without evidence, source or a gap
checked). It checks nothing: a hand-written script would not, so the comparison is generous to
it. `--json` prints the rows in the shape of `commitments report --format json`, which
bench/run uses to confirm that both compute the same table.
"""

import argparse
import datetime as dt
import json
import os
import sys

import yaml

DEFAULT_STATUSES = [
    {"key": "announced", "label": "Announced", "closed": False},
    {"key": "in-progress", "label": "In progress", "closed": False},
    {"key": "partial", "label": "Partial", "closed": False},
    {"key": "delivered", "label": "Delivered", "closed": True},
    {"key": "stalled", "label": "Stalled", "closed": False},
    {"key": "abandoned", "label": "Abandoned", "closed": True},
]


def day(value):
    """PyYAML reads plain dates as dates and timestamps as datetimes; quoted ones stay text."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value).strip())


def row(c, as_of, closed, labels, stale_after):
    events = sorted(c.get("history") or [], key=lambda e: day(e["date"]))  # stable
    events = [e for e in events if day(e["date"]) <= as_of]
    if not events:
        return None  # not made yet on that day
    last = events[-1]
    since = day(last["date"])
    for e in reversed(events):
        if e["status"] != last["status"]:
            break
        since = day(e["date"])
    evidence_days = [
        d
        for d in (day(e.get("published") or e.get("accessed")) for e in c.get("evidence") or [])
        if d is not None and d <= as_of
    ]
    latest = max(evidence_days, default=None)
    source = day((c.get("source") or {}).get("date"))
    checked = [day(g.get("checked")) for g in c.get("gaps") or []]
    checked = [d for d in checked if d is not None and d <= as_of]
    last_checked = max(
        [day(c["made"]), latest, source if source and source <= as_of else None, max(checked, default=None)],
        key=lambda d: d or dt.date.min,
    )
    due = day(c.get("due"))
    status = str(last["status"])
    unsourced = str(last.get("unsourced", False)).lower() == "true"
    return {
        "id": str(c["id"]),
        "title": str(c["title"]),
        "owner": str(c["owner"]),
        "status": status,
        "status_label": labels.get(status, status),
        "since": since.isoformat(),
        "latest_evidence": latest.isoformat() if latest else None,
        "due": due.isoformat() if due else None,
        "overdue": bool(due and due < as_of and status not in closed),
        "stale": (as_of - last_checked).days >= stale_after,
        "last_checked": last_checked.isoformat(),
        "unsourced": unsourced,
        "gaps": len(c.get("gaps") or []),
    }


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("file")
    p.add_argument("--as-of")
    p.add_argument("--stale-after", type=int, default=180)
    p.add_argument("--json", action="store_true")
    a = p.parse_args()
    as_of = dt.date.fromisoformat(a.as_of or os.environ.get("COMMITMENTS_TODAY") or dt.date.today().isoformat())

    with open(a.file, "rb") as f:
        ledger = yaml.load(f, Loader=yaml.CSafeLoader)

    statuses = ledger.get("statuses") or DEFAULT_STATUSES
    closed = {s["key"] for s in statuses if str(s.get("closed", False)).lower() == "true"}
    labels = {s["key"]: s.get("label") or s["key"] for s in statuses}
    rows = [r for r in (row(c, as_of, closed, labels, a.stale_after) for c in ledger.get("commitments") or []) if r]

    if a.json:
        json.dump({"as_of": as_of.isoformat(), "commitments": rows}, sys.stdout, indent=2, ensure_ascii=False)
        print()
        return

    out = [f"{ledger.get('title') or 'Commitments'}", f"Status as of {as_of}", ""]
    out.append("\t".join(["Commitment", "Owner", "Status", "Since", "Latest evidence", "Due", "Flags"]))
    totals = {}
    for r in rows:
        flags = [
            f
            for f, on in (("overdue", r["overdue"]), ("stale", r["stale"]), ("unsourced", r["unsourced"]), ("gap", r["gaps"] > 0))
            if on
        ]
        out.append(
            "\t".join(
                [
                    f"{r['id']} {r['title']}",
                    r["owner"],
                    r["status_label"],
                    r["since"],
                    r["latest_evidence"] or "—",
                    r["due"] or "—",
                    " ".join(flags),
                ]
            )
        )
        totals[r["status_label"]] = totals.get(r["status_label"], 0) + 1
    out.append("")
    out.append(f"{len(rows)} commitments: " + ", ".join(f"{n} {k.lower()}" for k, n in totals.items()))
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
