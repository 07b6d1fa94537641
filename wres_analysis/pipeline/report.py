"""Build each organisation's report from its executed notebooks, and the year's index page.

An organisation gets a new report only when every section notebook is good (and all ran in
the edition asked for), and only when one of them changed since its report was built (the
manifest says). Otherwise the report on disk is kept, and the index page marks it out of
date if it no longer matches its inputs. Each report is built in a hidden staging folder and
renamed into place only when complete, so a failure, a full disk or an interrupt never
loses the previous good report: <edition>/<year>/<org>/quarto/ (the Quarto book) and
<edition>/<year>/<org>/report/ (rendered by `quarto render` when Quarto is installed, else one
self-contained index.html).
"""

from __future__ import annotations

import shutil
import signal
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..atomic import replace_dir, staging_dir
from ..paths import DATA_DIR, NOTEBOOKS_DIR, OUTPUTS_DIR, PARAMS_DIR, display_path
from ..sections import SECTIONS, Section
from .fingerprint import sha256_json
from .index_page import index_entries, write_index
from .interrupts import EXIT_STATUS, RunInterrupted, signals_as_exceptions
from .manifest import read_manifest, write_manifest
from .output_paths import OrgOutputs, logs_dir
from .quarto_project import quarto_binary
from .run_lock import run_lock
from .run_log import append_log
from .runner import (
    BatchResult,
    NotebookFailure,
    RunRequest,
    remove_partials,
    run_locked,
    run_request,
    tell,
    valid_org_code,
)

if TYPE_CHECKING:
    import nbformat

    from ..publish import PdfPrinter


@dataclass(frozen=True)
class OrgReport:
    """A report that was built: its entry page and how it was rendered."""

    org: str
    report: Path
    renderer: str
    published: bool
    reused: bool = False
    files: tuple[Path, ...] = ()  # the PDF and the workbook beside the report
    notes: tuple[str, ...] = ()  # e.g. "PDF skipped: ..." (no Chromium)
    problems: tuple[str, ...] = ()  # a PDF or workbook that failed (the report stands)


@dataclass(frozen=True)
class OrgReportFailure:
    """An organisation that got no report, and why."""

    org: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class ReportResult:
    """Outcome of `build_reports`: reports built, organisations without one, the index page."""

    year: int
    built: tuple[OrgReport, ...]
    failed: tuple[OrgReportFailure, ...]
    index: Path
    batch: BatchResult | None = None
    interrupted: str | None = None  # the signal that stopped the report build

    @property
    def ok(self) -> bool:
        """True when every organisation got its report (and the run, if any, fully succeeded)."""
        problems = any(r.problems for r in self.built)
        return not self.failed and not problems and (self.batch is None or self.batch.ok)

    @property
    def exit_status(self) -> int:
        """0 all built, 1 anything failed, 130/143 when the run was stopped by a signal."""
        if self.interrupted is not None:
            return EXIT_STATUS[signal.Signals[self.interrupted]]
        if self.batch is not None and self.batch.interrupted:
            return self.batch.exit_status
        return 0 if self.ok else 1

    def summary(self) -> str:
        """Report paths, organisations without a report and the index, for the terminal."""
        if self.interrupted or (self.batch is not None and self.batch.interrupted):
            return (
                f"WRES {self.year} reports: not built (stopped by "
                f"{self.interrupted or self.batch.interrupted}); reports already on disk are "
                "kept unchanged"
            )
        lines = [f"WRES {self.year} reports: {len(self.built)} built, {len(self.failed)} not built"]
        for r in self.built:
            lines.append(
                f"  {r.org}: {display_path(r.report)} ({'unchanged' if r.reused else r.renderer})"
            )
            lines += [f"  {r.org}: {display_path(f)}" for f in r.files]
            lines += [f"  {r.org}: {text}" for text in (*r.notes, *r.problems)]
        if self.failed:
            lines.append("no report:")
            for f in self.failed:
                lines.append(f"  {f.org}: " + "; ".join(f.reasons))
        lines.append(f"index: {display_path(self.index)}")
        return "\n".join(lines)


