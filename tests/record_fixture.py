"""A hand-built figures record (contract v1 plus the additive keys) for display tests.

It mirrors a small CCG in 2020 (indicators 5-8 not required) and can be varied: survey
figures present, an uncomputable relative likelihood, absent files, published suppression.
Display code is tested against this, independently of how figures/record.py computes a record.
"""

from __future__ import annotations

import copy
from typing import Any

BAND = [0.8, 1.25]
REASON = (
    "Because of COVID-19, NHS England and Improvement did not require organisations to report "
    "indicators 5-8 (National Staff Survey) in WRES 2020."
)
# (staff type, band, white, bme, unknown)
BANDS = [
    ("clinical", "Band 5", 40, 5, 3),
    ("clinical", "Band 7", 60, 6, 4),
    ("clinical", "Band 8a", 30, 1, 2),
    ("non-clinical", "Band 3", 150, 8, 10),
    ("non-clinical", "Band 4", 200, 7, 15),
    ("non-clinical", "Band 6", 166, 3, 10),
    ("non-clinical", "Band 8b", 100, 2, 8),
    ("non-clinical", "Band 8c", 60, 0, 5),
    ("non-clinical", "VSM", 40, 0, 5),
]


def shares(white: int, bme: int, unknown: int) -> dict[str, Any]:
    """A counts-and-shares block as in the figures record."""
    total = white + bme + unknown
    return {
        "white": white,
        "bme": bme,
        "unknown": unknown,
        "total": total,
        "white_pct": white / total * 100,
        "bme_pct": bme / total * 100,
        "unknown_pct": unknown / total * 100,
    }


def _sum(rows: list[tuple]) -> dict[str, Any]:
    return shares(sum(r[2] for r in rows), sum(r[3] for r in rows), sum(r[4] for r in rows))


def _rl_block(count: str, white: tuple, bme: tuple, numerator: str) -> dict[str, Any]:
    blocks = {
        "white": {count: white[0], "headcount": white[1], "rate": white[0] / white[1]},
        "bme": {count: bme[0], "headcount": bme[1], "rate": bme[0] / bme[1]},
    }
    other = "bme" if numerator == "white" else "white"
    rl = blocks[numerator]["rate"] / blocks[other]["rate"]
    return {
        **blocks,
        "relative_likelihood": rl,
        "band": BAND,
        "outside_band": not 0.8 <= rl <= 1.25,
    }


