#!/usr/bin/env python3
"""Feeds every report format to the program that will read it, and checks what it read.

Markdown goes through cmark-gfm (GitHub's own CommonMark/GFM renderer, also in its safe mode,
which drops raw HTML) and through pandoc to a Word document whose text is read back, CSV through Python's
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
import shutil
import tempfile
import xml.etree.ElementTree as ET
import zipfile

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
        self.tables, self.links, self.tags, self.items = [], [], [], []
        self.cell = None
        self.item = None
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
        elif tag == "li":
            self.item = []
        elif tag == "br" and self.cell is not None:
            self.cell.append("\n")
        elif tag == "br" and self.item is not None:
            self.item.append("\n")
        elif tag == "a" and "href" in a:
            self.links.append(a["href"])
        elif tag == "meta":
            self.metas.append(a)

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None and self.tables and self.tables[-1]:
            self.tables[-1][-1].append("".join(self.cell).strip())
            self.cell = None
        elif tag == "li" and self.item is not None:
            self.items.append("".join(self.item).strip())
            self.item = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)
        elif self.item is not None:
            # cmark writes `<br />` and then the source's line break, which is not text.
            if self.item and self.item[-1] == "\n" and data.startswith("\n"):
                data = data[1:]
            self.item.append(data)


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
    # Safe mode (cmark's default, and what many sites run) drops raw HTML: with none in the
    # document, it renders exactly what --unsafe does.
    safe = subprocess.run(["cmark-gfm", "-e", "table", "-e", "autolink", path],
                          capture_output=True, text=True, check=True).stdout
    check("raw HTML omitted" not in safe and safe == r.stdout, f"{name}: cmark safe mode drops something")
    return parse_html(r.stdout)


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx(name):
    """The Markdown file `name` (already written by gfm) through pandoc to Word, read back:
    its tables (rows of cell texts, a cell's paragraphs one per line) and its list items."""
    md = os.path.join(OUT, name)
    out = md + ".docx"
    subprocess.run(["pandoc", "-f", "gfm", "-t", "docx", "-o", out, md], check=True, capture_output=True)
    with zipfile.ZipFile(out) as z:
        root = ET.fromstring(z.read("word/document.xml"))

    def text(el):
        paras = []
        for p in el.iter(W + "p"):
            parts = []
            for node in p.iter():
                if node.tag == W + "t":
                    parts.append(node.text or "")
                elif node.tag == W + "br":
                    parts.append("\n")
            paras.append("".join(parts))
        return "\n".join(paras).strip()

    tables = [[[text(tc) for tc in tr.findall(W + "tc")] for tr in tbl.findall(W + "tr")]
              for tbl in root.iter(W + "tbl")]
    body = root.find(W + "body")
    paragraphs = [text(p) for p in body.findall(W + "p")]
    return tables, paragraphs


def web_links_only(links, what):
    for href in links:
        check(re.match(r"^https?://", href) is not None, f"{what}: link {href!r} is not http(s)")


# ---------------------------------------------------------------------------------- Markdown

def markdown_checks():
    for ledger in (SHIPPED, REPORTS, INJECTION):
        name = os.path.basename(ledger)
        rows = report_json(ledger, "report")["commitments"]
        doc = gfm(run(ledger, "report", "--format", "markdown"), f"{name}.report.md")
        word, _ = docx(f"{name}.report.md")
        check(len(doc.tables) == 1 and len(word) == 1, f"{name}: report markdown has one table")
        header = ["Id", "Commitment", "Owner", "Status", "Since", "Latest evidence", "Due", "Flags"]
        for reader, table in (("cmark-gfm", doc.tables[0]), ("pandoc docx", word[0])):
            # A ledger with funding on record has a Funding column before the flags.
            if "Funding" in table[0]:
                i = table[0].index("Funding")
                table = [r[:i] + r[i + 1:] for r in table]
            check(table[0] == header, f"{name} {reader}: header row {table[0]}")
            check(len(table) == len(rows) + 1, f"{name} {reader}: {len(table) - 1} rows for {len(rows)} commitments")
            for cells, row in zip(table[1:], rows):
                flags = [f for f, on in (("overdue", row["overdue"]), ("stale", row["stale"]),
                                         ("unsourced", row["unsourced"]), ("gap", row["gaps"] > 0)) if on]
                # A commitment with a parent is indented under it with an arrow.
                lead = "→ " if row.get("parent") else ""
                want = [lead + clean(row["id"]), clean(row["title"]), clean(row["owner"]), row["status_label"],
                        row["since"], row["latest_evidence"] or "—", row["due"] or "—", "; ".join(flags)]
                check(cells == want, f"{name} {reader}: row {cells} != {want}")
        check("script" not in doc.tags and "img" not in doc.tags, f"{name}: markup ran in markdown")

    # Quarterly table on the shipped ledger: every cell is the status the JSON gives.
    data = report_json(SHIPPED, "report", "--period", "quarterly", "--from", "2025-01-01")
    doc = gfm(run(SHIPPED, "report", "--period", "quarterly", "--from", "2025-01-01", "--format", "markdown"),
              "shipped.quarterly.md")
    word, _ = docx("shipped.quarterly.md")
    check(doc.tables[1:] == [] and word[0] == doc.tables[0], "quarterly: pandoc's Word table is cmark's")
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

    # The bulletin: the status table at the quarter's end, a table per commitment that
    # changed, the counts, the method; the same tables in Word as in cmark.
    data = report_json(SHIPPED, "bulletin", "--period", "2025-Q4")
    doc = gfm(run(SHIPPED, "bulletin", "--period", "2025-Q4", "--format", "markdown"), "shipped.bulletin.md")
    word, _ = docx("shipped.bulletin.md")
    check(len(doc.tables) == 1 + len(data["changes"]) + 2, f"bulletin: {len(doc.tables)} tables")
    check(word == doc.tables, "bulletin: pandoc's Word tables are cmark's")
    status = doc.tables[0]
    # A commitment with a parent is indented under it with an arrow.
    check([r[0] for r in status[1:]] == [("→ " if c.get("parent") else "") + clean(c["id"]) for c in data["commitments"]],
          "bulletin: status rows")
    check([r[3] for r in status[1:]] == [c["status_label"] for c in data["commitments"]], "bulletin: statuses")
    for table, group in zip(doc.tables[1:], data["changes"]):
        check(len(table) == len(group["changes"]) + 1, f"bulletin {group['id']}: a row per change")
    method = doc.tables[-1]
    check([r[0] for r in method[1:]] == [s["label"] for s in data["statuses"]], "bulletin: the method's scale")

    # Hostile text: a pipe stays inside its cell, markup stays text, line breaks stay breaks
    # (a text of several lines is listed under the table, its cell pointing to it).
    doc = gfm(run(INJECTION, "changes", "--since", "2025-01-01", "--format", "markdown"), "injection.changes.md")
    word, paragraphs = docx("injection.changes.md")
    table = doc.tables[0]
    check(all(len(r) == 4 for r in table), "injection changes: 4 cells in every row")
    check(word[0] == table, f"injection changes: pandoc's Word table {word[0]} is cmark's {table}")
    check(table[3][2] == "[2]" and table[2][2] == "[1]", f"injection notes referenced: {table}")
    note = "[2] red note\nsecond | line <script>alert(2)</script>"
    check(note in doc.items, f"injection note {doc.items}")
    check(any(i.startswith("[1] “line one\nline two | =cmd|") for i in doc.items), f"injection quote {doc.items}")
    check(note in paragraphs, f"injection note in Word: {paragraphs}")
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


def tidy_checks():
    """One value per cell: status key and label apart, marks and flags as yes/no columns,
    totals only when asked, and UNSOURCED as its own column."""
    yn = ("yes", "no")
    data = report_json(SHIPPED, "report", "--period", "quarterly", "--from", "2025-01-01")
    rows = csv_rows(run(SHIPPED, "report", "--period", "quarterly", "--from", "2025-01-01", "--format", "csv"))
    check(rows[0] == ["id", "title", "owner", "period", "start", "end", "partial", "status", "status_label",
                      "new", "changed", "overdue", "stale", "retired"], f"quarterly CSV header {rows[0]}")
    want = [(c["id"], p["period"], p["status"], p["status_label"], "yes" if p["new"] else "no",
             "yes" if p["changed"] else "no")
            for c in data["commitments"] for p in c["periods"] if p["status"]]
    got = [(r[0], r[3], r[7], r[8], r[9], r[10]) for r in rows[1:]]
    check(got == want, "quarterly CSV: one row per commitment and period, as the JSON says")
    check(all(r[6] in yn and r[11] in yn and r[12] in yn for r in rows[1:]), "quarterly CSV: yes/no flags")

    owners = csv_rows(run(SHIPPED, "report", "--by", "owner", "--format", "csv"))
    groups = report_json(SHIPPED, "report", "--by", "owner")["groups"]
    check([r[0] for r in owners[1:]] == [clean(g["group"]) for g in groups], "--by owner CSV: groups only")
    totals = csv_rows(run(SHIPPED, "report", "--by", "owner", "--format", "csv", "--totals"))
    check(totals[:-1] == owners and totals[-1][0] == "All commitments", "--totals adds the total row")

    changes = csv_rows(run(REPORTS, "changes", "--since", "2025-01-01", "--format", "csv"))
    header = changes[0]
    check(header[:12] == ["change", "id", "title", "owner", "date", "kind", "from", "from_label", "to",
                          "to_label", "note", "unsourced"], f"changes CSV header {header}")
    data = report_json(REPORTS, "changes", "--since", "2025-01-01")["commitments"]
    flat = [c for g in data for c in g["changes"]]
    check(len({r[0] for r in changes[1:]}) == len(flat), "changes CSV: every change numbered")
    for r in changes[1:]:
        c = flat[int(r[0]) - 1]
        check(r[11] == ("yes" if c["unsourced"] else "no"), f"changes CSV unsourced {r}")
        check("UNSOURCED" not in r[10], f"changes CSV: UNSOURCED hidden in a note {r[10]!r}")
    check(any(r[11] == "yes" for r in changes[1:]), "changes CSV: the fixture's unsourced events show")


def libreoffice(csvs):
    """The CSV files through LibreOffice headless to .xlsx, read back with openpyxl. LibreOffice
    is told the file is UTF-8 (--infilter, as its import dialog's character set): without it,
    7.4 reads any CSV as Latin-1 ("communiquÃ©"), the mark included (docs/reports.md)."""
    import openpyxl
    profile = tempfile.mkdtemp(prefix="soffice-")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                    "--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir", OUT, *csvs],
                   check=True, capture_output=True, timeout=180)
    books = []
    for path in csvs:
        xlsx = os.path.join(OUT, os.path.splitext(os.path.basename(path))[0] + ".xlsx")
        ws = openpyxl.load_workbook(xlsx).active
        books.append([[c for c in row] for row in ws.iter_rows(values_only=True)])
    return books


