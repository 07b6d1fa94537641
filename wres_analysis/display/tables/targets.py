"""Appendix A tables: Model Employer targets and the action plan."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from ..format import SUPPRESSED, fmt_decimal, fmt_pct, note_text
from ..record_view import RecordView, target_hidden
from .common import frame

ACTION_COLUMNS: dict[str, str] = {
    "id": "Id",
    "source_label": "Answers",
    "indicators": "WRES indicators",
    "action": "Action",
    "owner": "Responsible team",
    "due": "Due",
    "status": "Status",
    "latest_update": "Latest update",
}


def _target_cells(view: RecordView, name: str, group: dict[str, Any]) -> tuple[str, str, str]:
    """A group's parity target, gap and needed appointment share, as display text."""
    if target_hidden(view.record, group):
        return SUPPRESSED, SUPPRESSED, SUPPRESSED
    base = ("targets", "groups", name)
    parity = group.get("parity_target_people")
    share = group.get("required_bme_appointment_share_pct")
    if parity is not None:
        rounded = view.count(*base, "parity_target_people_rounded_up")
        parity_text = f"{fmt_decimal(parity)}, i.e. {rounded}"
    else:
        parity_text = note_text(group.get("note"))
    if share is not None:
        share_text = fmt_pct(share)
    else:
        share_text = note_text(group.get("trajectory_note") or group.get("note"))
    gap = "-" if group.get("gap_people") is None else view.count(*base, "gap_people")
    return parity_text, gap, share_text


def targets_table(
    record: dict[str, Any], groups: Sequence[str] | None = None
) -> pd.DataFrame | None:
    """Model Employer targets from the record's "targets" block (None when it has none)."""
    view = RecordView(record)
    block = record.get("targets")
    if not block or not block.get("groups"):
        return None
    names = list(groups) if groups is not None else list(block["groups"])
    needed = f"BME share of appointments needed by {block.get('target_year')}"
    rows = []
    for name in names:
        if name not in block["groups"]:
            continue
        base = ("targets", "groups", name)
        group = block["groups"][name]
        parity, gap, share = _target_cells(view, name, group)
        rows.append(
            {
                "Group": str(group.get("label", name)),
                "Headcount": view.count(*base, "headcount"),
                "BME in post": view.count(*base, "bme"),
                "BME share": view.pct(*base, "bme_pct"),
                "Parity target (people)": parity,
                "Gap (people)": gap,
                needed: share,
            }
        )
    return frame(rows) if rows else None


def actions_display(actions: pd.DataFrame) -> pd.DataFrame:
    """An action-plan table (actions.actions_table) with the columns a reader needs."""
    shown = actions.reindex(columns=[*ACTION_COLUMNS, "overdue"]).copy()
    status = shown["status"].astype(str)
    overdue = shown["overdue"].fillna(False).astype(bool)
    shown["status"] = status.where(~overdue, status + " (overdue)")
    shown = shown.drop(columns="overdue").rename(columns=ACTION_COLUMNS)
    return shown.fillna("").astype(str)
