"""What a trust publishes besides the HTML report: an A4 tagged PDF and an accessible workbook.

`pdf` prints the report with Debian's Chromium (print CSS in resources/report.css);
`workbook` writes the figures with gptables, one table per sheet (`workbook_tables`, with
the cell rules of `cells`); `report_files` writes both beside a report being built.
"""

from __future__ import annotations

from .pdf import PdfPrinter, PdfUnavailable, write_pdf
from .report_files import (
    NotebookInputs,
    ReportFiles,
    file_stem,
    report_file_paths,
    report_files_present,
    write_report_files,
    write_report_workbook,
)
from .workbook import INTERNAL_EDITION, PUBLISHED_EDITION, edition_label, write_workbook

__all__ = [
    "INTERNAL_EDITION",
    "PUBLISHED_EDITION",
    "NotebookInputs",
    "PdfPrinter",
    "PdfUnavailable",
    "ReportFiles",
    "edition_label",
    "file_stem",
    "report_file_paths",
    "report_files_present",
    "write_pdf",
    "write_report_files",
    "write_report_workbook",
    "write_workbook",
]
