"""The report's PDF: A4, tagged, bookmarked, nothing cut off, and the same bytes every time.

Builds EXCCG's 2020 report once (shared by pytest-xdist workers) from real executed
notebooks of two sections: the workforce (wide pay-band tables, charts and an action
table) and the action-plan appendix (every action at a glance, then in full), with the PDF
and the workbook written beside it. The PDF is read back with pypdf: page sizes, the structure
tree, the outline, each page's running footer, and the text of the action plan's last
column, found by its position on the page.

The tests that print need Debian's Chromium (`make setup` as root installs it); they skip
without it. The unit tests at the end run anywhere.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import http.server
import os
import re
import shutil
import threading
from dataclasses import dataclass, replace
from pathlib import Path

import nbformat
import pypdf
import pytest

from wres_analysis.actions import load_action_plan, plan_path
from wres_analysis.params import load_year
from wres_analysis.paths import PARAMS_DIR
from wres_analysis.pipeline.report import OrgReport, ReportResult, build_reports
from wres_analysis.publish import PdfPrinter, PdfUnavailable, write_report_files
from wres_analysis.publish.pdf import CHROMIUM, fix_dates, footer_html, header_html
from wres_analysis.sections import SECTION_BY_SLUG

ORG, YEAR = "EXCCG", 2020
SECTIONS = ("02-workforce", "09-action-plan")
EDITION = "Internal — not for publication"
MM = 72 / 25.4  # points per millimetre
MARGIN_TOP, MARGIN_SIDE, MARGIN_BOTTOM = 18 * MM, 14 * MM, 20 * MM  # report.css @page

needs_chromium = pytest.mark.skipif(
    not os.access(CHROMIUM, os.X_OK),
    reason=f"{CHROMIUM} is missing: `make setup` installs Debian's chromium when run as root",
)


@dataclass(frozen=True)
class Built:
    result_text: str
    report_dir: Path

    @property
    def outputs(self) -> Path:
        return self.report_dir.parents[2]

    @property
    def pdf(self) -> Path:
        return self.report_dir / f"wres-{YEAR}-{ORG}.pdf"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """EXCCG 2020 over SECTIONS, run and built once per test run (workers share it)."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip(f"{CHROMIUM} is missing")
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent
    shared = root / "publish-pdf"
    shared.mkdir(exist_ok=True)
    outputs, verdict = shared / "outputs", shared / "build-result.txt"
    with open(shared / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not verdict.exists():
            result: ReportResult = build_reports(
                YEAR,
                [ORG],
                run_first=True,
                outputs_dir=outputs,
                max_workers=2,
                sections=[SECTION_BY_SLUG[s] for s in SECTIONS],
                use_quarto=False,
                pdf_and_xlsx=True,
            )
            verdict.write_text(("OK\n" if result.ok else "FAILED\n") + result.summary())
    status, _, summary = verdict.read_text().partition("\n")
    if status != "OK":
        pytest.fail(f"the report was not built:\n{summary}")
    return Built(summary, outputs / str(YEAR) / ORG / "report")


@pytest.fixture(scope="module")
def reader(built: Built) -> pypdf.PdfReader:
    return pypdf.PdfReader(built.pdf)


@dataclass(frozen=True)
class Fragment:
    x: float
    y: float
    text: str


_READ: dict[tuple[int, str], tuple[pypdf.PageObject, list]] = {}


def once(reading):
    """Read each page once per test run: text extraction is the slow part of these tests."""

    def cached(page: pypdf.PageObject) -> list:
        key = (id(page), reading.__name__)
        if key not in _READ:
            _READ[key] = (page, reading(page))  # the page is kept, so its id is not reused
        return _READ[key][1]

    return cached


@once
def fragments(page: pypdf.PageObject) -> list[Fragment]:
    """Every piece of text on the page with where it starts (points from bottom left)."""
    found: list[Fragment] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            matrix = pypdf.mult(tm, cm)
            found.append(Fragment(matrix[4], matrix[5], text))

    page.extract_text(visitor_text=visit)
    return found


@once
def image_bottoms(page: pypdf.PageObject) -> list[float]:
    """The lower edge of every image drawn on the page."""
    bottoms: list[float] = []

    def visit(operator, args, cm, tm):
        if operator == b"Do":
            bottoms.append(cm[5])

    page.extract_text(visitor_operand_before=visit)
    return bottoms


def body(page: pypdf.PageObject) -> list[Fragment]:
    """Text between the running header and footer."""
    height = float(page.mediabox.height)
    return [f for f in fragments(page) if MARGIN_BOTTOM < f.y < height - MARGIN_TOP]


def reader_date(path: Path) -> str:
    """The PDF's creation date as written in its document information."""
    return str(pypdf.PdfReader(path).metadata["/CreationDate"])


def squash(text: str) -> str:
    """Text without any whitespace: line wraps in a PDF drop or keep spaces unpredictably."""
    return re.sub(r"\s+", "", text)


# --- the build ---------------------------------------------------------------------------
@needs_chromium
def test_the_report_build_writes_and_lists_the_pdf_and_workbook(built: Built):
    index = (built.report_dir.parent.parent / "index.html").read_text(encoding="utf-8")
    for name in (f"wres-{YEAR}-{ORG}.pdf", f"wres-{YEAR}-{ORG}.xlsx"):
        assert (built.report_dir / name).stat().st_size > 10_000
        assert f"{ORG}/report/{name}" in built.result_text
        assert f'href="{ORG}/report/{name}"' in index  # the year's index page links it
    assert not list(built.report_dir.glob(".*"))  # no temporary files left behind


@needs_chromium
def test_an_unchanged_report_is_reused_unless_its_pdf_or_workbook_is_missing(built, tmp_path):
    outputs = tmp_path / "outputs"
    shutil.copytree(built.outputs, outputs)  # a private copy: other tests read the shared one

    def build() -> ReportResult:
        return build_reports(
            YEAR,
            [ORG],
            outputs_dir=outputs,
            sections=[SECTION_BY_SLUG[s] for s in SECTIONS],
            use_quarto=False,
            pdf_and_xlsx=True,
        )

    report = outputs / str(YEAR) / ORG / "report"
    [again] = build().built
    assert again.reused and {f.name for f in again.files} == {
        built.pdf.name,
        f"wres-{YEAR}-{ORG}.xlsx",
    }
    (report / built.pdf.name).unlink()
    [rebuilt] = build().built
    assert not rebuilt.reused and (report / built.pdf.name).read_bytes() == built.pdf.read_bytes()


# --- page size, tags, outline --------------------------------------------------------------
@needs_chromium
def test_pages_are_a4_portrait(reader):
    sizes = {
        (round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages
    }
    assert sizes == {(595, 842)}  # wide tables reflow to the page; none is clipped


@needs_chromium
def test_pdf_is_tagged_with_tables_figures_alt_text_and_language(reader):
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "en-GB"
    roles: dict[str, int] = {}
    alts: list[str] = []

    def walk(node) -> None:
        node = node.get_object()
        if isinstance(node, pypdf.generic.ArrayObject):
            for kid in node:
                walk(kid)
        elif isinstance(node, pypdf.generic.DictionaryObject):
            if "/S" in node:
                roles[node["/S"]] = roles.get(node["/S"], 0) + 1
            if "/Alt" in node:
                alts.append(str(node["/Alt"]))
            if "/K" in node:
                walk(node["/K"])

    walk(root["/StructTreeRoot"])
    for role in ("/Document", "/H1", "/H2", "/P", "/L", "/LI", "/Table", "/TH", "/TD", "/Figure"):
        assert roles.get(role), f"no {role} in the structure tree"
    assert alts and all(len(a) > 20 for a in alts)  # charts keep their alt text


@needs_chromium
def outline_items(outline: list, depth: int = 0) -> list[tuple[int, object]]:
    """(depth, item) for every bookmark, however deeply nested."""
    found = []
    for entry in outline:
        if isinstance(entry, list):
            found += outline_items(entry, depth + 1)
        else:
            found.append((depth, entry))
    return found


def test_outline_lists_every_section_with_its_title_intact(reader):
    top = [item.title for depth, item in outline_items(reader.outline) if depth == 0]
    titles = [SECTION_BY_SLUG[s].title for s in SECTIONS]
    assert top == [f"Workforce Race Equality Standard report {YEAR}", *titles]
    nested = [item.title for depth, item in outline_items(reader.outline) if depth > 0]
    assert "Action plan" in nested and "By pay band" in nested


# --- every page: footer, header, fill ------------------------------------------------------
@needs_chromium
def test_every_page_has_its_number_the_edition_and_the_title(reader):
    count = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert f"Page {number} of {count}" in text
        assert EDITION in text
        assert f"Workforce Race Equality Standard report {YEAR}: Exampleshire" in text


@needs_chromium
def test_no_page_but_the_last_is_near_empty(reader):
    for number, page in enumerate(reader.pages[:-1], start=1):
        height = float(page.mediabox.height)
        top, bottom = height - MARGIN_TOP, MARGIN_BOTTOM
        lows = [f.y for f in body(page)] + [y for y in image_bottoms(page) if y > bottom - 1]
        filled = (top - min(lows)) / (top - bottom)
        assert filled > 1 / 3, f"page {number} is only {filled:.0%} filled"


@needs_chromium
def test_no_heading_is_left_at_the_bottom_of_a_page(reader):
    for _, item in outline_items(reader.outline):
        page = reader.pages[reader.get_destination_page_number(item)]
        words = set(item.title.split())
        below = [
            f for f in body(page) if f.y < float(item.top) and not set(f.text.split()) <= words
        ]
        images = [y for y in image_bottoms(page) if y < float(item.top)]
        assert below or images, f"'{item.title}' ends its page with nothing after it"


# --- nothing cut off ---------------------------------------------------------------------
@needs_chromium
def test_no_text_starts_outside_the_page(reader):
    for number, page in enumerate(reader.pages, start=1):
        width = float(page.mediabox.width)
        for f in body(page):
            assert MARGIN_SIDE - 1 <= f.x <= width - MARGIN_SIDE, (number, f)


def column_text(reader: pypdf.PdfReader, header: str, before: str | None = None) -> list[str]:
    """Page by page, the text (top to bottom) of every table column headed `header`.

    A column is what starts at or right of its heading and left of the `before` heading
    (or the page's right margin).
    """
    pages = []
    for page in reader.pages:
        column = []
        found = body(page)
        heads = [f for f in found if f.text.strip() == header]
        ends = [f for f in found if before is not None and f.text.strip() == before]
        for head in heads:
            right = min(
                [e.x for e in ends if e.x > head.x and abs(e.y - head.y) < 1]
                or [float(page.mediabox.width) - MARGIN_SIDE]
            )
            cells = [f for f in found if head.x - 1 <= f.x < right - 1 and f.y <= head.y]
            column += [f.text for f in sorted(cells, key=lambda f: (-f.y, f.x))]
        pages.append(squash("".join(column)))
    return pages


@needs_chromium
def test_action_plan_last_columns_are_printed_in_full(reader):
    plan = load_action_plan(plan_path(PARAMS_DIR, ORG, YEAR))
    report_date = load_year(YEAR).report
    # the last column of the at-a-glance table: every status whole, never cut to "in progre…"
    status = "".join(column_text(reader, "Status"))
    shown = [
        f"OVERDUE: {a.status}" if a.is_overdue(report_date) else a.status for a in plan.actions
    ]
    assert all(squash(s) in status for s in shown), status
    assert squash("OVERDUE: in progress") in status
    # and in full, every update's text (the model report's last column)
    everything = squash("".join(page.extract_text() for page in reader.pages))
    missing = [a.id for a in plan.actions for u in a.updates if squash(u.text) not in everything]
    assert not missing, f"updates cut off or missing for {missing}"


# --- reproducible ------------------------------------------------------------------------
@needs_chromium
def test_printing_again_gives_the_same_bytes_dated_by_the_report(built: Built, tmp_path):
    again = tmp_path / "again.pdf"
    with PdfPrinter() as printer:
        printer.print(
            built.report_dir / "index.html",
            again,
            edition=EDITION,
            title=f"Workforce Race Equality Standard report {YEAR}: Exampleshire Clinical "
            f"Commissioning Group ({ORG})",
            date=load_year(YEAR).report,
        )
    assert again.read_bytes() == built.pdf.read_bytes()
    assert reader_date(again) == "D:20201031000000+00'00'"


@needs_chromium
def test_printing_fetches_nothing_over_the_network(tmp_path):
    """A report that asks for a remote image gets a PDF, and the server is never asked."""
    asked: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        page = tmp_path / "index.html"
        url = f"http://127.0.0.1:{server.server_port}/chart.png"
        page.write_text(f'<html lang="en"><body><h1>T</h1><img src="{url}" alt="x"></body></html>')
        with PdfPrinter() as printer:
            printer.print(page, tmp_path / "out.pdf", edition="e", title="t")
    finally:
        server.shutdown()
        server.server_close()
    assert pypdf.PdfReader(tmp_path / "out.pdf").pages
    assert asked == []


# --- units: no browser needed ----------------------------------------------------------------
def test_a_skipped_pdf_leaves_the_run_ok_but_a_failed_one_does_not(tmp_path):
    report = OrgReport(ORG, tmp_path / "index.html", "html", False)
    skipped = replace(report, notes=("PDF skipped: /usr/bin/chromium is missing",))
    failed = replace(report, problems=("PDF not written: RuntimeError: boom",))
    assert ReportResult(YEAR, (skipped,), (), tmp_path).ok
    result = ReportResult(YEAR, (failed,), (), tmp_path)
    assert not result.ok
    assert f"{ORG}: PDF not written: RuntimeError: boom" in result.summary()


def test_header_and_footer_escape_their_text():
    header = header_html('<script>alert("x")</script> & Co')
    assert "<script>" not in header and "&lt;script&gt;" in header and "&amp; Co" in header
    footer = footer_html("Internal <b>")
    assert "&lt;b&gt;" in footer
    assert '<span class="pageNumber"></span>' in footer
    assert '<span class="totalPages"></span>' in footer


def test_fix_dates_sets_both_dates_without_moving_a_byte():
    pdf = (
        b"%PDF-1.4\n1 0 obj <</CreationDate (D:20261129161909+01'00')"
        b" /ModDate (D:20261129161910-05'00')>> endobj\nxref 1234"
    )
    fixed = fix_dates(pdf, dt.date(2020, 10, 31))
    assert len(fixed) == len(pdf)
    assert fixed.count(b"(D:20201031000000+00'00')") == 2
    assert fixed.endswith(b"xref 1234")


def test_a_missing_chromium_is_a_clear_error(tmp_path):
    printer = PdfPrinter(executable=tmp_path / "no-chromium")
    with pytest.raises(PdfUnavailable, match="install chromium"):
        printer.print(tmp_path / "index.html", tmp_path / "out.pdf", edition="x", title="y")
    printer.close()
    assert not (tmp_path / "out.pdf").exists()


def ran_with(**parameters: str) -> nbformat.NotebookNode:
    """An executed notebook as papermill leaves it: its parameters in the metadata."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["papermill"] = {"parameters": {"org": ORG, "year": YEAR, **parameters}}
    return nb


def test_without_chromium_the_workbook_is_still_written_and_the_pdf_skipped(tmp_path):
    nb = ran_with(data_dir="data", params_dir="params", outputs_dir=str(tmp_path / "outputs"))
    with PdfPrinter(executable=tmp_path / "no-chromium") as printer:
        files = write_report_files(
            tmp_path,
            tmp_path / "index.html",
            [nb],
            org=ORG,
            year=YEAR,
            published=True,
            title="t",
            printer=printer,
        )
    assert files.files == (f"wres-{YEAR}-{ORG}.xlsx",)
    assert files.problems == ()
    [note] = files.notes
    assert note.startswith("PDF skipped:") and "install chromium" in note
    assert (tmp_path / f"wres-{YEAR}-{ORG}.xlsx").is_file()
    assert not (tmp_path / f"wres-{YEAR}-{ORG}.pdf").exists()


def test_a_workbook_that_cannot_be_made_is_a_problem_not_a_lost_report(tmp_path):
    nb = ran_with(
        data_dir=str(tmp_path / "empty-data"),
        params_dir="params",
        outputs_dir=str(tmp_path / "outputs"),
    )
    with PdfPrinter(executable=tmp_path / "no-chromium") as printer:
        files = write_report_files(
            tmp_path,
            tmp_path / "index.html",
            [nb],
            org=ORG,
            year=YEAR,
            published=False,
            title="t",
            printer=printer,
        )
    assert files.files == ()
    [problem] = files.problems
    assert problem.startswith("workbook not written:") and "workforce.csv" in problem
