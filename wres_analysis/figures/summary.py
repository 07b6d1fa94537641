"""The report's front page, as figures: one headline per indicator, and what matters most.

`indicator_summary` gives, for each of the nine indicators, its headline measure this year
and last year, the change and whether it improved (by the WRES orientation of
`figures.trends`), and for the relative likelihoods whether this year lies inside the
non-adverse band. `priorities` ranks the findings a board should hear first by size and
persistence:
- a relative likelihood outside the band: size = |ln RL| / ln(1.25), so 1.0 at the band's
  edge and 2.0 at 1.56 or 0.64; when it rests on small numbers (fewer events than the
  disclosure threshold in either group, the record's `small_numbers`) the size is capped
  at 1.0, since one case more or less would move it a long way;
- BME under-representation in Band 8a and above or on the board's voting membership, of
  at least `MIN_GAP_PP` percentage points: size = gap / 5 pp;
- a staff-survey indicator where BME staff fare worse than White staff by at least
  `MIN_GAP_PP`: size = difference / 5 pp;
- persistence = consecutive years (ending this year) with the same finding; the score is
  size x (1 + (persistence - 1) / 2), so a finding repeated for three years counts double.
Ties go to the lower indicator number. Every value is unrounded.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from .trends import (
    DEFAULT_BAND,
    MEASURE_BY_KEY,
    TOLERANCES,
    Measure,
    indicator_series,
    judge,
    outside_band,
)

Records = Mapping[int, Mapping[str, Any]]

# The one measure that heads each indicator on the front page.
HEADLINE: dict[int, str] = {
    1: "senior_8a_plus_difference_pp",
    2: "relative_likelihood",
    3: "relative_likelihood",
    4: "relative_likelihood",
    5: "bme_pct",
    6: "bme_pct",
    7: "bme_pct",
    8: "bme_pct",
    9: "voting_difference_pp",
}
MIN_GAP_PP = 1.0  # smaller representation or survey gaps are not ranked
GAP_SCALE_PP = 5.0  # a 5-point gap weighs as much as an RL at the band's edge


@dataclass(frozen=True)
class Headline:
    """One indicator's headline on the front page."""

    indicator: int
    measure: Measure
    year: int
    value: float | None
    previous_year: int | None
    previous_value: float | None
    change: float | None
    movement: str | None  # rose, fell, unchanged; None without two values
    direction: str | None  # improved, worsened, unchanged, no orientation; None likewise
    within_band: bool | None  # relative likelihoods only
    note: str  # why there is no value, when there is none


def _values(frame: pd.DataFrame, m: Measure) -> dict[int, float]:
    own = frame[(frame["indicator"] == m.indicator) & (frame["measure"] == m.measure)]
    return {int(y): float(v) for y, v in zip(own["year"], own["value"], strict=True) if pd.notna(v)}


def _note(frame: pd.DataFrame, m: Measure, year: int) -> str:
    mine = (frame["indicator"] == m.indicator) & (frame["measure"] == m.measure)
    own = frame[mine & (frame["year"] == year)]
    return str(own["note"].iloc[0]) if len(own) else ""


def band_of(record: Mapping[str, Any]) -> tuple[float, float]:
    """The non-adverse band a record was assessed against."""
    low, high = record.get("settings", {}).get("non_adverse_band", DEFAULT_BAND)
    return float(low), float(high)


def indicator_summary(records: Records, year: int | None = None) -> list[Headline]:
    """The nine headlines for `year` (default: the latest), each against the year before it
    that has a value."""
    frame = indicator_series(records)
    year = max(records) if year is None else year
    band = band_of(records[year])
    out = []
    for indicator, name in HEADLINE.items():
        m = MEASURE_BY_KEY[(indicator, name)]
        values = _values(frame, m)
        value = values.get(year)
        earlier = [y for y in values if y < year]
        previous_year = max(earlier) if earlier else None
        previous = values.get(previous_year) if previous_year is not None else None
        movement = direction = change = None
        if value is not None and previous is not None:
            change = value - previous
            movement, direction = judge(previous, value, m, TOLERANCES[m.kind])
        within = None
        if m.kind == "ratio" and value is not None:
            within = not outside_band(value, band)
        out.append(
            Headline(
                indicator,
                m,
                year,
                value,
                previous_year,
                previous,
                change,
                movement,
                direction,
                within,
                "" if value is not None else _note(frame, m, year),
            )
        )
    return out


@dataclass(frozen=True)
class Priority:
    """A finding for the board, with how it was ranked."""

    indicator: int
    kind: str  # "likelihood", "representation" or "survey"
    measure: Measure
    value: float
    size: float
    persistence: int  # consecutive years ending this year
    score: float


def _persistence(values: dict[int, float], year: int, finding: Any) -> int:
    """Consecutive years ending at `year` in which `finding(value)` holds."""
    count, y = 0, year
    while y in values and finding(values[y]):
        count += 1
        y -= 1
    return count


def _rl_size(value: float, band: tuple[float, float], small: bool) -> float:
    size = abs(math.log(value)) / math.log(band[1]) if value > 0 else math.inf
    return min(size, 1.0) if small else size


def priorities(records: Records, year: int | None = None, limit: int = 3) -> list[Priority]:
    """The findings that matter most this year, largest score first (see the module)."""
    frame = indicator_series(records)
    year = max(records) if year is None else year
    band = band_of(records[year])
    found: list[Priority] = []

    def add(indicator: int, kind: str, name: str, size_of: Any, holds: Any) -> None:
        m = MEASURE_BY_KEY[(indicator, name)]
        values = _values(frame, m)
        if year not in values or not holds(values[year]):
            return
        persistence = _persistence(values, year, holds)
        size = size_of(values[year])
        score = size * (1 + (persistence - 1) / 2)
        found.append(Priority(indicator, kind, m, values[year], size, persistence, score))

    for n in (2, 3, 4):
        small = bool(records[year].get("indicators", {}).get(str(n), {}).get("small_numbers"))
        add(
            n,
            "likelihood",
            "relative_likelihood",
            lambda v, small=small: _rl_size(v, band, small),
            lambda v: outside_band(v, band),
        )
    for n, name in ((1, "senior_8a_plus_difference_pp"), (9, "voting_difference_pp")):
        add(n, "representation", name, lambda v: -v / GAP_SCALE_PP, lambda v: v <= -MIN_GAP_PP)
    for n in (5, 6, 7, 8):
        bme = _values(frame, MEASURE_BY_KEY[(n, "bme_pct")])
        white = _values(frame, MEASURE_BY_KEY[(n, "white_pct")])
        m = MEASURE_BY_KEY[(n, "bme_pct")]
        sign = 1 if m.orientation == "lower" else -1  # higher is better for indicator 7
        gaps = {y: sign * (bme[y] - white[y]) for y in bme if y in white}
        if year in gaps and gaps[year] >= MIN_GAP_PP:
            persistence = _persistence(gaps, year, lambda g: g >= MIN_GAP_PP)
            size = gaps[year] / GAP_SCALE_PP
            score = size * (1 + (persistence - 1) / 2)
            found.append(Priority(n, "survey", m, bme[year], size, persistence, score))
    found.sort(key=lambda p: (-p.score, p.indicator))
    return found[:limit]
