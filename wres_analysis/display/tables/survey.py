"""Display table for the NHS Staff Survey indicators 5-8."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..format import NOT_AVAILABLE
from ..indicator_terms import INDICATOR_NAMES, SURVEY_INDICATORS
from ..record_view import RecordView
from .common import frame


def survey_table(record: dict[str, Any]) -> pd.DataFrame | None:
    """Indicators 5-8: White and BME percentages; None when none of them is available."""
    view = RecordView(record)
    if all(view.state(n) != "available" for n in SURVEY_INDICATORS):
        return None
    rows = []
    for n in SURVEY_INDICATORS:
        block = view.indicator(n)
        state = view.state(n)
        base = ("indicators", n)
        row = {
            "Indicator": str(n),
            "Survey question": block.get("label") or "-",
            "Measure": INDICATOR_NAMES[n],
        }
        if state == "available":
            row.update(
                {
                    "White": view.pct(*base, "white_pct"),
                    "BME": view.pct(*base, "bme_pct"),
                    "BME minus White": view.pp_or_note(*base, "difference_pp"),
                }
            )
        else:
            text = "not required" if state == "not_required" else NOT_AVAILABLE
            row.update({"White": text, "BME": text, "BME minus White": "-"})
        rows.append(row)
    return frame(rows)
