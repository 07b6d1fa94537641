"""Action plans: load and check them, summarise progress, tabulate, and carry them forward.

Plans are YAML at ``params/orgs/<ORG>/<YEAR>/actions.yaml`` (schema: schema.py and
docs/action-plans.md). Every error names the file, the line, the key, the value and the fix.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd
import yaml
from pydantic import ValidationError

from ..atomic import write_text_atomic
from ..errors import InputError, Problem
from ..params import check_org_code, load_owner_names
from ..paths import PARAMS_DIR, PLAN_FILE, display_path, plan_path
from ..textfiles import probe
from ..yamlio import line_for, load_yaml
from .errors import (
    DOCS,
    duplicate_ids,
    folder_problems,
    validation_problems,
)
from .schema import (
    STATUSES,
    Action,
    ActionPlan,
    Update,
    plan_to_data,
)

# Sections of the appendix, in report order: source kind -> heading.
SOURCE_SECTIONS: dict[str, str] = {
    "beyond_the_data": "Beyond the data: recommendations and responses",
    "nhsei": "NHS England and Improvement recommendations",
    "equality_objective": "Equality objectives",
    "wres_indicator": "WRES action plan",
}


# --- loading -----------------------------------------------------------------------------
def _params_dir_of(path: Path) -> Path | None:
    """params/ for a plan at params/orgs/<ORG>/<YEAR>/actions.yaml, else None."""
    parents = path.parents
    return parents[3] if len(parents) > 3 and parents[2].name == "orgs" else None


def load_action_plan(path: Path, allowed_owners: frozenset[str] | None = None) -> ActionPlan:
    """Read and check one plan; every problem is reported at once with file and line.

    ``allowed_owners``: team names that look like people's names but may own actions
    (compared ignoring case); by default those of the plan's own params/owners.yaml.
    """
    if probe(path) == "missing":
        raise InputError(
            Problem(
                display_path(path),
                "action plan file not found",
                f"create it (see {DOCS}) or carry last year's forward with `wres actions carry`",
            )
        )
    data, lines = load_yaml(path)
    if not isinstance(data, dict):
        raise InputError(
            Problem(
                display_path(path),
                "must be a mapping with keys org, year and actions",
                f"see the example in {DOCS}",
                line=1,
            )
        )
    if allowed_owners is None:
        params_dir = _params_dir_of(path)
        allowed_owners = frozenset() if params_dir is None else load_owner_names(params_dir)
    problems = duplicate_ids(data, path, lines)
    try:
        plan = ActionPlan.model_validate(data, context={"allowed_owners": allowed_owners})
    except ValidationError as exc:
        found = validation_problems(exc, data, path, lines, skip_duplicates=bool(problems))
        raise InputError(sorted([*problems, *found], key=lambda p: p.line or 0)) from None
    problems += folder_problems(plan, path, lines)
    if problems:
        raise InputError(problems)
    return plan


def placeholder_problems(path: Path) -> list[Problem]:
    """Updates still marked `example: true` (placeholder text), one problem each with its
    line: a published report must not carry them."""
    plan = load_action_plan(path)
    _, lines = load_yaml(path)
    problems = []
    for i, action in enumerate(plan.actions):
        for j, update in enumerate(action.updates):
            if update.example:
                problems.append(
                    Problem(
                        display_path(path),
                        f"action {action.id}: the update of {update.date.isoformat()} is "
                        "marked 'example: true' (placeholder text), which a published report "
                        "may not show",
                        "write the real progress update and delete 'example: true', or build "
                        "the internal report instead",
                        line=line_for(lines, ("actions", i, "updates", j, "example")),
                    )
                )
    return problems


def find_plans(params_dir: Path = PARAMS_DIR, year: int | None = None) -> list[Path]:
    """Every plan file under params/orgs, optionally for one year, in a stable order."""
    pattern = f"*/{year if year is not None else '*'}/{PLAN_FILE}"
    return sorted((params_dir / "orgs").glob(pattern))


# --- progress ------------------------------------------------------------------------------
def status_summary(plan: ActionPlan, report_date: dt.date) -> dict[str, Any]:
    """Counts by status and by owner, and the overdue actions, as at the report date.

    Overdue: a due date before the report date and a status other than done. An action
    due on the report date is not overdue; 'ongoing' is never overdue.
    """
    by_status = {status: 0 for status in STATUSES}
    by_owner: dict[str, dict[str, int]] = {}
    overdue: list[str] = []
    ongoing = 0
    for action in plan.actions:
        by_status[action.status] += 1
        owner = by_owner.setdefault(
            action.owner, {"total": 0, **{s: 0 for s in STATUSES}, "overdue": 0}
        )
        owner["total"] += 1
        owner[action.status] += 1
        if action.is_overdue(report_date):
            overdue.append(action.id)
            owner["overdue"] += 1
        ongoing += not isinstance(action.due, dt.date)
    return {
        "org": plan.org,
        "year": plan.year,
        "report_date": report_date.isoformat(),
        "total": len(plan.actions),
        "by_status": by_status,
        "by_owner": dict(sorted(by_owner.items())),
        "overdue": overdue,
        "overdue_count": len(overdue),
        "ongoing": ongoing,
    }


# --- tables --------------------------------------------------------------------------------
TABLE_COLUMNS: tuple[str, ...] = (
    "id",
    "source",
    "source_label",
    "indicators",
    "recommendation",
    "response",
    "action",
    "owner",
    "due",
    "status",
    "overdue",
    "latest_update",
    "latest_update_date",
)


def _row(action: Action, report_date: dt.date | None) -> dict[str, Any]:
    latest: Update | None = max(action.updates, key=lambda u: u.date, default=None)
    return {
        "id": action.id,
        "source": action.source.code,
        "source_label": action.source.label,
        "indicators": ", ".join(str(n) for n in action.linked_indicators),
        "recommendation": action.recommendation,
        "response": action.response,
        "action": action.action,
        "owner": action.owner,
        "due": action.due_text,
        "status": action.status,
        "overdue": None if report_date is None else action.is_overdue(report_date),
        "latest_update": "" if latest is None else latest.text,
        "latest_update_date": None if latest is None else latest.date.isoformat(),
    }


def actions_table(
    plan: ActionPlan | Iterable[Action], report_date: dt.date | None = None
) -> pd.DataFrame:
    """One row per action, in file order; `overdue` is filled when a report date is given."""
    actions = plan.actions if isinstance(plan, ActionPlan) else list(plan)
    return pd.DataFrame([_row(a, report_date) for a in actions], columns=list(TABLE_COLUMNS))


def tables_by_source(
    plan: ActionPlan, report_date: dt.date | None = None
) -> dict[str, pd.DataFrame]:
    """Appendix tables keyed by section heading, in report order; empty sections left out.

    Within a section actions are ordered by source number, then as in the file.
    """
    out: dict[str, pd.DataFrame] = {}
    for kind, heading in SOURCE_SECTIONS.items():
        chosen = sorted(
            (a for a in plan.actions if a.source.kind == kind), key=lambda a: a.source.number
        )
        if chosen:
            out[heading] = actions_table(chosen, report_date).reset_index(drop=True)
    return out


def updates_table(plan: ActionPlan) -> pd.DataFrame:
    """Every dated update, oldest first within each action, in file order of actions."""
    rows = [
        {"id": a.id, "date": u.date.isoformat(), "text": u.text}
        for a in plan.actions
        for u in sorted(a.updates, key=lambda u: u.date)
    ]
    return pd.DataFrame(rows, columns=["id", "date", "text"])


def indicator_links(plan: ActionPlan) -> dict[int, list[str]]:
    """For each WRES indicator 1-9, the ids of the actions that aim to move it."""
    links: dict[int, list[str]] = {n: [] for n in range(1, 10)}
    for action in plan.actions:
        for number in action.linked_indicators:
            links[number].append(action.id)
    return links


def actions_for_indicator(
    plan: ActionPlan, indicator: int, report_date: dt.date | None = None
) -> pd.DataFrame:
    """The actions aimed at one indicator, to show beside its figure."""
    return actions_table(
        [a for a in plan.actions if indicator in a.linked_indicators], report_date
    ).reset_index(drop=True)


# --- carrying forward ------------------------------------------------------------------------
class _Dumper(yaml.SafeDumper):
    """Readable YAML: lists indented under their key, long text folded."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else (">" if len(value) > 80 else None)
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump_plan(plan: ActionPlan) -> str:
    """The plan as YAML text in the file's compact form (comments are not kept)."""
    header = (
        f"# Action plan of {plan.org} for {plan.year}. Schema and rules: {DOCS}.\n"
        "# Owners are teams or roles, never people.\n"
    )
    body = yaml.dump(
        plan_to_data(plan),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=76,
        default_flow_style=False,
    )
    return header + body


