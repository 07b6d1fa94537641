"""Action plans: the organisation's responses, checked, summarised and carried forward.

`plans` loads, tabulates and carries plans (params/orgs/<ORG>/<YEAR>/actions.yaml);
`schema` is the plan's model and `errors` turns validation failures into problems that name
the file, the line and the fix (docs/action-plans.md).
"""

from __future__ import annotations

from .plans import (
    PLAN_FILE,
    SOURCE_SECTIONS,
    actions_for_indicator,
    actions_table,
    carried_plan,
    carry_plan,
    dump_plan,
    find_plans,
    indicator_links,
    load_action_plan,
    placeholder_problems,
    plan_path,
    status_summary,
    tables_by_source,
    updates_table,
)

__all__ = [
    "PLAN_FILE",
    "SOURCE_SECTIONS",
    "actions_for_indicator",
    "actions_table",
    "carried_plan",
    "carry_plan",
    "dump_plan",
    "find_plans",
    "indicator_links",
    "load_action_plan",
    "placeholder_problems",
    "plan_path",
    "status_summary",
    "tables_by_source",
    "updates_table",
]
