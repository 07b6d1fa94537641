"""`wres report`: Quarto project, fallback HTML and index page from throwaway notebooks."""

from __future__ import annotations

import re
import shutil
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
import yaml

from tests.test_runner import CODE_MARKER, FEW, YEAR, make_project, run
from wres_analysis.cli import main
from wres_analysis.pipeline.quarto_project import (
    SKIP_LINK,
    with_skip_link,
    without_widget_scripts,
)
from wres_analysis.pipeline.report import ReportResult, build_reports
from wres_analysis.pipeline.report_content import title_page
from wres_analysis.sections import SECTIONS


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One run for the module: AAA succeeds, BAD fails in 02-workforce."""
    dirs = make_project(tmp_path_factory.mktemp("report"), fail={"02-workforce": {"BAD"}})
    run(dirs)
    return dirs


@pytest.fixture
def project(executed: dict[str, Path], tmp_path: Path) -> dict[str, Path]:
    """A private copy of the executed project, so tests may build and delete freely."""
    copy = {name: tmp_path / name for name in executed}
    for name, source in executed.items():
        shutil.copytree(source, copy[name])
    return copy


def build(dirs: dict[str, Path], **kwargs) -> ReportResult:
    """build_reports over a throwaway project, with the fallback renderer unless told."""
    options = {"sections": FEW, "use_quarto": False, **kwargs}
    return build_reports(
        YEAR,
        notebooks_dir=dirs["notebooks"],
        outputs_dir=dirs["outputs"],
        data_dir=dirs["data"],
        params_dir=dirs["params"],
        **options,
    )


def org_dir(dirs: dict[str, Path], org: str) -> Path:
    return dirs["outputs"] / str(YEAR) / org


def test_only_organisations_with_every_notebook_get_a_report(project):
    old = org_dir(project, "BAD") / "report" / "index.html"
    old.parent.mkdir(parents=True)
    old.write_text("the previous good report")
    result = build(project)
    assert [r.org for r in result.built] == ["AAA"]
    assert result.built[0].report == org_dir(project, "AAA") / "report" / "index.html"
    assert [f.org for f in result.failed] == ["BAD"]
    assert result.failed[0].reasons == ("02-workforce failed (see notebooks/failed/)",)
    assert not result.ok
    # the previous good report is never lost; the index links it, marked out of date
    assert old.read_text() == "the previous good report"
    assert not (org_dir(project, "BAD") / "quarto").exists()
    bad_row = next(line for line in result.index.read_text().splitlines() if "<td>BAD</td>" in line)
    assert '<a href="BAD/report/index.html">' in bad_row and "out of date" in bad_row
    assert "02-workforce failed" in bad_row
    assert [p for p in project["outputs"].rglob("*") if ".partial" in p.name] == []


def test_quarto_project_lists_every_section_in_order_and_never_executes(project):
    build(project)
    quarto = org_dir(project, "AAA") / "quarto"
    config = yaml.safe_load((quarto / "_quarto.yml").read_text())
    assert config["project"] == {"type": "book", "output-dir": "../report"}
    assert config["book"]["chapters"] == ["index.qmd", *[s.notebook for s in FEW]]
    assert config["execute"]["enabled"] is False
    assert config["execute"]["echo"] is False
    assert set(config["format"]) == {"html", "docx"}
    html, docx = config["format"]["html"], config["format"]["docx"]
    assert html["toc"] is True
    assert html["html-table-processing"] == "none"  # our row headers and captions kept
    assert html["css"] == ["quarto.css"] and docx["reference-doc"] == "reference.docx"
    assert docx["filters"] == [{"path": "docx-alt.lua", "at": "post-render"}]
    for name in ("quarto.css", "reference.docx", "docx-alt.lua"):
        assert (quarto / name).stat().st_size > 0
    for section in FEW:
        assert (quarto / section.notebook).is_file()
        text = (quarto / section.notebook).read_text()
        assert "start_time" not in text and "iopub" not in text  # no timings reach the pages
        ran = nbformat.read(quarto / section.notebook, 4).metadata["papermill"]
        assert list(ran) == ["parameters"] and ran["parameters"]["org"] == "AAA"
    title_page = (quarto / "index.qmd").read_text()
    for text in ("Alpha Health NHS Trust (AAA)", "WRES 2020", "31 March 2020", "Internal"):
        assert text in title_page


def test_fallback_html_is_one_self_contained_readable_file(project):
    build(project)
    report = org_dir(project, "AAA") / "report"
    assert sorted(p.name for p in report.iterdir()) == ["index.html"]
    html = (report / "index.html").read_text()
    assert "Workforce Race Equality Standard report 2020" in html
    assert "Alpha Health NHS Trust (AAA)" in html and "31 March 2020" in html
    toc = re.search(r'<nav id="TOC".*?</nav>', html, re.S).group(0)
    headings = ["Our own first heading", *[s.title for s in FEW[1:]]]
    for heading in headings:
        anchor = re.search(rf'<h1 id="([^"]+)">{re.escape(heading)}</h1>', html)
        assert anchor, f"section heading {heading!r} missing"
        assert f'href="#{anchor.group(1)}"' in toc
    assert html.index(headings[0]) < html.index(headings[1]) < html.index(headings[2])
    assert "data:image/png;base64," in html
    assert "<table class='tiny'>" in html or '<table class="tiny">' in html
    assert "<strong>Key message for 03-appointment</strong>" in html
    assert "ran AAA 2020 published=False" in html  # stdout kept
    assert CODE_MARKER not in html and "import base64" not in html  # code hidden
    assert "/machine/path" not in html  # stderr dropped
    assert str(project["outputs"]) not in html
    assert "<style" in html and 'rel="stylesheet"' not in html  # CSS embedded
    skip = html.index('<a class="skip-link" href="#main">')
    assert skip < html.index('<nav id="TOC"') < html.index('<main id="main">')


def test_index_page_links_each_report_and_names_failures(project):
    result = build(project)
    html = result.index.read_text()
    assert result.index == project["outputs"] / str(YEAR) / "index.html"
    assert '<a href="AAA/report/index.html">' in html
    assert "Alpha Health NHS Trust" in html and "Broken Example CCG" in html
    assert '<main id="main">' in html and '<th scope="row">Alpha Health NHS Trust</th>' in html
    assert re.search(r'<div class="table-region" role="region" aria-labelledby="reports" '
                     r'tabindex="0">\s*<table>\s*<caption id="reports">', html)  # fmt: skip
    bad_row = next(line for line in html.splitlines() if "<td>BAD</td>" in line)
    assert "no report" in bad_row and "02-workforce" in bad_row
    assert str(project["outputs"]) not in html


def test_published_edition_never_uses_the_internal_editions_notebooks(project):
    result = build(project, published=True)
    assert result.built == ()
    reasons = dict((f.org, f.reasons) for f in result.failed)
    assert reasons["AAA"] == (f"no section has been run (wres run --year {YEAR} --org AAA)",)
    published = project["outputs"] / "published" / str(YEAR)
    assert result.index == published / "index.html"
    assert not list(published.glob("*/notebooks")) and not list(published.glob("*/report"))


def test_unrun_organisation_and_published_title_page(project):
    (project["data"] / "NEW" / str(YEAR)).mkdir(parents=True)
    result = build_reports(
        YEAR,
        ["NEW"],
        outputs_dir=project["outputs"],
        params_dir=project["params"],
        sections=FEW,
        use_quarto=False,
    )
    [failure] = result.failed
    assert failure.reasons == (f"no section has been run (wres run --year {YEAR} --org NEW)",)
    page = title_page("AAA", YEAR, True, project["params"])
    assert page.subtitle == "Alpha Health NHS Trust (AAA)"
    assert "Published: figures marked \\[c\\] are not published" in page.markdown()


def test_cli_report_run_builds_good_orgs_and_exits_1(tmp_path, capsys):
    dirs = make_project(tmp_path, sections=SECTIONS, fail={"07-board": {"BAD"}})
    argv = ["report", "--year", str(YEAR), "--run"] + [f"--{k}-dir={v}" for k, v in dirs.items()]
    assert main(argv) == 1
    out = capsys.readouterr().out
    assert "BAD 07-board: ValueError: deliberate failure in 07-board for BAD" in out
    assert "AAA:" in out and "index:" in out
    assert (org_dir(dirs, "AAA") / "report" / "index.html").is_file()
    assert not (org_dir(dirs, "BAD") / "report").exists()


def test_quarto_is_called_on_the_project_and_its_failure_is_reported(project, monkeypatch):
    """A stand-in `quarto` checks the plumbing (staging, output-dir, errors), not Quarto."""
    fake = project["params"].parent / "fake-quarto"
    fake.write_text(
        "#!/bin/sh\n"
        'cd "$2" && test -f _quarto.yml && grep -q "enabled: false" _quarto.yml || exit 3\n'
        "mkdir -p ../report && echo '<h1>rendered</h1>' > ../report/index.html\n"
        "echo docx > ../report/wres.docx\n"
    )
    fake.chmod(0o755)
    monkeypatch.setenv("QUARTO_PATH", str(fake))
    result = build(project, use_quarto=None)
    assert [(r.org, r.renderer) for r in result.built] == [("AAA", "quarto")]
    report = org_dir(project, "AAA") / "report"
    assert (report / "index.html").read_text() == "<h1>rendered</h1>\n"
    assert '<a href="AAA/report/wres.docx">' in result.index.read_text()
    fake.write_text("#!/bin/sh\necho boom; exit 2\n")
    assert build(project, use_quarto=True).built[0].reused  # nothing changed: not rebuilt
    result = build(project, use_quarto=True, force=True)
    [failure] = [f for f in result.failed if f.org == "AAA"]
    assert "quarto render failed (exit 2)" in failure.reasons[0]
    assert (report / "index.html").read_text() == "<h1>rendered</h1>\n"  # the good one kept
    assert "boom" in (project["outputs"] / str(YEAR) / "logs" / "report.log").read_text()


def test_quarto_pages_lose_the_widget_scripts_quarto_loads_from_a_cdn():
    head = (
        '<head><script src="https://cdnjs.cloudflare.com/ajax/libs/require.js/2.3.6/require.min'
        '.js" integrity="sha512-x" crossorigin="anonymous"></script>\n<script src="https://cdn'
        'js.cloudflare.com/ajax/libs/jquery/3.5.1/jquery.min.js" integrity="sha512-y" crossori'
        'gin="anonymous" data-relocate-top="true"></script>\n<script type="application/javascr'
        "ipt\">define('jquery', [],function() {return window.jQuery;})</script>\n"
        '<script src="site_libs/quarto-nav/quarto-nav.js"></script></head>'
    )
    assert without_widget_scripts(head) == (
        '<head><script src="site_libs/quarto-nav/quarto-nav.js"></script></head>'
    )


def test_a_quarto_page_gets_one_skip_link_first_in_its_body():
    page = '<html><body class="nav">\n<nav>..</nav><main id="quarto-document-content">x</main>'
    linked = with_skip_link(page)
    assert linked.startswith('<html><body class="nav">\n' + SKIP_LINK + "\n<nav>")
    assert with_skip_link(linked) == linked
    other = "<body><main>not Quarto's main</main>"
    assert with_skip_link(other) == other


NO_QUARTO = "quarto is not on PATH: the Quarto render is untested here (fallback HTML is tested)"


@pytest.mark.quarto
@pytest.mark.skipif(shutil.which("quarto") is None, reason=NO_QUARTO)
def test_quarto_renders_the_book_without_code(project):
    result = build(project, use_quarto=True)
    report = org_dir(project, "AAA") / "report"
    assert [r.renderer for r in result.built] == ["quarto"]
    html = (report / "index.html").read_text()
    assert "Alpha Health NHS Trust" in html
    assert list(report.glob("*.docx"))
    pages = "".join(p.read_text() for p in report.glob("*.html"))
    assert CODE_MARKER not in pages
    assert "Key message for 02-workforce" in pages


CHART_ALT = 'Bar chart of "two" <bars> & more: 1, 2.'
CHART_CELL = (
    "from matplotlib.figure import Figure\n"
    "import pandas as pd\n"
    "from IPython.display import HTML, display\n"
    "from wres_analysis.display.charts import Chart, show_chart\n"
    "from wres_analysis.display.html_table import table_html\n"
    "figure = Figure(figsize=(4, 2))\n"
    "figure.add_subplot().bar([0, 1], [1, 2])\n"
    f"show_chart(Chart(figure, {CHART_ALT!r}, 'Two bars'))\n"
    "table = pd.DataFrame({'Group': ['White', 'BME'], 'Staff': [3, 4]})\n"
    "display(HTML(table_html(table, 'Staff by group', ident='staff-table')))"
)


class Elements(HTMLParser):
    """Every start tag and its attributes, entities decoded."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))


