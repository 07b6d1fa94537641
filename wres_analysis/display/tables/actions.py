"""Appendix A's action plan at a glance: one row per action, overdue ones stand out."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from ...actions.schema import Action, ActionPlan
from ..format import fmt_date
from .common import Strong, frame

MAX_WORDS = 24  # the summary's action text; the full text follows in the detail


def short_text(text: str, words: int = MAX_WORDS) -> str:
    """The first sentence of an action, cut to `words` words."""
    first = re.split(r"(?<=[.;:])\s", " ".join(text.split()), maxsplit=1)[0].rstrip(".;:")
    parts = first.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def due_words(action: Action) -> str:
    """31 January 2021, or "ongoing"."""
    return fmt_date(action.due) if isinstance(action.due, dt.date) else str(action.due)


def status_words(action: Action, report_date: dt.date) -> str | Strong:
    """The status; an overdue action's reads "OVERDUE: in progress", in bold."""
    if action.is_overdue(report_date):
        return Strong(f"OVERDUE: {action.status}")
    return action.status


def action_summary_table(plan: ActionPlan, report_date: dt.date) -> pd.DataFrame | None:
    """Every action: its reference, what it is, who owns it, when it is due, its status."""
    if not plan.actions:
        return None
    rows = [
        {
            "Ref.": action.id,
            "Action": short_text(action.action),
            "Responsible team": action.owner,
            "Due": due_words(action),
            "Status": status_words(action, report_date),
        }
        for action in plan.actions
    ]
    return frame(rows)
