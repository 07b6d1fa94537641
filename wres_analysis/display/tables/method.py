"""Methodology tables: every parameter behind the figures, and where the data came from."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..format import fmt_band, fmt_date
from ..indicator_terms import ROLLING_METHODS, SURVEY_INDICATORS
from ..record_view import RecordView
from .common import frame

COUNTING_BASIS = "headcount (people in post at the snapshot date), not full-time equivalent (FTE)"
BANK_RULE = "bank-only staff are excluded (rows marked bank = true in workforce.csv)"
DATA_FILES: dict[str, str] = {
    "workforce": "workforce.csv",
    "recruitment": "recruitment.csv",
    "disciplinary": "disciplinary.csv",
    "training": "training.csv",
    "staff_survey": "staff_survey.csv",
    "board": "board.csv",
}
FILE_INDICATORS: dict[str, tuple[int, ...]] = {
    "workforce": (1,),
    "recruitment": (2,),
    "disciplinary": (3,),
    "training": (4,),
    "staff_survey": SURVEY_INDICATORS,
    "board": (9,),
}


def ethnicity_grouping() -> str:
    """The ethnic-category codes of each WRES group, read from the package's mapping."""
    from ...inputs.ethnicity import BME, CODE_GROUP, UNKNOWN, WHITE

    parts = []
    for group in (WHITE, BME, UNKNOWN):
        codes = ", ".join(code for code, g in CODE_GROUP.items() if g == group)
        extra = " and blank (not recorded)" if group == UNKNOWN else ""
        parts.append(f"{group}: {codes}{extra}")
    return "; ".join(parts)


def settings_table(record: dict[str, Any], year_params: Any) -> pd.DataFrame:
    """Every parameter choice behind the figures, read from the record and the year's params."""
    view = RecordView(record)
    settings = record.get("settings", {})
    method = settings.get("rolling_method", year_params.disciplinary_rolling_method)
    required = settings.get("required_indicators", year_params.required_indicators)
    labels = year_params.survey_labels
    rows = [
        ("Reporting year", f"WRES {record.get('year')}"),
        ("Workforce snapshot", fmt_date(settings.get("snapshot_date", year_params.snapshot))),
        ("Report date", fmt_date(settings.get("report_date", year_params.report))),
        ("Counting basis", COUNTING_BASIS),
        ("Bank staff", BANK_RULE),
        ("Ethnicity grouping (NHS ethnic category codes)", ethnicity_grouping()),
        (
            "Unknown ethnicity",
            "kept in the denominator of indicators 1 and 9 (shares of the whole headcount); "
            "left out of both rates of indicators 2-4 (its counts are still shown)",
        ),
        ("Indicator 3 rolling average", f"{ROLLING_METHODS.get(method, method)} ({method})"),
        ("Relative likelihood non-adverse band", fmt_band(view.band)),
        ("Indicators required this year", ", ".join(str(n) for n in required)),
        (
            "Staff survey question labels",
            ", ".join(f"indicator {n}: {labels[n]}" for n in sorted(labels)) or "none this year",
        ),
        ("Disclosure threshold", f"counts below {view.threshold} are hidden when published"),
        (
            "Zero counts",
            "hidden too when published" if settings.get("suppress_zero") else "shown",
        ),
        (
            "Protection",
            "no hidden count can be worked out to fewer than "
            f"{settings.get('disclosure_min_range', 3)} possible values",
        ),
        (
            "Board composition",
            "public: exempt from disclosure control"
            if settings.get("board_exempt")
            else "protected like any other count",
        ),
        (
            "This version",
            f"published: hidden figures shown as {view.small}"
            if view.published
            else "internal: all counts shown (not for publication)",
        ),
    ]
    return frame([{"Setting": k, "Choice": v} for k, v in rows])


def data_sources_table(record: dict[str, Any], year_params: Any) -> pd.DataFrame:
    """Each input file: what it feeds, where it came from (params) and whether it was supplied."""
    view = RecordView(record)
    rows = []
    for name, file in DATA_FILES.items():
        numbers = FILE_INDICATORS[name]
        states = {view.state(n) for n in numbers}
        if states == {"not_required"}:
            supplied = f"not required in {record.get('year')}"
        elif "available" in states:
            supplied = "yes"
        else:
            supplied = "no (section says not available)"
        rows.append(
            {
                "File": file,
                "Indicators": ", ".join(str(n) for n in numbers),
                "Source": year_params.data_sources.get(name, "not recorded in params"),
                "Supplied": supplied,
            }
        )
    return frame(rows)


def imports_table(summaries: list[Any], published: bool) -> pd.DataFrame | None:
    """How each imported file was made from the organisation's raw exports (importers).

    The published edition names the export only: an import's counts (people dropped as
    bank-only, rows excluded) are not split by ethnicity, but they are small numbers of
    people and add nothing a reader needs.
    """
    if not summaries:
        return None
    rows = []
    for s in summaries:
        source = f"{s.kind.upper() if s.kind == 'esr' else s.kind} export ({s.source_format})"
        rows.append(
            {
                "File": s.output,
                "Made from": source,
                "What the import did": "not shown in the published edition"
                if published
                else " ".join(s.lines),
            }
        )
    return frame(rows)
