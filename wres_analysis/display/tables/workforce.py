"""Display tables for the workforce (indicator 1) and the board (indicator 9)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..format import fmt_pct
from ..indicator_terms import BOARD_MEMBERSHIPS, GROUP_LABELS
from ..record_view import RecordView
from .common import frame

# In the board table the column already says "Board membership".
BOARD_ROWS: dict[str, str] = {**BOARD_MEMBERSHIPS, "all": "All members"}


def workforce_table(record: dict[str, Any]) -> pd.DataFrame:
    """Indicator 1 overall: each group's headcount and share, all staff and by staff type."""
    view = RecordView(record)
    base = ("indicators", "1")
    types = [t for t in ("clinical", "non-clinical") if view.get(*base, "by_staff_type", t)]
    rows = []
    for key in ("white", "bme", "unknown", "total"):
        label = GROUP_LABELS.get(key, "All staff")
        row = {"Ethnic group": label}
        for title, block in [("All staff", ("overall",))] + [
            (t.capitalize(), ("by_staff_type", t)) for t in types
        ]:
            row[f"{title}: headcount"] = view.count(*base, *block, key)
            row[f"{title}: share"] = (
                fmt_pct(100) if key == "total" else view.pct(*base, *block, f"{key}_pct")
            )
        rows.append(row)
    return frame(rows)


def bands_table(record: dict[str, Any], staff_type: str) -> pd.DataFrame | None:
    """Indicator 1 by pay band for one staff type, with the overall comparison rows."""
    view = RecordView(record)
    base = ("indicators", "1")
    bands = view.get(*base, "bands") or []
    rows = []

    def row(label: str, path: tuple) -> dict[str, str]:
        out = {"Pay band": label}
        for key in ("white", "bme", "unknown"):
            out[GROUP_LABELS[key]] = view.count(*path, key)
            out[f"{GROUP_LABELS[key]} %"] = view.pct(*path, f"{key}_pct")
        out["Total"] = view.count(*path, "total")
        return out

    for i, band in enumerate(bands):
        if band.get("staff_type") == staff_type:
            rows.append(row(band["band"], (*base, "bands", i)))
    if not rows:
        return None
    if view.get(*base, "by_staff_type", staff_type):
        rows.append(row(f"All {staff_type} staff", (*base, "by_staff_type", staff_type)))
    rows.append(row("Whole workforce", (*base, "overall")))
    return frame(rows)


def board_table(record: dict[str, Any]) -> pd.DataFrame | None:
    """Indicator 9: BME share of each board membership against the workforce share."""
    view = RecordView(record)
    if view.state(9) != "available":
        return None
    base = ("indicators", 9)
    rows = []
    for key, label in BOARD_ROWS.items():
        if view.get(*base, key) is None:
            continue
        rows.append(
            {
                "Board membership": label,
                "Members": view.count(*base, key, "members"),
                "BME members": view.count(*base, key, "bme"),
                "BME share": view.pct(*base, key, "bme_pct"),
                "Workforce BME share": view.pct(*base, "workforce_bme_pct"),
                "Difference": view.pp_or_note(*base, key, "difference_pp"),
            }
        )
    return frame(rows)