class NotReady(Exception):
    """An organisation's notebooks cannot make a report; args are the reasons."""


def executed_sections(
    outputs: OrgOutputs, sections: Sequence[Section], published: bool | None
) -> tuple[list[tuple[Section, nbformat.NotebookNode]], bool]:
    """The org's executed notebooks in report order, and the mode they ran in.

    Raises NotReady when a section failed or never ran, when a notebook ran for another
    organisation or year, or when the modes disagree with each other or with `published`.
    """
    import nbformat

    reasons: list[str] = []
    failed: list[str] = []
    missing: list[str] = []
    found: list[tuple[Section, nbformat.NotebookNode]] = []
    modes: set[bool] = set()
    for section in sections:
        good, bad = outputs.executed(section.slug), outputs.failed_notebook(section.slug)
        if bad.exists():
            failed.append(section.slug)
            continue
        if not good.exists():
            missing.append(section.slug)
            continue
        nb = nbformat.read(good, as_version=4)
        ran = nb.metadata.get("papermill", {}).get("parameters", {})
        if ran.get("org") != outputs.org or ran.get("year") != outputs.year:
            reasons.append(f"{section.slug} was run for {ran.get('org')} {ran.get('year')}")
            continue
        modes.add(bool(ran.get("published")))
        found.append((section, nb))
    if failed:
        reasons.insert(0, f"{', '.join(failed)} failed (see notebooks/failed/)")
    if missing:
        which = "no section" if len(missing) == len(sections) else ", ".join(missing)
        verb = "has" if which == "no section" else ("has not" if len(missing) == 1 else "have not")
        reasons.append(
            f"{which} {verb} been run (wres run --year {outputs.year} --org {outputs.org})"
        )
    if len(modes) > 1:
        reasons.append("sections ran in different modes (internal and published); run again")
    elif published is not None and modes and modes != {published}:
        asked, ran_as = ("published", "internal") if published else ("internal", "published")
        reasons.append(
            f"notebooks ran in {ran_as} mode but a {asked} report was asked for; "
            f"run them again in {asked} mode (wres report --run)"
        )
    if reasons:
        raise NotReady(*reasons)
    return found, modes.pop() if modes else bool(published)


def build_org_report(
    outputs: OrgOutputs,
    sections: Sequence[Section],
    *,
    published: bool | None,
    params_dir: Path,
    use_quarto: bool,
    printer: PdfPrinter | None = None,
) -> OrgReport:
    """Build one organisation's Quarto project and rendered report, replacing the old ones.

    With a `printer`, the report's PDF and workbook are written into the staged report
    folder too, so all of them are swapped in together.
    """
    from .fallback_render import render_fallback_html
    from .quarto_project import render_with_quarto, write_quarto_project
    from .report_content import prepare_section, title_page

    found, mode = executed_sections(outputs, sections, published)
    page = title_page(outputs.org, outputs.year, mode, params_dir)
    shown = [(section, prepare_section(nb, section)) for section, nb in found]
    for leftover in outputs.root.glob(".report.*.partial"):  # from an interrupted build
        shutil.rmtree(leftover, ignore_errors=True)
    staging = staging_dir(outputs.root, "report")
    try:
        project = write_quarto_project(
            staging / "quarto", page, shown, output_file=f"wres-{outputs.year}-{outputs.org}"
        )
        if use_quarto:
            render_with_quarto(project, logs_dir(outputs.outputs_dir, outputs.year) / "report.log")
            renderer = "quarto"
        else:
            render_fallback_html(page, shown, staging / "report" / "index.html")
            renderer = "self-contained HTML (quarto not installed)"
        extras = None
        if printer is not None:  # the PDF (from the one-file HTML) and the workbook
            from ..publish import write_report_files

            html = staging / "report" / "index.html"
            if use_quarto:
                html = render_fallback_html(page, shown, staging / "print" / "index.html")
            extras = write_report_files(
                staging / "report",
                html,
                [nb for _, nb in found],
                org=outputs.org,
                year=outputs.year,
                published=mode,
                title=f"{page.title}: {page.subtitle}",
                printer=printer,
            )
        replace_dir(staging / "quarto", outputs.quarto)
        replace_dir(staging / "report", outputs.report)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if extras is None:
        return OrgReport(outputs.org, outputs.report_index, renderer, mode)
    files = tuple(outputs.report / name for name in extras.files)
    return OrgReport(
        outputs.org,
        outputs.report_index,
        renderer,
        mode,
        files=files,
        notes=extras.notes,
        problems=extras.problems,
    )


