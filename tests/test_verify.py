"""`wres verify` proves a built report against the data and code, and names what differs."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from wres_analysis.cli import main
from wres_analysis.paths import DATA_DIR
from wres_analysis.pipeline.report import build_reports
from wres_analysis.sections import SECTION_BY_SLUG

pytestmark = pytest.mark.e2e
ORG, YEAR = "EXCCG", 2020
SLUGS = ("01-overview", "03-appointment", "07-board")  # the overview shows trend figures


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """EXCCG 2020 with two sections, built once for the module."""
    root = tmp_path_factory.mktemp("verify")
    dirs = {"data": root / "data", "outputs": root / "outputs"}
    shutil.copytree(DATA_DIR / ORG, dirs["data"] / ORG)
    result = build_reports(
        YEAR,
        [ORG],
        run_first=True,
        data_dir=dirs["data"],
        outputs_dir=dirs["outputs"],
        sections=[SECTION_BY_SLUG[s] for s in SLUGS],
        use_quarto=False,
    )
    assert result.ok, result.summary()
    return dirs


@pytest.fixture
def project(built: dict[str, Path], tmp_path: Path) -> dict[str, Path]:
    copy = {name: tmp_path / name for name in built}
    for name, source in built.items():
        shutil.copytree(source, copy[name])
    return copy


def verify(dirs: dict[str, Path], capsys, *more: str) -> tuple[int, str]:
    """`wres verify` of the sections that were built (the manifest lists them)."""
    folders = [f"--data-dir={dirs['data']}", f"--outputs-dir={dirs['outputs']}"]
    code = main(["verify", "--year", str(YEAR), "--org", ORG, "--jobs", "1", *folders, *more])
    return code, capsys.readouterr().out


def report(dirs: dict[str, Path]) -> Path:
    return dirs["outputs"] / str(YEAR) / ORG / "report" / "index.html"


def test_an_untouched_report_verifies(project, capsys):
    code, out = verify(project, capsys)
    assert code == 0, out
    verified = int(re.search(r"(\d+) figures verified, 0 differ", out).group(1))
    assert verified > 100
    assert "notebook outputs" in out and "report pages rebuilt identically" in out


def test_an_edited_number_in_the_report_is_named(project, capsys):
    page = report(project).read_text(encoding="utf-8")
    span = re.search(
        r'(<span class="figure" data-figure="indicators\.2\.relative_likelihood" '
        r'data-year="2020" data-format="rl">)([^<]+)(</span>)',
        page,
    )
    assert span, "the relative likelihood is traced in the report"
    edited = page.replace(span.group(0), span.group(1) + "0.99" + span.group(3), 1)
    report(project).write_text(edited, encoding="utf-8")
    code, out = verify(project, capsys, "--no-rerun")
    assert code == 1
    line = next(x for x in out.splitlines() if "2020:indicators.2.relative_likelihood" in x)
    assert "report/index.html" in line and "found '0.99'" in line
    assert f"expected '{span.group(2)}'" in line
    assert re.search(r"\d+ figures verified, [1-9]\d* differ", out)


def test_an_edited_output_in_an_executed_notebook_is_named(project, capsys):
    executed = project["outputs"] / str(YEAR) / ORG / "notebooks" / "07-board.ipynb"
    text = executed.read_text(encoding="utf-8")
    edited = re.sub(
        r'(data-figure=\\"indicators\.9\.all\.members\\" data-year=\\"2020\\" '
        r'data-format=\\"count\\">)(\d+)',
        r"\g<1>99",
        text,
        count=1,
    )
    assert edited != text
    executed.write_text(edited, encoding="utf-8")
    code, out = verify(project, capsys)
    assert code == 1
    named = [x for x in out.splitlines() if "notebooks/07-board.ipynb" in x]
    assert any("2020:indicators.9.all.members" in x and "found '99'" in x for x in named)


def test_an_input_edited_after_the_build_is_named(project, capsys):
    workforce = project["data"] / ORG / str(YEAR) / "workforce.csv"
    lines = workforce.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace(",A,", ",M,", 1) if ",A," in lines[1] else lines[1] + " "
    workforce.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out = verify(project, capsys, "--no-rerun")
    assert code == 1
    assert f"data/{ORG}/{YEAR}/workforce.csv: file changed since the report was built" in out


def test_an_edited_trend_figure_is_named(project, capsys):
    page = report(project).read_text(encoding="utf-8")
    span = re.search(
        r'(<span class="figure" data-figure="trend\.2\.relative_likelihood" '
        r'data-year="(\d{4})" data-format="trend">)([^<]+)(</span>)',
        page,
    )
    assert span, "the at-a-glance table traces its trend figures"
    edited = page.replace(span.group(0), span.group(1) + "9.99" + span.group(4), 1)
    report(project).write_text(edited, encoding="utf-8")
    code, out = verify(project, capsys, "--no-rerun")
    assert code == 1
    assert f"{span.group(2)}:trend.2.relative_likelihood" in out and "found '9.99'" in out
