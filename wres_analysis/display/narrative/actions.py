"""Appendix A's action plan in full: each recommendation's own words, then its actions.

Grouped as the model report groups them (Beyond the data, NHS England and Improvement,
equality objectives, the WRES action plan). Each group's heading names the recommendation
or indicator; the text of a national recommendation comes from the reference list
(`actions.recommendations`), an organisation's own objective from its plan.
"""

from __future__ import annotations

import datetime as dt
from itertools import groupby

from ...actions.recommendations import recommendation
from ...actions.schema import Action, ActionPlan
from ..format import fmt_date
from ..indicator_terms import INDICATOR_NAMES
from ..tables.actions import due_words

KIND_ORDER = ("beyond_the_data", "nhsei", "equality_objective", "wres_indicator")


def _heading(action: Action) -> str:
    source = action.source
    found = recommendation(source.code)
    if found is not None:
        return f"### {source.label}: {found.title}"
    if source.kind == "wres_indicator":
        return f"### WRES indicator {source.number}: {INDICATOR_NAMES[source.number]}"
    return f"### {source.label}"


def _what_it_says(action: Action) -> str:
    found = recommendation(action.source.code)
    if found is not None:
        return f"*The recommendation:* {found.text} ({found.document}.)"
    return f"*What it asks:* {action.recommendation}"


def _action(action: Action, report_date: dt.date) -> str:
    status = action.status + (" (overdue)" if action.is_overdue(report_date) else "")
    lines = [f"**{action.id}.** {action.action}", ""]
    if action.recommendation and recommendation(action.source.code) is not None:
        lines.append(f"- What it answers: {action.recommendation}")
    if action.response:
        lines.append(f"- Our response: {action.response}")
    lines.append(f"- Responsible: {action.owner}; due {due_words(action)}; status: {status}.")
    for update in sorted(action.updates, key=lambda u: u.date):
        lines.append(f"- Update, {fmt_date(update.date)}: {update.text}")
    return "\n".join(lines)


def action_details(plan: ActionPlan | None, report_date: dt.date) -> list[str]:
    """Markdown, one block per recommendation or indicator, in the plan's report order."""
    if plan is None or not plan.actions:
        return []
    ordered = sorted(
        plan.actions, key=lambda a: (KIND_ORDER.index(a.source.kind), a.source.number)
    )
    blocks = []
    for _, group in groupby(ordered, key=lambda a: a.source.code):
        actions = list(group)
        blocks.append(_heading(actions[0]) + "\n\n" + _what_it_says(actions[0]))
        blocks += [_action(a, report_date) for a in actions]
    return blocks


def reading_the_plan() -> str:
    """How to read the plan's references, said once."""
    return (
        "Each action has a short reference, used in its updates: the letters name what it "
        "answers (btd: Public Health England's \"Beyond the data\" report; nhsei: NHS England "
        "and NHS Improvement; eo: an equality objective; wres: a WRES indicator), then the "
        "recommendation's number and a letter for each action. The table gives every action "
        "at a glance; the full text, with what each recommendation says and the latest "
        "updates, follows it."
    )
