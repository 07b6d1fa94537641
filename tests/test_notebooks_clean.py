"""Template notebooks are the source (edited in JupyterLab): clean, one literal `parameters`
cell, thin, and each runs top to bottom with its defaults."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import nbformat
import pytest

from wres_analysis.paths import DATA_DIR, NOTEBOOKS_DIR
from wres_analysis.sections import SECTIONS

PARAMETERS = {
    "org": "EXCCG",
    "year": 2020,
    "data_dir": "data",
    "params_dir": "params",
    "published": False,
    "outputs_dir": "outputs",
}
SLUGS = [s.slug for s in SECTIONS]


def _notebook(slug: str) -> nbformat.NotebookNode:
    return nbformat.read(NOTEBOOKS_DIR / f"{slug}.ipynb", as_version=4)


def _parameters_cells(nb: nbformat.NotebookNode) -> list:
    return [c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])]


def test_one_notebook_per_section_and_nothing_else() -> None:
    found = sorted(p.stem for p in NOTEBOOKS_DIR.glob("*.ipynb"))
    assert found == sorted(SLUGS)


@pytest.mark.parametrize("slug", SLUGS)
def test_notebook_is_clean(slug: str) -> None:
    nb = _notebook(slug)
    nbformat.validate(nb)
    assert "papermill" not in nb.metadata
    for cell in nb.cells:
        assert "papermill" not in cell.metadata and "execution" not in cell.metadata
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{slug}: outputs left in a cell"
            assert cell.execution_count is None, f"{slug}: execution count left in a cell"


@pytest.mark.parametrize("slug", SLUGS)
def test_exactly_one_parameters_cell_of_literal_assignments(slug: str) -> None:
    nb = _notebook(slug)
    cells = _parameters_cells(nb)
    assert len(cells) == 1, f"{slug}: {len(cells)} cells tagged parameters"
    cell = cells[0]
    assert cell.cell_type == "code"
    declared = {}
    for statement in ast.parse(cell.source).body:
        assert isinstance(statement, ast.Assign), ast.dump(statement)
        assert len(statement.targets) == 1 and isinstance(statement.targets[0], ast.Name)
        declared[statement.targets[0].id] = ast.literal_eval(statement.value)
    assert declared == PARAMETERS


@pytest.mark.parametrize("slug", SLUGS)
def test_title_then_parameters_then_one_load_call(slug: str) -> None:
    nb = _notebook(slug)
    section = next(s for s in SECTIONS if s.slug == slug)
    assert nb.cells[0].cell_type == "markdown"
    assert nb.cells[0].source == f"# {section.title}"
    assert nb.cells[1] is _parameters_cells(nb)[0]
    load = nb.cells[2].source
    assert "SectionContext.load(" in load and f'section="{slug}"' in load
    assert nb.metadata.kernelspec.name == "wres-analysis"


@pytest.mark.parametrize("slug", SLUGS)
def test_notebooks_stay_thin(slug: str) -> None:
    code = "\n".join(c.source for c in _notebook(slug).cells if c.cell_type == "code")
    for forbidden in ("read_csv", "staff_id", "member_id", "compute_record", "open("):
        assert forbidden not in code, f"{slug} should call the package, not {forbidden}"
    # No figure is computed in a cell: no arithmetic, comparisons, loops or comprehensions,
    # only imports, names bound to package calls, and calls that display.
    computing = (ast.BinOp, ast.UnaryOp, ast.Compare, ast.BoolOp, ast.For, ast.While, ast.If)
    computing += (ast.ListComp, ast.DictComp, ast.SetComp, ast.GeneratorExp, ast.Lambda)
    for cell in _notebook(slug).cells:
        if cell.cell_type != "code" or "parameters" in cell.metadata.get("tags", []):
            continue
        for node in ast.walk(ast.parse(cell.source)):
            assert not isinstance(node, computing), (
                f"{slug}: {ast.unparse(node)!r} computes in the notebook; move it to the package"
            )


def test_papermill_sees_exactly_the_parameters() -> None:
    papermill = pytest.importorskip("papermill")
    for slug in SLUGS:
        declared = papermill.inspect_notebook(str(NOTEBOOKS_DIR / f"{slug}.ipynb"))
        assert set(declared) == set(PARAMETERS), slug


@pytest.mark.skipif(
    not (DATA_DIR / "EXCCG" / "2020" / "workforce.csv").is_file(), reason="no example data"
)
@pytest.mark.parametrize("slug", SLUGS)
def test_notebook_code_runs_top_to_bottom_with_defaults(
    slug: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Run every code cell in-process (no kernel) from another folder; collect displays."""
    import IPython.display

    shown: list = []
    monkeypatch.setattr(IPython.display, "display", lambda *objs, **_: shown.extend(objs))
    monkeypatch.chdir(tmp_path)  # paths must resolve against the project, not the cwd
    namespace: dict[str, Any] = {}
    for cell in _notebook(slug).cells:
        if cell.cell_type == "code":
            exec(compile(cell.source, f"{slug}.ipynb", "exec"), namespace)
    assert shown, f"{slug} displayed nothing"
    kinds = {type(obj).__name__ for obj in shown}
    assert kinds <= {"Markdown", "HTML", "dict"}, kinds
    bundles = [obj for obj in shown if isinstance(obj, dict)]
    assert all(set(b) == {"text/html", "text/markdown"} for b in bundles)  # commentary
