"""The PDF and the workbook that go beside an organisation's HTML report.

`write_report_files` is what the report builder calls, once the HTML is rendered in its
staging folder, so the three files are swapped into place together. The workbook holds the
records the notebooks showed: the run's figures artefact when it is current for the data,
params and code the notebooks ran with (read from their papermill parameters), else the
same records computed afresh, in the same edition.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import nbformat

from ..actions import actions_table, load_action_plan, plan_path
from ..errors import InputError
from ..params import load_organisation, load_year
from ..paths import DATA_DIR, OUTPUTS_DIR, PARAMS_DIR, resolve
from ..pipeline.figures_artefact import load_records
from .files import report_file_paths
from .pdf import PdfPrinter, PdfUnavailable
from .workbook import edition_label, write_workbook


@dataclass(frozen=True)
class ReportFiles:
    """What was written beside the report: file names, notes (skipped) and problems (failed)."""

    files: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class NotebookInputs:
    """The folders the executed notebooks ran with (the project's where unset)."""

    data_dir: Path = DATA_DIR
    params_dir: Path = PARAMS_DIR
    outputs_dir: Path = OUTPUTS_DIR


def notebook_inputs(notebooks: Sequence[nbformat.NotebookNode]) -> NotebookInputs:
    """The data, params and outputs folders of the executed notebooks' papermill parameters."""
    for nb in notebooks:
        ran = nb.metadata.get("papermill", {}).get("parameters", {})
        if ran:
            return NotebookInputs(
                resolve(ran.get("data_dir"), DATA_DIR),
                resolve(ran.get("params_dir"), PARAMS_DIR),
                resolve(ran.get("outputs_dir"), OUTPUTS_DIR),
            )
    return NotebookInputs()


@contextmanager
def _quiet_loading() -> Iterator[None]:
    """Hold back the loaders' INFO lines: the notebooks already showed them for this data."""
    log = logging.getLogger("wres_analysis.inputs")
    level = log.level
    if not log.isEnabledFor(logging.DEBUG):
        log.setLevel(logging.WARNING)
    try:
        yield
    finally:
        log.setLevel(level)


def write_report_workbook(
    out_xlsx: Path,
    *,
    org: str,
    year: int,
    published: bool,
    inputs: NotebookInputs | None = None,
) -> Path:
    """The organisation's workbook: this year's figures, earlier years' and its action plan."""
    inputs = inputs or NotebookInputs()
    data_dir, params_dir = inputs.data_dir, inputs.params_dir
    with _quiet_loading():
        records, _ = load_records(
            org,
            year,
            data_dir=data_dir,
            params_dir=params_dir,
            published=published,
            outputs_dir=inputs.outputs_dir,
        )
    record, earlier = records[year], {y: r for y, r in records.items() if y != year}
    rules = load_year(year, params_dir)
    details = load_organisation(org, params_dir)
    name = details.code if details.name == details.code else f"{details.name} ({details.code})"
    plan = plan_path(params_dir, org, year)
    actions = actions_table(load_action_plan(plan), rules.report) if plan.is_file() else None
    return write_workbook(
        record,
        out_xlsx,
        earlier=earlier,
        organisation_name=name,
        actions=actions,
        data_sources=rules.data_sources,
    )


def write_report_files(
    report_dir: Path,
    html: Path,
    notebooks: Sequence[nbformat.NotebookNode],
    *,
    org: str,
    year: int,
    published: bool,
    title: str,
    printer: PdfPrinter,
) -> ReportFiles:
    """Write wres-<year>-<org>.pdf (printed from the one-file `html`) and .xlsx into report_dir.

    Never raises for either file: a missing Chromium is a note ("PDF skipped"), any other
    failure a problem, and the HTML report stands either way.
    """
    inputs = notebook_inputs(notebooks)
    pdf, xlsx = report_file_paths(report_dir, org, year)
    files, notes, problems = [], [], []
    try:
        printer.print(
            html,
            pdf,
            edition=edition_label(published),
            title=title,
            date=load_year(year, inputs.params_dir).report,
        )
        files.append(pdf.name)
    except PdfUnavailable as exc:
        notes.append(f"PDF skipped: {exc}")
    except Exception as exc:  # the HTML report must not be lost to a printing failure
        problems.append(f"PDF not written: {type(exc).__name__}: {exc}")
    try:
        write_report_workbook(xlsx, org=org, year=year, published=published, inputs=inputs)
        files.append(xlsx.name)
    except InputError as exc:
        problems.append(f"workbook not written: {exc}")
    except Exception as exc:
        problems.append(f"workbook not written: {type(exc).__name__}: {exc}")
    return ReportFiles(tuple(files), tuple(notes), tuple(problems))
