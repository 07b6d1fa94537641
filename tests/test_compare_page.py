"""`wres benchmark`: the comparison page of a year, in either edition, or for one region."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from wres_analysis.cli import main
from wres_analysis.paths import DATA_DIR, PARAMS_DIR

pytestmark = pytest.mark.skipif(
    not (DATA_DIR / "EXHOSP" / "2020" / "workforce.csv").is_file(), reason="no example data"
)
HOSTILE = 'Exampleshire <script>alert("x")</script> & Co'


@pytest.fixture(scope="module")
def params(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's params, with a hostile organisation name and EXMHCT in another region."""
    folder = tmp_path_factory.mktemp("params") / "params"
    shutil.copytree(PARAMS_DIR, folder)
    path = folder / "organisations.yaml"
    text = path.read_text("utf-8")
    text = text.replace("name: Exampleshire Hospitals NHS Trust", f"name: '{HOSTILE}'")
    text = text.replace(
        "type: mental health and community trust\n    region: Midlands",
        "type: mental health and community trust\n    region: North West",
    )
    path.write_text(text, "utf-8")
    year = folder / "years" / "2020.yaml"
    year.write_text(
        year.read_text("utf-8").replace("EXMHCT]", "EXMHCT, NODATA]"), "utf-8"
    )  # listed, but with no data: left out and named
    return folder


def build(params: Path, outputs: Path, *extra: str) -> int:
    return main(
        ["benchmark", "--year", "2020", "--params-dir", str(params),
         "--outputs-dir", str(outputs), *extra]
    )  # fmt: skip


class Structure(HTMLParser):
    """Tags, attributes and text of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(page: Path) -> Structure:
    found = Structure()
    found.feed(page.read_text("utf-8"))
    return found


@pytest.fixture(scope="module")
def internal(params: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    outputs = tmp_path_factory.mktemp("outputs")
    assert build(params, outputs, "--no-published") == 0
    return outputs / "2020" / "benchmark" / "index.html"


def test_page_is_self_contained_and_structured(internal: Path) -> None:
    page = parse(internal)
    tags = [t for t, _ in page.tags]
    assert tags.count("main") == 1 and "script" not in tags and "link" not in tags
    skip = next(a for t, a in page.tags if t == "a")
    assert skip["href"] == "#main" and skip.get("class") == "skip-link"
    assert any(t == "html" and a.get("lang") == "en-GB" for t, a in page.tags)
    headers = [a.get("scope") for t, a in page.tags if t == "th"]
    assert headers and set(headers) <= {"col", "row"}
    regions = [a for t, a in page.tags if t == "div" and a.get("role") == "region"]
    assert regions and all(r.get("tabindex") == "0" and r.get("aria-labelledby") for r in regions)
    images = [a for t, a in page.tags if t == "img"]
    assert len(images) == 3  # indicators 2, 3 and 4
    assert all(a["src"].startswith("data:image/png;base64,") for a in images)
    assert all("non-adverse band 0.80-1.25" in a["alt"] for a in images)


def test_every_name_is_escaped(internal: Path) -> None:
    text = internal.read_text("utf-8")
    assert "<script>" not in text
    assert "Exampleshire &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in text


def test_every_organisation_and_group_is_on_the_page(internal: Path) -> None:
    text = " ".join(parse(internal).text)
    for code in ("EXCCG", "LTCCG", "EXHOSP", "EXMHCT"):
        assert code in text
    for group in ("Acute trusts", "Commissioners (CCGs)", "Midlands region", "North West region"):
        assert group in text
    # Two CCGs are fewer than three: their peer group shows no median.
    assert "not shown: fewer than 3 organisations" in text
    assert "1.61 (2020)" in text  # the national figure, with its source
    assert "2020 data analysis report for NHS trusts" in text
    assert (internal.parent / "dataset.json").is_file()


def test_measures_nobody_has_get_a_sentence_not_a_column(internal: Path) -> None:
    """2020's staff-survey indicators were not required: no column of "not required"."""
    text = internal.read_text("utf-8")
    assert (
        "Not shown, because they were not required in 2020: indicators 5 (BME staff harassed "
        "by the public), 6 (" in text
    )
    assert "5: BME staff harassed by the public" not in text
    assert "2: appointment RL" in text


def test_unbuildable_organisations_are_named_and_reports_linked(
    params: Path, tmp_path: Path
) -> None:
    report = tmp_path / "2020" / "EXCCG" / "report" / "index.html"
    report.parent.mkdir(parents=True)
    report.write_text("<html></html>")
    assert build(params, tmp_path, "--no-published") == 0
    text = (tmp_path / "2020" / "benchmark" / "index.html").read_text("utf-8")
    assert '<a href="../EXCCG/report/index.html">Exampleshire Clinical' in text
    assert text.count("/report/index.html") == 1  # only the report that exists
    assert "Left out, because their figures could not be computed: NODATA" in text


def test_internal_page_shows_what_the_published_one_hides(
    internal: Path, params: Path, tmp_path: Path
) -> None:
    """LTCCG's BME workforce share (under 10 people) is [c] on the published page only."""
    assert build(params, tmp_path, "--published") == 0
    published = tmp_path / "published" / "2020" / "benchmark" / "index.html"

    def ltccg_row(page: Path) -> str:
        text = page.read_text("utf-8")
        return re.search(r"<tr><th scope=\"row\">Littleton[^\n]*</tr>", text).group(0)

    assert "[c]" in ltccg_row(published) and "[c]" not in ltccg_row(internal)
    assert "Published edition" in published.read_text("utf-8")


def test_page_for_one_region(params: Path, tmp_path: Path) -> None:
    assert build(params, tmp_path, "--region", "north west") == 0
    page = tmp_path / "2020" / "benchmark" / "region-north-west" / "index.html"
    text = " ".join(parse(page).text)
    assert "North West region" in text and "EXMHCT" in text and "EXHOSP" not in text


def test_unknown_region_is_refused_with_the_known_ones(
    params: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    assert build(params, tmp_path, "--region", "Atlantis") == 1
    err = capsys.readouterr().err
    assert "Atlantis" in err and "Midlands; North West" in err
    assert not (tmp_path / "2020").exists()


def test_same_inputs_same_page(internal: Path, params: Path, tmp_path: Path) -> None:
    assert build(params, tmp_path, "--no-published") == 0
    again = tmp_path / "2020" / "benchmark" / "index.html"
    assert again.read_bytes() == internal.read_bytes()


def test_index_page_links_the_comparison_page() -> None:
    from wres_analysis.pipeline.index_page import index_html

    assert '<a href="benchmark/index.html">How the organisations compare</a>' in index_html(
        2020, [], "benchmark/index.html"
    )
    assert "benchmark" not in index_html(2020, [])
