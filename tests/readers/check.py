#!/usr/bin/env python3
"""Feeds every report format to the program that will read it, and checks what it read.

Markdown goes through cmark-gfm (GitHub's own CommonMark/GFM renderer), CSV through Python's
csv module, JSON through Python's json module and jq, and HTML through headless Chromium,
which loads the page, dumps its DOM, logs any console message, and takes a screenshot.
Snapshot tests pin the exact bytes; these checks prove that the bytes mean what we think
to the programs that people actually use.

Usage: check.py BINARY OUTDIR   (tests/readers/run builds the binary and calls this)
"""

import csv
import html.parser
import io
import json
import os
import re
import struct
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.abspath(sys.argv[1])
OUT = os.path.abspath(sys.argv[2])
os.makedirs(OUT, exist_ok=True)

SHIPPED = os.path.join(ROOT, "commitments.yaml")
REPORTS = os.path.join(ROOT, "tests", "fixtures", "reports.yaml")
INJECTION = os.path.join(ROOT, "tests", "fixtures", "injection.yaml")
TODAY = "2026-11-22"
ENV = dict(os.environ, COMMITMENTS_TODAY=TODAY, NO_COLOR="1", LC_ALL="C.UTF-8", COLUMNS="200")
CHROMIUM = [
    "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--enable-logging=stderr", "--v=0",
]

passed = 0
failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL: {what}", file=sys.stderr)


def run(ledger, *args):
    # Bytes, decoded by hand: text mode would turn CSV's CRLF into LF before the check.
    r = subprocess.run([BIN, "-f", ledger, *args], env=ENV, capture_output=True)
    if r.returncode != 0:
        raise SystemExit(f"commitments {' '.join(args)} failed:\n{r.stderr.decode()}")
    return r.stdout.decode("utf-8")


def report_json(ledger, *args):
    return json.loads(run(ledger, *args, "--format", "json"))


ESCAPES = re.compile(r"\x1b\[[\x20-\x3f]*[\x40-\x7e]?|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b.?", re.S)


def clean(text):
    """What every text format shows of ledger text: terminal escape sequences removed whole,
    other control characters dropped, newlines kept."""
    text = ESCAPES.sub("", text)
    return "".join(c for c in text if c == "\n" or not (ord(c) < 32 or 127 <= ord(c) < 160))