def _run_failures_text(failures: Sequence[NotebookFailure]) -> str:
    whole = [f for f in failures if f.slug is None]
    if whole:
        return f"not run: {whole[0].ename}: {' '.join(whole[0].evalue.split())}"
    return "notebook(s) failed: " + ", ".join(f"{f.slug} ({f.ename})" for f in failures)


def renderer_name(use_quarto: bool) -> str:
    """How reports are rendered in this build (part of the report's key)."""
    return "quarto" if use_quarto else "self-contained HTML (quarto not installed)"


def report_key(manifest: dict[str, Any], renderer: str) -> str | None:
    """What a built report depends on: every executed notebook, the figures, the inputs
    (title page), the code and the renderer; None while any section is not current."""
    sections = manifest.get("sections") or {}
    if not sections or any("notebook" not in entry for entry in sections.values()):
        return None
    return sha256_json(
        {
            "notebooks": {slug: entry["notebook"] for slug, entry in sections.items()},
            "figures": manifest.get("figures"),
            "inputs": manifest.get("inputs"),
            "code": manifest.get("code"),
            "renderer": renderer,
        }
    )


def report_is_current(outputs: OrgOutputs, renderer: str | None = None) -> bool:
    """True when the report on disk was built from the notebooks the manifest lists."""
    manifest = read_manifest(outputs.manifest)
    if manifest is None or not outputs.report_index.is_file():
        return False
    built = manifest.get("report") or {}
    key = report_key(manifest, renderer or built.get("renderer", ""))
    return key is not None and built.get("key") == key


def build_reports(
    year: int,
    orgs: list[str] | None = None,
    *,
    run_first: bool = False,
    published: bool | None = None,
    notebooks_dir: Path = NOTEBOOKS_DIR,
    outputs_dir: Path = OUTPUTS_DIR,
    data_dir: Path = DATA_DIR,
    params_dir: Path = PARAMS_DIR,
    max_workers: int | None = None,
    sections: Sequence[Section] = SECTIONS,
    use_quarto: bool | None = None,
    progress: Callable[[str], None] | None = None,
    force: bool = False,
    executor: str = "local",
    scheduler: str | None = None,
    warm: bool = True,
    wait: bool = True,
    pdf_and_xlsx: bool = False,
) -> ReportResult:
    """Build every organisation's report for `year` (optionally running the notebooks first).

    A report is rebuilt only when a notebook under it changed (or `force`); otherwise the
    one on disk is kept. An organisation whose notebooks are not all good gets no new
    report: its previous report, if any, is kept and the index page marks it out of date.
    `use_quarto` None renders with Quarto when it is on PATH, else the self-contained HTML
    fallback. `progress` receives one line per organisation as its report is done.
    `pdf_and_xlsx` also writes each report's A4 PDF and Excel workbook (wres_analysis.publish).
    """
    say = progress or (lambda _line: None)
    if use_quarto is None:
        use_quarto = quarto_binary() is not None
    elif use_quarto and quarto_binary() is None:
        raise RuntimeError("use_quarto=True but quarto is not on PATH")
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
    with run_lock(request.folder, request.describe(), wait=wait, say=progress or tell):
        batch = run_locked(request) if run_first else None
        if batch is not None and batch.interrupted:
            return ReportResult(year, (), (), request.folder / "index.html", batch)  # kept as is
        try:
            with signals_as_exceptions():
                return _build_all(request, batch, use_quarto, say, pdf_and_xlsx)
        except RunInterrupted as exc:
            for org in request.codes:
                if valid_org_code(org):
                    remove_partials(OrgOutputs(outputs_dir, year, org, request.published).root)
            name = signal.Signals(exc.signum).name
            return ReportResult(year, (), (), request.folder / "index.html", batch, name)


