"""The built report in a real browser: Debian's headless Chromium, driven by Playwright.

Builds EXCCG's 2020 report once (self-contained fallback HTML) from the sections that carry
the headline figures and the most telling charts and tables, then opens the index page from
file:// with the network cut off and checks what a reader gets: the link to the report, a
table of contents that jumps to each heading, images with alt text that really render, no
sideways scrolling at desktop and phone widths, the headline figures, and full-page
greyscale screenshots (saved in <pytest basetemp>/report-browser/screenshots/, to look at).

WRES_BROWSER_ALL_SECTIONS=1 builds every section instead (about a minute longer).
Skips unless /usr/bin/chromium (`make setup` installs it as root) and playwright are there.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PIL import Image, ImageChops

from wres_analysis.pipeline.report import build_reports
from wres_analysis.sections import SECTION_BY_SLUG, SECTIONS

CHROMIUM = Path("/usr/bin/chromium")
if not os.access(CHROMIUM, os.X_OK):
    pytest.skip(
        f"{CHROMIUM} is missing: `make setup` installs Debian's chromium when run as root "
        "(or: apt-get install --no-install-recommends chromium)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip(
    "playwright.sync_api",
    reason="playwright is not installed: pip install -c requirements.lock -e '.[dev]'",
    exc_type=ImportError,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page, Route

pytestmark = pytest.mark.e2e
Opener = Callable[..., "Page"]  # open_report(width=DESKTOP) -> the report's page

ORG = "EXCCG"
YEAR = 2020
# overview: the key facts and all three headline figures; workforce: stacked bar charts and
# the widest figure tables; board: a chart with a reference line.
QUICK_SECTIONS = ("01-overview", "02-workforce", "07-board")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",  # containers often have a tiny /dev/shm
]
DESKTOP, PHONE = 1280, 390
BAND = 2000  # px: no stretch of the page this tall is empty


@pytest.fixture(scope="module")
def year_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """outputs/2020/ of one build: EXCCG's report over QUICK_SECTIONS, and the index page.

    Built once per test run: under pytest-xdist the workers share one folder, and the first
    to take the lock builds while the others wait for it.
    """
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # shared by every worker of this run
    shared = root / "report-browser"
    shared.mkdir(exist_ok=True)
    outputs, verdict = shared / "outputs", shared / "build-result.txt"
    with open(shared / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not verdict.exists():
            every = os.environ.get("WRES_BROWSER_ALL_SECTIONS") == "1"
            sections = SECTIONS if every else [SECTION_BY_SLUG[s] for s in QUICK_SECTIONS]
            result = build_reports(
                YEAR,
                [ORG],
                run_first=True,
                outputs_dir=outputs,
                max_workers=2,
                sections=sections,
                use_quarto=False,  # the self-contained file is what is checked here
            )
            verdict.write_text(("OK\n" if result.ok else "FAILED\n") + result.summary())
    status, _, summary = verdict.read_text().partition("\n")
    if status != "OK":
        pytest.fail(f"the report was not built:\n{summary}")
    return outputs / str(YEAR)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the module."""
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS
        )
        yield chromium
        chromium.close()


class Offline:
    """A browser context in which any request that is not file: or data: is refused."""

    def __init__(self, browser: Browser, width: int) -> None:
        self.context: BrowserContext = browser.new_context(
            viewport={"width": width, "height": 900}, service_workers="block"
        )
        self.requested: list[str] = []
        self.context.on("request", lambda request: self.requested.append(request.url))
        self.context.route("**/*", self._local_only)

    @staticmethod
    def _local_only(route: Route) -> None:
        if route.request.url.startswith(("file:", "data:")):
            route.continue_()
        else:
            route.abort("internetdisconnected")

    def network(self) -> list[str]:
        """URLs asked for beyond the local files."""
        return [url for url in self.requested if not url.startswith(("file:", "data:"))]


@pytest.fixture
def open_report(browser: Browser, year_dir: Path) -> Iterator[Opener]:
    """open_report(width) -> the report's Page, reached by its link on the index page."""
    contexts: list[Offline] = []

    def opener(width: int = DESKTOP) -> Page:
        offline = Offline(browser, width)
        contexts.append(offline)
        page = offline.context.new_page()
        page.goto((year_dir / "index.html").as_uri())
        page.click(f'a[href="{ORG}/report/index.html"]')
        page.wait_for_load_state("load")
        assert page.url == (year_dir / ORG / "report" / "index.html").as_uri()
        return page

    yield opener
    for offline in contexts:
        assert offline.network() == [], "the report asked for something over the network"
        offline.context.close()


def test_index_links_to_the_report_which_loads_from_file_without_network(open_report: Opener):
    page = open_report()
    assert "Exampleshire" in page.inner_text("body")
    assert page.locator("nav#TOC").is_visible()
    assert page.evaluate("document.styleSheets.length") >= 1  # the embedded CSS applied


def test_contents_links_jump_to_each_heading(open_report: Opener):
    page = open_report()
    page.locator("nav#TOC summary").click()  # the contents are folded until asked for
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