def make_record(*, survey: bool = False, year: int = 2020) -> dict[str, Any]:
    """The internal record; with `survey=True` indicators 5-8 are required and present."""
    overall = _sum(BANDS)
    i2 = {
        "white": {"shortlisted": 120, "appointed": 30, "rate": 30 / 120},
        "bme": {"shortlisted": 55, "appointed": 9, "rate": 9 / 55},
        "unknown": {"shortlisted": 12, "appointed": 2},
        "relative_likelihood": (30 / 120) / (9 / 55),
        "band": BAND,
        "outside_band": True,
        "required": True,
    }
    i3 = _rl_block("entered", (3.0, 846), (0.5, 32), numerator="bme")
    i3.update(
        {
            "unknown": {"entered": 0.0, "headcount": 62},
            "method": (
                f"two-year rolling average: mean of {year - 1} and {year} entries per group, "
                f"divided by the {year} headcount per group"
            ),
            "method_key": "mean_entries_current_headcount",
            "years": [year - 1, year],
            "entered_by_year": {
                str(year - 1): {"white": 4, "bme": 1, "unknown": 0},
                str(year): {"white": 2, "bme": 0, "unknown": 0},
            },
            "caveat": None,
            "required": True,
        }
    )
    i4 = _rl_block("accessed", (400, 846), (14, 32), numerator="white")
    i4.update({"unknown": {"accessed": 20, "headcount": 62}, "required": True})
    indicators: dict[str, Any] = {
        "1": {
            "overall": overall,
            "by_staff_type": {
                t: _sum([r for r in BANDS if r[0] == t]) for t in ("clinical", "non-clinical")
            },
            "bands": [{"staff_type": t, "band": b, **shares(w, m, u)} for t, b, w, m, u in BANDS],
            "required": True,
        },
        "2": i2,
        "3": i3,
        "4": i4,
    }
    labels = {5: "KF25", 6: "KF26", 7: "KF21", 8: "Q17b"}
    survey_values = {5: (25.3, 30.1), 6: (20.0, 27.5), 7: (86.0, 71.2), 8: (6.0, 14.0)}
    for n in (5, 6, 7, 8):
        if survey:
            white, bme = survey_values[n]
            indicators[str(n)] = {
                "required": True,
                "label": labels[n],
                "white_pct": white,
                "bme_pct": bme,
                "white_respondents": 400,
                "bme_respondents": 25,
                "difference_pp": bme - white,
            }
        else:
            indicators[str(n)] = {
                "required": False,
                "label": None,
                "white_pct": None,
                "bme_pct": None,
                "note": REASON,
            }
    wf_bme = overall["bme_pct"]
    board = {"workforce_bme_pct": wf_bme, "required": True}
    for subset, (members, bme, white) in {
        "voting": (12, 0, 11),
        "executive": (5, 0, 5),
        "all": (25, 1, 23),
    }.items():
        board[subset] = {
            "members": members,
            "bme": bme,
            "white": white,
            "unknown": members - bme - white,
            "bme_pct": bme / members * 100,
            "difference_pp": bme / members * 100 - wf_bme,
        }
    indicators["9"] = board
    required = [1, 2, 3, 4, 5, 6, 7, 8, 9] if survey else [1, 2, 3, 4, 9]
    return {
        "contract": 1,
        "org": "EXCCG",
        "year": year,
        "indicators": indicators,
        "settings": {
            "disclosure_threshold": 10,
            "suppress_zero": False,
            "rolling_method": "mean_entries_current_headcount",
            "non_adverse_band": BAND,
            "required_indicators": required,
            "snapshot_date": f"{year}-03-31",
            "report_date": f"{year}-10-31",
        },
        "covid": {"risk_assessments": _risk()},
        "notes": ["3 bank-only rows excluded from workforce.csv"],
        "published": False,
        "suppressed": [],
    }


def _risk() -> dict[str, Any]:
    """COVID-19 risk-assessment shares, as figures.covid_figures gives them."""
    out: dict[str, Any] = {"available": True}
    for key, (headcount, assessed) in {
        "white": (846, 680),
        "bme": (32, 29),
        "unknown": (62, 30),
        "all": (940, 739),
    }.items():
        out[key] = {
            "headcount": headcount,
            "assessed": assessed,
            "assessed_pct": assessed / headcount * 100,
        }
    out["bme_minus_white_pp"] = out["bme"]["assessed_pct"] - out["white"]["assessed_pct"]
    return out


def no_risk_file(record: dict[str, Any]) -> dict[str, Any]:
    """The record as if risk_assessments.csv were not supplied."""
    out = copy.deepcopy(record)
    out["covid"] = {
        "risk_assessments": {
            "available": False,
            "note": "risk_assessments.csv was not supplied, so this indicator is not available",
        }
    }
    return out


def uncomputable_rl(record: dict[str, Any]) -> dict[str, Any]:
    """Indicator 3 with no White entries: the White rate is zero, so no relative likelihood."""
    out = copy.deepcopy(record)
    i3 = out["indicators"]["3"]
    i3["white"].update({"entered": 0.0, "rate": 0.0})
    i3.update(
        {
            "relative_likelihood": None,
            "outside_band": None,
            "note": "cannot be computed: the White rate is zero, so there is nothing to compare "
            "against",
        }
    )
    return out


def absent(record: dict[str, Any], *numbers: int) -> dict[str, Any]:
    """The record as if the named indicators' input files were not supplied."""
    out = copy.deepcopy(record)
    for n in numbers:
        out["indicators"][str(n)] = {
            "available": False,
            "required": n in out["settings"]["required_indicators"],
            "note": f"{_FILE[n]} was not supplied, so this indicator is not available",
        }
    return out


_FILE = {2: "recruitment.csv", 3: "disciplinary.csv", 4: "training.csv", 9: "board.csv"}

