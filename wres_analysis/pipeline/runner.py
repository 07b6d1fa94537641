"""Execute the section notebooks of every organisation of a year: only what changed.

A run holds the year's lock (one run per year and edition at a time), computes each
organisation's figures once (the figures artefact), then decides per section from the
manifest of the last good run whether its notebook must execute or can be reused, and why
(run_plan). The notebooks to execute run in parallel, each worker keeping a warm kernel,
in a local process pool or on a Dask cluster (executors). A failure is recorded and filed
under notebooks/failed/; it never stops or spoils the other runs. The batch shows one
progress bar and logs every decision and outcome to <edition>/<year>/logs/run.log; what
workers and kernels print goes to kernels.log beside it. SIGINT or SIGTERM stops every
worker and kernel, removes what was half-written and returns what finished.
"""

from __future__ import annotations

import os
import re
import signal
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

from ..atomic import remove, staging_dir
from ..errors import InputError, Problem
from ..params import ORG_CODE_PATTERN, load_project, load_year
from ..paths import DATA_DIR, NOTEBOOKS_DIR, OUTPUTS_DIR, PARAMS_DIR, PROJECT_ROOT, display_path
from ..sections import SECTIONS, Section
from .interrupts import EXIT_STATUS, RunInterrupted, signals_as_exceptions
from .manifest import notebook_digest, write_manifest
from .output_paths import OrgOutputs, edition_name, logs_dir, year_dir
from .run_lock import run_lock
from .run_log import append_log
from .tasks import NotebookTask, TaskOutcome

#: The parameters every section notebook receives (its `parameters` cell must declare them).
NOTEBOOK_PARAMETERS: tuple[str, ...] = (
    "org",
    "year",
    "data_dir",
    "params_dir",
    "published",
    "outputs_dir",
)


@dataclass(frozen=True)
class NotebookSuccess:
    """A section notebook that is good for an organisation: run now, or reused unchanged."""

    org: str
    slug: str
    notebook: Path
    seconds: float
    reused: bool = False


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
    interrupted: str | None = None  # the signal's name when the run was stopped
    not_run: tuple[tuple[str, str], ...] = ()  # (org, slug) cut short by an interrupt

    @property
    def ok(self) -> bool:
        """True when every notebook of every organisation succeeded."""
        return not self.failures and self.interrupted is None

    @property
    def exit_status(self) -> int:
        """0 when all succeeded, 1 on any failure, 130/143 when stopped by SIGINT/SIGTERM."""
        if self.interrupted is not None:
            return EXIT_STATUS[signal.Signals[self.interrupted]]
        return 0 if self.ok else 1

    def failed_orgs(self) -> list[str]:
        """Organisations with at least one failure, in batch order."""
        bad = {f.org for f in self.failures} | {org for org, _ in self.not_run}
        return [org for org in self.orgs if org in bad]

    def complete_orgs(self) -> list[str]:
        """Organisations whose every section notebook is good (they can get a report)."""
        done: dict[str, set[str]] = {}
        for s in self.successes:
            done.setdefault(s.org, set()).add(s.slug)
        bad = set(self.failed_orgs())
        return [o for o in self.orgs if o not in bad and done.get(o, set()) >= set(self.sections)]

    def changed_orgs(self) -> set[str]:
        """Organisations with at least one notebook executed in this run."""
        return {s.org for s in self.successes if not s.reused}

    def summary(self) -> str:
        """A short report for the terminal; lists every failure."""
        ran = sum(not s.reused for s in self.successes)
        reused = len(self.successes) - ran
        lines = [
            f"WRES {self.year} run ({edition_name(self.published)}): {len(self.orgs)} "
            f"organisation(s), {len(self.sections)} section(s): {ran} notebook(s) ran, "
            f"{reused} reused unchanged, {len(self.failures)} failed ({self.seconds:.1f}s)",
            f"log: {display_path(self.log_path)}",
        ]
        if self.interrupted:
            lines.append(
                f"stopped by {self.interrupted}: {len(self.not_run)} notebook(s) did not run; "
                "finished ones are kept, nothing half-written was left; run again to finish"
            )
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