def neutralised(text):
    try:
        float(text.strip())
        return text
    except ValueError:
        return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class Tables(html.parser.HTMLParser):
    """Tables (rows of cell texts), links and elements of an HTML document."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables, self.links, self.tags = [], [], []
        self.cell = None
        self.metas = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        a = dict(attrs)
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self.cell = []
        elif tag == "br" and self.cell is not None:
            self.cell.append("\n")
        elif tag == "a" and "href" in a:
            self.links.append(a["href"])
        elif tag == "meta":
            self.metas.append(a)

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None and self.tables and self.tables[-1]:
            self.tables[-1][-1].append("".join(self.cell).strip())
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def parse_html(text):
    p = Tables()
    p.feed(text)
    return p


def gfm(markdown, name):
    """Markdown rendered by cmark-gfm with tables on. --unsafe lets raw HTML through, so
    a <script> in the output would mean our escaping failed, not that cmark hid it."""
    path = os.path.join(OUT, name)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(markdown)
    r = subprocess.run(["cmark-gfm", "-e", "table", "-e", "autolink", "--unsafe", path],
                       capture_output=True, text=True, check=True)
    with open(path + ".html", "w", encoding="utf-8") as f:
        f.write(r.stdout)
    return parse_html(r.stdout)


def web_links_only(links, what):
    for href in links:
        check(re.match(r"^https?://", href) is not None, f"{what}: link {href!r} is not http(s)")


# ---------------------------------------------------------------------------------- Markdown

def markdown_checks():
    for ledger in (SHIPPED, REPORTS, INJECTION):
        name = os.path.basename(ledger)
        rows = report_json(ledger, "report")["commitments"]
        doc = gfm(run(ledger, "report", "--format", "markdown"), f"{name}.report.md")
        check(len(doc.tables) == 1, f"{name}: report markdown has one table")
        table = doc.tables[0]
        check(table[0] == ["Commitment", "Owner", "Status", "Since", "Latest evidence", "Due", "Flags"],
              f"{name}: header row {table[0]}")
        check(len(table) == len(rows) + 1, f"{name}: {len(table) - 1} rows for {len(rows)} commitments")
        for cells, row in zip(table[1:], rows):
            check(len(cells) == 7, f"{name}: {row['id']} has {len(cells)} cells")
            check(cells[0] == clean(row["id"] + "\n" + row["title"]).strip(), f"{name}: commitment cell {cells[0]!r}")
            check(cells[1] == clean(row["owner"]), f"{name}: owner cell {cells[1]!r} for {row['owner']!r}")
            check(cells[2] == row["status_label"], f"{name}: status cell {cells[2]!r}")
        check("script" not in doc.tags and "img" not in doc.tags, f"{name}: markup ran in markdown")

    # Quarterly table on the shipped ledger: every cell is the status the JSON gives.
    data = report_json(SHIPPED, "report", "--period", "quarterly", "--from", "2025-01-01")
    doc = gfm(run(SHIPPED, "report", "--period", "quarterly", "--from", "2025-01-01", "--format", "markdown"),
              "shipped.quarterly.md")
    table = doc.tables[0]
    labels = [p["label"] for p in data["periods"]]
    check(table[0] == ["Commitment", "Owner", *labels, "Flags"], f"quarterly header {table[0]}")
    check(len(table) == len(data["commitments"]) + 1, "quarterly rows")
    for cells, row in zip(table[1:], data["commitments"]):
        for cell, p in zip(cells[2:], row["periods"]):
            mark = ("+" if p["new"] else "") + ("*" if p["changed"] else "")
            want = (p["status_label"] + (" " + mark if mark else "")) if p["status"] else "—"
            check(cell == want, f"quarterly {row['id']} {p['period']}: {cell!r} != {want!r}")

    # The change digest: one table per commitment, one row per change, sources as links.
    data = report_json(SHIPPED, "changes", "--since", "2025-10-01")
    doc = gfm(run(SHIPPED, "changes", "--since", "2025-10-01", "--format", "markdown"), "shipped.changes.md")
    check(len(doc.tables) == len(data["commitments"]), "changes: one table per commitment")
    for table, group in zip(doc.tables, data["commitments"]):
        check(len(table) == len(group["changes"]) + 1, f"changes {group['id']}: rows")
        check(all(len(r) == 4 for r in table), f"changes {group['id']}: 4 cells a row")
    urls = {s["url"] for g in data["commitments"] for c in g["changes"] for s in c["sources"] if s["url"]}
    # Every source is a link; GFM may also autolink an address quoted in a note.
    check(urls <= set(doc.links), f"changes: links missing {urls - set(doc.links)}")
    web_links_only(doc.links, "changes markdown")

    history = report_json(SHIPPED, "history", "--period", "quarterly")
    doc = gfm(run(SHIPPED, "history", "--period", "quarterly", "--format", "markdown"), "shipped.history.md")
    check(len(doc.tables) == 2, "history markdown: the counts table and the movement table")
    counts, flow = doc.tables
    for table in (counts, flow):
        check(len(table) == len(history["periods"]) + 1, "history markdown rows")
    keys = [st["key"] for st in history["statuses"]]
    for cells, p in zip(counts[1:], history["periods"]):
        check(cells == [p["label"], *(str(p["counts"][k]) for k in keys), str(p["total"])],
              f"history counts {cells}")
    for cells, p in zip(flow[1:], history["periods"]):
        check(cells[:5] == [p["label"], str(p["new"]), str(p["changed"]), str(p["overdue"]), str(p["stale"])],
              f"history movement {cells}")

    # Hostile text: a pipe stays inside its cell, markup stays text, line breaks stay breaks.
    doc = gfm(run(INJECTION, "changes", "--since", "2025-01-01", "--format", "markdown"), "injection.changes.md")
    table = doc.tables[0]
    check(all(len(r) == 4 for r in table), "injection changes: 4 cells in every row")
    check(table[3][2] == "red note\nsecond | line <script>alert(2)</script>", f"injection note {table[3][2]!r}")
    check(table[2][2].startswith("“line one\nline two | =cmd|"), f"injection quote {table[2][2]!r}")
    check("script" not in doc.tags and "img" not in doc.tags, "injection: markup ran in markdown")
    web_links_only(doc.links, "injection markdown")


# --------------------------------------------------------------------------------------- CSV

def csv_rows(text):
    check("\r\n" in text, "CSV uses CRLF line ends (RFC 4180)")
    return list(csv.reader(io.StringIO(text, newline="")))


def no_formulas(rows, what):
    for row in rows:
        for cell in row:
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                try:
                    float(cell)
                except ValueError:
                    check(False, f"{what}: formula cell {cell!r}")


def csv_checks():
    fields = ["id", "title", "owner", "tags", "made", "status", "status_label", "since",
              "latest_evidence", "last_checked", "due", "overdue", "stale", "unsourced", "gaps"]
    for ledger in (SHIPPED, REPORTS, INJECTION):
        name = os.path.basename(ledger)
        data = report_json(ledger, "report")["commitments"]
        rows = csv_rows(run(ledger, "report", "--format", "csv"))
        check(rows[0] == fields, f"{name}: CSV header {rows[0]}")
        check(len(rows) == len(data) + 1, f"{name}: CSV rows")
        no_formulas(rows, name)
        for cells, row in zip(rows[1:], data):
            record = dict(zip(fields, cells))
            for key in ("id", "title", "owner", "status", "status_label"):
                want = clean(row[key])
                check(record[key] == neutralised(want), f"{name}: {key} {record[key]!r} for {want!r}")
                got = record[key][1:] if record[key] != want and record[key].startswith("'") else record[key]
                check(got == want, f"{name}: {key} does not round-trip")
            check(record["tags"] == "; ".join(row["tags"]), f"{name}: tags")
            check(record["since"] == row["since"], f"{name}: since")
            check(record["overdue"] == ("yes" if row["overdue"] else "no"), f"{name}: overdue")
            check(record["stale"] == ("yes" if row["stale"] else "no"), f"{name}: stale")

    hostile = csv_rows(run(INJECTION, "report", "--format", "csv"))[1]
    check(hostile[1] == "'=HYPERLINK(\"http://x\")", f"formula neutralised: {hostile[1]!r}")
    raw = csv_rows(run(INJECTION, "report", "--format", "csv", "--csv-raw"))[1]
    check(raw[1] == "=HYPERLINK(\"http://x\")", f"--csv-raw keeps the formula: {raw[1]!r}")
    changes = csv_rows(run(INJECTION, "changes", "--since", "2025-01-01", "--format", "csv"))
    no_formulas(changes, "injection changes")
    check(any(r[7] == "red note\nsecond | line <script>alert(2)</script>" for r in changes),
          "a multi-line note round-trips through CSV")

    # --bom: the mark Excel needs, which Python reads away with utf-8-sig and, with plain
    # utf-8, into the first header (why it is not the default).
    plain = run(SHIPPED, "report", "--format", "csv")
    marked = run(SHIPPED, "report", "--format", "csv", "--bom")
    check(not plain.startswith("\ufeff"), "CSV has no byte-order mark by default")
    check(marked == "\ufeff" + plain, "--bom adds the mark and nothing else")
    sig = list(csv.reader(io.StringIO(marked.encode("utf-8").decode("utf-8-sig"), newline="")))
    check(sig == csv_rows(plain), "--bom CSV read as utf-8-sig is the same table")
    check(csv_rows(marked)[0][0] == "\ufeffid", "plain utf-8 reads the mark into the first header")

    for args in (("history", "--period", "quarterly"), ("report", "--period", "monthly"),
                 ("report", "--by", "owner"), ("changes", "--since", "2025-01-01")):
        rows = csv_rows(run(SHIPPED, *args, "--format", "csv"))
        check(len({len(r) for r in rows}) == 1, f"{args}: every CSV row as wide as the header")
        no_formulas(rows, " ".join(args))


# -------------------------------------------------------------------------------------- JSON

# The documented field names (docs/reports.md). A rename breaks this on purpose.
STATUS_ROW = {"id", "uuid", "title", "owner", "tags", "made", "status", "status_label", "since",
              "latest_evidence", "due", "overdue", "stale", "last_checked", "unsourced", "gaps"}
DOCUMENTED = {
    ("report",): ({"report", "ledger", "as_of", "stale_after_days", "statuses", "totals", "average_score",
                   "percent", "commitments"}, "commitments", STATUS_ROW),
    ("report", "--period", "quarterly"): ({"report", "ledger", "period", "from", "to", "stale_after_days",
                                           "statuses", "periods", "commitments"}, "commitments",
                                          {"id", "title", "owner", "overdue", "stale", "periods"}),
    ("report", "--by", "owner"): ({"report", "ledger", "by", "as_of", "stale_after_days", "statuses", "groups",
                                   "all"}, "groups", {"group", "commitments", "counts", "overdue", "stale",
                                                      "average_score", "percent"}),
    ("history", "--period", "quarterly"): ({"report", "ledger", "period", "from", "to", "stale_after_days",
                                            "statuses", "periods"}, "periods",
                                           {"label", "start", "end", "partial", "counts", "total", "new",
                                            "changed", "overdue", "stale", "average_score", "percent"}),
    ("changes", "--since", "2025-01-01"): ({"report", "ledger", "since", "until", "stale_after_days", "statuses",
                                            "commitments"}, "commitments",
                                           {"id", "title", "owner", "status", "status_label", "overdue", "stale",
                                            "changes"}),
}


def json_checks():
    for args, (top, list_key, row_keys) in DOCUMENTED.items():
        data = report_json(SHIPPED, *args)
        check(set(data) == top, f"{args}: top-level fields {set(data) ^ top}")
        for row in data[list_key]:
            check(set(row) == row_keys, f"{args}: row fields {set(row) ^ row_keys}")
    change = report_json(SHIPPED, "changes", "--since", "2025-01-01")["commitments"][0]["changes"][0]
    check(set(change) == {"date", "kind", "from", "from_label", "to", "to_label", "note", "unsourced", "sources"},
          f"change fields {sorted(change)}")
    rows = json.loads(run(SHIPPED, "list", "--format", "json"))
    check(isinstance(rows, list) and set(rows[0]) == STATUS_ROW, "list --format json: a bare array of rows")
    # jq, as a shell script would read it.
    text = run(SHIPPED, "report", "--format", "json")
    r = subprocess.run(["jq", "-e", '.commitments | length == 13 and all(.[]; .status_label | type == "string")'],
                       input=text, capture_output=True, text=True)
    check(r.returncode == 0, f"jq reads the report: {r.stdout}{r.stderr}")
    hostile = report_json(INJECTION, "report")["commitments"][0]
    check(hostile["title"] == '=HYPERLINK("http://x")', "JSON keeps text exactly")


# -------------------------------------------------------------------------------------- HTML

def chromium(path, *args):
    profile = tempfile.mkdtemp(prefix="chromium-")
    r = subprocess.run([*CHROMIUM, f"--user-data-dir={profile}", *args, "file://" + path],
                       capture_output=True, text=True, timeout=180)
    console = [l for l in r.stderr.splitlines() if ":CONSOLE" in l or "Uncaught" in l]
    return r, console


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", head[16:24])


def html_checks():
    # The console check must be able to fail: a page whose script the policy blocks logs it.
    bad = os.path.join(OUT, "console-control.html")
    with open(bad, "w") as f:
        f.write("<!DOCTYPE html><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\">"
                "<title>x</title><script>1</script>")
    _, console = chromium(bad, "--dump-dom")
    check(len(console) > 0, "control: Chromium's console log is captured (else the next checks prove nothing)")

    pages = [
        ("status.html", SHIPPED, ("report",)),
        ("quarterly.html", SHIPPED, ("report", "--period", "quarterly", "--from", "2025-01-01")),
        ("history.html", SHIPPED, ("history", "--period", "quarterly")),
        ("changes.html", SHIPPED, ("changes", "--since", "2025-10-01")),
        ("by-owner.html", SHIPPED, ("report", "--by", "owner")),
        ("injection.html", INJECTION, ("report",)),
        ("injection-changes.html", INJECTION, ("changes", "--since", "2025-01-01")),
    ]
    for name, ledger, args in pages:
        path = os.path.join(OUT, name)
        subprocess.run([BIN, "-f", ledger, *args, "-o", path], env=ENV, check=True, capture_output=True)
        with open(path, encoding="utf-8") as f:
            source = f.read()
        r, console = chromium(path, "--dump-dom")
        check(r.returncode == 0, f"{name}: chromium --dump-dom exit {r.returncode}")
        check(console == [], f"{name}: console messages {console}")
        dom = parse_html(r.stdout)
        check("script" not in dom.tags, f"{name}: a script element in the DOM")
        check("img" not in dom.tags and "iframe" not in dom.tags, f"{name}: an img or iframe in the DOM")
        check(any(m.get("http-equiv") == "Content-Security-Policy" for m in dom.metas), f"{name}: no CSP")
        check("<link" not in source and "src=" not in source.replace("img src=x", ""), f"{name}: external asset")
        web_links_only(dom.links, name)
        if name == "status.html":
            data = report_json(SHIPPED, "report")
            table = dom.tables[0]
            check(len(table) == len(data["commitments"]) + 1, f"status.html: {len(table) - 1} rows in the DOM")
            for cells, row in zip(table[1:], data["commitments"]):
                check(cells[0] == row["id"] + "\n" + row["title"] and cells[2] == row["status_label"],
                      f"status.html row {cells[:3]}")
            check("svg" in dom.tags and dom.tags.count("rect") > 0, "status.html: the SVG chart is in the DOM")
            evidence = {e["url"] for c in load_evidence(SHIPPED) for e in c}
            check(evidence <= set(dom.links), f"status.html: evidence links missing {evidence - set(dom.links)}")
        if name.startswith("injection"):
            text = r.stdout
            check("&lt;script&gt;alert(" in text, f"{name}: the script shows as text")
            check("\x1b" not in text, f"{name}: a terminal escape in the page")

    # A screenshot, as a person would see the page.
    shot = os.path.join(OUT, "status.png")
    if os.path.exists(shot):
        os.remove(shot)
    r, console = chromium(os.path.join(OUT, "status.html"), f"--screenshot={shot}", "--window-size=1280,2400",
                          "--hide-scrollbars")
    size = png_size(shot) if os.path.exists(shot) else None
    check(size == (1280, 2400), f"screenshot {shot}: {size}")
    check(os.path.exists(shot) and os.path.getsize(shot) > 20_000, "screenshot has content")
    check(console == [], f"screenshot: console messages {console}")
    print(f"readers: screenshot of the shipped ledger's status page: {shot}")


def load_evidence(ledger):
    """Evidence URLs per commitment, from `show --format json`."""
    out = []
    for row in report_json(ledger, "report")["commitments"]:
        c = json.loads(run(ledger, "show", row["id"], "--format", "json"))["commitment"]
        out.append(c["evidence"])
    return out


markdown_checks()
csv_checks()
json_checks()
html_checks()
print(f"readers: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
