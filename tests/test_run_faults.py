"""Runs survive faults: concurrent runs, SIGTERM and SIGINT, a full disk, read-only outputs.

Each test is a full run (`wres` as a separate process where signals are involved) over a
throwaway project, and checks that no good result is lost, nothing half-written is left and
no process is left behind.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import psutil
import pytest

from tests.test_runner import FEW, YEAR, make_project, run
from wres_analysis.cli import main
from wres_analysis.pipeline.report import build_reports
from wres_analysis.sections import SECTIONS

pytestmark = pytest.mark.e2e


def cli_args(dirs: dict[str, Path], *more: str) -> list[str]:
    return [f"--{k}-dir={v}" for k, v in dirs.items()] + list(more)


def slow_project(root: Path, seconds: float = 4.0) -> dict[str, Path]:
    """A project with every section (the CLI runs them all) whose first section sleeps, so a
    run can be caught in the middle."""
    dirs = make_project(root, sections=SECTIONS)
    template = dirs["notebooks"] / FEW[0].notebook
    nb = nbformat.read(template, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(f"import time\ntime.sleep({seconds})"))
    nbformat.write(nb, template)
    return dirs


def wres(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "wres_analysis.cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(path: Path, text: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and text in path.read_text():
            return
        time.sleep(0.1)
    raise AssertionError(f"{text!r} never appeared in {path}")


def partials(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if ".partial" in p.name]


def test_a_deferred_signal_is_raised_only_where_it_is_safe():
    """While the pool is waited on, a signal is noted and raised between waits, never
    inside concurrent.futures' own code (where it could leave a lock held for ever)."""
    from wres_analysis.pipeline.interrupts import (
        RunInterrupted,
        raise_if_signalled,
        signals_as_exceptions,
        signals_deferred,
    )

    reached = []
    with pytest.raises(RunInterrupted) as caught, signals_as_exceptions():
        with signals_deferred():
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(0.05)  # the handler has run: noted, not raised
            reached.append("after the signal")
            with pytest.raises(RunInterrupted):
                raise_if_signalled()
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.05)
            reached.append("second signal noted")
        reached.append("never: leaving the block raises")
    assert reached == ["after the signal", "second signal noted"]
    assert caught.value.exit_status == 130