def remove_partials(folder: Path) -> list[Path]:
    """Delete what an interrupted write left (.partial files and staging folders)."""
    found = sorted(p for p in folder.rglob("*.partial*") if p.name.startswith(".")) if (
        folder.is_dir()
    ) else []
    for path in found:
        remove(path)
    return found


def check_writable(folder: Path) -> None:
    """Refuse at once, with a message, when results cannot be written to `folder`."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = staging_dir(folder, "write-check")
        remove(probe)
    except OSError as exc:
        raise InputError(
            Problem(
                display_path(folder),
                f"results cannot be written there ({exc.strerror or exc})",
                "check the folder's permissions and free disk space, or choose another "
                "folder with --outputs-dir",
            )
        ) from None


@dataclass
class _Batch:
    """The mutable state of one run while it goes: outcomes, manifests, the log."""

    log_path: Path
    successes: list[NotebookSuccess] = field(default_factory=list)
    failures: list[NotebookFailure] = field(default_factory=list)
    manifests: dict[str, tuple[OrgOutputs, dict[str, Any]]] = field(default_factory=dict)
    pending: dict[tuple[str, str], str] = field(default_factory=dict)  # (org, slug) -> key

    def fail(self, failure: NotebookFailure) -> None:
        self.failures.append(failure)
        what = failure.slug or "(all)"
        append_log(self.log_path, f"FAILED {failure.org} {what}: {failure.ename}: {failure.evalue}")

    def finished(self, task: NotebookTask, outcome: TaskOutcome) -> None:
        """Record one task's outcome; a success goes into the manifest at once."""
        key = self.pending.pop((task.org, task.slug))
        if not outcome.ok or outcome.notebook is None:
            failure = NotebookFailure(
                task.org, task.slug, outcome.ename, outcome.evalue, outcome.notebook
            )
            self.failures.append(failure)
            return
        outputs, manifest = self.manifests[task.org]
        digest = notebook_digest(outcome.notebook)
        manifest["sections"][task.slug].update(key=key, notebook=digest)
        write_manifest(outputs.manifest, manifest)
        self.successes.append(
            NotebookSuccess(task.org, task.slug, outcome.notebook, outcome.seconds)
        )