def _build_all(
    request: RunRequest,
    batch: BatchResult | None,
    use_quarto: bool,
    say: Callable[[str], None],
    pdf_and_xlsx: bool = False,
) -> ReportResult:
    year, mode = request.year, request.published
    outputs_dir, params_dir = request.paths["outputs_dir"], request.paths["params_dir"]
    log_path = logs_dir(outputs_dir, year, mode) / "report.log"
    renderer = renderer_name(use_quarto)
    built: list[OrgReport] = []
    failed: dict[str, tuple[str, ...]] = {}
    printer = None
    if pdf_and_xlsx:  # one Chromium for the whole batch, started on first use
        from ..publish import PdfPrinter, report_file_paths, report_files_present

        printer = PdfPrinter()
    for org in request.codes:
        outputs = OrgOutputs(outputs_dir, year, org, mode)
        run_failures = [f for f in batch.failures if f.org == org] if batch else []
        try:
            if not valid_org_code(org):
                raise NotReady(f"{org!r} is not an organisation code (letters, digits, _ and -)")
            if run_failures:
                raise NotReady(_run_failures_text(run_failures))
            current = not request.force and report_is_current(outputs, renderer)
            if current and pdf_and_xlsx:  # an unchanged report still needs its PDF and workbook
                current = report_files_present(outputs.report, org, year)
            if current:
                files = report_file_paths(outputs.report, org, year) if pdf_and_xlsx else ()
                report = OrgReport(
                    org, outputs.report_index, renderer, mode, reused=True, files=files
                )
            else:
                report = build_org_report(
                    outputs,
                    request.sections,
                    published=mode,
                    params_dir=params_dir,
                    use_quarto=use_quarto,
                    printer=printer,
                )
                _record_report(outputs, renderer)
        except NotReady as exc:
            failed[org] = tuple(str(r) for r in exc.args)
        except OSError as exc:
            failed[org] = (f"report not written ({exc.strerror or exc}); the previous report, "
                           "if any, is kept",)
        except Exception as exc:  # one broken report must not stop the others
            failed[org] = (f"report build failed: {type(exc).__name__}: {exc}",)
        else:
            built.append(report)
            verb = "REUSE " if report.reused else "OK    "
            append_log(log_path, f"{verb} {org} {display_path(report.report)}")
            say(f"{org}: {display_path(report.report)}")
            for line in (*map(display_path, report.files), *report.notes, *report.problems):
                say(f"{org}: {line}")
            continue
        append_log(log_path, f"FAILED {org}: " + "; ".join(failed[org]))
        say(f"{org}: no new report: " + "; ".join(failed[org]))
    if printer is not None:
        printer.close()
    index = write_index(
        outputs_dir,
        year,
        index_entries(outputs_dir, year, list(request.codes), failed, params_dir, mode),
        mode,
    )
    return ReportResult(
        year=year,
        built=tuple(built),
        failed=tuple(OrgReportFailure(org, reasons) for org, reasons in failed.items()),
        index=index,
        batch=batch,
    )


def _record_report(outputs: OrgOutputs, renderer: str) -> None:
    """Note in the manifest which notebooks the new report was built from."""
    manifest = read_manifest(outputs.manifest)
    if manifest is None:
        return
    key = report_key(manifest, renderer)
    if key is not None:
        manifest["report"] = {"key": key, "renderer": renderer}
        write_manifest(outputs.manifest, manifest)
