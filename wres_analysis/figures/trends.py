"""Indicators across years, and whether each moved the right way.

Orientation (the WRES reading of "better"):
- relative likelihoods (indicators 2-4): moving towards 1.00 improves. Distance from 1.00
  is measured as |ln RL|, so 0.80 and 1.25 (the non-adverse band's edges) are equally far;
- representation gaps (indicator 1 senior share minus workforce share; indicator 9 board
  share minus workforce share, in percentage points): moving towards 0 (parity) improves;
- staff survey: lower is better for indicators 5, 6 and 8 (harassment, discrimination),
  higher for 7 (equal opportunities), for BME and White staff alike;
- shares and rates on their own (the workforce's ethnic mix, the BME share of Band 8a and
  above, the board's BME shares, the White and BME rates behind each relative likelihood)
  have no better direction: they rose or fell. Their gaps and ratios carry the orientation.
A change smaller than half the display precision (TOLERANCES) counts as unchanged.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from .targets import group_counts

DEFAULT_BAND: tuple[float, float] = (0.80, 1.25)


@dataclass(frozen=True)
class Measure:
    """One trend line: where it sits in the record, and which way is better."""

    indicator: int
    measure: str
    label: str
    kind: str  # "pct", "pp", "rate" or "ratio": decides the tolerance
    orientation: str | None  # "towards_one", "towards_zero", "lower", "higher" or None
    path: tuple[str, ...] = ()  # keys under indicators.<n>; () for a figure derived here


_SURVEY = {
    5: ("experiencing harassment, bullying or abuse from patients or the public", "lower"),
    6: ("experiencing harassment, bullying or abuse from staff", "lower"),
    7: ("believing there are equal opportunities for career progression", "higher"),
    8: ("experiencing discrimination from a manager or colleagues", "lower"),
}
_LIKELIHOOD = {
    2: ("RL of White vs BME appointment from shortlisting", "appointment from shortlisting"),
    3: ("RL of BME vs White entering formal disciplinary", "entry into formal disciplinary"),
    4: ("RL of White vs BME accessing non-mandatory training", "access to non-mandatory training"),
}
_GROUPS = (("bme", "BME"), ("white", "White"))
_BOARD = (
    ("voting", "Board voting members"),
    ("executive", "Board executive members"),
    ("all", "Board, all members"),
)

MEASURES: tuple[Measure, ...] = (
    Measure(
        1,
        "workforce_bme_pct",
        "BME share of the workforce (%)",
        "pct",
        None,
        ("overall", "bme_pct"),
    ),
    Measure(
        1,
        "workforce_white_pct",
        "White share of the workforce (%)",
        "pct",
        None,
        ("overall", "white_pct"),
    ),
    Measure(
        1,
        "workforce_unknown_pct",
        "Unknown-ethnicity share of the workforce (%)",
        "pct",
        None,
        ("overall", "unknown_pct"),
    ),
    Measure(1, "senior_8a_plus_bme_pct", "BME share of Band 8a and above (%)", "pct", None),
    Measure(
        1,
        "senior_8a_plus_difference_pp",
        "BME share of Band 8a and above minus workforce share (percentage points)",
        "pp",
        "towards_zero",
    ),
    *(
        measure
        for n, (label, name) in _LIKELIHOOD.items()
        for measure in (
            Measure(
                n, "relative_likelihood", label, "ratio", "towards_one", ("relative_likelihood",)
            ),
            *(
                Measure(
                    n, f"{group}_rate", f"{title} rate: {name} (%)", "rate", None, (group, "rate")
                )
                for group, title in reversed(_GROUPS)
            ),
        )
    ),
    *(
        Measure(
            n, f"{group}_pct", f"{name} staff {text} (%)", "pct", orientation, (f"{group}_pct",)
        )
        for n, (text, orientation) in _SURVEY.items()
        for group, name in _GROUPS
    ),
    *(
        Measure(9, f"{key}_bme_pct", f"{label}: BME share (%)", "pct", None, (key, "bme_pct"))
        for key, label in _BOARD
    ),
    *(
        Measure(
            9,
            f"{key}_difference_pp",
            f"{label}: BME share minus workforce (pp)",
            "pp",
            "towards_zero",
            (key, "difference_pp"),
        )
        for key, label in _BOARD
    ),
)
MEASURE_BY_KEY: dict[tuple[int, str], Measure] = {(m.indicator, m.measure): m for m in MEASURES}

# Half a unit of the display precision, in each measure's own units: RLs are shown to 2
# decimal places, percentages and percentage points to 1, rates (fractions) as percentages to 1.
TOLERANCES: dict[str, float] = {"ratio": 0.005, "pct": 0.05, "pp": 0.05, "rate": 0.0005}

SERIES_COLUMNS = ["year", "indicator", "measure", "label", "value", "note"]


def _senior_share(record: Mapping[str, Any]) -> tuple[float | None, str | None]:
    headcount, bme, note = group_counts(record, "senior_8a_plus")
    if note:
        return None, note
    if not headcount:
        return None, "nobody is in Band 8a or above"
    return bme / headcount * 100, None


def _senior_gap(record: Mapping[str, Any]) -> tuple[float | None, str | None]:
    overall = record.get("indicators", {}).get("1", {}).get("overall", {}).get("bme_pct")
    share, note = _senior_share(record)
    if share is None or overall is None:
        return None, note or "the workforce BME share is not available"
    return share - overall, None


def _value(record: Mapping[str, Any], m: Measure) -> tuple[float | None, str | None]:
    """The measure's value in one record, or None and why."""
    block = record.get("indicators", {}).get(str(m.indicator))
    if block is None:
        return None, f"indicator {m.indicator} is not in the record"
    if m.measure == "senior_8a_plus_bme_pct":
        return _senior_share(record)
    if m.measure == "senior_8a_plus_difference_pp":
        return _senior_gap(record)
    if block.get("required") is False:
        return None, block.get("note") or "not required this year"
    if block.get("available") is False:
        return None, block.get("note") or "not available"
    parent: Any = block
    for key in m.path[:-1]:
        parent = parent.get(key) if isinstance(parent, Mapping) else None
    parent = parent if isinstance(parent, Mapping) else {}
    value = parent.get(m.path[-1])
    if value is None:
        note = parent.get("note") or block.get("note")
        return None, note or "not computed (suppressed or no data)"
    return float(value), None


