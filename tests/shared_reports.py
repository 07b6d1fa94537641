"""Whole reports built once per test run and shared by the modules that look at them.

A full report is the slowest thing the tests make (every section notebook runs), so the
end-to-end and browser tests share one build of each: EXCCG 2020 and EXHOSP 2021 with the
self-contained HTML, and, when `quarto` is on PATH, the same notebooks rendered by Quarto.
Under pytest-xdist the workers share one folder: the first to take a build's lock makes it
while the others wait, and every one of them reads its verdict.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from wres_analysis.pipeline.report import ReportResult, build_reports

FULL_REPORTS = ((2020, "EXCCG"), (2021, "EXHOSP"))


@dataclass(frozen=True)
class Built:
    """A shared build's outputs folder and how the build went."""

    outputs: Path
    ok: bool
    text: str

    def summary(self) -> str:
        """The build's summary, as `ReportResult.summary` printed it."""
        return self.text


def shared_build(
    factory: pytest.TempPathFactory, name: str, build: Callable[[Path], list[ReportResult]]
) -> Built:
    """`build(outputs)` run once per test run into <shared>/<name>/outputs (lock-guarded)."""
    root = factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # shared by every worker of this run
    folder = root / "shared-reports" / name
    folder.mkdir(parents=True, exist_ok=True)
    verdict = folder / "build-result.txt"
    with open(folder / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not verdict.exists():
            results = build(folder / "outputs")
            ok = all(r.ok for r in results)
            text = "\n".join(r.summary() for r in results)
            verdict.write_text(("OK\n" if ok else "FAILED\n") + text)
    status, _, text = verdict.read_text().partition("\n")
    return Built(folder / "outputs", status == "OK", text)


def full_reports(factory: pytest.TempPathFactory) -> Built:
    """EXCCG 2020 and EXHOSP 2021: every section run, the self-contained HTML reports."""

    def build(outputs: Path) -> list[ReportResult]:
        return [
            build_reports(
                year, [org], run_first=True, outputs_dir=outputs, max_workers=2, use_quarto=False
            )
            for year, org in FULL_REPORTS
        ]

    return shared_build(factory, "full", build)


def quarto_reports(factory: pytest.TempPathFactory) -> Built:
    """The same notebooks as `full_reports`, rendered by Quarto (skips without quarto)."""
    if shutil.which("quarto") is None:
        pytest.skip("quarto is not on PATH: the Quarto pages are not checked here")
    full = full_reports(factory)

    def build(outputs: Path) -> list[ReportResult]:
        shutil.copytree(full.outputs, outputs)
        return [
            build_reports(year, [org], outputs_dir=outputs, use_quarto=True, force=True)
            for year, org in FULL_REPORTS
        ]

    return shared_build(factory, "quarto", build)
