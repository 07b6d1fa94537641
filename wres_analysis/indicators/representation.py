"""Indicator 1: each group's share of every pay band, clinical and non-clinical separately."""

from __future__ import annotations

import pandas as pd

from ..inputs.bands import BAND_RANK, STAFF_TYPES
from ..inputs.ethnicity import GROUPS
from .common import group_sums, shares


def indicator_1(workforce: pd.DataFrame) -> dict[str, object]:
    """Overall shares, shares per staff type, and a row per (staff type, band) present."""
    overall = group_sums(workforce)
    counts = (
        workforce.groupby(["staff_type", "pay_band", "group"], observed=True)
        .size()
        .unstack("group", fill_value=0)
        .reindex(columns=list(GROUPS), fill_value=0)
    )
    rows = []
    for (staff_type, band), row in sorted(
        counts.iterrows(), key=lambda item: (STAFF_TYPES.index(item[0][0]), BAND_RANK[item[0][1]])
    ):
        rows.append(
            {
                "staff_type": staff_type,
                "band": band,
                **shares(int(row["White"]), int(row["BME"]), int(row["Unknown"])),
            }
        )
    by_type = {}
    for staff_type in STAFF_TYPES:
        subset = workforce[workforce["staff_type"] == staff_type]
        sums = group_sums(subset)
        by_type[staff_type] = shares(sums["White"], sums["BME"], sums["Unknown"])
    return {
        "overall": shares(overall["White"], overall["BME"], overall["Unknown"]),
        "by_staff_type": by_type,
        "bands": rows,
    }