@pytest.mark.parametrize("signum, status", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_stops_workers_and_kernels_and_prints_what_finished(tmp_path, signum, status):
    dirs = slow_project(tmp_path)
    process = wres("run", "--year", str(YEAR), "--jobs", "2", *cli_args(dirs))
    log = dirs["outputs"] / str(YEAR) / "logs" / "run.log"
    wait_for(log, f"START  AAA {FEW[0].slug}")
    time.sleep(0.5)  # the sleeping notebook is running now
    children = psutil.Process(process.pid).children(recursive=True)
    assert len(children) >= 2  # workers (and their kernels)
    process.send_signal(signum)
    out, err = process.communicate(timeout=60)
    assert process.returncode == status, err
    assert "Traceback" not in out + err
    assert f"stopped by {signal.Signals(signum).name}" in out
    assert "did not run" in out
    _, alive = psutil.wait_procs(children, timeout=10)
    assert alive == [], f"left running: {[p.pid for p in alive]}"
    assert partials(dirs["outputs"]) == []
    manifest = json.loads((dirs["outputs"] / str(YEAR) / "AAA" / "manifest.json").read_text())
    assert "notebook" not in manifest["sections"][FEW[0].slug]  # never looks current
    assert f"INTERRUPTED by {signal.Signals(signum).name}" in log.read_text()
    again = run(dirs)  # a re-run then completes normally
    assert again.ok, again.summary()


def test_two_runs_of_the_same_year_queue_instead_of_colliding(tmp_path):
    dirs = slow_project(tmp_path, seconds=2.0)
    report = ("report", "--year", str(YEAR), "--run", "--jobs", "2", "--no-pdf-and-xlsx")
    first = wres(*report, *cli_args(dirs))
    wait_for(dirs["outputs"] / str(YEAR) / "logs" / "run.log", "START")
    second = wres(*report, *cli_args(dirs))
    out1, err1 = first.communicate(timeout=300)
    out2, err2 = second.communicate(timeout=300)
    assert first.returncode == 0 and second.returncode == 0, (out1, err1, out2, err2)
    for out, err in ((out1, err1), (out2, err2)):
        assert "Traceback" not in out + err
        assert "not been run" not in out and "no section has been run" not in out
    assert "waiting for a WRES 2020 internal run already running" in err2
    assert "0 notebook(s) ran" in out2  # the second found everything current
    for org in ("AAA", "BAD"):
        assert (dirs["outputs"] / str(YEAR) / org / "report" / "index.html").is_file()
    assert partials(dirs["outputs"]) == []


def test_a_second_run_with_no_wait_refuses_with_a_message(tmp_path, capsys):
    dirs = slow_project(tmp_path)
    first = wres("run", "--year", str(YEAR), "--jobs", "1", *cli_args(dirs))
    try:
        wait_for(dirs["outputs"] / str(YEAR) / "logs" / "run.log", "START")
        code = main(["run", "--year", str(YEAR), "--no-wait", *cli_args(dirs)])
        err = capsys.readouterr().err
        assert code == 1
        assert "is already running (process" in err and ".run.lock" in err
    finally:
        first.communicate(timeout=300)


def test_a_full_disk_while_rendering_keeps_the_previous_good_report(tmp_path, monkeypatch):
    dirs = make_project(tmp_path)
    options = {
        "sections": FEW,
        "use_quarto": False,
        "notebooks_dir": dirs["notebooks"],
        "outputs_dir": dirs["outputs"],
        "data_dir": dirs["data"],
        "params_dir": dirs["params"],
    }
    assert build_reports(YEAR, ["AAA"], run_first=True, **options).ok
    page = dirs["outputs"] / str(YEAR) / "AAA" / "report" / "index.html"
    good = page.read_bytes()
    import pypandoc

    def full_disk(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pypandoc, "convert_text", full_disk)
    result = build_reports(YEAR, ["AAA"], force=True, **options)
    assert not result.ok
    [failure] = result.failed
    assert "No space left on device" in failure.reasons[0]
    assert "previous report" in failure.reasons[0]
    assert page.read_bytes() == good
    assert partials(dirs["outputs"]) == []
    row = next(x for x in result.index.read_text().splitlines() if "<td>AAA</td>" in x)
    assert "out of date" in row and 'href="AAA/report/index.html"' in row


def test_outputs_that_cannot_be_written_are_a_message_not_a_traceback(
    tmp_path, monkeypatch, capsys
):
    dirs = make_project(tmp_path)
    from wres_analysis.pipeline import runner

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(runner, "staging_dir", read_only)
    code = main(["report", "--year", str(YEAR), "--run", *cli_args(dirs)])
    err = capsys.readouterr().err
    assert code == 1
    assert f"outputs/{YEAR}" in err and "cannot be written" in err and "Read-only" in err
    assert "Traceback" not in err


def test_the_dask_executor_gives_the_same_results_and_failure_list_as_the_local_pool(tmp_path):
    pytest.importorskip("distributed")
    local_dirs = make_project(tmp_path / "local", fail={"02-workforce": {"BAD"}})
    dask_dirs = make_project(tmp_path / "dask", fail={"02-workforce": {"BAD"}})
    local = run(local_dirs, max_workers=2)
    on_dask = run(dask_dirs, max_workers=2, executor="dask")
    describe = [(f.org, f.slug, f.ename, f.evalue) for f in local.failures]
    assert [(f.org, f.slug, f.ename, f.evalue) for f in on_dask.failures] == describe
    assert [(s.org, s.slug) for s in on_dask.successes] == [
        (s.org, s.slug) for s in local.successes
    ]
    executed = dask_dirs["outputs"] / str(YEAR) / "AAA" / "notebooks"
    assert sorted(p.name for p in executed.glob("*.ipynb")) == sorted(s.notebook for s in FEW)
    assert "executor dask" in (dask_dirs["outputs"] / str(YEAR) / "logs" / "run.log").read_text()
    leftovers = [
        p for p in psutil.Process(os.getpid()).children(recursive=True) if p.is_running()
    ]
    assert leftovers == []
