"""End to end on the shipped synthetic data: real notebooks, papermill, the report.

Runs every section notebook for the model organisation (2020), a 2021 subset for the
rolling average, trends and the carried action plan, and a two-organisation batch with
one organisation's data broken. About a minute on 2 cores.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import nbformat
import pytest
import yaml

from tests.shared_reports import full_reports
from wres_analysis.cli import main
from wres_analysis.paths import DATA_DIR, PARAMS_DIR
from wres_analysis.pipeline.runner import run_year
from wres_analysis.sections import SECTION_BY_SLUG, SECTIONS

pytestmark = pytest.mark.e2e
MODEL_ORG = "EXCCG"


def visible_text(page: str) -> str:
    """The words a reader sees: no styles, scripts, tags or image data."""
    page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r"<[^>]+>", " ", page)
    return re.sub(r"\s+", " ", html.unescape(page))


@pytest.fixture(scope="module")
def model_report(tmp_path_factory) -> tuple[Path, object]:
    """EXCCG's whole 2020 report: the build the browser tests share (tests/shared_reports)."""
    built = full_reports(tmp_path_factory)
    return built.outputs, built


def test_model_organisation_report_has_every_section_and_the_headline_facts(model_report):
    outputs, result = model_report
    assert result.ok, result.summary()
    report = outputs / "2020" / MODEL_ORG / "report" / "index.html"
    assert report.exists()
    page = report.read_text(encoding="utf-8")
    text = visible_text(page)
    missing = [section.title for section in SECTIONS if section.title not in text]
    assert not missing
    body = text[text.rfind(SECTIONS[0].title) :]  # after the table of contents
    positions = [body.find(section.title) for section in SECTIONS]
    assert positions == sorted(positions) and min(positions) >= 0  # in report order
    assert "Exampleshire Clinical Commissioning Group" in text
    assert "3.4%" in text  # workforce BME share
    assert re.search(r"[-−]3\.4 (pp|percentage points)", text)  # board gap
    assert "not required" in text.lower()  # indicators 5-8 in 2020
    assert "4 of 249" in text and "1.6%" in text and "0.016%" not in text
    assert "<img" in page and 'alt=""' not in page
    # privacy: no record-level identifiers and no machine paths
    staff_ids = (DATA_DIR / MODEL_ORG / "2020" / "workforce.csv").read_text().split("\n")[1:4]
    for line in staff_ids:
        assert line.split(",")[0] not in text
    assert str(outputs) not in page and "/work/" not in text


def test_quarto_project_lists_every_section_and_never_executes(model_report):
    outputs, _ = model_report
    config = yaml.safe_load((outputs / "2020" / MODEL_ORG / "quarto" / "_quarto.yml").read_text())
    text = yaml.safe_dump(config)
    for section in SECTIONS:
        assert section.notebook in text
    assert config["execute"]["enabled"] is False


def test_executed_notebooks_carry_their_parameters_and_the_index_links_the_report(model_report):
    outputs, _ = model_report
    executed = outputs / "2020" / MODEL_ORG / "notebooks"
    assert sorted(p.name for p in executed.glob("*.ipynb")) == sorted(s.notebook for s in SECTIONS)
    notebook = nbformat.read(executed / "01-overview.ipynb", as_version=4)
    injected = [c for c in notebook.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert injected and 'org = "EXCCG"' in injected[0].source
    index = (outputs / "2020" / "index.html").read_text(encoding="utf-8")
    assert f"{MODEL_ORG}/report/index.html" in index
    assert (outputs / "2020" / "logs" / "run.log").exists()


def notebook_text(path: Path) -> str:
    """The words an executed notebook's outputs show (HTML, Markdown and text)."""
    nb = nbformat.read(path, 4)
    parts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            parts.append(data.get("text/html") or data.get("text/markdown") or "")
    return visible_text("\n".join(parts))


def test_2021_uses_the_2020_disciplinary_data_shows_trends_and_carried_actions(tmp_path):
    slugs = ("01-overview", "04-disciplinary", "09-action-plan")
    batch = run_year(
        2021,
        [MODEL_ORG],
        outputs_dir=tmp_path,
        max_workers=2,
        sections=[SECTION_BY_SLUG[s] for s in slugs],
    )
    assert batch.ok, batch.summary()

    def shown(slug: str) -> str:
        return notebook_text(tmp_path / "2021" / MODEL_ORG / "notebooks" / f"{slug}.ipynb")

    disciplinary = shown("04-disciplinary")
    assert "2020 and 2021" in disciplinary
    assert "2019" in shown("01-overview")  # trends reach back to 2019
    assert "carried" in shown("09-action-plan").lower()


def test_one_broken_organisation_does_not_stop_the_others(tmp_path, capsys):
    data = tmp_path / "data"
    for org in (MODEL_ORG, "LTCCG"):
        shutil.copytree(DATA_DIR / org, data / org)
    workforce = data / "LTCCG" / "2020" / "workforce.csv"
    lines = workforce.read_text(encoding="utf-8").splitlines()
    lines[5] = lines[5].replace("Band", "Grade", 1)
    workforce.write_text("\n".join(lines) + "\n", encoding="utf-8")
    outputs = tmp_path / "outputs"
    code = main(
        [
            "report",
            "--year",
            "2020",
            "--run",
            "--org",
            MODEL_ORG,
            "--org",
            "LTCCG",
            "--data-dir",
            str(data),
            "--outputs-dir",
            str(outputs),
            "--jobs",
            "2",
        ]
    )
    printed = capsys.readouterr()
    assert code == 1
    assert (outputs / "2020" / MODEL_ORG / "report" / "index.html").exists()
    assert not (outputs / "2020" / "LTCCG" / "report").exists()
    failures = printed.out + printed.err
    assert "LTCCG (all sections): InputError" in failures and "row 6" in failures
    # its figures could not be computed, so no notebook of it ran
    assert not (outputs / "2020" / "LTCCG" / "notebooks").exists()
    leftovers = [p for p in outputs.rglob("*") if p.name.endswith(".partial")]
    assert not leftovers


def test_edited_commentary_shows_after_rerunning_one_notebook(tmp_path):
    params = tmp_path / "params"
    shutil.copytree(PARAMS_DIR, params)
    commentary = params / "orgs" / MODEL_ORG / "2020" / "commentary" / "07-board.md"
    commentary.write_text(
        "Edited by the analyst: the gap is {{ board_all_difference_pp }} across all "
        "{{ board_all_members }} members.\n",
        encoding="utf-8",
    )
    board = [SECTION_BY_SLUG["07-board"]]
    batch = run_year(
        2020, [MODEL_ORG], outputs_dir=tmp_path / "out", params_dir=params, sections=board
    )
    assert batch.ok, batch.summary()
    executed = tmp_path / "out" / "2020" / MODEL_ORG / "notebooks" / "07-board.ipynb"
    assert "Edited by the analyst: the gap is −3.4 pp across all 25 members." in (
        notebook_text(executed)
    )
    commentary.write_text("A typo: {{ board_gap }}\n", encoding="utf-8")
    failed = run_year(
        2020, [MODEL_ORG], outputs_dir=tmp_path / "out", params_dir=params, sections=board
    )
    assert not failed.ok
    message = failed.failures[0].evalue
    assert "07-board.md" in message and "line 1" in message and "board_gap" in message
