"""Builders of small standardised frames (as load_extracts returns them) for worked examples."""

from __future__ import annotations

import pandas as pd


def workforce(rows: list[tuple[str, str, str, int]]) -> pd.DataFrame:
    """rows of (group, pay_band, staff_type, headcount) expanded to one row per person."""
    records = [
        {"group": g, "pay_band": b, "staff_type": t} for g, b, t, n in rows for _ in range(n)
    ]
    return pd.DataFrame(records, columns=["group", "pay_band", "staff_type"])


def counts(column_values: dict[str, list]) -> pd.DataFrame:
    """A per-group count table, e.g. {"group": [...], "entered": [...]}."""
    return pd.DataFrame(column_values)


def board(rows: list[tuple[str, bool, bool, int]]) -> pd.DataFrame:
    """rows of (group, voting, executive, members)."""
    records = [{"group": g, "voting": v, "executive": e} for g, v, e, n in rows for _ in range(n)]
    return pd.DataFrame(records, columns=["group", "voting", "executive"])
