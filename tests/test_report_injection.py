"""Hostile text in a report's inputs never runs: checked in Chromium on the built pages.

A throwaway copy of EXCCG's 2020 inputs whose organisation name, year params
(`not_required_reason`, a data source), action plan and analyst commentary carry scripts,
event handlers and `javascript:` links. The real section notebooks that show them run, the
self-contained report and the index page are built (and the Quarto book, when quarto is
on PATH), and each page is opened offline: no script of ours runs, no element has an event
handler attribute or a `javascript:` URL, and the hostile text is shown as the characters
it is.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml

from tests.browser import DESKTOP, Offline, chromium, require_browser
from tests.shared_reports import shared_build
from wres_analysis.paths import DATA_DIR, PARAMS_DIR
from wres_analysis.pipeline.report import ReportResult, build_reports
from wres_analysis.sections import SECTION_BY_SLUG

sync_api = require_browser()

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.e2e

ORG, YEAR = "EXCCG", 2020
NAME = 'Evil <script>window.__pwned=1</script> <img src=x onerror="window.__pwned=2"> Trust'
REASON = "Not required <script>window.__pwned=4</script> this year"
SOURCE = '<img src=x onerror="window.__pwned=5"> staff records'
ACTION = (
    '<a href="javascript:window.__pwned=6">Train</a> '
    '<b onmouseover="window.__pwned=10">managers</b>'
)
COMMENTARY = (
    '\n\n<script>window.__pwned=3</script> <img src=x onerror="window.__pwned=7">\n\n'
    "[click](javascript:window.__pwned=8) and [a safe link](https://example.org/wres)\n"
)
# the sections that show the name (all), the commentary, the reason, the plan, the sources
SLUGS = ("01-overview", "06-staff-survey", "09-action-plan", "10-methodology")

# Everything that could run, found in the page as the browser built it.
RUNNABLE = """() => {
  const all = [...document.querySelectorAll('*')];
  const handlers = all.flatMap(e => [...e.attributes]
    .filter(a => a.name.toLowerCase().startsWith('on'))
    .map(a => `<${e.tagName.toLowerCase()} ${a.name}="${a.value}">`));
  const urls = all.flatMap(e => ['href', 'src', 'srcset', 'action', 'formaction', 'xlink:href']
    .map(n => e.getAttribute(n) || '')
    .filter(v => /^\\s*(javascript|vbscript):/i.test(v)));
  const scripts = [...document.scripts].map(s => s.text + ' ' + s.src)
    .filter(t => t.includes('__pwned'));
  return {pwned: window.__pwned === undefined ? null : String(window.__pwned), handlers, urls,
          scripts, bodyScripts: document.body.querySelectorAll('script').length,
          objects: [...document.querySelectorAll('object, embed, iframe, base, form')]
            .map(e => e.outerHTML.slice(0, 80))};
}"""


def hostile_project(root: Path) -> dict[str, Path]:
    """EXCCG's 2020 params and data, with hostile text in every place a person writes."""
    params, data = root / "params", root / "data"
    shutil.copytree(PARAMS_DIR, params)
    shutil.copytree(DATA_DIR / ORG, data / ORG)
    organisations = params / "organisations.yaml"
    listed = yaml.safe_load(organisations.read_text(encoding="utf-8"))
    listed["organisations"][ORG]["name"] = NAME
    organisations.write_text(yaml.safe_dump(listed), encoding="utf-8")
    year = params / "years" / f"{YEAR}.yaml"
    rules = yaml.safe_load(year.read_text(encoding="utf-8"))
    rules["not_required_reason"] = REASON
    rules["data_sources"]["workforce"] = SOURCE
    year.write_text(yaml.safe_dump(rules), encoding="utf-8")
    plan = params / "orgs" / ORG / str(YEAR) / "actions.yaml"
    actions = yaml.safe_load(plan.read_text(encoding="utf-8"))
    actions["actions"][0]["action"] = ACTION
    actions["actions"][0]["owner"] = "Equality <script>window.__pwned=9</script> Team"
    plan.write_text(yaml.safe_dump(actions, sort_keys=False), encoding="utf-8")
    commentary = params / "orgs" / ORG / str(YEAR) / "commentary" / "01-overview.md"
    commentary.write_text(commentary.read_text(encoding="utf-8") + COMMENTARY, encoding="utf-8")
    return {"params_dir": params, "data_dir": data, "outputs_dir": root / "outputs"}


