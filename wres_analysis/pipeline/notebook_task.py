"""Execute one section notebook for one organisation (runs inside a worker process).

The executed notebook is written to a hidden temporary name and renamed into place, so
outputs/ never holds half a notebook: on success to notebooks/<slug>.ipynb, on failure to
notebooks/failed/<slug>.ipynb (with papermill's error cell). Either way the other location
is cleared, so a report can never pick up an older result for that section.
"""

from __future__ import annotations

import logging
import os
import re
import sys
import time
from pathlib import Path
from typing import Any

import nbformat
import papermill
from papermill.exceptions import PapermillExecutionError

from ..paths import display_path
from .interrupts import ignore_signals
from .manifest import merge_streams
from .run_log import append_log
from .tasks import NotebookTask, TaskOutcome
from .warm_kernel import ENGINE_NAME, discard_warm_kernel, warm_kernel

INJECTED_TAG = "injected-parameters"
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")

# Kernels started at the same moment can race for the same ports (papermill issue #511,
# still open): the kernel dies before replying. Such a start is retried, never a cell error.
KERNEL_START_ATTEMPTS = 3
_KERNEL_START_ERRORS = ("DeadKernelError", "ZMQError", "RuntimeError")


def _kernel_start_race(exc: Exception) -> bool:
    """True for a kernel that failed to start or died before running anything."""
    return type(exc).__name__ in _KERNEL_START_ERRORS


def init_worker(log_path: Path) -> None:
    """Send a worker's stdout/stderr (and its kernels' chatter) to a log file, off the terminal.

    The worker ignores SIGINT: the terminal sends it to the whole process group, and the
    parent stops its workers itself (no tracebacks from every worker).
    """
    ignore_signals()
    log_path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, force=True)


def _tidy(text: str) -> str:
    return _ANSI.sub("", text or "").strip()


def _record_paths(nb: nbformat.NotebookNode, task: NotebookTask, final: Path) -> None:
    """Store project-relative paths (not the temporary name) in papermill's metadata, and
    give the cell papermill injects a fixed id instead of a random one."""
    meta = nb.metadata.get("papermill")
    if meta is not None:
        meta["input_path"] = display_path(task.template)
        meta["output_path"] = display_path(final)
    for cell in nb.cells:
        if INJECTED_TAG in cell.get("metadata", {}).get("tags", []):
            cell["id"] = INJECTED_TAG


def _fail(task: NotebookTask, tmp: Path, ename: str, evalue: str, started: float) -> TaskOutcome:
    task.outputs.executed(task.slug).unlink(missing_ok=True)
    failed: Path | None = task.outputs.failed_notebook(task.slug)
    if tmp.exists():
        failed.parent.mkdir(parents=True, exist_ok=True)
        try:
            nb = nbformat.read(tmp, as_version=4)
            _record_paths(nb, task, failed)
            nbformat.write(nb, tmp)
        except Exception:  # keep papermill's file as written if it cannot be re-read
            pass
        os.replace(tmp, failed)
    else:
        failed.unlink(missing_ok=True)
        failed = None
    ename, evalue = _tidy(ename) or "Error", _tidy(evalue)
    where = display_path(failed) if failed else "no notebook written"
    append_log(task.log_path, f"FAILED {task.org} {task.slug}: {ename}: {evalue} -> {where}")
    return TaskOutcome(
        task.org, task.slug, False, failed, time.monotonic() - started, ename, evalue
    )


def _engine(task: NotebookTask) -> dict[str, Any]:
    """papermill options: the worker's warm kernel, or papermill's own fresh kernel."""
    if not task.warm:
        return {}
    return {"engine_name": ENGINE_NAME, "warm": warm_kernel(task.kernel_name, task.cwd)}


def execute_task(task: NotebookTask) -> TaskOutcome:
    """Run one notebook with papermill and file the result where it belongs."""
    started = time.monotonic()
    good = task.outputs.executed(task.slug)
    tmp = good.with_name(f".{task.slug}.partial.ipynb")
    good.parent.mkdir(parents=True, exist_ok=True)
    tmp.unlink(missing_ok=True)
    append_log(task.log_path, f"START  {task.org} {task.slug}")
    for attempt in range(1, KERNEL_START_ATTEMPTS + 1):
        try:
            nb = papermill.execute_notebook(
                str(task.template),
                str(tmp),
                parameters=task.parameters,
                kernel_name=task.kernel_name,
                cwd=str(task.cwd),
                execution_timeout=task.timeout_seconds,
                progress_bar=False,
                log_output=False,
                **_engine(task),
            )
            break
        except PapermillExecutionError as exc:
            return _fail(task, tmp, exc.ename, exc.evalue, started)
        except Exception as exc:  # kernel missing or dead, timeout, unwritable output ...
            if task.warm:
                discard_warm_kernel()  # the next notebook gets a fresh kernel
            if attempt < KERNEL_START_ATTEMPTS and _kernel_start_race(exc):
                append_log(task.log_path, f"RETRY  {task.org} {task.slug}: {type(exc).__name__}")
                tmp.unlink(missing_ok=True)
                time.sleep(0.5 * attempt)
                continue
            return _fail(task, tmp, type(exc).__name__, str(exc), started)
    _record_paths(nb, task, good)
    # two runs then give the same notebook whatever the load (as nbformat's own nodes)
    nb = nbformat.from_dict(merge_streams(nb))
    nbformat.write(nb, tmp)
    os.replace(tmp, good)
    task.outputs.failed_notebook(task.slug).unlink(missing_ok=True)
    seconds = time.monotonic() - started
    append_log(task.log_path, f"OK     {task.org} {task.slug} ({seconds:.1f}s)")
    return TaskOutcome(task.org, task.slug, True, good, seconds)
