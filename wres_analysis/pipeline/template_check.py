"""Check a template notebook before running it: papermill only warns about parameters it
does not know, and a notebook without a `parameters` cell would ignore every value we pass
while silently using its own defaults. Both are failures here."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

import nbformat
import papermill

from ..paths import display_path

PARAMETERS_TAG = "parameters"


def has_parameters_cell(nb: nbformat.NotebookNode) -> bool:
    """True when a code cell is tagged `parameters` (where papermill injects values)."""
    return any(
        cell.cell_type == "code" and PARAMETERS_TAG in cell.get("metadata", {}).get("tags", [])
        for cell in nb.cells
    )


def template_problem(template: Path, passed: Iterable[str]) -> str | None:
    """Why `template` cannot take the parameters `passed`, or None when it can."""
    where = display_path(template)
    if not template.is_file():
        return f"template notebook {where} does not exist"
    try:
        nb = nbformat.read(template, as_version=4)
    except Exception as exc:  # unreadable JSON, wrong nbformat: report, do not crash the batch
        return f"template notebook {where} cannot be read ({exc})"
    if not has_parameters_cell(nb):
        return (
            f"{where} has no cell tagged '{PARAMETERS_TAG}'; tag the cell that sets the "
            f"defaults of {', '.join(sorted(passed))} so the run can override them"
        )
    quiet = logging.getLogger("papermill")
    level = quiet.level
    quiet.setLevel(logging.WARNING)  # inspect_notebook logs every path at INFO
    try:
        declared = set(papermill.inspect_notebook(str(template)))
    except Exception as exc:  # e.g. no kernelspec/language metadata to parse the cell with
        return f"cannot read the parameters of {where} ({exc})"
    finally:
        quiet.setLevel(level)
    unknown = sorted(set(passed) - declared)
    if unknown:
        return (
            f"{where} does not declare parameter(s) {', '.join(unknown)} in its "
            f"'{PARAMETERS_TAG}' cell (it declares: {', '.join(sorted(declared)) or 'none'}); "
            "add them there with a default value"
        )
    return None
