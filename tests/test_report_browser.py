"""The built reports in a real browser: Debian's headless Chromium, driven by Playwright.

Uses the shared builds of EXCCG's 2020 and EXHOSP's 2021 reports (every section; the
self-contained HTML; tests/shared_reports.py) and opens them from file:// with the network
cut off. Checks what a reader gets: the link from the index page, a table of contents that
jumps to each heading, images with alt text that really render, no sideways scrolling at
desktop and phone widths, the headline figures, chart text of at least 9 px on a phone,
axe-core's WCAG 2.2 A and AA rules passing on every page at 1280 and 390 px (the Quarto
pages too, when quarto is on PATH), and full-page greyscale screenshots (saved in
<pytest basetemp>/shared-reports/full/screenshots/, to look at).

Skips unless /usr/bin/chromium (`make setup` installs it as root) and playwright are there;
the axe checks skip without node_modules/axe-core (`make setup` installs it with npm).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PIL import Image, ImageChops

from tests.browser import (
    DESKTOP,
    PHONE,
    Offline,
    axe_violations,
    chromium,
    require_axe,
    require_browser,
)
from tests.shared_reports import full_reports, quarto_reports

sync_api = require_browser()

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.e2e
Opener = Callable[..., "Page"]  # open_report(width=DESKTOP) -> the report's page

ORG = "EXCCG"
YEAR = 2020
BAND = 2000  # px: no stretch of the page this tall is empty
PAGES = {  # the self-contained pages axe checks, under outputs/
    "EXCCG 2020 report": "2020/EXCCG/report/index.html",
    "EXHOSP 2021 report": "2021/EXHOSP/report/index.html",
    "2020 index": "2020/index.html",
    "2021 index": "2021/index.html",
}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """outputs/ of the shared build: EXCCG 2020 and EXHOSP 2021, and their index pages."""
    built = full_reports(tmp_path_factory)
    if not built.ok:
        pytest.fail(f"the reports were not built:\n{built.summary()}")
    return built.outputs


@pytest.fixture(scope="module")
def year_dir(outputs: Path) -> Path:
    """outputs/2020/: EXCCG's report and the index page."""
    return outputs / str(YEAR)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the module."""
    with chromium(sync_api) as browser:
        yield browser


@pytest.fixture(scope="module")
def axe_script() -> str:
    """axe-core's script (the test skips without it)."""
    return require_axe()


@pytest.fixture
def offline(browser: Browser) -> Iterator[Callable[[int], Offline]]:
    """offline(width) -> a fresh offline context; each must have asked for nothing remote."""
    contexts: list[Offline] = []

    def make(width: int) -> Offline:
        contexts.append(Offline(browser, width))
        return contexts[-1]

    yield make
    for context in contexts:
        assert context.network() == [], "a page asked for something over the network"
        context.context.close()


@pytest.fixture
def open_report(offline: Callable[[int], Offline], year_dir: Path) -> Opener:
    """open_report(width) -> the report's Page, reached by its link on the index page."""

    def opener(width: int = DESKTOP) -> Page:
        page = offline(width).open(year_dir / "index.html")
        page.click(f'a[href="{ORG}/report/index.html"]')
        page.wait_for_load_state("load")
        assert page.url == (year_dir / ORG / "report" / "index.html").as_uri()
        return page

    return opener


def test_index_links_to_the_report_which_loads_from_file_without_network(open_report: Opener):
    page = open_report()
    assert "Exampleshire" in page.inner_text("body")
    assert page.locator("nav#TOC").is_visible()
    assert page.evaluate("document.styleSheets.length") >= 1  # the embedded CSS applied


def test_contents_links_jump_to_each_heading(open_report: Opener):
    page = open_report()
    contents = page.locator("nav#TOC details")
    assert contents.get_attribute("open") is None  # folded away until asked for
    page.locator("nav#TOC summary").click()
    links = page.locator("nav#TOC a[href^='#']")
    targets = [links.nth(i).get_attribute("href") for i in range(links.count())]
    sections = page.eval_on_selector_all("h1[id]:not(.title)", "hs => hs.map(h => '#' + h.id)")
    assert sections and set(sections) <= set(targets), "a section heading is not in the contents"
    for i, href in enumerate(targets):
        links.nth(i).click()
        heading = page.locator(f"[id='{href[1:]}']")
        sync_api.expect(heading).to_be_in_viewport()
        assert page.evaluate("location.hash") == href
        page.evaluate("window.scrollTo(0, 0)")  # back to the contents