def xlsx_checks():
    """-o FILE.xlsx: a real workbook whose cells are typed, read by openpyxl and by LibreOffice
    (converted back to CSV), accented text and dates intact."""
    import datetime
    import openpyxl
    for args, name in ((("report",), "report"), (("report", "--period", "quarterly"), "quarterly"),
                       (("report", "--by", "owner"), "owners"), (("history", "--period", "quarterly"), "history"),
                       (("changes", "--since", "2025-01-01"), "changes"), (("list",), "list"),
                       (("bulletin", "--period", "2025-Q4"), "bulletin")):
        path = os.path.join(OUT, f"shipped.{name}.xlsx")
        subprocess.run([BIN, "-f", SHIPPED, *args, "-o", path], env=ENV, check=True, capture_output=True)
        rows = csv_rows(run(SHIPPED, *args, "--format", "csv", "--csv-raw"))
        if name == "bulletin":
            rows = csv_rows(run(SHIPPED, "changes", "--since", "2025-10-01", "--until", "2025-12-31",
                                "--format", "csv", "--csv-raw"))
        ws = openpyxl.load_workbook(path).active
        book = [list(r) for r in ws.iter_rows(values_only=True)]
        check(book[0] == rows[0], f"xlsx {name}: header {book[0]}")
        check(len(book) == len(rows), f"xlsx {name}: {len(book)} rows, CSV {len(rows)}")
        for got, want in zip(book[1:], rows[1:]):
            for g, w, h in zip(got, want, rows[0]):
                if isinstance(g, datetime.datetime):
                    ok = g.date().isoformat() == w
                elif isinstance(g, bool):
                    ok = w == ("yes" if g else "no")
                elif isinstance(g, (int, float)):
                    ok = float(w) == g
                else:
                    ok = (g or "") == clean(w).strip("\n") or (g or "") == clean(w)
                check(ok, f"xlsx {name}: {h} {g!r} for {w!r}")
        types = {h: type(v).__name__ for h, v in zip(book[0], book[1])}
        if name == "report":
            check(types["made"] == "datetime" and types["overdue"] == "bool" and types["gaps"] == "int"
                  and types["title"] == "str", f"xlsx report: types {types}")
        if name == "owners":
            check(types["average_score"] in ("float", "int"), f"xlsx owners: {types}")
    # LibreOffice opens the workbook: back to CSV, the text and the dates are the CSV's.
    profile = tempfile.mkdtemp(prefix="soffice-")
    xlsx = os.path.join(OUT, "shipped.report.xlsx")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", os.path.join(OUT, "lo"), xlsx],
                   check=True, capture_output=True, timeout=180)
    with open(os.path.join(OUT, "lo", "shipped.report.csv"), encoding="utf-8", newline="") as f:
        lo = list(csv.reader(f))
    want = csv_rows(run(SHIPPED, "report", "--format", "csv"))
    check(lo[0] == want[0], f"LibreOffice xlsx header {lo[0]}")
    for got, w in zip(lo[1:], want[1:]):
        for col in ("id", "title", "owner", "made", "since", "status_label"):
            i = w and want[0].index(col)
            check(got[i] == w[i], f"LibreOffice xlsx {col}: {got[i]!r} != {w[i]!r}")
    check(any("communiqué" in v for r in lo for v in r), "LibreOffice xlsx: accents intact")


