"""Re-runs redo only what changed, judged by the manifest, and say why in the run log."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.test_runner import FEW, YEAR, make_project, run
from wres_analysis.pipeline import run_plan
from wres_analysis.pipeline.manifest import read_manifest
from wres_analysis.pipeline.report import build_reports

SLUGS = [s.slug for s in FEW]


@pytest.fixture(scope="module")
def first_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    dirs = make_project(tmp_path_factory.mktemp("incremental"))
    result = run(dirs)
    assert result.ok, result.summary()
    return dirs


@pytest.fixture
def project(first_run: dict[str, Path], tmp_path: Path) -> dict[str, Path]:
    """A private copy of the project after one good run (outputs included)."""
    copy = {name: tmp_path / name for name in first_run}
    for name, source in first_run.items():
        shutil.copytree(source, copy[name], symlinks=True)
    return copy


def ran(result) -> set[tuple[str, str]]:
    return {(s.org, s.slug) for s in result.successes if not s.reused}


def last_run_log(dirs: dict[str, Path]) -> str:
    log = (dirs["outputs"] / str(YEAR) / "logs" / "run.log").read_text()
    return log[log.rfind("=== run") :]


def test_nothing_changed_runs_nothing_and_says_why(project):
    result = run(project)
    assert result.ok and ran(result) == set()
    assert len(result.successes) == 2 * len(FEW) and all(s.reused for s in result.successes)
    log = last_run_log(project)
    assert "FIGURES AAA: reused (inputs and code unchanged)" in log
    for org in ("AAA", "BAD"):
        for slug in SLUGS:
            assert f"REUSE  {org} {slug}: unchanged" in log
    assert "START" not in log
    assert "0 notebook(s) ran, 6 reused unchanged" in result.summary()


def test_a_data_change_reruns_that_organisation_only(project):
    workforce = project["data"] / "BAD" / str(YEAR) / "workforce.csv"
    workforce.write_text(workforce.read_text().replace("s1,A,", "s1,M,", 1))
    result = run(project)
    assert ran(result) == {("BAD", slug) for slug in SLUGS}
    log = last_run_log(project)
    assert f"RUN    BAD 01-overview: inputs changed: data/BAD/{YEAR}/workforce.csv" in log
    assert "REUSE  AAA 01-overview: unchanged" in log


def test_a_commentary_edit_reruns_that_section_only(project):
    note = project["params"] / "orgs" / "AAA" / str(YEAR) / "commentary" / "02-workforce.md"
    note.parent.mkdir(parents=True)
    note.write_text("Our own words.\n")
    result = run(project)
    assert ran(result) == {("AAA", "02-workforce")}
    assert "RUN    AAA 02-workforce: commentary changed" in last_run_log(project)


def test_a_template_edit_reruns_that_section_everywhere(project):
    template = project["notebooks"] / "03-appointment.ipynb"
    nb = json.loads(template.read_text())
    nb["cells"].append(
        {"id": "more-words", "cell_type": "markdown", "metadata": {}, "source": ["More words."]}
    )
    template.write_text(json.dumps(nb))
    result = run(project)
    assert ran(result) == {("AAA", "03-appointment"), ("BAD", "03-appointment")}
    assert "RUN    BAD 03-appointment: template changed" in last_run_log(project)


def test_a_code_or_lock_change_reruns_everything(project, monkeypatch):
    real = run_plan.code_fingerprint()
    monkeypatch.setattr(run_plan, "code_fingerprint", lambda: {**real, "package": "changed"})
    result = run(project)
    assert ran(result) == {(o, s) for o in ("AAA", "BAD") for s in SLUGS}
    assert "RUN    AAA 01-overview: code changed (wres_analysis)" in last_run_log(project)
    changed_lock = {**real, "package": "changed", "lock": "changed"}
    monkeypatch.setattr(run_plan, "code_fingerprint", lambda: changed_lock)
    result = run(project)
    assert len(ran(result)) == 2 * len(FEW)
    assert "lock file changed (requirements.lock)" in last_run_log(project)


def test_force_reruns_everything(project):
    result = run(project, force=True)
    assert len(ran(result)) == 2 * len(FEW)
    assert "RUN    AAA 02-workforce: --force" in last_run_log(project)


def test_an_edited_executed_notebook_is_not_taken_as_current(project):
    executed = project["outputs"] / str(YEAR) / "AAA" / "notebooks" / "01-overview.ipynb"
    executed.write_text(executed.read_text().replace("Narrative text", "Edited text"))
    result = run(project)
    assert ran(result) == {("AAA", "01-overview")}
    assert "executed notebook changed since the run wrote it" in last_run_log(project)
    assert "Edited text" not in executed.read_text()


def test_a_failed_section_is_not_current_and_runs_again(project):
    template = project["notebooks"] / "02-workforce.ipynb"
    good = template.read_text()
    nb = json.loads(good)
    nb["cells"].append(
        {
            "id": "broken",
            "cell_type": "code",
            "metadata": {},
            "execution_count": None,
            "outputs": [],
            "source": ["raise RuntimeError('broken template')"],
        }
    )
    template.write_text(json.dumps(nb))
    broken = run(project)
    assert not broken.ok
    manifest = read_manifest(project["outputs"] / str(YEAR) / "AAA" / "manifest.json")
    assert "notebook" not in manifest["sections"]["02-workforce"]
    assert "report" not in manifest
    template.write_text(good)
    fixed = run(project)
    assert fixed.ok and ran(fixed) == {("AAA", "02-workforce"), ("BAD", "02-workforce")}


def test_a_report_is_rebuilt_only_when_a_notebook_under_it_changed(project):
    options = {
        "sections": FEW,
        "use_quarto": False,
        "notebooks_dir": project["notebooks"],
        "outputs_dir": project["outputs"],
        "data_dir": project["data"],
        "params_dir": project["params"],
    }
    first = build_reports(YEAR, **options)
    assert [r.reused for r in first.built] == [False, False]
    again = build_reports(YEAR, run_first=True, **options)
    assert [r.reused for r in again.built] == [True, True]
    workforce = project["data"] / "BAD" / str(YEAR) / "workforce.csv"
    workforce.write_text(workforce.read_text().replace("s2,A,", "s2,M,", 1))
    changed = build_reports(YEAR, run_first=True, **options)
    assert {r.org: r.reused for r in changed.built} == {"AAA": True, "BAD": False}
    assert "unchanged" in changed.summary()


def test_two_clean_runs_give_identical_manifests_and_figures(project):
    """Delete every output and run again: the same bytes, and no machine path in them."""
    names = ("manifest.json", "figures.json")
    shutil.rmtree(project["outputs"])
    assert run(project).ok
    first = {
        (org, name): (project["outputs"] / str(YEAR) / org / name).read_bytes()
        for org in ("AAA", "BAD")
        for name in names
    }
    shutil.rmtree(project["outputs"])
    assert run(project).ok
    for (org, name), content in first.items():
        assert (project["outputs"] / str(YEAR) / org / name).read_bytes() == content, (org, name)
    manifest = first["AAA", "manifest.json"].decode()
    assert "/tmp" not in manifest and "pytest" not in manifest


def test_a_run_with_nothing_to_do_loads_no_notebook_machinery(tmp_path):
    """What keeps a no-op `make report` to about a second: nothing changed means papermill,
    nbformat (and its JSON-schema grammar), pandas and the workbook code are never imported."""
    import subprocess
    import sys

    from wres_analysis.cli import main
    from wres_analysis.sections import SECTIONS

    dirs = make_project(tmp_path, sections=SECTIONS)  # the CLI runs every section
    argv = ["report", "--year", str(YEAR), "--run", "--no-pdf-and-xlsx"]
    argv += [f"--{k}-dir={v}" for k, v in dirs.items()]
    assert main(argv) == 0
    code = (
        "import sys\n"
        "from wres_analysis.cli import main\n"
        f"status = main({argv!r})\n"
        "heavy = sorted(m for m in ('papermill', 'nbformat', 'nbconvert', 'gptables', 'pandas')"
        " if m in sys.modules)\n"
        "print('HEAVY', heavy, status)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "HEAVY [] 0" in done.stdout, done.stdout + done.stderr
    assert "0 notebook(s) ran" in done.stdout


def differing_paths(a: object, b: object, path: str = "") -> set[str]:
    """The JSON paths (list indices as '*') where two values differ."""
    if isinstance(a, dict) and isinstance(b, dict):
        found: set[str] = set()
        for key in set(a) | set(b):
            found |= differing_paths(a.get(key), b.get(key), f"{path}.{key}")
        return found
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return set().union(*(differing_paths(x, y, f"{path}.*") for x, y in zip(a, b, strict=True)))
    return set() if a == b else {path}


def test_two_clean_runs_differ_only_in_the_listed_volatile_metadata(project):
    """What may differ between two runs of the same inputs: papermill's times and durations,
    its record of the paths it read and wrote, and each cell's execution timestamps."""
    from wres_analysis.pipeline.manifest import VOLATILE_CELL_METADATA, VOLATILE_NOTEBOOK_METADATA

    allowed = {f".metadata.papermill.{key}" for key in VOLATILE_NOTEBOOK_METADATA}
    allowed |= {
        f".cells.*.metadata.{key}{rest}"
        for key in VOLATILE_CELL_METADATA
        for rest in ("", ".start_time", ".end_time", ".duration", ".status", ".exception",
                     ".iopub.execute_input", ".iopub.status.busy", ".iopub.status.idle",
                     ".shell.execute_reply")
    }  # fmt: skip
    notebooks = project["outputs"] / str(YEAR) / "AAA" / "notebooks"
    shutil.rmtree(project["outputs"])
    assert run(project).ok
    first = {p.name: json.loads(p.read_text()) for p in notebooks.glob("*.ipynb")}
    shutil.rmtree(project["outputs"])
    assert run(project).ok
    for name, nb in first.items():
        again = json.loads((notebooks / name).read_text())
        assert differing_paths(nb, again) <= allowed, (name, differing_paths(nb, again) - allowed)


def test_printed_text_is_merged_per_stream_so_flush_timing_does_not_matter():
    """stdout and stderr arrive in whichever order the kernel flushed them (it moves with
    the machine's load): each cell keeps one stdout then one stderr output, where the first
    was, and its displays in their order."""
    from wres_analysis.pipeline.manifest import merge_streams, normalised_notebook

    def cell(*outputs: dict) -> dict:
        return {"cell_type": "code", "metadata": {}, "outputs": list(outputs), "source": ""}

    def stream(name: str, text: str) -> dict:
        return {"output_type": "stream", "name": name, "text": text}

    table = {"output_type": "display_data", "data": {"text/html": "<table/>"}, "metadata": {}}
    one = {"cells": [cell(table, stream("stderr", "noise\n"), stream("stdout", "ran\n"))]}
    other = {"cells": [cell(table, stream("stdout", "ra"), stream("stderr", "noise\n"),
                            stream("stdout", "n\n"))]}  # fmt: skip
    assert normalised_notebook(one) == normalised_notebook(other)
    assert merge_streams(other)["cells"][0]["outputs"] == [
        table,
        stream("stdout", "ran\n"),
        stream("stderr", "noise\n"),
    ]