def indicator_series(records: Mapping[int, Mapping[str, Any]]) -> pd.DataFrame:
    """One row per year and measure (see MEASURES): value (NaN when null) and a note why."""
    rows = []
    for m in MEASURES:
        for year in sorted(records):
            value, note = _value(records[year], m)
            rows.append(
                {
                    "year": int(year),
                    "indicator": m.indicator,
                    "measure": m.measure,
                    "label": m.label,
                    "value": math.nan if value is None else value,
                    "note": note or "",
                }
            )
    return pd.DataFrame(rows, columns=SERIES_COLUMNS)


def _badness(value: float, orientation: str) -> float:
    """Larger is worse, for each orientation."""
    if orientation == "towards_one":
        return abs(math.log(value)) if value > 0 else math.inf
    if orientation == "towards_zero":
        return abs(value)
    return value if orientation == "lower" else -value


def judge(before: float, after: float, measure: Measure, tolerance: float) -> tuple[str, str]:
    """(movement, direction) of one change.

    Movement is rose / fell / unchanged (a change within `tolerance`, in the measure's own
    units, is unchanged). Direction is improved / worsened by the measure's orientation,
    unchanged when the movement is, or "no orientation" for a measure without one.
    """
    movement = "unchanged"
    if abs(after - before) > tolerance:
        movement = "rose" if after > before else "fell"
    if measure.orientation is None:
        return movement, "no orientation"
    if movement == "unchanged":
        return movement, "unchanged"
    change = _badness(after, measure.orientation) - _badness(before, measure.orientation)
    if abs(change) < 1e-12:  # e.g. 0.80 to 1.25: just as far from parity
        return movement, "unchanged"
    return movement, "worsened" if change > 0 else "improved"


def outside_band(value: float, band: tuple[float, float] = DEFAULT_BAND) -> bool:
    """Whether a relative likelihood lies outside the non-adverse band (edges are inside)."""
    return value < band[0] or value > band[1]


def years_outside_band(
    series: pd.DataFrame, band: tuple[float, float] = DEFAULT_BAND
) -> dict[int, list[int]]:
    """For indicators 2, 3 and 4, the years whose relative likelihood lies outside the band."""
    out: dict[int, list[int]] = {}
    rl = series[series["measure"] == "relative_likelihood"]
    for indicator in (2, 3, 4):
        rows = rl[(rl["indicator"] == indicator) & rl["value"].notna()]
        out[indicator] = [
            int(y)
            for y, v in zip(rows["year"], rows["value"], strict=True)
            if outside_band(v, band)
        ]
    return out


def direction_of_change(
    series: pd.DataFrame,
    *,
    to_year: int | None = None,
    from_year: int | None = None,
    band: tuple[float, float] = DEFAULT_BAND,
    tolerances: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """For each measure: from/to values, movement, direction (WRES orientation) and band years.

    `to_year` defaults to the latest year in the series; `from_year` to the latest earlier
    year in which that measure has a value (so a year without a survey is skipped).
    """
    tol = {**TOLERANCES, **(tolerances or {})}
    years = sorted(int(y) for y in series["year"].unique())
    target = to_year if to_year is not None else (years[-1] if years else None)
    outside = years_outside_band(series, band)
    rows = []
    for m in MEASURES:
        own = series[(series["indicator"] == m.indicator) & (series["measure"] == m.measure)]
        values = {int(y): v for y, v in zip(own["year"], own["value"], strict=True) if pd.notna(v)}
        after = values.get(target) if target is not None else None
        earlier = [y for y in values if target is not None and y < target]
        start = from_year if from_year is not None else (max(earlier) if earlier else None)
        before = values.get(start) if start is not None else None
        row: dict[str, Any] = {
            "indicator": m.indicator,
            "measure": m.measure,
            "label": m.label,
            "from_year": start,
            "to_year": target,
            "from_value": before,
            "to_value": after,
            "change": None,
            "movement": None,
            "direction": "not comparable",
            "outside_band_years": outside.get(m.indicator, []) if m.kind == "ratio" else [],
            "note": "",
        }
        if before is None or after is None:
            missing = target if after is None else start
            row["note"] = f"no value for {missing}" if missing is not None else "no earlier year"
        else:
            row["change"] = after - before
            row["movement"], row["direction"] = judge(before, after, m, tol[m.kind])
        rows.append(row)
    frame = pd.DataFrame(rows)
    return frame.astype({"from_year": "Int64", "to_year": "Int64"})
