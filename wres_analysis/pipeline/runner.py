"""Execute every section notebook for every organisation of a year, in parallel.

Each (organisation, section) pair is one papermill run in a process pool sized to the
machine. A failure is recorded and filed under notebooks/failed/; it never stops or spoils
the other runs. The batch shows one progress bar and logs to outputs/<year>/logs/run.log;
what workers and kernels print on stderr goes to kernels.log beside it.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import sys
import time
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tqdm import tqdm

from ..atomic import remove
from ..errors import InputError, Problem
from ..params import ORG_CODE_PATTERN, load_project, load_year
from ..paths import DATA_DIR, NOTEBOOKS_DIR, OUTPUTS_DIR, PARAMS_DIR, PROJECT_ROOT, display_path
from ..sections import SECTIONS, Section
from .notebook_task import NotebookTask, TaskOutcome, execute_task, init_worker
from .output_paths import OrgOutputs, logs_dir
from .run_log import append_log
from .template_check import template_problem

#: The parameters every section notebook receives (its `parameters` cell must declare them).
NOTEBOOK_PARAMETERS: tuple[str, ...] = ("org", "year", "data_dir", "params_dir", "published")


@dataclass(frozen=True)
class NotebookSuccess:
    """A section notebook that ran to the end for an organisation."""

    org: str
    slug: str
    notebook: Path
    seconds: float


@dataclass(frozen=True)
class NotebookFailure:
    """A section (or a whole organisation, slug None) that did not produce a good notebook."""

    org: str
    slug: str | None
    ename: str
    evalue: str
    notebook: Path | None = None

    def describe(self) -> str:
        """One line for people: who, which section, the error, where the notebook is."""
        what = self.slug or "(all sections)"
        message = " ".join(self.evalue.split())
        line = f"{self.org} {what}: {self.ename}" + (f": {message}" if message else "")
        if self.notebook is not None:
            line += f"\n      notebook: {display_path(self.notebook)}"
        return line


@dataclass(frozen=True)
class BatchResult:
    """Outcome of a year's run: every success and failure, in organisation/section order."""

    year: int
    published: bool
    orgs: tuple[str, ...]
    sections: tuple[str, ...]
    successes: tuple[NotebookSuccess, ...]
    failures: tuple[NotebookFailure, ...]
    log_path: Path
    seconds: float

    @property
    def ok(self) -> bool:
        """True when every notebook of every organisation succeeded."""
        return not self.failures

    def failed_orgs(self) -> list[str]:
        """Organisations with at least one failure, in batch order."""
        bad = {f.org for f in self.failures}
        return [org for org in self.orgs if org in bad]

    def complete_orgs(self) -> list[str]:
        """Organisations whose every section notebook succeeded (they can get a report)."""
        done: dict[str, set[str]] = {}
        for s in self.successes:
            done.setdefault(s.org, set()).add(s.slug)
        bad = set(self.failed_orgs())
        return [o for o in self.orgs if o not in bad and done.get(o, set()) >= set(self.sections)]

    def summary(self) -> str:
        """A short report for the terminal; lists every failure."""
        mode = "published" if self.published else "internal"
        lines = [
            f"WRES {self.year} run ({mode}): {len(self.orgs)} organisation(s), "
            f"{len(self.sections)} section(s): {len(self.successes)} notebook(s) succeeded, "
            f"{len(self.failures)} failed ({self.seconds:.1f}s)",
            f"log: {display_path(self.log_path)}",
        ]
        if self.failures:
            lines.append("failed:")
            lines += [f"  {f.describe()}" for f in self.failures]
        return "\n".join(lines)


def notebook_path_parameter(path: Path) -> str:
    """A path as a notebook parameter: project-relative when inside the project, else absolute.

    Notebooks run with the project root as working directory, so both forms resolve.
    """
    resolved = path.resolve()
    try:
        return resolved.relative_to(PROJECT_ROOT).as_posix()
    except ValueError:
        return str(resolved)


def organisations_for(year: int, orgs: Sequence[str] | None, params_dir: Path) -> list[str]:
    """The organisations to process: those given (deduplicated), else the year's list."""
    if orgs:
        return list(dict.fromkeys(orgs))
    listed = load_year(year, params_dir).organisations
    if not listed:
        raise InputError(
            Problem(
                display_path(params_dir / "years" / f"{year}.yaml"),
                f"lists no organisations for {year}",
                "add their codes under 'organisations', or name them with --org",
            )
        )
    return list(listed)


def valid_org_code(org: str) -> bool:
    """True for a usable organisation code (also a safe folder name): [A-Za-z0-9_-]+."""
    return re.fullmatch(ORG_CODE_PATTERN.strip("^$"), org) is not None


def _org_problem(org: str, year: int, data_dir: Path) -> tuple[str, str] | None:
    if not valid_org_code(org):
        return "InvalidOrgCode", f"{org!r} is not an organisation code (letters, digits, _ and -)"
    folder = data_dir / org / str(year)
    if not folder.is_dir():
        return "MissingData", (
            f"no data folder {display_path(folder)}; expected the extracts there "
            "(see docs/data-contract.md)"
        )
    return None


def _pool_size(requested: int | None, configured: int | None, tasks: int) -> int:
    size = requested or configured or os.cpu_count() or 1
    return max(1, min(size, tasks))


