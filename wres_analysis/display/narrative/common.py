"""What every section's narrative shares: sentence helpers, shares in words, availability.

Shares and counts come from `RecordView` and `display.format`, so a suppressed figure
never reaches a sentence: the helpers return "" and the caller says it is not published.
"""

from __future__ import annotations

from typing import Any

from ..format import CONFIDENTIAL, fmt_pct
from ..record_view import RecordView


def sentence(text: str) -> str:
    """The text as a sentence: stripped, with a full stop unless it already ends one."""
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def cap(text: str) -> str:
    """Capitalise the first letter, unless the text starts with a file name (data.csv)."""
    first = text.split(" ", 1)[0]
    if "." in first.rstrip(".,:;") or "_" in first:
        return text
    return text[:1].upper() + text[1:]


def version_note(record: dict[str, Any]) -> str:
    """Which version this is: published (small counts hidden) or internal (all counts)."""
    view = RecordView(record)
    if view.published:
        return (
            f"Published version: figures marked {CONFIDENTIAL} are not published, to protect "
            f"small numbers (counts below {view.threshold}, and figures from which one could "
            "be worked out), so that no individual can be identified."
        )
    return (
        "Internal version: every count is shown, including counts below "
        f"{view.threshold}. Not for publication."
    )


def availability(record: dict[str, Any], number: int) -> str | None:
    """Why an indicator has no figures (not required, or its file absent); None if it has."""
    view = RecordView(record)
    state = view.state(number)
    block = view.indicator(number)
    year = record.get("year")
    if state == "not_required":
        reason = block.get("note") or f"Indicator {number} was not required this reporting year"
        return f"**Not required in {year}.** " + sentence(cap(reason))
    if state == "not_available":
        note = block.get("note") or f"the input file for indicator {number} was not supplied"
        return f"**Not available for {year}.** " + sentence(cap(note))
    return None


def share_parts(view: RecordView, path: tuple, count: str, total: str = "total") -> tuple[str, str]:
    """("3.4%", "32 of 940") for the count's share of the total, or ("", "") if suppressed.

    The share is read from `<count>_pct` beside the count, e.g. "bme_pct" or "assessed_pct".
    """
    pct = view.get(*path, f"{count}_pct")
    if pct is None or view.get(*path, count) is None:
        return "", ""
    return fmt_pct(pct), f"{view.count(*path, count)} of {view.count(*path, total)}"


def share_text(view: RecordView, path: tuple, count: str, total: str = "total") -> str:
    """ "3.4% (32 of 940)" for the count's share of the total, or "" when suppressed."""
    pct, counts = share_parts(view, path, count, total)
    return f"{pct} ({counts})" if counts else pct


# How a BME-minus-White difference in percentage points reads (see `pp_relation`).
BME_VS_WHITE: tuple[str, str, str] = ("higher for BME staff", "lower for BME staff", "the same")
