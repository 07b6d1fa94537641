"""An accessible Excel workbook of one organisation's WRES figures, written with gptables.

gptables is the Analysis Function's package for spreadsheets that meet its good-practice
and accessibility guidance: a cover sheet, a contents sheet, a notes sheet, and one titled
table per worksheet, marked as an Excel table. The tables come from `workbook_tables`; this
module writes the cover and the notes and makes the file reproducible (fixed document
date, no formulas made from text).
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import gptables as gpt
import pandas as pd

from ..display.format import fmt_date, fmt_rl
from .cells import Figures, safe_text
from .files import atomic_output
from .workbook_tables import (
    Sheet,
    actions_sheet,
    bands_sheet,
    board_sheet,
    covid_sheet,
    likelihood_sheet,
    likelihood_summary_sheet,
    survey_sheet,
    targets_sheet,
    trends_sheet,
    workforce_sheet,
)

INTERNAL_EDITION = "Internal — not for publication"
PUBLISHED_EDITION = "Published edition"
# Text is text: a cell that starts with "=" must not become a formula, nor a URL a link.
WORKBOOK_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False}


def edition_label(published: bool) -> str:
    """How the PDF and the workbook name their edition."""
    return PUBLISHED_EDITION if published else INTERNAL_EDITION


def report_sheets(
    record: dict[str, Any],
    earlier: Mapping[int, dict[str, Any]] | None = None,
    actions: pd.DataFrame | None = None,
) -> list[Sheet]:
    """Every table of the report as a sheet, in report order (targets and plan when present)."""
    fig = Figures(record)
    records = {**(earlier or {}), int(record["year"]): record}
    sheets = [
        workforce_sheet(fig),
        bands_sheet(fig),
        *(likelihood_sheet(fig, n) for n in (2, 3, 4)),
        likelihood_summary_sheet(fig),
        survey_sheet(fig),
        board_sheet(fig),
        targets_sheet(fig),
        covid_sheet(fig),
        trends_sheet(records),
        actions_sheet(actions) if actions is not None else None,
    ]
    return [s for s in sheets if s is not None]


def _threshold_rule(record: dict[str, Any]) -> str:
    settings = record.get("settings", {})
    zero = " (and zero counts)" if settings.get("suppress_zero") else ""
    return f"counts below {settings.get('disclosure_threshold', 10)}{zero}"


def note_texts(record: dict[str, Any]) -> dict[str, str]:
    """Every note the sheets may refer to, by reference, in plain English."""
    fig = Figures(record)
    settings = record.get("settings", {})
    low, high = fig.view.band
    rule = _threshold_rule(record)
    three = fig.view.indicator(3)
    survey_reason = next(
        (fig.view.indicator(n).get("note") for n in (5, 6, 7, 8) if fig.view.indicator(n)),
        None,
    )
    snapshot = settings.get("snapshot_date")
    data_notes = " ".join(f"{n}." for n in record.get("notes") or [])
    targets = record.get("targets") or {}
    return {
        "edition": (
            "Published edition: disclosure control has been applied, so small counts and "
            "the figures that would reveal them are hidden and marked [c]."
            if fig.published
            else f"Internal edition: every count is shown, including {rule}. Not for "
            "publication: publish the published edition, which applies disclosure control."
        ),
        "confidential": (
            f"[c] confidential: hidden by disclosure control. {rule.capitalize()} are hidden, "
            "and so is every figure built on a hidden count (a percentage, rate, difference or "
            "relative likelihood). Where a total and all but one of its parts would be shown, "
            "a further part is hidden too, so that no hidden count can be worked out by "
            "subtraction."
        ),
        "symbols": (
            "[x] not available: the input file was not supplied, or the figure cannot be "
            "computed (for example a rate with nobody in its denominator). [z] not applicable: "
            "the indicator was not required that year, or the figure is not part of the "
            "measure (the rates of staff of unknown ethnicity are left out of the comparisons "
            "of indicators 2 to 4)."
        ),
        "precision": (
            "Values are unrounded. Cells are formatted to the report's precision: percentages "
            "to 1 decimal place, relative likelihoods to 2. Percentages run from 0 to 100."
        ),
        "headcount": (
            f"Counts are headcounts of people in post on "
            f"{fmt_date(snapshot) if snapshot else 'the snapshot date'}, not full-time "
            f"equivalents. Bank-only staff are excluded. {data_notes}"
        ).strip(),
        "groups": (
            "BME (Black and minority ethnic) covers every ethnic category except the White "
            "ones; unknown ethnicity means not stated or not recorded. Unknown ethnicity is "
            "kept in the denominators of indicators 1 and 9 (shares of the whole headcount) "
            "and left out of both rates of indicators 2 to 4 (its counts are still shown)."
        ),
        "likelihood": (
            "A relative likelihood divides one group's rate by the other's: White by BME for "
            "indicators 2 and 4, BME by White for indicator 3. 1.00 means both groups are "
            f"equally likely. NHS England treats {fmt_rl(low)} to {fmt_rl(high)} as the "
            "non-adverse band."
        ),
        "rolling": (
            f"Indicator 3 uses a {three['method']}."
            if three.get("method")
            else "Indicator 3 uses the disciplinary cases of the years shown in the report."
        )
        + (f" {three['caveat']}" if three.get("caveat") else ""),
        "small_numbers": (
            f"Where fewer than {fig.threshold} White or BME staff had the event, one case more "
            "or less moves the relative likelihood a long way: read it with care."
        ),
        "survey": (
            "Indicators 5 to 8 come from the NHS Staff Survey: the percentage of White and of "
            "BME respondents answering each question as shown."
            + (f" {survey_reason}" if survey_reason else "")
        ),
        "targets": (
            "Model Employer targets use the project's own method, set out in the report's "
            "methodology appendix (NHS England publishes no calculator). The target share is "
            f"the {targets.get('basis_note') or 'BME share of the whole workforce'}."
        ),
        "trends": (
            "Each year's figures are computed from that year's data by the same code, in the "
            "same edition. Rates are shown as percentages."
        ),
        "actions": "The action plan is the organisation's own text, as written in its plan.",
    }


def _refs(sheet: Sheet, published: bool) -> tuple[str, ...]:
    refs = list(sheet.notes)
    if published and "symbols" in refs:
        refs.insert(refs.index("symbols"), "confidential")
    if sheet.formats or sheet.row_formats:
        refs.append("precision")
    return tuple(refs)


def _gptable(sheet: Sheet, published: bool, lead: str) -> gpt.GPTable:
    refs = "".join(f"$${r}$$" for r in _refs(sheet, published))
    formatting: list[dict[str, Any]] = [
        {"column": {"columns": [header], "format": {"num_format": fmt}}}
        for header, fmt in sheet.formats.items()
    ]
    formatting += [
        {"cell": {"cells": (row + 1, sheet.table.shape[1] - 1), "format": {"num_format": fmt}}}
        for row, fmt in sheet.row_formats
    ]
    return gpt.GPTable(
        table=sheet.table,
        table_name=sheet.table_name,
        title=sheet.title,
        subtitles=[lead, f"Notes for this table{refs}"],
        index_columns={level + 1: level for level in range(min(sheet.index_columns, 3))},
        additional_formatting=formatting,
    )


def _cover(
    record: dict[str, Any], organisation_name: str, data_sources: Mapping[str, str] | None
) -> gpt.Cover:
    settings = record.get("settings", {})
    year, published = record.get("year"), bool(record.get("published"))
    edition = (
        f"Published edition: {_threshold_rule(record)} are hidden and marked [c]."
        if published
        else "Internal edition: every count is shown. Not for publication."
    )
    about = [
        f"Workforce snapshot: {fmt_date(settings['snapshot_date'])}."
        if settings.get("snapshot_date")
        else "Workforce snapshot: 31 March of the reporting year.",
        "Counts are headcounts of people in post; bank-only staff are excluded.",
        "Values are unrounded; cells are formatted to the report's precision. Percentages run "
        "from 0 to 100.",
        "Symbols: [c] hidden by disclosure control (published edition only), [x] not "
        "available, [z] not applicable. The notes worksheet explains each.",
        *(
            f"Source of the {name.replace('_', ' ')} figures: {safe_text(text)}."
            for name, text in sorted((data_sources or {}).items())
        ),
    ]
    return gpt.Cover(
        title=f"Workforce Race Equality Standard (WRES) {year}: {organisation_name}",
        intro=[
            f"The figures of the WRES {year} report of {organisation_name}, one table per "
            "worksheet. The report itself gives the narrative, charts and methodology.",
            edition,
        ],
        about=about,
    )


def _document_date(record: dict[str, Any]) -> dt.datetime:
    report = record.get("settings", {}).get("report_date")
    day = dt.date.fromisoformat(report) if report else dt.date(int(record["year"]), 1, 1)
    return dt.datetime(day.year, day.month, day.day)


def write_workbook(
    record: dict[str, Any],
    out_xlsx: Path,
    *,
    earlier: Mapping[int, dict[str, Any]] | None = None,
    organisation_name: str,
    actions: pd.DataFrame | None = None,
    data_sources: Mapping[str, str] | None = None,
) -> Path:
    """Write the organisation's workbook to `out_xlsx` (atomically) and return the path.

    `earlier` holds earlier years' records in the same edition, for the change-over-time
    sheet; `actions` is the year's action plan as `actions.actions_table` gives it.
    """
    published = bool(record.get("published"))
    organisation_name = safe_text(organisation_name)
    sheets = report_sheets(record, earlier, actions)
    lead = f"{organisation_name}, WRES {record.get('year')}. {edition_label(published)}."
    tables = {s.name: _gptable(s, published, lead) for s in sheets}
    used = dict.fromkeys(r for s in sheets for r in _refs(s, published))
    texts = note_texts(record)
    notes = pd.DataFrame({"Note reference": list(used), "Note text": [texts[r] for r in used]})
    out_xlsx = Path(out_xlsx)
    with atomic_output(out_xlsx) as staged, warnings.catch_warnings():
        # gptables uses pandas features that pandas 3 deprecates: its concern, not the user's
        warnings.filterwarnings("ignore", category=DeprecationWarning, module="gptables")
        workbook = gpt.produce_workbook(
            filename=str(staged),
            sheets=tables,
            cover=_cover(record, organisation_name, data_sources),
            notes_table=notes,
            workbook_options=WORKBOOK_OPTIONS,
        )
        workbook.set_properties(
            {
                "title": f"WRES {record.get('year')}: {organisation_name}",
                "subject": edition_label(published),
                "created": _document_date(record),
            }
        )
        workbook.close()
    return out_xlsx