def csv_checks():
    fields = ["id", "title", "owner", "parent", "tags", "made", "status", "status_label", "since",
              "latest_evidence", "last_checked", "due", "overdue", "stale", "unsourced", "gaps",
              "funding_currency", "pledged", "allocated", "disbursed", "spent", "retired"]
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
    check(any(r[10] == "red note\nsecond | line <script>alert(2)</script>" for r in changes),
          "a multi-line note round-trips through CSV")
    tidy_checks()

    # --bom: the mark Excel needs, which Python reads away with utf-8-sig and, with plain
    # utf-8, into the first header (why it is not the default).
    plain = run(SHIPPED, "report", "--format", "csv")
    marked = run(SHIPPED, "report", "--format", "csv", "--bom")
    check(not plain.startswith("\ufeff"), "CSV has no byte-order mark by default")
    check(marked == "\ufeff" + plain, "--bom adds the mark and nothing else")
    sig = list(csv.reader(io.StringIO(marked.encode("utf-8").decode("utf-8-sig"), newline="")))
    check(sig == csv_rows(plain), "--bom CSV read as utf-8-sig is the same table")
    check(csv_rows(marked)[0][0] == "\ufeffid", "plain utf-8 reads the mark into the first header")

    # LibreOffice, with and without the mark: the header is `id`, accented text intact.
    paths = []
    for name, text in (("lo-plain.csv", plain), ("lo-bom.csv", marked)):
        paths.append(os.path.join(OUT, name))
        with open(paths[-1], "w", encoding="utf-8", newline="") as f:
            f.write(text)
    table = csv_rows(plain)
    for name, book in zip(("plain", "--bom"), libreoffice(paths)):
        check(list(book[0]) == table[0], f"LibreOffice {name}: header {book[0][:3]}")
        check(len(book) == len(table), f"LibreOffice {name}: {len(book)} rows")
        for got, want in zip(book[1:], table[1:]):
            for col in ("id", "title", "owner", "status_label"):
                i = table[0].index(col)
                check(got[i] == want[i], f"LibreOffice {name}: {col} {got[i]!r} != {want[i]!r}")
        check(any("communiqué" in str(v) for row in book for v in row), f"LibreOffice {name}: accents")

    for args in (("history", "--period", "quarterly"), ("report", "--period", "monthly"),
                 ("report", "--by", "owner"), ("changes", "--since", "2025-01-01")):
        rows = csv_rows(run(SHIPPED, *args, "--format", "csv"))
        check(len({len(r) for r in rows}) == 1, f"{args}: every CSV row as wide as the header")
        no_formulas(rows, " ".join(args))