def carried_plan(plan: ActionPlan, to_year: int, on: dt.date) -> ActionPlan:
    """Next year's plan: open actions with their full history and a dated carried-over note."""
    carried = []
    for action in plan.actions:
        if action.status == "done":
            continue
        due = "ongoing" if action.due_text == "ongoing" else f"due {action.due_text}"
        note = Update(
            date=on,
            text=f"Carried over from the {plan.year} action plan, still {action.status} ({due}).",
        )
        carried.append(action.model_copy(update={"updates": [*action.updates, note]}))
    return ActionPlan(
        org=plan.org,
        year=to_year,
        carried_from=plan.year,
        stated_targets=plan.stated_targets,
        actions=carried,
    )


def carry_plan(
    params_dir: Path,
    org: str,
    from_year: int,
    to_year: int,
    *,
    overwrite: bool = False,
    on: dt.date | None = None,
) -> Path:
    """Write `to_year`'s plan from `from_year`'s open actions; returns the file written.

    Refuses to replace an existing file unless `overwrite`. `on` dates the carried-over
    note (default: today). The file is written atomically and re-read to check it.
    """
    check_org_code(org, params_dir / "orgs")
    source, target = plan_path(params_dir, org, from_year), plan_path(params_dir, org, to_year)
    if to_year <= from_year:
        raise InputError(
            Problem(
                display_path(source),
                f"cannot carry a plan from {from_year} to {to_year}",
                "carry forward to a later year, e.g. --from 2020 --to 2021",
            )
        )
    plan = load_action_plan(source)
    if probe(target) != "missing" and not overwrite:
        raise InputError(
            Problem(
                display_path(target),
                "already exists and would be overwritten",
                "edit it by hand, or carry again with --force (or overwrite=True) to replace it",
            )
        )
    write_text_atomic(target, dump_plan(carried_plan(plan, to_year, on or dt.date.today())))
    load_action_plan(target)  # the written file must itself be valid
    return target