SUPPRESSED = [
    "indicators.1.bands.0.bme",
    "indicators.1.bands.0.bme_pct",
    "indicators.1.bands.0.unknown",
    "indicators.1.bands.0.unknown_pct",
    "indicators.2.bme.appointed",
    "indicators.2.bme.rate",
    "indicators.2.relative_likelihood",
    "indicators.9.all.bme",
    "indicators.9.all.bme_pct",
    "indicators.9.all.difference_pp",
]


def published(record: dict[str, Any], paths: list[str] | None = None) -> dict[str, Any]:
    """A published copy with the given dotted paths (default SUPPRESSED) nulled and listed,
    as disclosure does."""
    paths = SUPPRESSED if paths is None else paths
    out = copy.deepcopy(record)
    for path in paths:
        *parents, key = path.split(".")
        node: Any = out
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        node[key] = None
        if key == "relative_likelihood":
            node["outside_band"] = None
    out["published"] = True
    out["suppressed"] = sorted(paths)
    return out


def set_values(record: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """A copy with dotted paths set; a relative likelihood's band flag follows its value."""
    out = copy.deepcopy(record)
    for path, value in changes.items():
        *parents, key = path.split(".")
        node: Any = out
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        node[key] = value
        if key == "relative_likelihood":
            node["outside_band"] = None if value is None else not BAND[0] <= value <= BAND[1]
    return out


# Figures that move between the years, by year (2021 keeps make_record's own figures:
# RL 2 = 1.53, RL 4 = 1.08, voting members 0 of 12 = -3.4 pp, executive -3.4 pp, etc.).
# 2020 has no staff survey (not required, as in WRES 2020).
TREND_VALUES: dict[int, dict[str, Any]] = {
    2019: {
        "indicators.1.overall.bme_pct": 3.0,
        "indicators.9.workforce_bme_pct": 3.0,
        "indicators.2.relative_likelihood": 1.80,  # improves towards 1.00 every year
        "indicators.3.relative_likelihood": 1.10,  # unchanged: 1.10, 1.10, 1.102
        "indicators.4.relative_likelihood": 0.70,  # outside the band; 2021 closer to 1.00
        "indicators.5.bme_pct": 33.0,  # lower is better: 33.0 -> 30.1 improved
        "indicators.6.bme_pct": 25.0,  # lower is better: 25.0 -> 27.5 worsened
        "indicators.7.bme_pct": 65.0,  # higher is better: 65.0 -> 71.2 improved
        "indicators.9.voting.difference_pp": -10.0,  # -10.0, -5.0, -3.4: towards parity
        "indicators.9.executive.difference_pp": -2.0,  # -2.0 -> -3.4: away from parity
    },
    2020: {
        "indicators.2.relative_likelihood": 1.60,
        "indicators.3.relative_likelihood": 1.10,
        "indicators.4.relative_likelihood": 0.90,
        "indicators.9.voting.difference_pp": -5.0,
    },
    2021: {
        "indicators.3.relative_likelihood": 1.102,
        "indicators.4.relative_likelihood": 0.75,
    },
}


def make_years(
    years: tuple[int, ...] = (2019, 2020, 2021),
    values: dict[int, dict[str, Any]] | None = None,
) -> dict[int, dict[str, Any]]:
    """Records for several years, as `SectionContext.earlier_records` gives them.

    Each year is `make_record` (the staff survey required except in 2020) with that year's
    `values` (dotted path: value; default TREND_VALUES) set.
    """
    values = TREND_VALUES if values is None else values
    return {
        year: set_values(make_record(survey=year != 2020, year=year), values.get(year, {}))
        for year in years
    }


def with_model_targets(record: dict[str, Any]) -> dict[str, Any]:
    """The record with the model report's senior-group target (4 BME of 249) added."""
    record["targets"] = {
        "target_share_pct": 3.404255319148936,
        "target_year": 2028,
        "basis": "workforce",
        "basis_note": "BME share of the whole workforce (indicator 1)",
        "groups": {
            "senior_8b_plus_and_board": {
                "label": "Band 8b and above, and the board",
                "headcount": 249,
                "bme": 4,
                "bme_pct": 4 / 249 * 100,
                "parity_target_people": 8.476595744680852,
                "parity_target_people_rounded_up": 9,
                "gap_people": 5,
                "required_bme_appointment_share_pct": 5.13,
            }
        },
    }
    return record