def _plan(batch: _Batch, request: RunRequest) -> list[NotebookTask]:
    """Figures and decisions for every organisation; returns the notebooks to execute."""
    from .run_plan import plan_org

    year, mode, paths, settings = request.year, request.published, request.paths, request.settings
    sections = request.sections

    shared: dict[str, Any] = {
        "year": year,
        "data_dir": notebook_path_parameter(paths["data_dir"]),
        "params_dir": notebook_path_parameter(paths["params_dir"]),
        "published": mode,
        "outputs_dir": notebook_path_parameter(paths["outputs_dir"]),
    }
    checked: dict[str, str | None] = {}

    def problem_of(slug: str) -> str | None:
        """A template is checked when a notebook is to run from it (a reused notebook's
        template is byte for byte the one that ran well last time)."""
        if slug not in checked:
            from .template_check import template_problem

            checked[slug] = template_problem(
                paths["notebooks_dir"] / f"{slug}.ipynb", NOTEBOOK_PARAMETERS
            )
        return checked[slug]
    tasks: list[NotebookTask] = []
    for org in request.codes:
        org_problem = _org_problem(org, year, paths["data_dir"])
        if org_problem is not None:
            batch.fail(NotebookFailure(org, None, *org_problem))
            continue
        outputs = OrgOutputs(paths["outputs_dir"], year, org, mode)
        parameters = {"org": org, **shared}
        try:
            plan = plan_org(
                outputs,
                slugs=[s.slug for s in sections],
                data_dir=paths["data_dir"],
                params_dir=paths["params_dir"],
                notebooks_dir=paths["notebooks_dir"],
                parameters=parameters,
                force=request.force,
            )
        except InputError as exc:
            batch.fail(NotebookFailure(org, None, "InputError", str(exc)))
            continue
        append_log(batch.log_path, f"FIGURES {org}: {plan.figures_reason}")
        if plan.disclosure:
            append_log(batch.log_path, f"DISCLOSURE {org} {year}: {plan.disclosure}")
        for section in plan.sections:
            problem = problem_of(section.slug) if section.run else None
            if problem is not None:
                plan.manifest["sections"][section.slug].pop("notebook", None)
                batch.fail(NotebookFailure(org, section.slug, "TemplateError", problem))
                remove(outputs.executed(section.slug))
                remove(outputs.failed_notebook(section.slug))
            elif not section.run:
                append_log(batch.log_path, f"REUSE  {org} {section.slug}: unchanged")
                batch.successes.append(
                    NotebookSuccess(org, section.slug, outputs.executed(section.slug), 0.0, True)
                )
            else:
                append_log(batch.log_path, f"RUN    {org} {section.slug}: {section.reason}")
                batch.pending[(org, section.slug)] = section.key
                tasks.append(
                    NotebookTask(
                        org=org,
                        slug=section.slug,
                        template=paths["notebooks_dir"] / f"{section.slug}.ipynb",
                        outputs=outputs,
                        parameters=parameters,
                        kernel_name=settings.kernel_name,
                        timeout_seconds=settings.execution_timeout_seconds,
                        cwd=PROJECT_ROOT,
                        log_path=batch.log_path,
                        warm=request.warm,
                    )
                )
        write_manifest(outputs.manifest, plan.manifest)  # sections to run are not current
        batch.manifests[org] = (outputs, plan.manifest)
    return tasks


@dataclass(frozen=True)
class RunRequest:
    """What a run was asked to do, with its settings resolved."""

    year: int
    codes: tuple[str, ...]
    published: bool
    paths: dict[str, Path]
    settings: Any
    sections: tuple[Section, ...] = SECTIONS
    max_workers: int | None = None
    force: bool = False
    executor: str = "local"
    scheduler: str | None = None
    warm: bool = True

    @property
    def folder(self) -> Path:
        """The year's folder of this edition."""
        return year_dir(self.paths["outputs_dir"], self.year, self.published)

    def describe(self) -> str:
        """e.g. 'a WRES 2020 internal run' (for the lock's messages)."""
        return f"a WRES {self.year} {edition_name(self.published)} run"


def run_request(
    year: int,
    orgs: Sequence[str] | None,
    *,
    published: bool | None,
    notebooks_dir: Path,
    outputs_dir: Path,
    data_dir: Path,
    params_dir: Path,
    **options: Any,
) -> RunRequest:
    """Resolve params (edition, organisations) and check the outputs folder is writable."""
    settings = load_project(params_dir)
    request = RunRequest(
        year=year,
        codes=tuple(organisations_for(year, orgs, params_dir)),
        published=settings.published if published is None else published,
        paths={
            "notebooks_dir": notebooks_dir,
            "outputs_dir": outputs_dir,
            "data_dir": data_dir,
            "params_dir": params_dir,
        },
        settings=settings,
        **options,
    )
    check_writable(request.folder)
    return request


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
    force: bool = False,
    executor: str = "local",
    scheduler: str | None = None,
    warm: bool = True,
    wait: bool = True,
    say: Callable[[str], None] | None = None,
) -> BatchResult:
    """Execute the section notebooks of each organisation of `year` that need it.

    Each organisation's figures are computed once (the figures artefact); a notebook whose
    inputs are unchanged since the last good run is reused, unless `force`. `published`
    None takes params/project.yaml's default. A SIGINT or SIGTERM stops the workers and
    kernels and returns what finished (`interrupted` set). Returns every success and
    failure; raises only for unusable settings (bad params, no organisations, unwritable
    outputs, a locked year with `wait` False).
    """
    request = run_request(
        year,
        orgs,
        published=published,
        notebooks_dir=notebooks_dir,
        outputs_dir=outputs_dir,
        data_dir=data_dir,
        params_dir=params_dir,
        sections=tuple(sections),
        max_workers=max_workers,
        force=force,
        executor=executor,
        scheduler=scheduler,
        warm=warm,
    )
    with run_lock(request.folder, request.describe(), wait=wait, say=say or tell):
        return run_locked(request)


