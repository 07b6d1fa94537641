"""Change over time: one column per available year, one row per figure of the indicator.

Each cell reads as the section's own tables do: "[c]" for a hidden count, "[c]"
for a figure built on one, "not required" for a year the indicator was not asked for.
With only the current year there is no table (the narrative says there is no trend yet).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from ...figures.targets import group_counts
from ..format import NOT_AVAILABLE, SUPPRESSED, fmt_band, fmt_count
from ..indicator_terms import INDICATOR_NAMES, LIKELIHOOD, SURVEY_INDICATORS
from ..record_view import RecordView
from ..trend_view import Records, join_years, measure, points, series
from .common import frame

Cell = Callable[[dict[str, Any]], str]


def _row(records: Records, label: str, cells: dict[int, str], **first: str) -> dict[str, str]:
    return {**first, "Measure": label, **{str(y): cells[y] for y in sorted(records)}}


def _measure_row(
    records: Records, indicator: int, name: str, label: str, **first: str
) -> dict[str, str]:
    shown = {p.year: p.text for p in points(records, measure(indicator, name), series(records))}
    return _row(records, label, shown, **first)


def _cell_row(records: Records, label: str, cell: Cell, **first: str) -> dict[str, str]:
    return _row(records, label, {y: cell(r) for y, r in records.items()}, **first)


def _senior_counts(record: dict[str, Any]) -> str:
    headcount, bme, _ = group_counts(record, "senior_8a_plus")
    if headcount is None:
        return SUPPRESSED if record.get("published") else NOT_AVAILABLE
    return f"{fmt_count(bme)} of {fmt_count(headcount)}"


def _workforce(records: Records) -> list[dict[str, str]]:
    rows = [
        _cell_row(
            records,
            "Workforce headcount",
            lambda r: RecordView(r).count("indicators", 1, "overall", "total"),
        )
    ]
    for name, label in (
        ("workforce_bme_pct", "BME share of the workforce"),
        ("workforce_white_pct", "White share of the workforce"),
        ("workforce_unknown_pct", "Unknown-ethnicity share of the workforce"),
        ("senior_8a_plus_bme_pct", "BME share of Band 8a and above"),
    ):
        rows.append(_measure_row(records, 1, name, label))
    rows.append(_cell_row(records, "BME staff in Band 8a and above", _senior_counts))
    rows.append(
        _measure_row(
            records, 1, "senior_8a_plus_difference_pp", "Band 8a and above minus the workforce"
        )
    )
    return rows


def _band_cell(number: int) -> Cell:
    def cell(record: dict[str, Any]) -> str:
        view = RecordView(record)
        if view.indicator(number).get("relative_likelihood") is None:
            return "-"
        return view.assessment(number).split(" the non-adverse band")[0]

    return cell


def _rate_cell(number: int, key: str) -> Cell:
    spec = LIKELIHOOD[number]

    def cell(record: dict[str, Any]) -> str:
        view = RecordView(record)
        if view.state(number) != "available":
            return view.missing_text(number) or "-"
        base = ("indicators", number, key)
        count = view.count(*base, spec.count)
        return f"{view.rate(*base, 'rate')} ({count} of {view.count(*base, spec.denominator)})"

    return cell


# Indicator 3's rolling methods, as a table cell says them (the methodology gives the detail).
METHOD_CELLS: dict[str, str] = {
    "single": "one year only (no earlier data)",
    "mean_entries_current_headcount": "two-year mean of entries, current headcount",
    "pooled": "two years pooled",
}


def _years_cell(record: dict[str, Any]) -> str:
    return join_years(RecordView(record).indicator(3).get("years") or []) or "-"


def _method_cell(record: dict[str, Any]) -> str:
    block = RecordView(record).indicator(3)
    return METHOD_CELLS.get(block.get("method_key") or "", block.get("method") or "-")


def _likelihood(records: Records, number: int) -> list[dict[str, str]]:
    spec = LIKELIHOOD[number]
    band = fmt_band(RecordView(records[max(records)]).band)
    rows = [
        _measure_row(
            records,
            number,
            "relative_likelihood",
            f"Relative likelihood ({spec.top} vs {spec.other})",
        ),
        _cell_row(records, f"Against the non-adverse band {band}", _band_cell(number)),
    ]
    for key in ("white", "bme"):
        label = f"{spec.rate_label}: {key.upper() if key == 'bme' else key.capitalize()}"
        rows.append(_cell_row(records, label, _rate_cell(number, key)))
    if number == 3:
        rows.append(_cell_row(records, "Years of disciplinary data used", _years_cell))
        rows.append(_cell_row(records, "Method", _method_cell))
    return rows


def _survey(records: Records) -> list[dict[str, str]]:
    rows = []
    for n in SURVEY_INDICATORS:
        for key, group in (("white", "White"), ("bme", "BME")):
            rows.append(
                _measure_row(
                    records,
                    n,
                    f"{key}_pct",
                    f"{group} staff: {INDICATOR_NAMES[n]}",
                    Indicator=str(n),  # first column: short (the report never wraps it)
                )
            )
    return rows


def _board_workforce(record: dict[str, Any]) -> str:
    view = RecordView(record)
    return view.missing_text(9) or view.pct("indicators", 9, "workforce_bme_pct")


def _board(records: Records) -> list[dict[str, str]]:
    rows = [_cell_row(records, "Workforce BME share", _board_workforce)]
    for key, label in (("voting", "Voting"), ("executive", "Executive"), ("all", "All")):
        rows.append(_measure_row(records, 9, f"{key}_bme_pct", f"{label} members: BME share"))
        rows.append(
            _measure_row(
                records, 9, f"{key}_difference_pp", f"{label} members: minus the workforce"
            )
        )
    return rows


def trend_table(records: Records, *numbers: int) -> pd.DataFrame | None:
    """A section's indicator by year: (1,), (2,), (3,), (4,), (5, 6, 7, 8) or (9,).

    None with only one year (there is no trend to show yet).
    """
    if len(records) < 2 or not numbers:
        return None
    number = numbers[0]
    if number == 1:
        rows = _workforce(records)
    elif number in LIKELIHOOD:
        rows = _likelihood(records, number)
    elif number in SURVEY_INDICATORS:
        rows = _survey(records)
    else:
        rows = _board(records)
    return frame(rows)
