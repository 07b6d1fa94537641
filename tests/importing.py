"""Shared helpers of the importer tests: a params folder, a salt, small exports, the CLI."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from wres_analysis.cli import main
from wres_analysis.errors import InputError, Problem
from wres_analysis.paths import PARAMS_DIR

SALT = "a-test-salt-that-is-long-enough"
ESR_HEADER = (
    "Employee Number,Assignment Number,Primary Assignment,Assignment Status,"
    "Assignment Category,Ethnic Origin,Pay Band,Staff Group"
)


@pytest.fixture(name="import_params")
def import_params_fixture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the project's params/import/ defaults, and the test salt in the environment."""
    folder = tmp_path / "params"
    shutil.copytree(PARAMS_DIR / "import", folder / "import", ignore=shutil.ignore_patterns(".*"))
    monkeypatch.setenv("WRES_IMPORT_SALT", SALT)
    return folder


def write(path: Path, text: str) -> Path:
    """Write an export file (creating its folder) and return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def esr_file(folder: Path, *rows: str, header: str = ESR_HEADER, name: str = "esr.csv") -> Path:
    """An ESR export with the default headings and the given data rows."""
    return write(folder / name, "\n".join([header, *rows]) + "\n")


def csv_rows(path: Path) -> list[list[str]]:
    """A written CSV as lists of cells, header first."""
    return [line.split(",") for line in path.read_text(encoding="utf-8").splitlines()]


def problems_of(call, *args, **kwargs) -> list[Problem]:
    """The problems an import raises; each one must say how to fix it."""
    with pytest.raises(InputError) as caught:
        call(*args, **kwargs)
    for problem in caught.value.problems:
        assert problem.fix and "Fix: " in str(problem)
    return caught.value.problems


def run_cli(argv: list[str], capsys: pytest.CaptureFixture) -> tuple[int, str, str]:
    """Run `wres` in-process: (exit status, stdout, stderr)."""
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err
