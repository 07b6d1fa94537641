"""Action-plan validation failures as Problems: file, line, key, value and fix.

Turns pydantic errors (and the YAML date error PyYAML raises itself) into messages that
point at the line of actions.yaml to change; `actions.load_action_plan` uses it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import Problem
from ..paths import display_path
from ..yamlio import line_for, problem_at
from .schema import OWNER_HELP, SOURCE_HELP, STATUSES, ActionPlan

DOCS = "docs/action-plans.md"

FIXES: dict[str, str] = {
    "source": SOURCE_HELP,
    "owner": OWNER_HELP,
    "due": "write an ISO date such as 2021-01-31, or 'ongoing'",
    "status": "use one of: " + ", ".join(STATUSES),
    "date": "write an ISO date such as 2020-10-31",
    "id": "use letters, digits, '.', '_' or '-' and give every action its own id",
    "indicators": "list WRES indicator numbers 1-9, e.g. [2, 3]",
    "group": "use one of the target groups listed in docs/targets.md",
    "text": "write what happened, in a sentence or two",
    "recommendation": "write the recommendation or gap the action answers",
    "action": "write what will be done",
    "org": "use the organisation code of the folder the file is in",
    "year": "use the reporting year of the folder the file is in",
}


def _where(loc: tuple, data: Any) -> str:
    """'action 3 (id 'btd1-a'), key 'owner'' for a validation location."""
    if len(loc) >= 2 and loc[0] in ("actions", "stated_targets") and isinstance(loc[1], int):
        items = data.get(loc[0]) if isinstance(data, dict) else None
        item = items[loc[1]] if isinstance(items, list) and loc[1] < len(items) else None
        name = "action" if loc[0] == "actions" else "stated target"
        ident = item.get("id") if isinstance(item, dict) and loc[0] == "actions" else None
        head = f"{name} {loc[1] + 1}" + (f" (id {ident!r})" if ident else "")
        rest = ".".join(str(p) for p in loc[2:])
        return f"{head}, key '{rest}'" if rest else head
    return f"key '{'.'.join(str(p) for p in loc)}'" if loc else "the file"


def duplicate_ids(data: dict, path: Path, lines: dict[tuple, int]) -> list[Problem]:
    """Repeated action ids, found before validation so that other errors cannot hide them."""
    actions = data.get("actions")
    if not isinstance(actions, list):
        return []
    first: dict[str, int] = {}
    problems = []
    for i, item in enumerate(actions):
        ident = item.get("id") if isinstance(item, dict) else None
        if not isinstance(ident, str):
            continue
        if ident in first:
            problems.append(
                Problem(
                    display_path(path),
                    f"action {i + 1}: id is used already by action {first[ident] + 1}",
                    FIXES["id"],
                    line=line_for(lines, ("actions", i, "id")),
                    value=ident,
                )
            )
        first.setdefault(ident, i)
    return problems


def validation_problems(
    exc: ValidationError,
    data: Any,
    path: Path,
    lines: dict[tuple, int],
    skip_duplicates: bool = False,
) -> list[Problem]:
    """One Problem per pydantic error, at the line of the key it concerns."""
    problems = []
    for err in exc.errors():
        if skip_duplicates and err["type"] == "duplicate_id":
            continue
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and "[" in p))
        ctx = err.get("ctx") or {}
        if err["type"] == "duplicate_id":
            loc = ("actions", ctx["index"], "id")
        elif err["type"] == "duplicate_target":
            loc = ("stated_targets", ctx["target_index"], "group")
        field = next((p for p in reversed(loc) if isinstance(p, str)), "")
        if err["type"] == "extra_forbidden":
            problem = f"{_where(loc, data)}: unknown key"
            fix = f"remove it or correct its spelling; {DOCS} lists the keys allowed"
        elif err["type"] == "missing":
            problem = f"{_where(loc, data)}: required key is missing"
            fix = f"add it ({DOCS} shows an example)"
        else:
            msg = re.sub(r"^(Value error|Assertion failed), ", "", err["msg"])
            problem = f"{_where(loc, data)}: {msg}"
            fix = FIXES.get(field, "correct the value")
            if err["type"] == "string_too_short":
                problem = f"{_where(loc, data)}: is empty"
        problems.append(problem_at(path, lines, loc, err, problem, fix))
    return problems


def folder_problems(plan: ActionPlan, path: Path, lines: dict[tuple, int]) -> list[Problem]:
    """The org and year inside the file must match its folder (orgs/<ORG>/<YEAR>/)."""
    year_dir, org_dir = path.parent, path.parent.parent
    if not (year_dir.name.isdigit() and org_dir.parent.name == "orgs"):
        return []
    problems = []
    checks = (("org", plan.org, org_dir.name), ("year", plan.year, int(year_dir.name)))
    for key, inside, folder_value in checks:
        if inside != folder_value:
            problems.append(
                Problem(
                    file=display_path(path),
                    problem=f"key '{key}' says {inside!r} but the file is in the folder for "
                    f"{folder_value!r}",
                    fix=f"set '{key}: {folder_value}' or move the file",
                    line=line_for(lines, (key,)),
                    value=inside,
                )
            )
    return problems
