"""Narrative for the overview (introduction and key points) and the methodology section."""

from __future__ import annotations

from typing import Any

from ..format import CONFIDENTIAL, fmt_band, fmt_date, fmt_pct
from ..indicator_terms import (
    ROLLING_METHODS,
)
from ..record_view import RecordView
from .common import sentence


def introduction(record: dict[str, Any], organisation: Any, year_params: Any) -> list[str]:
    """Who, which year and what the report covers (`version_note` says which version)."""
    year = record.get("year")
    settings = record.get("settings", {})
    snapshot = settings.get("snapshot_date") or year_params.snapshot.isoformat()
    report = settings.get("report_date") or year_params.report.isoformat()
    return [
        f"This report sets out how {organisation.name} ({organisation.type}, "
        f"{organisation.region}) performs against the nine indicators of the NHS Workforce "
        f"Race Equality Standard (WRES) for {year}: the workforce as at {fmt_date(snapshot)}, "
        "and recruitment, disciplinary and training activity over the twelve months to that "
        f"date. It is due for publication with the action plan by {fmt_date(report)}.",
    ]


def methodology(record: dict[str, Any], year_params: Any) -> list[str]:
    """The method in words: counting basis, groups, rolling average, band and disclosure."""
    view = RecordView(record)
    settings = record.get("settings", {})
    method = settings.get("rolling_method", year_params.disciplinary_rolling_method)
    paragraphs = [
        "Every figure is computed from the organisation's extracts by the wres-analysis "
        "package and read from one figures record; nothing in this report is typed by hand. "
        "Figures are kept unrounded and rounded only for display (percentages to one decimal "
        "place, relative likelihoods to two).",
        "Staff are counted by headcount, not full-time equivalent, and bank-only staff are "
        "excluded. Ethnicity follows the NHS Data Dictionary's ethnic categories, grouped as "
        "the table below shows. Indicators 1 and 9 report shares of the whole headcount, so "
        "staff of unknown ethnicity stay in the denominator; indicators 2-4 compare White "
        "with BME staff and leave unknowns out of both rates.",
        "A relative likelihood is one group's rate divided by the other's; 1.00 is parity. "
        f"Figures outside NHS England's non-adverse band of {fmt_band(view.band)} (the "
        "four-fifths rule) are flagged.",
        f"Indicator 3 uses a two-year rolling average of the current and previous year: "
        f"{ROLLING_METHODS.get(method, method)}. When the previous year's data are missing, "
        "the single year is used and the figure carries a caveat.",
        _disclosure_paragraph(view),
    ]
    notes = record.get("notes") or []
    if notes:
        paragraphs.append(
            "Data notes from this run:\n\n" + "\n".join(f"- {sentence(n)}" for n in notes)
        )
    return paragraphs


def _disclosure_paragraph(view: RecordView) -> str:
    settings = view.record.get("settings", {})
    zeros = " (and any count of 0)" if settings.get("suppress_zero") else ""
    min_range = settings.get("disclosure_min_range", 3)
    board = (
        "Board composition is public and exempt."
        if settings.get("board_exempt")
        else "Board composition is protected like any other count."
    )
    rule = (
        f"In the published version, any count below {view.threshold}{zeros} is hidden and "
        f"marked {CONFIDENTIAL}, with every figure built on it (percentages, rates, relative "
        "likelihoods, gaps and targets). Further counts are hidden wherever a reader could "
        "otherwise work a hidden count out, from totals and margins, from other tables, or "
        "from the earlier years the report shows, to fewer than "
        f"{min_range} possible values. Those further counts are chosen by optimisation (the "
        "fewest cells, then the smallest total), and every published record is checked by a "
        f"linear-programming audit before anything is written. {board}"
    )
    if view.published:
        block = view.record.get("disclosure") or {}
        if block.get("count_cells"):
            return rule + (
                f" This published version hides {block['hidden_cells']} of its "
                f"{block['count_cells']} counts ({fmt_pct(100 * block['hidden_share'], 0)}): "
                f"{block['hidden_primary']} below the threshold and "
                f"{block['hidden_complementary']} to protect them."
            )
        return rule + " This is the published version."
    return rule + " This is the internal version: every count is shown. Not for publication."


def reproducibility(fingerprint: str) -> list[str]:
    """How an auditor can prove this report, with its run fingerprint."""
    return [
        f"Run fingerprint: **{fingerprint}**. It is a short hash of everything this report "
        "was built from: the code and the exact versions of the libraries it uses, the "
        "Python version, every data and settings file, the notebook templates, the analyst "
        "commentary and the figures record. The same inputs always give the same fingerprint "
        "and the same figures. An auditor can re-run the whole report and check every figure "
        "in it against the data with `wres verify` (see docs/auditing.md).",
    ]


def data_preparation(summaries: list[Any]) -> list[str]:
    """Whether the data files were imported from raw exports or prepared by hand."""
    if not summaries:
        return [
            "The data files were prepared to the data contract directly (none was made from a "
            "raw export with `wres import`)."
        ]
    files = ", ".join(s.output for s in summaries)
    return [
        f"These files were made from the organisation's raw exports with `wres import`: "
        f"{files}. The table says what each import did; the others were prepared directly."
    ]
