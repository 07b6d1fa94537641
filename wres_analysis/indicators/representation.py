"""Indicator 1: each group's share of every pay band, clinical and non-clinical separately."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..inputs.bands import BAND_RANK, STAFF_TYPES
from ..inputs.ethnicity import GROUPS
from .common import shares

Cells = dict[tuple[str, str], tuple[int, int, int]]  # (staff type, band) -> (W, B, U)


def indicator_1(workforce: pd.DataFrame) -> dict[str, object]:
    """Overall shares, shares per staff type, and a row per (staff type, band) present."""
    return representation_1(cell_counts(workforce))


def representation_1(counts: Cells) -> dict[str, object]:
    """Indicator 1 from the (White, BME, Unknown) headcount of each (staff type, band)."""
    rows = []
    for (staff_type, band), row in sorted(
        counts.items(), key=lambda item: (STAFF_TYPES.index(item[0][0]), BAND_RANK[item[0][1]])
    ):
        rows.append({"staff_type": staff_type, "band": band, **shares(*row)})
    by_type = {}
    for staff_type in STAFF_TYPES:
        sums = [sum(r[i] for (t, _), r in counts.items() if t == staff_type) for i in range(3)]
        by_type[staff_type] = shares(*sums)
    overall = [sum(r[i] for r in counts.values()) for i in range(3)]
    return {
        "overall": shares(*overall),
        "by_staff_type": by_type,
        "bands": rows,
    }


def cell_counts(workforce: pd.DataFrame) -> Cells:
    """(White, BME, Unknown) headcounts of every (staff type, band) with anyone in it.

    Counted from the categorical codes when the frame is as loaded (a crosstab by bincount);
    otherwise by grouping, for frames built by hand. An empty frame has no cells.
    """
    columns = [workforce[c] for c in ("staff_type", "pay_band", "group")]
    if all(isinstance(c.dtype, pd.CategoricalDtype) for c in columns) and tuple(
        columns[2].cat.categories
    ) == tuple(GROUPS):
        return cells_from_codes(
            *(c.cat.codes.to_numpy() for c in columns),
            types=list(columns[0].cat.categories),
            bands=list(columns[1].cat.categories),
        )
    grouped = (
        workforce.groupby(["staff_type", "pay_band", "group"], observed=True)
        .size()
        .unstack("group", fill_value=0)
        .reindex(columns=list(GROUPS), fill_value=0)
    )
    return {
        (str(t), str(b)): (int(r["White"]), int(r["BME"]), int(r["Unknown"]))
        for (t, b), r in grouped.iterrows()
    }


def cells_from_codes(
    type_codes: np.ndarray,
    band_codes: np.ndarray,
    group_codes: np.ndarray,
    types: list[str],
    bands: list[str],
) -> Cells:
    """`cell_counts` from category codes: one crosstab by bincount (groups coded in GROUPS
    order); only cells with anyone in them."""
    flat = (type_codes.astype(np.int64) * len(bands) + band_codes) * len(GROUPS) + group_codes
    cube = np.bincount(flat, minlength=len(types) * len(bands) * len(GROUPS))
    rows = cube.reshape(len(types) * len(bands), len(GROUPS)).tolist()
    return {
        (types[i // len(bands)], bands[i % len(bands)]): tuple(row)  # type: ignore[misc]
        for i, row in enumerate(rows)
        if any(row)
    }