def test_every_image_has_alt_text_and_rendered(open_report: Opener):
    page = open_report()
    images = page.eval_on_selector_all(
        "img",
        "imgs => imgs.map(i => ({alt: (i.getAttribute('alt') || '').trim(), "
        "complete: i.complete, width: i.naturalWidth, src: i.currentSrc.slice(0, 30)}))",
    )
    assert images, "the report has no images"
    for image in images:
        assert image["alt"] and image["alt"].lower() not in {"png", "image", "figure"}, image
        assert image["complete"] and image["width"] > 0, f"image did not render: {image}"
        assert image["src"].startswith("data:image/"), image  # embedded, not linked


OVERFLOW = """() => {
  const root = document.documentElement, width = root.clientWidth;
  const clipped = ['hidden', 'clip'];
  const wide = [...document.body.querySelectorAll('*')]
    .filter(e => e.getBoundingClientRect().right > width + 1)
    .filter(e => !e.parentElement.closest('table, pre'))
    .map(e => `<${e.tagName.toLowerCase()}> ${Math.round(e.getBoundingClientRect().width)} px: `
      + (e.querySelector('caption') || e).textContent.trim().slice(0, 50).replace(/\\s+/g, ' '));
  return {scroll: root.scrollWidth, width, wide,
          hidden: [root, document.body].some(e => clipped.includes(getComputedStyle(e).overflowX))};
}"""


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
@pytest.mark.parametrize("which", ["index", "report"])
def test_no_sideways_scrolling(open_report: Opener, width: int, which: str):
    """Nothing wider than the window, except inside its own scrolling box (never by hiding)."""
    page = open_report(width)
    if which == "index":
        page.go_back()
        page.wait_for_load_state("load")
    found = page.evaluate(OVERFLOW)
    assert not found["hidden"], "overflow hidden on <html>/<body> would cut content off"
    assert found["scroll"] <= found["width"], (
        f"{which} is {found['scroll']} px wide in a {width} px window: " + "; ".join(found["wide"])
    )


def test_headline_figures_are_visible(open_report: Opener):
    text = open_report().inner_text("body")
    assert "3.4%" in text  # workforce BME share
    assert "not required" in text  # indicators 5-8 in 2020
    assert "1.6%" in text and "0.016%" not in text  # senior grades and the board


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_full_page_screenshot_in_greyscale(open_report: Opener, year_dir: Path, width: int):
    """Saved as screenshots/report-<width>px-greyscale.png beside outputs/, to look at.

    Greyscale by a CSS filter: Chromium's own achromatopsia emulation (CDP
    Emulation.setEmulatedVisionDeficiency) leaves a full-page shot white below 16,384 px.
    """
    page = open_report(width)
    page.add_style_tag(content="html { filter: grayscale(1); }")
    shot = year_dir.parent.parent / "screenshots" / f"report-{width}px-greyscale.png"
    shot.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(shot), full_page=True)
    print(f"screenshot: {shot}")
    height = page.evaluate("document.documentElement.scrollHeight")
    with Image.open(shot) as image:
        rgb = image.convert("RGB")
    assert rgb.height == height > 2000, (rgb.size, height)  # the whole page, not one window
    red, green, blue = rgb.split()
    spread = max(
        ImageChops.difference(red, green).getextrema()[1],
        ImageChops.difference(green, blue).getextrema()[1],
    )
    assert spread <= 8, "the screenshot is not greyscale"
    grey = rgb.convert("L")
    blank = [
        top
        for top in range(0, rgb.height - BAND, BAND)
        if grey.crop((0, top, rgb.width, top + BAND)).getextrema()[0] == 255
    ]
    assert not blank, f"blank {BAND} px bands from y = {blank} (a screenshot size limit?)"


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
@pytest.mark.parametrize("name", PAGES)
def test_page_passes_axe_wcag_2_2_aa(
    offline: Callable[[int], Offline], outputs: Path, axe_script: str, name: str, width: int
):
    page = offline(width).open(outputs / PAGES[name])
    violations = axe_violations(page, axe_script)
    assert violations == [], f"{name} at {width} px:\n" + "\n".join(violations)