def build(root: Path, use_quarto: bool) -> list[ReportResult]:
    dirs = hostile_project(root.parent / "project")
    return [
        build_reports(
            YEAR,
            [ORG],
            run_first=True,
            sections=[SECTION_BY_SLUG[s] for s in SLUGS],
            max_workers=2,
            use_quarto=use_quarto,
            **{**dirs, "outputs_dir": root},
        )
    ]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium(sync_api) as browser:
        yield browser


def built_pages(factory: pytest.TempPathFactory, use_quarto: bool) -> list[Path]:
    name = "hostile-quarto" if use_quarto else "hostile"
    built = shared_build(factory, name, lambda outputs: build(outputs, use_quarto))
    assert built.ok, built.summary()
    report = built.outputs / str(YEAR) / ORG / "report"
    return [built.outputs / str(YEAR) / "index.html", *sorted(report.glob("*.html"))]


def straight(text: str) -> str:
    """The text with typographic quotes (pandoc's smart punctuation) made straight."""
    return text.translate(str.maketrans("\u201c\u201d\u2018\u2019", "\"\"''"))


def check(page: Page, quarto: bool = False) -> str:
    """The page's visible text (quotes straight), after checking nothing hostile can run."""
    page.wait_for_timeout(100)  # an <img onerror> would have fired by now
    found = page.evaluate(RUNNABLE)
    assert found["pwned"] is None, f"a hostile script ran: window.__pwned = {found['pwned']}"
    assert found["urls"] == [] and found["scripts"] == []
    if quarto:  # Quarto's pages carry Quarto's own scripts, handlers and search: none of ours
        assert [h for h in found["handlers"] if "__pwned" in h] == []
        assert [o for o in found["objects"] if not o.startswith("<form")] == []
    else:  # the self-contained page has no script, handler or embedded object at all
        assert found["handlers"] == [] and found["bodyScripts"] == 0
        assert found["objects"] == []
    return straight(page.inner_text("body"))


def test_hostile_text_never_runs_in_the_report_or_index(browser: Browser, tmp_path_factory):
    index, report = built_pages(tmp_path_factory, use_quarto=False)
    context = Offline(browser, DESKTOP)
    index_text = check(context.open(index))
    assert NAME in index_text  # shown as the characters it is, in the index's table
    page = context.open(report)
    text = check(page)
    assert NAME in straight(page.title())
    assert text.count(NAME) >= 2  # the title page and each section's context line
    assert REASON in text and SOURCE in text
    assert ACTION in text and "Equality <script>window.__pwned=9</script> Team" in text
    assert "<script>window.__pwned=3</script>" in text  # commentary: raw HTML shown as text
    assert "click" in text  # the javascript: link's text, no longer a link
    assert page.locator("a", has_text="a safe link").get_attribute("href") == (
        "https://example.org/wres"
    )
    assert context.network() == []
    context.context.close()


@pytest.mark.quarto
@pytest.mark.skipif(shutil.which("quarto") is None, reason="quarto is not on PATH")
def test_hostile_text_never_runs_in_the_quarto_book(browser: Browser, tmp_path_factory):
    pages = built_pages(tmp_path_factory, use_quarto=True)
    assert len(pages) == 2 + len(SLUGS)  # index, the book's title page and each chapter
    context = Offline(browser, DESKTOP)
    shown = ""
    for path in pages:
        shown += check(context.open(path), quarto=True)
    context.context.close()
    assert context.network() == []
    assert NAME in shown and REASON in shown and SOURCE in shown and ACTION in shown
    assert "<script>window.__pwned=3</script>" in shown