@pytest.mark.quarto
@pytest.mark.skipif(shutil.which("quarto") is None, reason=NO_QUARTO)
def test_quarto_keeps_chart_alt_text_and_table_headers_in_html_and_word(tmp_path):
    """Real Quarto on notebooks that show what the sections show: a chart, a table."""
    dirs = make_project(tmp_path, orgs=("AAA",), listed=("AAA",))
    for path in dirs["notebooks"].glob("*.ipynb"):
        nb = nbformat.read(path, 4)
        nb.cells = [c for c in nb.cells if "Image(" not in c.source]  # a bare PNG, no alt
        nb.cells.append(nbformat.v4.new_code_cell(CHART_CELL))
        nbformat.write(nb, path)
    run(dirs, ["AAA"])
    result = build(dirs, use_quarto=True)
    assert [r.renderer for r in result.built] == ["quarto"], result.summary()
    report = org_dir(dirs, "AAA") / "report"
    pages = sorted(report.glob("*.html"))
    charts = 0
    for page in pages:
        text = page.read_text()
        tags = Elements(text).found
        assert tags[[t for t, _ in tags].index("body") + 1] == (
            "a",
            {"class": "skip-link", "href": "#quarto-document-content"},
        ), page.name
        for tag, attrs in tags:
            if tag == "img":
                assert (attrs.get("alt") or "").strip(), f"{page.name}: an <img> without alt"
                charts += attrs.get("alt") == CHART_ALT
        if "Staff by group" in text:
            assert '<caption id="staff-table">Staff by group</caption>' in text
            assert '<th scope="row" role="rowheader">White</th>' in text
    assert charts == len(FEW)  # every chart kept its alt text, exactly
    assert "<figcaption>Two bars</figcaption>" in (report / f"{FEW[0].slug}.html").read_text()
    [docx] = report.glob("*.docx")
    with zipfile.ZipFile(docx) as word:
        document = word.read("word/document.xml").decode()
        styles = word.read("word/styles.xml").decode()
    descriptions = re.findall(r'<wp:docPr [^>]*descr="([^"]*)"', document)
    expected = CHART_ALT.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    assert descriptions == [expected.replace(">", "&gt;")] * len(FEW)
    assert "Two bars" in re.sub(r"<[^>]+>", "", document)  # the title is the caption
    assert re.search(r'<w:pgSz [^>]*w:w="11906"', document)  # A4
    assert re.search(r'<w:pgSz [^>]*w:h="16838"', document)
    assert 'w:val="en-GB"' in styles
