"""The "How we compare" section: with the run's comparison dataset, and on its own."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import nbformat
import pytest

from wres_analysis.compare.collect import year_dataset
from wres_analysis.compare.slices import dataset_path, write_dataset
from wres_analysis.display import charts, tables
from wres_analysis.display.notebook import SectionContext
from wres_analysis.paths import DATA_DIR, NOTEBOOKS_DIR, PARAMS_DIR
from wres_analysis.sections import COMPARISON_SLUG, SECTION_BY_SLUG, SECTIONS

pytestmark = pytest.mark.skipif(
    not (DATA_DIR / "EXHOSP" / "2020" / "workforce.csv").is_file(), reason="no example data"
)


def test_section_sits_after_covid_with_its_title() -> None:
    slugs = [s.slug for s in SECTIONS]
    assert slugs.index(COMPARISON_SLUG) == slugs.index("08-covid") + 1
    assert SECTION_BY_SLUG[COMPARISON_SLUG].title == "How we compare"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An outputs folder holding the 2020 internal comparison dataset of the examples."""
    out = tmp_path_factory.mktemp("outputs")
    dataset = year_dataset(
        2020, published=False, data_dir=DATA_DIR, params_dir=PARAMS_DIR, outputs_dir=out
    )
    write_dataset(out, 2020, False, dataset)
    return out


def run_section(org: str, outputs_dir: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Execute the section's code cells in-process; everything it displayed, as text."""
    import IPython.display

    shown: list[Any] = []
    monkeypatch.setattr(IPython.display, "display", lambda *objs, **_: shown.extend(objs))
    nb = nbformat.read(NOTEBOOKS_DIR / f"{COMPARISON_SLUG}.ipynb", as_version=4)
    namespace: dict[str, Any] = {
        "org": org,
        "year": 2020,
        "data_dir": "data",
        "params_dir": "params",
        "published": False,
        "outputs_dir": str(outputs_dir),
    }
    for cell in nb.cells:
        if cell.cell_type == "code" and "parameters" not in cell.metadata.get("tags", []):
            exec(compile(cell.source, COMPARISON_SLUG, "exec"), namespace)
    texts = []
    for obj in shown:
        texts.append(obj["text/html"] if isinstance(obj, dict) else str(obj.data))
    return "\n".join(texts)


def test_with_the_run_dataset_it_shows_peers_region_and_country(
    outputs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = run_section("EXMHCT", outputs, monkeypatch)
    assert "Peers not available" not in text
    assert "Midlands region: median (IQR, n)" in text
    # The four examples are all in the Midlands: the region's RL median is a figure ...
    assert "(IQR " in text and "n = 4)" in text
    # ... while the one mental health trust has no peer median to show.
    assert "not shown: fewer than 3 organisations" in text
    assert "1.61 (2020)" in text  # the national RL of appointment
    assert "NHS Workforce Race Equality Standard 2020 data analysis report" in text
    assert "data:image/png;base64," in text and "Dot plot of relative likelihoods" in text
    # Its own figures are traced to its record, like every other section's.
    assert 'data-figure="indicators.2.relative_likelihood"' in text


def test_on_its_own_it_says_peers_were_not_available(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = run_section("EXHOSP", tmp_path, monkeypatch)
    assert "Peers not available" in text and "ran on its own" in text
    assert "peers not available" in text  # the table's peer and region columns say so too
    assert "1.61 (2020)" in text  # the national figures are still there


def test_a_dataset_built_from_other_figures_is_not_used(
    outputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stale = json.loads(dataset_path(outputs, 2020, False).read_text("utf-8"))
    stale["organisations"]["EXHOSP"]["record_sha256"] = "0" * 64
    write_dataset(tmp_path, 2020, False, stale)
    text = run_section("EXHOSP", tmp_path, monkeypatch)
    assert "Peers not available" in text and "built from other figures" in text


def test_comparison_table_and_chart_from_a_slice(outputs: Path) -> None:
    ctx = SectionContext.load(
        "EXHOSP", 2020, section=COMPARISON_SLUG, outputs_dir=outputs
    )
    comparison = ctx.comparison()
    table = tables.comparison_table(ctx.record, comparison)
    assert list(table.columns) == [
        "Measure",
        "This organisation",
        "Acute trusts: median (IQR, n)",
        "Midlands region: median (IQR, n)",
        "National (year)",
    ]
    rl2 = table[table["Measure"].str.startswith("Indicator 2")].iloc[0]
    region = next(m for m in comparison["measures"] if m["key"] == "2.relative_likelihood")
    median = region["region"]["median"]
    assert rl2["Midlands region: median (IQR, n)"].startswith(f"{median:.2f} (IQR ")
    assert rl2["National (year)"] == "1.61 (2020)"
    chart = charts.comparison_chart(comparison)
    assert chart is not None
    own = f"this organisation {region['value']:.2f}"
    assert own in chart.alt and "national 1.61 (2020)" in chart.alt
    assert chart.png() == charts.comparison_chart(comparison).png()  # same bytes
