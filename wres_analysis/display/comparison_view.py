"""Reading one organisation's comparison slice (`compare.comparison_for`) as display text.

The organisation's own figures are read from its record through `RecordView`, so in the
report they are traced like every other figure; the group statistics and national figures
come from the slice, rounded here (through `display.format`) and nowhere else. Tables,
charts and sentences of the "How we compare" section and the comparison page share it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from ..figures.trends import MEASURE_BY_KEY
from .format import fmt_missing, fmt_pct, fmt_pp, fmt_rl
from .record_view import RecordView

# How a measure kind of `figures.trends` is shown by RecordView.
VIEW_KIND = {"pct": "pct", "pp": "pp", "ratio": "rl", "rate": "rate"}
NOT_SHOWN = "not shown: fewer than 3 organisations"
NO_PEERS = "peers not available"
NO_NATIONAL = "none published"


def value_text(kind: str, value: float) -> str:
    """A compared value as people read it: 1.52, 24.1% or −7.6 pp."""
    if kind == "ratio":
        return fmt_rl(value)
    if kind == "pp":
        return fmt_pp(value)
    return fmt_pct(value * 100 if kind == "rate" else value)


def own_text(record: dict[str, Any], entry: Mapping[str, Any]) -> str:
    """The organisation's own figure for a compared measure, from its record (traced when
    the record is)."""
    view = RecordView(record)
    number = int(entry["indicator"])
    missing = view.missing_text(number)
    if missing is not None and entry["measure"] != "senior_8a_plus_difference_pp":
        return missing
    m = MEASURE_BY_KEY[(number, entry["measure"])]
    if m.kind == "ratio":
        return view.rl(number)
    if m.path:
        return view.show(VIEW_KIND[m.kind], "indicators", number, *m.path)
    if entry.get("value") is not None:
        return value_text(m.kind, entry["value"])
    return fmt_missing(view.published, False, view.threshold)


def stat_text(kind: str, stats: Mapping[str, Any], peers_available: bool = True) -> str:
    """A group's median and interquartile range, e.g. "1.52 (IQR 1.38 to 1.71, n = 12)"."""
    if not peers_available:
        return NO_PEERS
    if stats.get("median") is None:
        return NOT_SHOWN
    return (
        f"{value_text(kind, stats['median'])} (IQR {value_text(kind, stats['q1'])} to "
        f"{value_text(kind, stats['q3'])}, n = {stats['n']})"
    )


def national_text(entry: Mapping[str, Any]) -> str:
    """The national figure with its year, e.g. "1.61 (2020)"; "none published" without."""
    national = entry.get("national")
    if not national:
        return NO_NATIONAL
    return f"{value_text(entry['kind'], national['value'])} ({national['year']})"


def quarter(value: float | None, stats: Mapping[str, Any]) -> str | None:
    """Where a value sits in a group: "highest quarter", "middle half" or "lowest quarter"."""
    if value is None or stats.get("median") is None:
        return None
    if value > stats["q3"]:
        return "highest quarter"
    if value < stats["q1"]:
        return "lowest quarter"
    return "middle half"


def parity_distance(value: float) -> float:
    """How far a relative likelihood lies from parity (|ln RL|: 0.80 and 1.25 alike)."""
    return abs(math.log(value)) if value > 0 else math.inf
