"""The front page's at-a-glance table: the nine indicators, this year against last year.

Values and directions come from `figures.summary`; this module only decides how they read.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ...figures.summary import Headline, indicator_summary
from ..format import fmt_band
from ..indicator_terms import LIKELIHOOD
from ..record_view import RecordView
from ..trend_view import Point, Records, fmt_value, missing_text, shown
from .common import frame

ROW_LABELS: dict[int, str] = {
    1: "1. BME share of Band 8a and above, minus the workforce's (percentage points)",
    2: "2. Appointment from shortlisting: relative likelihood, White vs BME applicants",
    3: "3. Entering formal disciplinary: relative likelihood, BME vs White staff",
    4: "4. Non-mandatory training and CPD: relative likelihood, White vs BME staff",
    5: "5. BME staff harassed, bullied or abused by patients or the public (%)",
    6: "6. BME staff harassed, bullied or abused by staff (%)",
    7: "7. BME staff who believe career progression is fair (%)",
    8: "8. BME staff discriminated against by a manager or colleague (%)",
    9: "9. BME share of the board's voting members, minus the workforce's (percentage points)",
}
ARROWS = {"rose": "↑", "fell": "↓", "unchanged": "→"}


def _value_text(
    records: Records, headline: Headline, year: int | None, column_year: int | None = None
) -> str:
    """A year's headline value; from a year other than the column's, with that year."""
    if year is None:
        return "no earlier year"
    m = headline.measure
    value = headline.value if year == headline.year else headline.previous_value
    text = missing_text(records[year], m) if value is None else fmt_value(value, m.kind)
    point = Point(year, value, text)
    cell = shown(records, m, point)
    return cell if year in (headline.year, column_year) else f"{cell} ({year})"


def change_text(headline: Headline) -> str:
    """The change in a word and an arrow, e.g. "improved ↓ 0.11"."""
    if headline.movement is None or headline.change is None:
        return "not comparable"
    arrow = ARROWS[headline.movement]
    if headline.movement == "unchanged":
        return f"unchanged {arrow}"
    kind = "pp" if headline.measure.kind == "pct" else headline.measure.kind  # % -> points
    size = fmt_value(abs(headline.change), kind).lstrip("+−-")
    word = headline.direction if headline.direction != "no orientation" else headline.movement
    return f"{word} {arrow} {size}"


def band_text(headline: Headline, band: tuple[float, float]) -> str:
    """Inside the non-adverse band? Only relative likelihoods have one."""
    if headline.measure.kind != "ratio":
        return "not applicable"
    if headline.within_band is None:
        return "not assessed"
    return "yes" if headline.within_band else f"no: outside {fmt_band(band)}"


def in_brief(records: Records, headline: Headline) -> str:
    """One plain sentence for the indicator."""
    record = records[headline.year]
    view = RecordView(record)
    n = headline.indicator
    if headline.value is None:
        state = view.state(n) if n != 1 else "available"
        if state == "not_required":
            return f"Not required in {headline.year}."
        if state == "not_available":
            return "Not available: the input file was not supplied."
        return "Not shown: " + (headline.note or "no figure this year") + "."
    if n == 1:
        gap = headline.value
        where = "less" if gap < 0 else "more"
        return (
            f"BME staff are {fmt_value(abs(gap), 'pct').rstrip('%')} percentage points {where} "
            "represented in Band 8a and above "
            f"({view.pct('targets', 'groups', 'senior_8a_plus', 'bme_pct')}) than in the "
            f"workforce ({view.pct('indicators', 1, 'overall', 'bme_pct')})."
        )
    if n in LIKELIHOOD:
        return LIKELIHOOD[n].times_as_likely(view.rl(n)) + "."
    if n in (5, 6, 7, 8):
        base = ("indicators", n)
        return (
            f"{view.pct(*base, 'bme_pct')} of BME staff, against "
            f"{view.pct(*base, 'white_pct')} of White staff."
        )
    gap = headline.value
    where = "below" if gap < 0 else "above"
    return (
        f"The BME share of the board's voting members, "
        f"{view.pct('indicators', 9, 'voting', 'bme_pct')}, is "
        f"{fmt_value(abs(gap), 'pct').rstrip('%')} percentage points {where} the workforce's "
        f"{view.pct('indicators', 9, 'workforce_bme_pct')}."
    )


def summary_table(records: Records, year: int | None = None) -> pd.DataFrame:
    """One row per indicator: this year, last year, the change, the band, in brief."""
    headlines = indicator_summary(records, year)
    year = headlines[0].year
    band = RecordView(records[year]).band
    previous = [h.previous_year for h in headlines if h.previous_year is not None]
    last_year = max(previous) if previous else None
    last = f"Last year ({last_year})" if previous else "Last year"
    rows: list[dict[str, Any]] = []
    for h in headlines:
        rows.append(
            {
                "Indicator": ROW_LABELS[h.indicator],
                str(year): _value_text(records, h, year),
                last: _value_text(records, h, h.previous_year, last_year),
                "Change": change_text(h),
                f"Within {fmt_band(band)}?": band_text(h, band),
                "In brief": in_brief(records, h),
            }
        )
    return frame(rows)
