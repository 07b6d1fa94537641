"""The front page in words: what matters most, in plain English, with the people behind it.

`figures.summary.priorities` decides which findings come first (by size and persistence);
this module says each in a sentence a board member can read without a glossary: people
counted rather than ratios where the numbers are small, and how long it has lasted.
"""

from __future__ import annotations

from typing import Any

from ...figures.summary import Priority, priorities
from ..format import fmt_band
from ..indicator_terms import LIKELIHOOD
from ..record_view import RecordView
from ..trend_view import Records

ORDINALS = {2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth"}
SURVEY_WHAT: dict[int, str] = {
    5: "said they had been harassed, bullied or abused by patients, relatives or the public",
    6: "said they had been harassed, bullied or abused by other staff",
    7: "believed the organisation gives equal opportunities for career progression",
    8: "said they had been discriminated against by a manager or colleague",
}


def running(persistence: int) -> str:
    """", for the third year running" (nothing for a first year)."""
    if persistence < 2:
        return ""
    return f", for the {ORDINALS.get(persistence, f'{persistence}th')} year running"


def _likelihood(view: RecordView, p: Priority) -> str:
    n, spec = p.indicator, LIKELIHOOD[p.indicator]
    base = ("indicators", n)
    block = view.indicator(n)
    top, other = spec.numerator_group, spec.comparison_group
    counts = {
        g: (view.count(*base, g, spec.count), view.count(*base, g, spec.denominator))
        for g in (top, other)
    }
    label = {"white": "White", "bme": "BME"}
    people = " and ".join(
        f"{counts[g][0]} of {counts[g][1]} {label[g]} {spec.people}" for g in ("bme", "white")
    )
    average = ""
    if n == 3 and len(block.get("years") or []) > 1:
        years = " and ".join(str(y) for y in block["years"])
        average = f" (a yearly average over {years})"
    band = fmt_band(view.band)
    if block.get("small_numbers"):
        return (
            f"{people} {spec.done}{average}. With so few, the relative "
            f"likelihood ({view.rl(n)}) lies outside the {band} range{running(p.persistence)}, "
            "but one case more or less would move it a long way."
        )
    return (
        f"{spec.times_as_likely(view.rl(n))}: {people} {spec.done}{average}. That is outside "
        f"NHS England's {band} range{running(p.persistence)}."
    )


def _representation(view: RecordView, p: Priority) -> str:
    workforce = view.pct("indicators", 1, "overall", "bme_pct")
    if p.indicator == 1:
        group = ("targets", "groups", "senior_8a_plus")
        return (
            f"BME staff are {workforce} of the workforce but {view.pct(*group, 'bme_pct')} of "
            f"staff in Band 8a and above ({view.count(*group, 'bme')} of "
            f"{view.count(*group, 'headcount')} people){running(p.persistence)}."
        )
    voting = ("indicators", 9, "voting")
    return (
        f"BME members are {view.pct(*voting, 'bme_pct')} of the board's voting members "
        f"({view.count(*voting, 'bme')} of {view.count(*voting, 'members')}), against "
        f"{view.pct('indicators', 9, 'workforce_bme_pct')} of the workforce"
        f"{running(p.persistence)}."
    )


def _survey(view: RecordView, p: Priority) -> str:
    base = ("indicators", p.indicator)
    return (
        f"In the NHS Staff Survey, {view.pct(*base, 'bme_pct')} of BME staff "
        f"{SURVEY_WHAT[p.indicator]}, against {view.pct(*base, 'white_pct')} of White staff"
        f"{running(p.persistence)}."
    )


SAY = {"likelihood": _likelihood, "representation": _representation, "survey": _survey}


def at_a_glance(record: dict[str, Any]) -> str:
    """How to read the table that follows, with its jargon spelled out once."""
    low, high = RecordView(record).band
    return (
        "The table gives each WRES indicator's headline figure this year and the year "
        "before. A relative likelihood (RL) compares how likely one group is to be "
        "appointed, disciplined or trained with the other: 1.00 means the same, and NHS "
        f"England treats {fmt_band((low, high))} as the range without adverse impact. "
        "Representation gaps are in percentage points (pp): the BME share of a group minus "
        "the BME share of the whole workforce, so a negative gap means BME staff are "
        "under-represented. \"Improved\" and \"worsened\" follow the WRES reading: towards "
        "1.00 for an RL, towards no gap for representation, and towards the better "
        "experience in the staff survey."
    )


def what_matters(records: Records, year: int | None = None, limit: int = 3) -> list[str]:
    """The findings that matter most this year, most important first, one sentence each."""
    year = max(records) if year is None else year
    view = RecordView(records[year])
    return [SAY[p.kind](view, p) for p in priorities(records, year, limit)]


def board_asks(asks: list[str]) -> list[str]:
    """What the board is asked to approve, as given in params (plain text)."""
    return [a.strip() for a in asks if a and a.strip()]


def none_matter(records: Records, year: int | None = None) -> str | None:
    """A sentence for a year with nothing to rank, else None."""
    year = max(records) if year is None else year
    if priorities(records, year):
        return None
    return (
        "No relative likelihood lies outside NHS England's range, and no representation or "
        "staff-survey gap reaches 1 percentage point this year."
    )

