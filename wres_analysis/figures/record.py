"""The figures record: every number of one organisation's report for one year.

Computed here from validated extracts, never in a notebook. Shape: figures contract v1
(docs/figures.md), plus additive keys (flags, caveats, settings, targets).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..indicators.board import indicator_9
from ..indicators.likelihood import indicator_2, indicator_3, indicator_4
from ..indicators.representation import indicator_1
from ..indicators.survey import SURVEY_INDICATORS, survey_indicator
from ..inputs.extracts import Extracts
from ..inputs.loading import load_extracts
from ..params import YearParams, load_organisation, load_year
from ..paths import PARAMS_DIR
from .covid import load_risk_assessments, risk_assessment_shares
from .disclosure import apply_disclosure
from .targets import StatedTarget, compute_targets

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
    band = tuple(year_params.non_adverse_band)
    workforce = extracts.workforce
    indicators: dict[str, Any] = {"1": indicator_1(workforce)}
    indicators["2"] = (
        indicator_2(extracts.recruitment, band)
        if extracts.available("recruitment")
        else _unavailable("recruitment.csv")
    )
    indicators["3"] = (
        indicator_3(
            extracts.disciplinary,
            workforce,
            extracts.year,
            band,
            method=year_params.disciplinary_rolling_method,
            previous_disciplinary=None if previous is None else previous.disciplinary,
            previous_workforce=None if previous is None else previous.workforce,
        )
        if extracts.available("disciplinary")
        else _unavailable("disciplinary.csv")
    )
    indicators["4"] = (
        indicator_4(extracts.training, workforce, band)
        if extracts.available("training")
        else _unavailable("training.csv")
    )
    for number in SURVEY_INDICATORS:
        indicators[str(number)] = survey_indicator(
            extracts.staff_survey,
            number,
            required=number in year_params.required_indicators,
            label=year_params.survey_labels.get(number),
            not_required_reason=year_params.not_required_reason,
        )
    indicators["9"] = (
        indicator_9(extracts.board, indicators["1"]["overall"]["bme_pct"])
        if extracts.available("board")
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
    return _internal_record(data_dir, org, year, params_dir)


def shown_years(data_dir: Path, org: str, year: int) -> list[int]:
    """The years a report for `year` shows: earlier years with a workforce.csv, and `year`."""
    org_dir = Path(data_dir) / org
    earlier = (
        sorted(
            int(p.name)
            for p in org_dir.iterdir()
            if p.name.isdigit()
            and len(p.name) == 4
            and int(p.name) < year
            and (p / "workforce.csv").is_file()
        )
        if org_dir.is_dir()
        else []
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
    published: dict[int, dict[str, Any]] = {}
    for y in shown_years(data_dir, org, year):
        internal[y] = _internal_record(data_dir, org, y, params_dir)
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


def _internal_record(data_dir: Path, org: str, year: int, params_dir: Path) -> dict[str, Any]:
    """The full internal record (no suppression)."""
    year_params = load_year(year, params_dir)
    extracts = load_extracts(data_dir, org, year)
    previous = load_extracts(
        data_dir, org, year - 1, only=("workforce", "disciplinary"), require_workforce=False
    )
    record: dict[str, Any] = {
        "contract": CONTRACT_VERSION,
        "org": org,
        "year": year,
        "indicators": compute_indicators(extracts, year_params, previous),
        "settings": settings_of(year_params),
        "notes": list(extracts.notes),
        "published": False,
        "suppressed": [],
    }
    record["covid"] = covid_figures(data_dir, org, year)
    record["targets"] = compute_targets(
        record,
        year_params,
        load_organisation(org, params_dir),
        stated_targets=_stated_targets(params_dir, org, year),
    )
    return record


def covid_figures(data_dir: Path, org: str, year: int) -> dict[str, Any]:
    """COVID-19 risk-assessment completion by group, from the optional v1.1 file."""
    frame = load_risk_assessments(Path(data_dir) / org / str(year) / "risk_assessments.csv")
    if frame is None:
        return {"risk_assessments": _unavailable("risk_assessments.csv")}
    return {"risk_assessments": {"available": True, **risk_assessment_shares(frame)}}


def _stated_targets(params_dir: Path, org: str, year: int) -> list[StatedTarget]:
    """Targets the organisation stated in its action plan (none without a plan)."""
    # Imported here: an action plan's schema uses figures.targets, so importing the actions
    # package while this package initialises would be circular.
    from ..actions import load_action_plan, plan_path

    path = plan_path(params_dir, org, year)
    return list(load_action_plan(path).stated_targets) if path.exists() else []


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