def tell(line: str) -> None:
    """A line for the person running the command (stderr: stdout carries the summary)."""
    print(line, file=sys.stderr, flush=True)


def run_locked(request: RunRequest) -> BatchResult:
    """The run itself, for a caller that holds the year's lock."""
    started = time.monotonic()
    year, mode, codes, sections = request.year, request.published, request.codes, request.sections
    batch = _Batch(logs_dir(request.paths["outputs_dir"], year, mode) / "run.log")
    interrupted = None
    workers = 0
    append_log(
        batch.log_path,
        f"=== run WRES {year} ({edition_name(mode)}): {' '.join(codes)}; "
        f"{len(sections)} section(s); kernel {request.settings.kernel_name}"
        + ("; --force" if request.force else ""),
    )
    try:
        with signals_as_exceptions():
            tasks = _plan(batch, request)
            workers = _pool_size(request.max_workers, request.settings.max_workers, len(tasks))
            with _progress(len(tasks), year) as bar:

                def finished(task: NotebookTask, outcome: TaskOutcome) -> None:
                    batch.finished(task, outcome)
                    bar.set_postfix(failed=len(batch.failures), refresh=False)
                    bar.update()

                if tasks:
                    from .executors import run_tasks

                    run_tasks(
                        request.executor,
                        tasks,
                        workers,
                        batch.log_path.with_name("kernels.log"),
                        finished,
                        request.scheduler,
                    )
    except RunInterrupted as exc:
        interrupted = signal.Signals(exc.signum).name
        for org in codes:
            if valid_org_code(org):
                remove_partials(OrgOutputs(request.paths["outputs_dir"], year, org, mode).root)
        append_log(batch.log_path, f"INTERRUPTED by {interrupted}")
    result = _result(batch, request, started, interrupted)
    append_log(
        batch.log_path,
        f"=== done: {sum(not s.reused for s in result.successes)} ran, "
        f"{sum(s.reused for s in result.successes)} reused, {len(result.failures)} failed "
        f"({result.seconds:.1f}s, {workers} worker(s), executor {request.executor})",
    )
    return result


def _progress(total: int, year: int) -> Any:
    return tqdm(total=total, desc=f"WRES {year}", unit="notebook", disable=None, file=sys.stderr)


def _result(
    batch: _Batch, request: RunRequest, started: float, interrupted: str | None
) -> BatchResult:
    codes, sections = request.codes, request.sections
    order = {org: i for i, org in enumerate(codes)}
    position = {s.slug: i for i, s in enumerate(sections)}
    successes = sorted(batch.successes, key=lambda s: (order[s.org], position[s.slug]))
    failures = sorted(
        batch.failures,
        key=lambda f: (order[f.org], -1 if f.slug is None else position[f.slug]),
    )
    return BatchResult(
        year=request.year,
        published=request.published,
        orgs=tuple(codes),
        sections=tuple(s.slug for s in sections),
        successes=tuple(successes),
        failures=tuple(failures),
        log_path=batch.log_path,
        seconds=time.monotonic() - started,
        interrupted=interrupted,
        not_run=tuple(sorted(batch.pending, key=lambda k: (order[k[0]], position[k[1]]))),
    )
