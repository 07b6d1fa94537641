"""The report as an A4, tagged, bookmarked PDF: Debian's Chromium prints the HTML report.

Why Chromium: the report is already HTML with print CSS (resources/report.css, `@media
print`), the browser tests already drive the same Chromium, and it writes tagged PDF
(structure tree, alt text, table headers) with an outline built from the headings, which
WeasyPrint does not do as fully. Layout (A4, landscape pages for the action plan, no table
cut off, headings kept with what follows) lives in the CSS; this module adds the running
header and footer (title, edition, "Page n of N") and makes the file reproducible.

One browser serves a whole batch (`PdfPrinter`), as launching Chromium costs about a second.
Nothing is fetched over the network: the report is self-contained and any other request is
refused.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
from pathlib import Path
from types import TracebackType
from typing import Any

from .files import atomic_output

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",  # containers often have a tiny /dev/shm
)
INSTALL_HINT = "install chromium (make setup as root, or: apt-get install chromium)"
TIMEOUT_MS = 120_000

# The running header and footer: Chromium fills in the spans classed pageNumber/totalPages.
_STYLE = (
    "font-family: Arial, Helvetica, sans-serif; font-size: 8pt; color: #425563; "
    "width: 100%; margin: 0 14mm; display: flex; justify-content: space-between;"
)
HEADER = '<div style="{style}"><span>{title}</span></div>'
FOOTER = (
    '<div style="{style}"><span>{edition}</span>'
    '<span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>'
)

# Chromium stamps the time of printing; the same report must give the same bytes.
_PDF_DATE = re.compile(rb"(/(?:CreationDate|ModDate) \(D:)\d{14}([+-]\d\d'\d\d')?")


class PdfUnavailable(RuntimeError):
    """Chromium (or Playwright) is not installed, so no PDF can be printed."""


def header_html(title: str) -> str:
    """The running header: the report's title, HTML-escaped."""
    return HEADER.format(style=_STYLE, title=html.escape(title))


def footer_html(edition: str) -> str:
    """The running footer: the edition (escaped) and "Page n of N"."""
    return FOOTER.format(style=_STYLE, edition=html.escape(edition))


def fix_dates(pdf: bytes, day: dt.date) -> bytes:
    """Set the PDF's creation and modification dates to midnight UTC on `day`.

    The replacement has the same length, so the cross-reference offsets stay right.
    """
    stamp = day.strftime("%Y%m%d000000").encode()
    return _PDF_DATE.sub(lambda m: m.group(1) + stamp + (b"+00'00'" if m.group(2) else b""), pdf)


class PdfPrinter:
    """Prints reports to PDF with one headless Chromium, started on first use.

    Use as a context manager, or call `close()` when the batch is done. Raises
    `PdfUnavailable` (from `print`) when Chromium or Playwright is missing.
    """

    def __init__(self, executable: Path = CHROMIUM) -> None:
        self.executable = Path(executable)
        self._playwright: Any = None
        self._browser: Any = None

    def __enter__(self) -> PdfPrinter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def start(self) -> Any:
        """Launch Chromium now (`print` does on first use); returns the browser."""
        if self._browser is not None:
            return self._browser
        if not os.access(self.executable, os.X_OK):
            raise PdfUnavailable(f"{self.executable} is missing: {INSTALL_HINT}")
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            raise PdfUnavailable(
                "playwright is not installed: pip install -c requirements.lock -e ."
            ) from None
        self._playwright = sync_playwright().start()
        try:
            self._browser = self._playwright.chromium.launch(
                executable_path=str(self.executable), headless=True, args=list(LAUNCH_ARGS)
            )
        except Exception:
            self.close()
            raise
        return self._browser

    def close(self) -> None:
        """Shut the browser down (a no-op when it never started)."""
        if self._browser is not None:
            self._browser.close()
            self._browser = None
        if self._playwright is not None:
            self._playwright.stop()
            self._playwright = None

    def print(
        self,
        report_html: Path,
        out_pdf: Path,
        *,
        edition: str,
        title: str,
        date: dt.date | None = None,
    ) -> Path:
        """Print `report_html` to `out_pdf` (A4, tagged, with an outline), atomically.

        `edition` goes in every page's footer beside the page number, `title` in the
        header; `date` becomes the PDF's creation date (default: 1 January 2000), so the
        same report always gives the same bytes.
        """
        browser = self.start()
        context = browser.new_context(service_workers="block", java_script_enabled=False)
        try:
            context.route("**/*", _local_only)
            page = context.new_page()
            page.goto(Path(report_html).resolve().as_uri(), timeout=TIMEOUT_MS)
            pdf = page.pdf(
                format="A4",
                prefer_css_page_size=True,  # the CSS's named landscape pages
                print_background=True,
                tagged=True,
                outline=True,
                display_header_footer=True,
                header_template=header_html(title),
                footer_template=footer_html(edition),
            )
        finally:
            context.close()
        with atomic_output(Path(out_pdf)) as staged:
            staged.write_bytes(fix_dates(pdf, date or dt.date(2000, 1, 1)))
        return Path(out_pdf)


def _local_only(route: Any) -> None:
    """Let the report load its own file and data: URIs; refuse anything else."""
    if route.request.url.startswith(("file:", "data:")):
        route.continue_()
    else:
        route.abort("internetdisconnected")


def write_pdf(
    report_html: Path,
    out_pdf: Path,
    *,
    edition: str,
    title: str,
    date: dt.date | None = None,
) -> Path:
    """Print one report to PDF with a browser of its own (see `PdfPrinter` for batches)."""
    with PdfPrinter() as printer:
        return printer.print(report_html, out_pdf, edition=edition, title=title, date=date)
