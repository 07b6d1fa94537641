"""Display tables for the relative-likelihood indicators 2-4."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..indicator_terms import GROUP_LABELS, LIKELIHOOD
from ..record_view import RecordView
from .common import frame


def likelihood_table(record: dict[str, Any], number: int) -> pd.DataFrame | None:
    """Indicators 2-4: each group's count, denominator and rate (unknowns: counts only)."""
    view = RecordView(record)
    if view.state(number) != "available":
        return None
    spec = LIKELIHOOD[number]
    base = ("indicators", number)
    rows = []
    for key in ("white", "bme", "unknown"):
        if view.get(*base, key) is None:
            continue
        rows.append(
            {
                "Ethnic group": GROUP_LABELS[key],
                spec.denominator_label: view.count(*base, key, spec.denominator),
                spec.count_label: view.count(*base, key, spec.count),
                spec.rate_label: (
                    "not used (left out of the comparison)"
                    if key == "unknown"
                    else view.rate(*base, key, "rate")
                ),
            }
        )
    return frame(rows)


def likelihood_summary(record: dict[str, Any], number: int) -> pd.DataFrame | None:
    """Indicators 2-4: the relative likelihood, its orientation and the band assessment."""
    view = RecordView(record)
    if view.state(number) != "available":
        return None
    spec = LIKELIHOOD[number]
    block = view.indicator(number)
    top, other = spec.top, spec.other
    rows = [
        {"Measure": f"Relative likelihood ({top} vs {other})", "Value": view.rl(number)},
        {
            "Measure": "Reads as",
            "Value": f"above 1.00: {top} {spec.people} more likely to {spec.event}; 1.00 is parity",
        },
        {"Measure": "Against the non-adverse band", "Value": view.assessment(number)},
    ]
    if number == 3:
        years = block.get("years") or []
        rows.append({"Measure": "Years", "Value": ", ".join(str(y) for y in years)})
        if block.get("method"):
            rows.append({"Measure": "Method", "Value": str(block["method"])})
        if block.get("caveat"):
            rows.append({"Measure": "Caveat", "Value": str(block["caveat"])})
    return frame(rows)
