"""The figures record: every number of one organisation's report for one year.

Computed here from validated extracts, never in a notebook. Shape: figures contract v1
(docs/figures.md), plus additive keys (flags, caveats, settings, targets).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pandas as pd

from ..indicators.board import board_9
from ..indicators.likelihood import likelihood_2, likelihood_3, likelihood_4
from ..indicators.representation import representation_1
from ..indicators.survey import SURVEY_INDICATORS, survey_result
from ..indicators.totals import YearTotals, totals_of_extracts, totals_of_validated
from ..inputs.extracts import Extracts
from ..params import YearParams, load_year
from ..paths import PARAMS_DIR
from .covid import RISK_FILE, load_risk_assessments, risk_assessment_shares
from .disclosure import apply_disclosure
from .sources import RecordInputs, read_record_inputs
from .targets import compute_targets

CONTRACT_VERSION = 1
# Keys that hold a count of people (or of events) wherever they appear in a record.
COUNT_KEYS = frozenset(
    {
        "white",
        "bme",
        "unknown",
        "total",
        "shortlisted",
        "appointed",
        "entered",
        "headcount",
        "accessed",
        "assessed",
        "members",
        "white_respondents",
        "bme_respondents",
    }
)


def _unavailable(file: str) -> dict[str, Any]:
    return {
        "available": False,
        "note": f"{file} was not supplied, so this indicator is not available",
    }


def compute_indicators(
    extracts: Extracts, year_params: YearParams, previous: Extracts | None = None
) -> dict[str, Any]:
    """All nine indicators from one year's extracts (and the previous year's, for indicator 3)."""
    return indicators_from_totals(
        totals_of_extracts(extracts), year_params, totals_of_extracts(previous)
    )


def indicators_from_totals(
    totals: YearTotals, year_params: YearParams, previous: YearTotals | None = None
) -> dict[str, Any]:
    """All nine indicators from one year's per-group totals (and the previous year's)."""
    band = tuple(year_params.non_adverse_band)
    headcount = totals.headcount
    indicators: dict[str, Any] = {"1": representation_1(totals.cells or {})}
    indicators["2"] = (
        likelihood_2(totals.shortlisted, totals.appointed, band)
        if totals.shortlisted is not None and totals.appointed is not None
        else _unavailable("recruitment.csv")
    )
    indicators["3"] = (
        likelihood_3(
            totals.entered,
            headcount,
            totals.year,
            band,
            method=year_params.disciplinary_rolling_method,
            previous_entered=None if previous is None else previous.entered,
            previous_headcount=None if previous is None else previous.headcount,
        )
        if totals.entered is not None and headcount is not None
        else _unavailable("disciplinary.csv")
    )
    indicators["4"] = (
        likelihood_4(totals.accessed, headcount, band)
        if totals.accessed is not None and headcount is not None
        else _unavailable("training.csv")
    )
    for number in SURVEY_INDICATORS:
        indicators[str(number)] = survey_result(
            totals.survey,
            number,
            required=number in year_params.required_indicators,
            label=year_params.survey_labels.get(number),
            not_required_reason=year_params.not_required_reason,
        )
    indicators["9"] = (
        board_9(totals.board, indicators["1"]["overall"]["bme_pct"])
        if totals.board is not None
        else _unavailable("board.csv")
    )
    for key, block in indicators.items():
        block.setdefault("required", int(key) in year_params.required_indicators)
    _mark_small_numbers(indicators, year_params.disclosure.threshold)
    return indicators


SMALL_NUMBER_COUNTS = {"2": "appointed", "3": "entered", "4": "accessed"}


def _mark_small_numbers(indicators: dict[str, Any], threshold: int) -> None:
    """Flag ratios resting on fewer events than the disclosure threshold in either group.

    One case more or less moves such a ratio a long way, so the report says so beside it.
    """
    for key, count in SMALL_NUMBER_COUNTS.items():
        block = indicators[key]
        if block.get("available") is False:
            continue
        events = [block[group][count] for group in ("white", "bme")]
        block["small_numbers"] = any(e < threshold for e in events)


def compute_record(
    data_dir: Path,
    org: str,
    year: int,
    *,
    params_dir: Path = PARAMS_DIR,
    published: bool = False,
) -> dict[str, Any]:
    """The figures record for one organisation and year (internal, or published if asked).

    A published record is protected jointly with the earlier years its report shows
    (`published_records`), so it is exactly the record that report uses.
    """
    if published:
        return published_records(data_dir, org, year, params_dir=params_dir)[year]
    return internal_record(data_dir, org, year, params_dir=params_dir)


def internal_record(
    data_dir: Path, org: str, year: int, *, params_dir: Path = PARAMS_DIR
) -> dict[str, Any]:
    """The full internal record (no disclosure control)."""
    return record_from_inputs(read_record_inputs(data_dir, org, year, params_dir=params_dir))


def shown_years(data_dir: Path, org: str, year: int) -> list[int]:
    """The years a report for `year` shows: earlier years with a workforce.csv, and `year`."""
    try:
        entries = list(os.scandir(Path(data_dir) / org))
    except OSError:  # no such folder (or unreadable: reading the year itself will say so)
        entries = []
    earlier = sorted(
        int(e.name)
        for e in entries
        if e.name.isdigit()
        and len(e.name) == 4
        and int(e.name) < year
        and (Path(e.path) / "workforce.csv").is_file()
    )
    return [*earlier, year]


def published_records(
    data_dir: Path, org: str, year: int, *, params_dir: Path = PARAMS_DIR
) -> dict[int, dict[str, Any]]:
    """Every year shown in `year`'s report, each as its own published record.

    Built from the earliest year up: each year's record is protected together with the
    published records of the years before it, which are fixed public knowledge. An earlier
    year's record is therefore identical in every report that shows it, and no published
    relation across years (indicator 3's rolling mean, a change) reveals a hidden count.
    """
    internal: dict[int, dict[str, Any]] = {}
    for y in shown_years(data_dir, org, year):
        internal[y] = internal_record(data_dir, org, y, params_dir=params_dir)
    return protect_years(internal, params_dir)


def protect_years(
    internal: dict[int, dict[str, Any]], params_dir: Path = PARAMS_DIR
) -> dict[int, dict[str, Any]]:
    """The published records of consecutive years' internal records (oldest first)."""
    published: dict[int, dict[str, Any]] = {}
    for y in sorted(internal):
        rules = load_year(y, params_dir).disclosure
        published[y] = apply_disclosure(
            internal[y],
            rules.threshold,
            rules.suppress_zero,
            min_range=rules.min_range,
            board_exempt=rules.board_exempt,
            earlier=[(internal[e], published[e]) for e in sorted(published)],
        )
    return published


def record_from_inputs(inputs: RecordInputs) -> dict[str, Any]:
    """The internal figures record from its checked inputs (`sources.read_record_inputs`)."""
    year_params = inputs.year_params
    record: dict[str, Any] = {
        "contract": CONTRACT_VERSION,
        "org": inputs.org,
        "year": inputs.year,
        "indicators": indicators_from_totals(
            totals_of_validated(inputs.current),
            year_params,
            totals_of_validated(inputs.previous),
        ),
        "settings": settings_of(year_params),
        "notes": list(inputs.current.notes),
        "published": False,
        "suppressed": [],
    }
    record["covid"] = covid_block(inputs.risk_assessments)
    record["targets"] = compute_targets(
        record, year_params, inputs.organisation, stated_targets=inputs.stated_targets
    )
    return record


def covid_figures(data_dir: Path, org: str, year: int) -> dict[str, Any]:
    """COVID-19 risk-assessment completion by group, from the optional v1.1 file."""
    return covid_block(load_risk_assessments(Path(data_dir) / org / str(year) / RISK_FILE))


def covid_block(frame: pd.DataFrame | None) -> dict[str, Any]:
    """The record's covid block from the risk-assessment table (None: not supplied)."""
    if frame is None:
        return {"risk_assessments": _unavailable("risk_assessments.csv")}
    return {"risk_assessments": {"available": True, **risk_assessment_shares(frame)}}


def settings_of(year_params: YearParams) -> dict[str, Any]:
    """The parameter choices behind the figures, for the methodology appendix."""
    return {
        "disclosure_threshold": year_params.disclosure.threshold,
        "suppress_zero": year_params.disclosure.suppress_zero,
        "disclosure_min_range": year_params.disclosure.min_range,
        "board_exempt": year_params.disclosure.board_exempt,
        "rolling_method": year_params.disciplinary_rolling_method,
        "non_adverse_band": list(year_params.non_adverse_band),
        "required_indicators": list(year_params.required_indicators),
        "snapshot_date": year_params.snapshot.isoformat(),
        "report_date": year_params.report.isoformat(),
    }


def to_json(record: dict[str, Any]) -> str:
    """Canonical JSON (sorted keys, no NaN): identical input gives identical bytes."""
    return json.dumps(record, sort_keys=True, indent=2, ensure_ascii=False, allow_nan=False)


def figures_json(
    data_dir: Path, org: str, year: int, *, params_dir: Path = PARAMS_DIR, published: bool = False
) -> str:
    """The record as canonical JSON, as `wres figures` prints it."""
    return to_json(compute_record(data_dir, org, year, params_dir=params_dir, published=published))
