"""Narrative for appendix A: Model Employer targets and the action plan's progress."""

from __future__ import annotations

from typing import Any

from ..format import HIDDEN, fmt_date, fmt_decimal, fmt_pct
from ..indicator_terms import TARGET_ROWS
from ..record_view import RecordView, target_hidden
from .common import cap, sentence


def targets(record: dict[str, Any]) -> list[str]:
    """Model Employer targets in words, from the record's "targets" block."""
    block = record.get("targets")
    if not block or not block.get("groups"):
        return ["Model Employer targets are not in the figures record for this year."]
    view = RecordView(record)
    share = block.get("target_share_pct")
    if share is None:
        return [sentence(cap(block.get("note") or "No target share is available"))]
    paragraphs = [
        f"NHS England's Model Employer goal is BME representation in leadership that matches "
        f"the organisation's {block.get('basis', 'workforce')} share. Here the target share is "
        f"{fmt_pct(share)}, the {block.get('basis_note', 'target share')}, and the target year "
        f"is {block.get('target_year')}."
    ]
    bullets = [
        _target_bullet(view, name, group, share, block.get("target_year"))
        for name, group in block["groups"].items()
        if name in TARGET_ROWS
    ]
    if bullets:
        paragraphs.append("\n".join(bullets))
    return paragraphs


def _target_bullet(
    view: RecordView, name: str, group: dict[str, Any], share: float, target_year: Any
) -> str:
    """One leadership group's parity target, gap and trajectory, or why it is not shown."""
    base = ("targets", "groups", name)
    label = group.get("label", name)
    parity = group.get("parity_target_people")
    if target_hidden(view.record, group):
        return (
            f"- {label}: not published, because the group's BME count or headcount is "
            f"below {view.threshold} and the target would reveal it."
        )
    if group.get("bme_pct") is None or parity is None:
        why = group.get("note") or HIDDEN
        return f"- {label}: {sentence(why)}"
    rounded = view.count(*base, "parity_target_people_rounded_up")
    gap = group.get("gap_people")
    gap_text = "the target is met" if gap == 0 else f"a gap of {view.count(*base, 'gap_people')}"
    needed = group.get("required_bme_appointment_share_pct")
    if needed:
        trajectory = (
            f" Reaching it by {target_year} needs about {fmt_pct(needed)} of "
            "appointments to go to BME people."
        )
    elif group.get("trajectory_note"):
        trajectory = f" {sentence(cap(group['trajectory_note']))}"
    else:
        trajectory = ""
    return (
        f"- {label}: {view.count(*base, 'bme')} BME of {view.count(*base, 'headcount')} "
        f"({fmt_pct(group['bme_pct'])}). Parity at {fmt_pct(share)} means {fmt_decimal(parity)} "
        f"people, i.e. {rounded}: {gap_text}.{trajectory}"
    )


def action_plan(summary: dict[str, Any] | None) -> list[str]:
    """The plan's progress from actions.status_summary, or a note that there is no plan."""
    if not summary:
        return ["No action plan has been recorded for this year."]
    by_status = summary.get("by_status", {})
    parts = ", ".join(f"{count} {status}" for status, count in by_status.items())
    when = fmt_date(summary["report_date"]) if summary.get("report_date") else "the report date"
    overdue = summary.get("overdue_count", 0)
    overdue_text = (
        "none is overdue"
        if not overdue
        else f"{overdue} {'is' if overdue == 1 else 'are'} overdue "
        f"({', '.join(summary.get('overdue', []))})"
    )
    return [
        f"The action plan has {summary.get('total', 0)} actions: {parts}. At {when}, "
        f"{overdue_text}. Responsible teams are named as teams or roles, never individuals."
    ]
