"""What a trust publishes besides the HTML report: an A4 tagged PDF and an accessible workbook.

`pdf` prints the report with Debian's Chromium (print CSS in resources/report.css);
`workbook` writes the figures with gptables, one table per sheet (`workbook_tables`, with
the cell rules of `cells`); `report_files` writes both beside a report being built.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from .files import file_stem, report_file_paths, report_files_present

# The rest is imported when first used: the PDF and workbook code pulls in Jupyter's
# notebook format and gptables, which a run with nothing to rebuild never needs.
_LAZY = {
    "PdfPrinter": "pdf",
    "PdfUnavailable": "pdf",
    "write_pdf": "pdf",
    "NotebookInputs": "report_files",
    "ReportFiles": "report_files",
    "write_report_files": "report_files",
    "write_report_workbook": "report_files",
    "INTERNAL_EDITION": "workbook",
    "PUBLISHED_EDITION": "workbook",
    "edition_label": "workbook",
    "write_workbook": "workbook",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
