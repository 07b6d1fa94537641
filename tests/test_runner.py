"""`wres run`: papermill batches over throwaway notebooks (not the real, evolving ones)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import nbformat
import pytest

from wres_analysis.cli import main
from wres_analysis.paths import PROJECT_ROOT
from wres_analysis.pipeline.runner import (
    NOTEBOOK_PARAMETERS,
    BatchResult,
    notebook_path_parameter,
    run_year,
)
from wres_analysis.pipeline.template_check import template_problem
from wres_analysis.sections import SECTIONS, Section

YEAR = 2020
# A 1x1 PNG, so a notebook can show an image without importing matplotlib (slow).
PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC"
CODE_MARKER = "SECRET_CODE_MARKER"
KERNEL_META = {
    "kernelspec": {"name": "wres-analysis", "language": "python", "display_name": "Python"},
    "language_info": {"name": "python"},
}
PARAMETERS = (
    'org = "EXAMPLE"\nyear = 2019\ndata_dir = "data"\nparams_dir = "params"\npublished = False\n'
    'outputs_dir = "outputs"'
)
WORKFORCE = (
    "staff_id,ethnic_category,pay_band,clinical\n"
    + "".join(f"s{i},{'A' if i % 3 else 'M'},Band {4 + i % 3},clinical\n" for i in range(30))
)
FEW = SECTIONS[:3]  # three sections keep the batches quick


def make_notebook(
    path: Path,
    slug: str,
    *,
    fail_for: Iterable[str] = (),
    parameters: str | None = PARAMETERS,
    own_title: str | None = None,
) -> Path:
    """A tiny section notebook: text, an image, an HTML table, Markdown output, stderr noise."""
    cells = []
    if parameters is not None:
        params = nbformat.v4.new_code_cell(parameters)
        params.metadata["tags"] = ["parameters"]
        cells.append(params)
    if own_title:
        cells.append(nbformat.v4.new_markdown_cell(f"# {own_title}"))
    cells += [
        nbformat.v4.new_markdown_cell(f"Narrative text for {slug}.\n\n## Details of {slug}"),
        nbformat.v4.new_code_cell(
            f'{CODE_MARKER} = "code must never reach the report"\n'
            "import base64\n"
            "from IPython.display import HTML, Image, Markdown, display\n"
            f'display(Image(data=base64.b64decode("{PNG}")))\n'
            "display(HTML(\"<table class='tiny'><tr><th>Group</th><td>42</td></tr></table>\"))\n"
            f'display(Markdown("**Key message for {slug}**"))'
        ),
        nbformat.v4.new_code_cell(
            f"if org in {sorted(fail_for)!r}:\n"
            f'    raise ValueError(f"deliberate failure in {slug} for {{org}}")\n'
            'print(f"ran {org} {year} published={published}")\n'
            "import sys\n"
            'print("warning noise from /machine/path", file=sys.stderr)'
        ),
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nbformat.v4.new_notebook(cells=cells, metadata=KERNEL_META), path)
    return path


def make_project(
    root: Path,
    *,
    sections: Iterable[Section] = FEW,
    fail: dict[str, set[str]] | None = None,
    orgs: Iterable[str] = ("AAA", "BAD"),
    listed: Iterable[str] = ("AAA", "BAD"),
) -> dict[str, Path]:
    """Template notebooks, data folders and params under `root`; returns the dirs by name."""
    fail = fail or {}
    dirs = {name: root / name for name in ("notebooks", "outputs", "data", "params")}
    for i, section in enumerate(sections):
        make_notebook(
            dirs["notebooks"] / section.notebook,
            section.slug,
            fail_for=fail.get(section.slug, ()),
            own_title="Our own first heading" if i == 0 else None,
        )
    for org in orgs:
        (dirs["data"] / org / str(YEAR)).mkdir(parents=True)
        (dirs["data"] / org / str(YEAR) / "workforce.csv").write_text(WORKFORCE)
    (dirs["params"] / "years").mkdir(parents=True)
    (dirs["params"] / "project.yaml").write_text(
        "kernel_name: wres-analysis\nexecution_timeout_seconds: 120\nmax_workers: 2\n"
    )
    (dirs["params"] / "years" / f"{YEAR}.yaml").write_text(
        f"year: {YEAR}\norganisations: [{', '.join(listed)}]\nsnapshot_date: {YEAR}-03-31\n"
    )
    (dirs["params"] / "organisations.yaml").write_text(
        "organisations:\n"
        "  AAA: {name: Alpha Health NHS Trust, type: acute trust, region: Midlands}\n"
        "  BAD: {name: Broken Example CCG, type: CCG, region: Midlands}\n"
    )
    return dirs


def run(dirs: dict[str, Path], orgs: list[str] | None = None, **kwargs) -> BatchResult:
    """run_year over a throwaway project."""
    return run_year(
        YEAR,
        orgs,
        notebooks_dir=dirs["notebooks"],
        outputs_dir=dirs["outputs"],
        data_dir=dirs["data"],
        params_dir=dirs["params"],
        **{"sections": FEW, **kwargs},
    )


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[BatchResult, dict[str, Path]]:
    """One batch for the module: AAA succeeds; BAD fails in 02-workforce only."""
    dirs = make_project(tmp_path_factory.mktemp("run"), fail={"02-workforce": {"BAD"}})
    stale = dirs["outputs"] / str(YEAR) / "BAD" / "notebooks" / "02-workforce.ipynb"
    stale.parent.mkdir(parents=True)
    stale.write_text("{}")  # an old good result that must not survive a failure
    return run(dirs), dirs


def test_successful_notebooks_are_written_with_their_parameters(batch):
    result, dirs = batch
    done = {(s.org, s.slug) for s in result.successes}
    assert {("AAA", s.slug) for s in FEW} <= done
    for section in FEW:
        path = dirs["outputs"] / str(YEAR) / "AAA" / "notebooks" / section.notebook
        assert path.is_file()
        meta = nbformat.read(path, as_version=4).metadata["papermill"]
        assert meta["parameters"] == {
            "org": "AAA",
            "year": YEAR,
            "data_dir": str(dirs["data"].resolve()),  # outside the project: absolute
            "params_dir": str(dirs["params"].resolve()),
            "published": False,
            "outputs_dir": str(dirs["outputs"].resolve()),
        }
        assert meta["output_path"].endswith(f"AAA/notebooks/{section.notebook}")
    assert result.complete_orgs() == ["AAA"]
    leftovers = [p for p in dirs["outputs"].rglob("*") if ".partial" in p.name]
    assert leftovers == []


def test_run_log_has_a_line_per_notebook_event(batch):
    result, dirs = batch
    log = (dirs["outputs"] / str(YEAR) / "logs" / "run.log").read_text()
    assert result.log_path == dirs["outputs"] / str(YEAR) / "logs" / "run.log"
    for section in FEW:
        assert f"START  AAA {section.slug}" in log
        assert f"OK     AAA {section.slug}" in log
    assert "FAILED BAD 02-workforce: ValueError: deliberate failure in 02-workforce for BAD" in log
    assert "Kernel is running" not in log  # kernel chatter goes to kernels.log


def test_one_failure_is_isolated_and_filed_under_failed(batch):
    result, dirs = batch
    assert not result.ok
    assert result.failed_orgs() == ["BAD"]
    [failure] = result.failures
    notebooks = dirs["outputs"] / str(YEAR) / "BAD" / "notebooks"
    assert (failure.org, failure.slug, failure.ename) == ("BAD", "02-workforce", "ValueError")
    assert failure.evalue == "deliberate failure in 02-workforce for BAD"
    assert failure.notebook == notebooks / "failed" / "02-workforce.ipynb"
    assert failure.notebook.is_file()
    assert not (notebooks / "02-workforce.ipynb").exists()  # the stale good one was removed
    # BAD's other sections still ran and are where good results go
    assert (notebooks / "01-overview.ipynb").is_file()
    assert (notebooks / "03-appointment.ipynb").is_file()
    failed_nb = nbformat.read(failure.notebook, as_version=4)
    error_cells = [
        c for c in failed_nb.cells if "papermill-error-cell-tag" in c.metadata.get("tags", [])
    ]
    assert error_cells, "papermill's error cell is kept in the failed notebook"
    assert "ValueError" in result.summary() and "failed/02-workforce.ipynb" in result.summary()


def test_unknown_parameter_and_missing_parameters_cell_are_failures(tmp_path):
    dirs = make_project(tmp_path, sections=())
    sections = (Section("01-undeclared", "Undeclared"), Section("02-untagged", "Untagged"))
    make_notebook(
        dirs["notebooks"] / "01-undeclared.ipynb",
        "01-undeclared",
        parameters='org = "X"\nyear = 2019\ndata_dir = "d"\nparams_dir = "p"',
    )
    make_notebook(dirs["notebooks"] / "02-untagged.ipynb", "02-untagged", parameters=None)
    result = run(dirs, ["AAA", "NODATA"], sections=sections)
    by_key = {(f.org, f.slug): f for f in result.failures}
    assert set(by_key) == {("AAA", "01-undeclared"), ("AAA", "02-untagged"), ("NODATA", None)}
    assert "published" in by_key["AAA", "01-undeclared"].evalue
    assert "parameters" in by_key["AAA", "02-untagged"].evalue
    assert by_key["NODATA", None].ename == "MissingData"
    assert result.successes == ()
    assert not (dirs["outputs"] / str(YEAR) / "AAA" / "notebooks" / "01-undeclared.ipynb").exists()


def test_template_problem_accepts_a_notebook_declaring_every_parameter(tmp_path):
    path = make_notebook(tmp_path / "ok.ipynb", "ok")
    assert template_problem(path, NOTEBOOK_PARAMETERS) is None
    assert "does not exist" in template_problem(tmp_path / "absent.ipynb", ["org"])


def test_path_parameters_are_project_relative_inside_the_project(tmp_path):
    assert notebook_path_parameter(PROJECT_ROOT / "data") == "data"
    assert notebook_path_parameter(tmp_path) == str(tmp_path.resolve())


def test_cli_run_prints_failures_and_exits_1(tmp_path, capsys):
    dirs = make_project(tmp_path, sections=SECTIONS[:1], orgs=("AAA",), listed=("AAA",))
    argv = ["run", "--year", str(YEAR), "--org", "AAA", "--org", "GHOST", "--jobs", "1"]
    argv += [f"--{k}-dir={v}" for k, v in dirs.items()]
    assert main(argv) == 1  # the other nine sections have no template here
    out = capsys.readouterr().out
    assert "GHOST (all sections): MissingData" in out
    assert "AAA 02-workforce: TemplateError" in out
    assert (dirs["outputs"] / str(YEAR) / "AAA" / "notebooks" / "01-overview.ipynb").is_file()


def _task(tmp_path: Path):
    from wres_analysis.pipeline.notebook_task import NotebookTask
    from wres_analysis.pipeline.output_paths import OrgOutputs

    template = tmp_path / "t.ipynb"
    nbformat.write(nbformat.v4.new_notebook(), template)
    return NotebookTask(
        org="ORG",
        slug="01-x",
        template=template,
        outputs=OrgOutputs(tmp_path, 2020, "ORG"),
        parameters={},
        kernel_name="k",
        timeout_seconds=5,
        cwd=tmp_path,
        log_path=tmp_path / "run.log",
        warm=False,
    )


def test_a_kernel_that_loses_the_port_race_is_started_again(tmp_path, monkeypatch):
    from wres_analysis.pipeline import notebook_task

    calls = []

    def flaky(template, output, **kwargs):
        calls.append(output)
        if len(calls) == 1:
            raise RuntimeError("Kernel died before replying to kernel_info")
        nb = nbformat.v4.new_notebook()
        nbformat.write(nb, output)
        return nb

    monkeypatch.setattr(notebook_task.papermill, "execute_notebook", flaky)
    monkeypatch.setattr(notebook_task.time, "sleep", lambda _s: None)
    outcome = notebook_task.execute_task(_task(tmp_path))
    assert outcome.ok and len(calls) == 2
    assert "RETRY  ORG 01-x: RuntimeError" in (tmp_path / "run.log").read_text()


def test_a_kernel_that_never_starts_is_a_failure_after_the_retries(tmp_path, monkeypatch):
    from wres_analysis.pipeline import notebook_task

    def dead(template, output, **kwargs):
        raise RuntimeError("Kernel died before replying to kernel_info")

    monkeypatch.setattr(notebook_task.papermill, "execute_notebook", dead)
    monkeypatch.setattr(notebook_task.time, "sleep", lambda _s: None)
    outcome = notebook_task.execute_task(_task(tmp_path))
    assert not outcome.ok and outcome.ename == "RuntimeError"
    log = (tmp_path / "run.log").read_text()
    assert log.count("RETRY") == notebook_task.KERNEL_START_ATTEMPTS - 1 and "FAILED" in log
