"""How figures read in the report: the one module that rounds numbers for display.

Figures stay unrounded in the record; tables, narrative, key messages, commentary and
chart labels all turn them into text here, so each rule (percentages to 1 decimal,
relative likelihoods to 2, how a suppressed count reads) is written once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

# The Analysis Function's symbol for a figure withheld to protect confidentiality: a small
# count, a figure built on one, or one from which a hidden count could be worked out.
CONFIDENTIAL = "[c]"
SUPPRESSED = CONFIDENTIAL  # a hidden figure in a table cell (never 0, "-" or empty)
HIDDEN = "not published, to protect small numbers [c]"  # the same in a sentence
NOT_COMPUTABLE = "not computable"
NOT_AVAILABLE = "not available"


def fmt_decimal(value: float, places: int = 1, grouped: bool = False) -> str:
    """A number to a fixed count of decimal places, optionally with thousands separators."""
    return f"{value:{',' if grouped else ''}.{places}f}"


def fmt_count(value: float, grouped: bool = True) -> str:
    """A count: whole numbers as such, a fractional one (a two-year mean) to 1 decimal.

    Tables and narrative group thousands (3,010); the key messages write counts plainly
    (3010), hence `grouped=False` there.
    """
    if float(value).is_integer():
        return f"{int(value):,}" if grouped else f"{int(value)}"
    return fmt_decimal(value, 1, grouped)


def fmt_pct(value: float, places: int = 1) -> str:
    """A 0-100 percentage, to 1 decimal unless told otherwise."""
    return f"{fmt_decimal(value, places)}%"


def fmt_rate(value: float) -> str:
    """A 0-1 rate shown as a percentage to 1 decimal."""
    return fmt_pct(value * 100)


def fmt_rl(value: float) -> str:
    """A relative likelihood to 2 decimals."""
    return fmt_decimal(value, 2)


def fmt_pp(value: float) -> str:
    """A signed difference in percentage points to 1 decimal."""
    rounded = round(value, 1)
    if rounded == 0:
        return "0.0 pp"
    sign = "+" if rounded > 0 else "−"
    return f"{sign}{fmt_decimal(abs(rounded))} pp"


def pp_relation(
    value: float, above: str = "above", below: str = "below", same: str = "level with"
) -> str:
    """A percentage-point difference in words, e.g. '3.4 percentage points below'."""
    if round(value, 1) == 0:
        return same
    return f"{fmt_decimal(abs(value))} percentage points {above if value > 0 else below}"


def fmt_band(band: Sequence[float]) -> str:
    """The non-adverse band, e.g. "0.80-1.25"."""
    return f"{fmt_rl(band[0])}-{fmt_rl(band[1])}"


def fmt_date(iso: str | dt.date) -> str:
    """A date as people write it: 31 March 2020."""
    day = dt.date.fromisoformat(iso) if isinstance(iso, str) else iso
    return f"{day.day} {day.strftime('%B')} {day.year}"


def fmt_small(threshold: int) -> str:
    """How a count hidden by disclosure control reads: "[c]" (whatever the threshold: "<10"
    would tell a reader the hidden count is small, and a complementary cell is not)."""
    return CONFIDENTIAL


def confidential_note(threshold: int, min_range: int | None = None) -> str:
    """What "[c]" means, with the threshold, for a note beside a published table or page."""
    text = (
        f"{CONFIDENTIAL} = confidential: not published, to protect small numbers. Counts "
        f"below {threshold} are hidden, with every figure built on them, and so are other "
        "figures from which a hidden count could be worked out"
    )
    if min_range:
        text += f" or narrowed to fewer than {min_range} possible values"
    return text + "."


def fmt_missing(hidden: bool, count: bool, threshold: int) -> str:
    """What stands in for a null figure.

    Hidden by disclosure control: "[c]", for a count and for a figure built on one alike.
    Otherwise it was never there: "not available" for a count, "not computable" for the rest.
    """
    if hidden:
        return CONFIDENTIAL
    return NOT_AVAILABLE if count else NOT_COMPUTABLE


def note_text(note: str | None) -> str:
    """A record note as a sentence fragment starting with a capital letter."""
    if not note:
        return NOT_COMPUTABLE.capitalize()
    return note[0].upper() + note[1:]
