"""A notebook task and its outcome: what the runner hands a worker and gets back.

Kept apart from the execution code so that planning a run (and a run with nothing to do)
never imports papermill or Jupyter.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .output_paths import OrgOutputs


@dataclass(frozen=True)
class NotebookTask:
    """Everything a worker needs to execute one template for one organisation."""

    org: str
    slug: str
    template: Path
    outputs: OrgOutputs
    parameters: dict[str, Any]
    kernel_name: str
    timeout_seconds: int
    cwd: Path
    log_path: Path
    warm: bool = True  # reuse the worker's kernel (reset between notebooks)


@dataclass(frozen=True)
class TaskOutcome:
    """What happened to one task: the notebook written and, on failure, the error."""

    org: str
    slug: str
    ok: bool
    notebook: Path | None
    seconds: float
    ename: str = ""
    evalue: str = ""