def _execute(
    tasks: list[NotebookTask], workers: int, log_path: Path, year: int
) -> list[TaskOutcome]:
    """Run the tasks in a process pool behind a single progress bar.

    Workers are spawned, not forked: a clean interpreter on every OS, never a copy of a
    process with threads. A script calling `run_year` therefore needs the usual
    `if __name__ == "__main__":` guard.
    """
    outcomes: list[TaskOutcome] = []
    if not tasks:
        return outcomes
    context = multiprocessing.get_context("spawn")
    bar = tqdm(
        total=len(tasks), desc=f"WRES {year}", unit="notebook", disable=None, file=sys.stderr
    )
    failed = 0
    kernels_log = log_path.with_name("kernels.log")
    pool = ProcessPoolExecutor(workers, context, initializer=init_worker, initargs=(kernels_log,))
    try:
        futures: dict[Future[TaskOutcome], NotebookTask] = {
            pool.submit(execute_task, task): task for task in tasks
        }
        for future in as_completed(futures):
            task = futures[future]
            try:
                outcome = future.result()
            except Exception as exc:  # a worker died: record it against its task
                outcome = TaskOutcome(
                    task.org,
                    task.slug,
                    False,
                    None,
                    0.0,
                    type(exc).__name__,
                    str(exc) or "the worker process stopped unexpectedly",
                )
                remove(task.outputs.executed(task.slug))  # no older result may stand in
                append_log(log_path, f"FAILED {task.org} {task.slug}: {outcome.ename}")
            failed += not outcome.ok
            outcomes.append(outcome)
            bar.set_postfix(failed=failed, refresh=False)
            bar.update()
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    finally:
        bar.close()
    pool.shutdown()
    return outcomes


def run_year(
    year: int,
    orgs: list[str] | None = None,
    *,
    published: bool | None = None,
    notebooks_dir: Path = NOTEBOOKS_DIR,
    outputs_dir: Path = OUTPUTS_DIR,
    data_dir: Path = DATA_DIR,
    params_dir: Path = PARAMS_DIR,
    max_workers: int | None = None,
    sections: Sequence[Section] = SECTIONS,
) -> BatchResult:
    """Execute every section notebook for each organisation of `year` (or those given).

    `published` None takes params/project.yaml's default. Returns every success and failure;
    raises only for unusable settings (bad params, a year listing no organisations).
    """
    started = time.monotonic()
    settings = load_project(params_dir)
    mode = settings.published if published is None else published
    codes = organisations_for(year, orgs, params_dir)
    log_path = logs_dir(outputs_dir, year) / "run.log"
    append_log(
        log_path,
        f"=== run WRES {year} ({'published' if mode else 'internal'}): {' '.join(codes)}; "
        f"{len(sections)} section(s); kernel {settings.kernel_name}",
    )
    shared: dict[str, Any] = {
        "year": year,
        "data_dir": notebook_path_parameter(data_dir),
        "params_dir": notebook_path_parameter(params_dir),
        "published": mode,
    }
    problems = {
        s.slug: template_problem(notebooks_dir / s.notebook, NOTEBOOK_PARAMETERS) for s in sections
    }
    failures: list[NotebookFailure] = []
    tasks: list[NotebookTask] = []
    for org in codes:
        org_problem = _org_problem(org, year, data_dir)
        if org_problem is not None:
            failures.append(NotebookFailure(org, None, *org_problem))
            if org_problem[0] != "InvalidOrgCode":
                remove(OrgOutputs(outputs_dir, year, org).notebooks)
            continue
        outputs = OrgOutputs(outputs_dir, year, org)
        for section in sections:
            problem = problems[section.slug]
            if problem is not None:
                failures.append(NotebookFailure(org, section.slug, "TemplateError", problem))
                remove(outputs.executed(section.slug))
                remove(outputs.failed_notebook(section.slug))
                continue
            tasks.append(
                NotebookTask(
                    org=org,
                    slug=section.slug,
                    template=notebooks_dir / section.notebook,
                    outputs=outputs,
                    parameters={"org": org, **shared},
                    kernel_name=settings.kernel_name,
                    timeout_seconds=settings.execution_timeout_seconds,
                    cwd=PROJECT_ROOT,
                    log_path=log_path,
                )
            )
    for failure in failures:
        append_log(
            log_path,
            f"FAILED {failure.org} {failure.slug or '(all)'}: {failure.ename}: {failure.evalue}",
        )
    workers = _pool_size(max_workers, settings.max_workers, len(tasks))
    outcomes = _execute(tasks, workers, log_path, year)
    successes = [
        NotebookSuccess(o.org, o.slug, o.notebook, o.seconds)
        for o in outcomes
        if o.ok and o.notebook is not None
    ]
    failures += [
        NotebookFailure(o.org, o.slug, o.ename, o.evalue, o.notebook) for o in outcomes if not o.ok
    ]
    order = {org: i for i, org in enumerate(codes)}
    position = {s.slug: i for i, s in enumerate(sections)}
    successes.sort(key=lambda s: (order[s.org], position[s.slug]))
    failures.sort(key=lambda f: (order[f.org], -1 if f.slug is None else position[f.slug]))
    result = BatchResult(
        year=year,
        published=mode,
        orgs=tuple(codes),
        sections=tuple(s.slug for s in sections),
        successes=tuple(successes),
        failures=tuple(failures),
        log_path=log_path,
        seconds=time.monotonic() - started,
    )
    append_log(
        log_path,
        f"=== done: {len(successes)} succeeded, {len(failures)} failed "
        f"({result.seconds:.1f}s, {workers} worker(s))",
    )
    return result