# -------------------------------------------------------------------------------------- JSON

# The documented field names (docs/reports.md). A rename breaks this on purpose.
STATUS_ROW = {"id", "uuid", "title", "owner", "parent", "tags", "made", "status", "status_label", "since",
              "latest_evidence", "due", "overdue", "stale", "last_checked", "unsourced", "gaps", "funding",
              "retired"}
DOCUMENTED = {
    ("report",): ({"report", "ledger", "as_of", "stale_after_days", "statuses", "totals", "average_score",
                   "percent", "commitments"}, "commitments", STATUS_ROW),
    ("report", "--period", "quarterly"): ({"report", "ledger", "period", "from", "to", "stale_after_days",
                                           "statuses", "periods", "commitments"}, "commitments",
                                          {"id", "title", "owner", "overdue", "stale", "retired", "periods"}),
    ("report", "--by", "owner"): ({"report", "ledger", "by", "as_of", "stale_after_days", "statuses", "groups",
                                   "all"}, "groups", {"group", "commitments", "counts", "overdue", "stale",
                                                      "average_score", "percent", "funding"}),
    ("history", "--period", "quarterly"): ({"report", "ledger", "period", "from", "to", "stale_after_days",
                                            "statuses", "periods"}, "periods",
                                           {"label", "start", "end", "partial", "counts", "total", "new",
                                            "changed", "overdue", "stale", "average_score", "percent"}),
    ("changes", "--since", "2025-01-01"): ({"report", "ledger", "since", "until", "recorded_since",
                                            "stale_after_days", "statuses", "commitments"}, "commitments",
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
    check(set(change) == {"date", "kind", "recorded", "from", "from_label", "to", "to_label", "note", "unsourced",
                          "sources", "stage", "amount", "currency"},
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
    # A fresh profile per run, removed after it: a kept profile would carry state between
    # pages, and 60-odd left in /tmp per run fill the disk of a machine that runs this often.
    profile = tempfile.mkdtemp(prefix="chromium-")
    try:
        r = subprocess.run([*CHROMIUM, f"--user-data-dir={profile}", *args, "file://" + path],
                           capture_output=True, text=True, timeout=180)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
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
        ("bulletin.html", SHIPPED, ("bulletin", "--period", "2025-Q4")),
        ("injection.html", INJECTION, ("report",)),
        ("injection-bulletin.html", INJECTION, ("bulletin", "--period", "2025")),
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
                lead = "→ " if row.get("parent") else ""
                check(cells[0] == lead + row["id"] + "\n" + row["title"] and cells[2] == row["status_label"],
                      f"status.html row {cells[:3]}")
            check("svg" in dom.tags and dom.tags.count("rect") > 0, "status.html: the SVG chart is in the DOM")
            evidence = {e["url"] for c in load_evidence(SHIPPED) for e in c}
            check(evidence <= set(dom.links), f"status.html: evidence links missing {evidence - set(dom.links)}")
        # Fits a 1280-pixel screen and an A4 page: no sideways scrolling, a wide table split
        # into parts that repeat the commitment and owner; the footer cites nothing the reader
        # lacks; every status has its own colour beside its label.
        check("overflow-x" not in source, f"{name}: a table scrolls sideways")
        check(all(len(t[0]) <= 2 + 6 + 1 for t in dom.tables if t), f"{name}: a table too wide to fit")
        check("docs/" not in source and ".md" not in source, f"{name}: cites a file the reader does not have")
        colours = re.findall(r"\.s\d+ \{ background: (#[0-9a-f]{6}); \}", source)
        check(len(colours) == len(set(colours)) > 0, f"{name}: statuses share a colour {colours}")
        if name == "quarterly.html":
            data = report_json(SHIPPED, "report", "--period", "quarterly", "--from", "2025-01-01")
            parts = [t for t in dom.tables if t and t[0][:2] == ["Commitment", "Owner"]]
            check(len(parts) == 2, f"quarterly.html: {len(parts)} parts")
            periods = [h for t in parts for h in t[0][2:] if h != "Flags"]
            check(periods == [p["label"] for p in data["periods"]], f"quarterly.html: periods {periods}")
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

    # Screenshots, at 1280 pixels wide (the README's copies are in docs/screenshots/).
    for page, png in (("bulletin.html", "bulletin.png"),):
        target = os.path.join(OUT, png)
        r, console = chromium(os.path.join(OUT, page), f"--screenshot={target}", "--window-size=1280,2000",
                              "--hide-scrollbars")
        check(png_size(target) == (1280, 2000), f"screenshot {png}")
        check(console == [], f"screenshot {png}: console {console}")
        print(f"readers: screenshot {target}")

    # Printed to A4 (Chromium's default paper): a PDF, the monthly table in parts.
    pdf = os.path.join(OUT, "monthly.pdf")
    page = os.path.join(OUT, "monthly.html")
    subprocess.run([BIN, "-f", SHIPPED, "report", "--period", "monthly", "--from", "2025-01-01", "-o", page],
                   env=ENV, check=True, capture_output=True)
    r, console = chromium(page, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    check(os.path.exists(pdf) and open(pdf, "rb").read(5) == b"%PDF-", "monthly page printed to PDF")
    check(console == [], f"print: console messages {console}")


def load_evidence(ledger):
    """Evidence URLs per commitment, from `show --format json`."""
    out = []
    for row in report_json(ledger, "report")["commitments"]:
        c = json.loads(run(ledger, "show", row["id"], "--format", "json"))["commitment"]
        out.append(c["evidence"])
    return out


# -------------------------------------------------------------------------------------- site

def site_files(root):
    out = {}
    for d, _, names in os.walk(root):
        for n in names:
            path = os.path.join(d, n)
            with open(path, "rb") as f:
                out[os.path.relpath(path, root).replace(os.sep, "/")] = f.read()
    return out


def ids_of(text):
    return set(re.findall(r' id="([^"]+)"', text))


def resolve(page, href):
    """A relative link from site page `page` to a site path and a fragment."""
    file, _, fragment = href.partition("#")
    if not file:
        return page, fragment
    return os.path.normpath(os.path.join(os.path.dirname(page), file)).replace(os.sep, "/"), fragment


def site_checks():
    import feedparser
    import icalendar
    for ledger in (SHIPPED, REPORTS, INJECTION):
        name = os.path.basename(ledger)
        root = os.path.join(OUT, "site-" + name.replace(".yaml", ""))
        subprocess.run(["rm", "-rf", root], check=True)
        subprocess.run([BIN, "-f", ledger, "site", root], env=ENV, check=True, capture_output=True)
        files = site_files(root)
        again = subprocess.run([BIN, "-f", ledger, "site", root], env=ENV, check=True, capture_output=True)
        check(site_files(root) == files and b" 0 files written" in again.stderr, f"{name}: site re-run changed files")
        pages = sorted(p for p in files if p.endswith(".html"))
        rows = report_json(ledger, "report")["commitments"]
        check({f"c/{r['id']}.html" for r in rows} <= set(pages), f"{name}: a page per commitment")
        # Crawled from file://: every relative link resolves to a file, and its fragment to an id.
        for page in pages:
            text = files[page].decode("utf-8")
            doc = parse_html(text)
            for href in doc.links:
                if re.match(r"^https?://", href):
                    continue
                check("://" not in href and not href.startswith("/"), f"{name} {page}: link {href!r} not relative")
                target, fragment = resolve(page, href)
                check(target in files, f"{name} {page}: {href} -> {target} missing")
                if fragment and target in files:
                    check(fragment in ids_of(files[target].decode("utf-8")), f"{name} {page}: #{fragment} missing")
        index = parse_html(files["index.html"].decode("utf-8"))
        check([f"c/{r['id']}.html" for r in rows] == [l for l in index.links if l.startswith("c/")],
              f"{name}: the index's rows link to the pages in order")
        # Every page loaded in Chromium, from file://, with no console message.
        for page in pages:
            r, console = chromium(os.path.join(root, page), "--dump-dom")
            check(r.returncode == 0 and console == [], f"{name} {page}: chromium {r.returncode} {console}")
            dom = parse_html(r.stdout)
            check("script" not in dom.tags and "img" not in dom.tags, f"{name} {page}: script or image")
        # The feed, by feedparser: every change one entry, newest first, stable distinct ids,
        # each linking into the site.
        feed = feedparser.parse(files["feed.atom"])
        check(not feed.bozo, f"{name}: feedparser: {feed.get('bozo_exception')}")
        first = min(r["made"] for r in rows) if rows else TODAY
        changes = report_json(ledger, "changes", "--since", first)["commitments"]
        flat = [c for g in changes for c in g["changes"]]
        check(len(feed.entries) == len(flat), f"{name}: {len(feed.entries)} entries for {len(flat)} changes")
        ids = [e.id for e in feed.entries]
        check(len(set(ids)) == len(ids) and all(i.startswith("urn:uuid:") for i in ids), f"{name}: entry ids")
        dates = [e.updated for e in feed.entries]
        check(dates == sorted(dates, reverse=True), f"{name}: feed newest first")
        for e in feed.entries:
            target, fragment = resolve("feed.atom", e.link)
            check(target in files and (not fragment or fragment in ids_of(files[target].decode("utf-8"))),
                  f"{name}: feed link {e.link}")
        alone = feedparser.parse(run(ledger, "changes", "--since", first, "--format", "atom").encode())
        check(not alone.bozo and [e.id for e in alone.entries] == ids, f"{name}: changes --format atom is the site's feed")
        # The calendar, by icalendar: one all-day event per due date.
        cal = icalendar.Calendar.from_ical(files["due.ics"])
        events = list(cal.walk("VEVENT"))
        due = [r for r in rows if r["due"]]
        check(len(events) == len(due), f"{name}: {len(events)} events for {len(due)} due dates")
        for ev, r in zip(events, due):
            check(str(ev.decoded("DTSTART")) == r["due"], f"{name}: due {ev.decoded('DTSTART')} != {r['due']}")
            check(r["id"] in str(ev.get("SUMMARY")), f"{name}: summary {ev.get('SUMMARY')}")
        check(run(ledger, "list", "--format", "ics").encode() == files["due.ics"], f"{name}: list --format ics")

    # The data package, by `frictionless validate`: every CSV matches its Table Schema; and
    # the check can fail (a date broken in a copy is found).
    for ledger in (SHIPPED, REPORTS, INJECTION):
        data = os.path.join(OUT, "site-" + os.path.basename(ledger).replace(".yaml", ""), "data")
        r = subprocess.run(["frictionless", "validate", "--json", "datapackage.json"], cwd=data,
                           capture_output=True, text=True, timeout=300)
        report = json.loads(r.stdout) if r.stdout.strip().startswith("{") else {}
        check(r.returncode == 0 and report.get("valid") is True, f"{ledger}: frictionless: {r.stdout[-2000:]}{r.stderr[-500:]}")
        package = json.load(open(os.path.join(data, "datapackage.json")))
        for res in package["resources"]:
            for field in res["schema"]["fields"]:
                check(field.get("description") and field.get("type"), f"{res['path']}: {field} lacks type or description")
    broken = os.path.join(OUT, "datapackage-control")
    subprocess.run(["rm", "-rf", broken], check=True)
    subprocess.run(["cp", "-r", os.path.join(OUT, "site-reports", "data"), broken], check=True)
    path = os.path.join(broken, "commitments.csv")
    text = open(path, encoding="utf-8").read().replace("2025-01-15", "2025-13-45", 1)
    open(path, "w", encoding="utf-8", newline="").write(text)
    r = subprocess.run(["frictionless", "validate", "--json", "datapackage.json"], cwd=broken,
                       capture_output=True, text=True, timeout=300)
    check(r.returncode != 0, "control: frictionless finds a broken date")

    # The site in French and German: every page loads in Chromium with no console message and
    # says its language; the feed parses and says it too; the data package still validates (a
    # status label in French is text, its column the same).
    for lang in ("fr", "de"):
        root = os.path.join(OUT, "site-reports-" + lang)
        subprocess.run(["rm", "-rf", root], check=True)
        subprocess.run([BIN, "-f", REPORTS, "site", root, "--lang", lang], env=ENV, check=True, capture_output=True)
        files = site_files(root)
        for page in sorted(p for p in files if p.endswith(".html")):
            r, console = chromium(os.path.join(root, page), "--dump-dom")
            check(r.returncode == 0 and console == [], f"{lang} {page}: chromium {r.returncode} {console}")
            check(re.search(r'<html lang="%s"' % lang, r.stdout) is not None, f"{lang} {page}: html lang")
        feed = feedparser.parse(files["feed.atom"])
        check(not feed.bozo and feed.feed.get("language") == lang, f"{lang}: feed {feed.get('bozo_exception')} {feed.feed.get('language')}")
        r = subprocess.run(["frictionless", "validate", "--json", "datapackage.json"], cwd=os.path.join(root, "data"),
                           capture_output=True, text=True, timeout=300)
        check(r.returncode == 0, f"{lang}: frictionless: {r.stdout[-1000:]}")

    # Screenshots at 1280 pixels of the index and a commitment page.
    root = os.path.join(OUT, "site-commitments")
    for page, png in (("index.html", "site-index.png"), ("c/de-smuggling-law.html", "site-commitment.png")):
        target = os.path.join(OUT, png)
        r, console = chromium(os.path.join(root, page), f"--screenshot={target}", "--window-size=1280,1600",
                              "--hide-scrollbars")
        check(png_size(target) == (1280, 1600) and console == [], f"screenshot {png}")
        print(f"readers: screenshot {target}")


markdown_checks()
csv_checks()
xlsx_checks()
json_checks()
html_checks()
site_checks()
print(f"readers: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