@pytest.fixture(scope="module")
def comparison_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`wres benchmark --year 2020` over the shipped data: the page comparing every
    organisation (its dot plots are responsive pictures, like the reports' charts)."""
    from wres_analysis.cli import main

    outputs = tmp_path_factory.mktemp("benchmark-outputs")
    argv = ["benchmark", "--year", str(YEAR), "--no-published", f"--outputs-dir={outputs}"]
    assert main(argv) == 0
    page = outputs / str(YEAR) / "benchmark" / "index.html"
    assert page.is_file()
    return page


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_the_comparison_page_passes_axe_and_fits_the_window(
    offline: Callable[[int], Offline], comparison_page: Path, axe_script: str, width: int
):
    page = offline(width).open(comparison_page)
    violations = axe_violations(page, axe_script)
    assert violations == [], f"comparison page at {width} px:\n" + "\n".join(violations)
    found = page.evaluate(OVERFLOW)
    assert not found["hidden"] and found["scroll"] <= found["width"], "; ".join(found["wide"])


# Each chart's smallest text as shown, in CSS px: the image's data-min-text-px (its smallest
# text in image pixels; the phone drawing's when the <picture> chose it) scaled by how
# wide the image is shown against its natural width.
CHART_TEXT = """() => [...document.querySelectorAll('figure.chart img')].map(img => {
  const source = img.closest('picture').querySelector('source');
  const phone = source !== null && img.currentSrc !== img.src;
  const px = parseFloat((phone ? source : img).dataset.minTextPx);
  const shown = img.getBoundingClientRect().width;
  return {phone, shown, px: px * shown / img.naturalWidth,
          caption: img.closest('figure').querySelector('figcaption').textContent};
})"""


def chart_text(page: Page) -> list[dict]:
    """Every chart's drawing (phone or wide), width shown and smallest text in CSS px."""
    page.evaluate("Promise.all([...document.images].map(i => i.decode().catch(() => 0)))")
    return page.evaluate(CHART_TEXT)


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
@pytest.mark.parametrize("name", [name for name in PAGES if "report" in name])
def test_chart_text_is_at_least_9_px(
    offline: Callable[[int], Offline], outputs: Path, name: str, width: int
):
    charts = chart_text(offline(width).open(outputs / PAGES[name]))
    assert len(charts) >= 10, f"{name}: only {len(charts)} charts"
    small = [c for c in charts if c["px"] < 9]
    assert not small, f"{name} at {width} px: chart text below 9 px: {small}"
    assert all(c["phone"] is (width == PHONE) for c in charts), charts  # the right drawing
    assert all(c["caption"].strip() for c in charts)


TABLE_FIT = """() => [...document.querySelectorAll('.table-region')].map(region => ({
  caption: (region.querySelector('caption') || region).textContent.trim().slice(0, 60),
  wider: region.scrollWidth - region.clientWidth,
  table: getComputedStyle(region.querySelector('table')).display}))"""


@pytest.mark.parametrize("name", [name for name in PAGES if "report" in name])
def test_tables_fit_a_phone_as_one_block_per_row(
    offline: Callable[[int], Offline], outputs: Path, name: str
):
    """On a phone, each report table row is a block (label, then each figure under its
    column's name): nothing needs scrolling sideways, so no text is off-screen."""
    regions = offline(PHONE).open(outputs / PAGES[name]).evaluate(TABLE_FIT)
    assert len(regions) >= 25, regions
    assert [r for r in regions if r["wider"] > 1] == []
    assert {r["table"] for r in regions} == {"block"}


@pytest.fixture(scope="module")
def quarto_outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """outputs/ with the same reports rendered by Quarto (skips without quarto)."""
    built = quarto_reports(tmp_path_factory)
    if not built.ok:
        pytest.fail(f"the Quarto reports were not built:\n{built.summary()}")
    return built.outputs


@pytest.mark.quarto
@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_quarto_pages_pass_axe_and_show_readable_charts(
    browser: Browser, quarto_outputs: Path, axe_script: str, width: int
):
    pages = sorted(quarto_outputs.glob("*/*/report/*.html"))
    assert len(pages) >= 20, pages
    problems, charts = [], 0
    context = Offline(browser, width)
    for path in pages:
        page = context.context.new_page()
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        name = "/".join(path.parts[-4:])
        problems += [f"{name}: {v}" for v in axe_violations(page, axe_script)]
        for chart in chart_text(page):
            charts += 1
            if chart["px"] < 9 or chart["phone"] is not (width == PHONE):
                problems.append(f"{name}: chart text {chart}")
        page.close()
    context.context.close()
    assert context.network() == [], "a Quarto page asked for something over the network"
    assert charts >= 20
    assert problems == [], f"Quarto pages at {width} px:\n" + "\n".join(problems)
