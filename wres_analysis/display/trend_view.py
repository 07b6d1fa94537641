"""One measure across the years, for display: each year's figure as text, and the changes.

Values and directions come from `figures.trends` (so the WRES orientation rules live in one
place); this module only decides how each year's figure reads ("not required", "suppressed")
and which comparisons a section states: the earliest year against the latest, and the
previous year with a figure against the latest. A figure hidden by disclosure control is
null in the record, so it never enters a comparison.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..figures.targets import group_counts
from ..figures.trends import (
    MEASURE_BY_KEY,
    Measure,
    direction_of_change,
    indicator_series,
    years_outside_band,
)
from .format import NOT_AVAILABLE, fmt_missing, fmt_pct, fmt_pp, fmt_rate, fmt_rl
from .record_view import RecordView, TracedRecord, mark

Records = Mapping[int, dict[str, Any]]

_SHOWN = {"pct": fmt_pct, "pp": fmt_pp, "rate": fmt_rate, "ratio": fmt_rl}
NOT_REQUIRED = "not required"


@dataclass(frozen=True)
class Point:
    """One year's figure: its value (None when there is none) and how it reads."""

    year: int
    value: float | None
    text: str


@dataclass(frozen=True)
class Change:
    """One comparison between two years, as `trends.direction_of_change` judged it."""

    from_year: int
    to_year: int
    from_text: str
    to_text: str
    movement: str  # rose, fell or unchanged
    direction: str  # improved, worsened, unchanged or "no orientation"


def join_years(years: Sequence[int | str]) -> str:
    """2019, 2020 and 2021 ("" for none)."""
    words = [str(y) for y in years]
    return ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else "".join(words)


def measure(indicator: int, name: str) -> Measure:
    """The trend measure of an indicator by its name, e.g. (2, "relative_likelihood")."""
    return MEASURE_BY_KEY[(indicator, name)]


def fmt_value(value: float, kind: str) -> str:
    """A measure's value as the report shows it (kind: pct, pp, rate or ratio)."""
    return _SHOWN[kind](value)


def _hidden(record: dict[str, Any], m: Measure) -> bool:
    view = RecordView(record)
    if not view.published:
        return False
    if not m.path:  # derived from the Band 8a-and-above counts (and the workforce share)
        overall = view.get("indicators", 1, "overall", "bme_pct")
        return group_counts(record, "senior_8a_plus")[0] is None or overall is None
    return view.is_suppressed("indicators", m.indicator, *m.path)


def missing_text(record: dict[str, Any], m: Measure) -> str:
    """Why a year has no figure: not required, not available, suppressed or not computable."""
    view = RecordView(record)
    state = view.state(m.indicator) if m.path else "available"
    if state == "not_required":
        return NOT_REQUIRED
    if state == "not_available":
        return NOT_AVAILABLE
    return fmt_missing(_hidden(record, m), False, view.threshold)


def series(records: Records) -> pd.DataFrame:
    """`trends.indicator_series` of the records."""
    return indicator_series(records)


def points(records: Records, m: Measure, frame: pd.DataFrame | None = None) -> list[Point]:
    """Each year's figure for one measure, in year order (plain text, for charts)."""
    frame = series(records) if frame is None else frame
    own = frame[(frame["indicator"] == m.indicator) & (frame["measure"] == m.measure)]
    out = []
    for year, value in zip(own["year"], own["value"], strict=True):
        if pd.isna(value):
            out.append(Point(int(year), None, missing_text(records[int(year)], m)))
        else:
            out.append(Point(int(year), float(value), fmt_value(float(value), m.kind)))
    return out


def trend_path(m: Measure) -> str:
    """How a measure is named in a traced figure: trend.<indicator>.<measure>."""
    return f"trend.{m.indicator}.{m.measure}"


def shown(records: Records, m: Measure, point: Point) -> str:
    """A point's text for tables and sentences: traced (kind "trend") when the records are."""
    record = records.get(point.year)
    if not isinstance(record, TracedRecord):
        return point.text
    return mark(point.text, point.year, trend_path(m), "trend")


def expected_trend_text(records: Records, year: int, path: str) -> str | None:
    """How the traced measure `trend.<indicator>.<measure>` of `year` reads (for verify);
    None when no such measure or year."""
    _, indicator, name = path.split(".", 2)
    m = MEASURE_BY_KEY.get((int(indicator), name))
    if m is None or year not in records:
        return None
    found = [p for p in points(records, m) if p.year == year]
    return found[0].text if found else None


def changes(records: Records, m: Measure, frame: pd.DataFrame | None = None) -> list[Change]:
    """The earliest year against the latest, then the previous year with a figure against it.

    Empty when the latest year has no figure or no earlier year has one; one comparison
    when the two coincide (two years of figures only, or a year without a survey between).
    """
    frame = series(records) if frame is None else frame
    latest = max(records)
    known = [p.year for p in points(records, m, frame) if p.value is not None]
    if latest not in known or len(known) < 2:
        return []
    starts = sorted({known[0], [y for y in known if y < latest][-1]})
    out = []
    for start in starts:
        table = direction_of_change(frame, to_year=latest, from_year=start)
        row = table[(table["indicator"] == m.indicator) & (table["measure"] == m.measure)].iloc[0]
        out.append(
            Change(
                from_year=start,
                to_year=latest,
                from_text=fmt_value(row["from_value"], m.kind),
                to_text=fmt_value(row["to_value"], m.kind),
                movement=str(row["movement"]),
                direction=str(row["direction"]),
            )
        )
    return out


def band_years(records: Records, number: int) -> tuple[list[int], list[int], list[Point]]:
    """Indicators 2-4: years outside the band, years within it, and years with no figure."""
    latest = records[max(records)]
    band = RecordView(latest).band
    frame = series(records)
    outside = years_outside_band(frame, band)[number]
    shown = points(records, measure(number, "relative_likelihood"), frame)
    within = [p.year for p in shown if p.value is not None and p.year not in outside]
    return outside, within, [p for p in shown if p.value is None]
