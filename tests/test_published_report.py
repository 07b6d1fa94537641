"""The published edition: apart from the internal one, [c] with its note, and no number in
the report (tables, sentences, chart alt text) that the published record does not give.

Builds the published 2020 reports of the two CCGs (the small one hides the most) from the
real notebooks. Every number shown outside a traced figure must be one the published
records give (any figure of them in any display format, any year-to-year change of a trend),
national reference data (COVID-19), or a date, year or code; a hidden count that reached
the page by any other route would be caught. Traced figures are checked against the record
by `wres verify` (tests/test_verify.py); here, every traced figure whose value the published
record hides reads [c].
"""

from __future__ import annotations

import contextlib
import csv
import html
import math
import re
from importlib import resources
from pathlib import Path

import pytest

from wres_analysis.display.format import (
    fmt_count,
    fmt_decimal,
    fmt_pct,
    fmt_pp,
    fmt_rate,
    fmt_rl,
)
from wres_analysis.display.record_view import RecordView
from wres_analysis.figures.report_records import report_records
from wres_analysis.figures.trends import indicator_series
from wres_analysis.paths import DATA_DIR
from wres_analysis.pipeline.report import build_reports

pytestmark = pytest.mark.e2e
YEAR = 2020
ORGS = ("LTCCG", "EXCCG")
NUMBER = re.compile(r"(?<![\w.])(\d[\d,]*(?:\.\d+)?)(?![\dA-Za-z])")
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATES = re.compile(
    rf"\b\d{{1,2}} (?:{MONTHS}) \d{{4}}\b|\b\d{{4}}-\d{{2}}(?:-\d{{2}})?\b|\b\d{{4}}/\d{{2}}\b"
)
TRACED = re.compile(
    r'<span class="figure" data-figure="([^"]+)" data-year="(\d+)" data-format="(\w+)">'
    r"([^<]*)</span>"
)
FORMATS = (
    fmt_count,
    lambda v: fmt_count(v, grouped=False),
    fmt_pct,
    lambda v: fmt_pct(v, 0),
    fmt_rate,
    fmt_rl,
    fmt_pp,
    lambda v: fmt_decimal(v, 0),
    lambda v: fmt_decimal(v, 1),
)


def numbers(text: str) -> set[str]:
    """The numbers in text, dates (31 March 2020, 2020-11-30, 2020/21) left out."""
    return {n.rstrip(",") for n in NUMBER.findall(DATES.sub(" ", text))}


def shown_by(records: dict[int, dict]) -> set[str]:
    """Every number the published records give, in every way the report writes numbers."""
    found: set[str] = set()

    def add(value: object) -> None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return
        for shown in FORMATS:
            found.update(numbers(shown(value)) | numbers(shown(abs(value))))

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        else:
            add(node)

    for record in records.values():
        walk(record)
        add(100 * (record.get("disclosure") or {}).get("hidden_share", 0))
    series: dict[tuple, list[float]] = {}
    for row in indicator_series(records).itertuples():
        if not math.isnan(row.value):
            add(row.value)
            series.setdefault((row.indicator, row.measure), []).append(row.value)
    for values in series.values():
        for a in values:
            for b in values:
                add(a - b)
    return found


def reference_numbers() -> set[str]:
    """National reference data the COVID-19 section quotes, and the words around them."""
    found = {"100,000", "19", "10", "50"}  # rates per 100,000; COVID-19; "10% and 50%"
    values: list[float] = []
    for name in ("covid_reference.csv", "covid_mortality_reference.csv"):
        text = resources.files("wres_analysis").joinpath(f"resources/{name}").read_text("utf-8")
        for row in csv.DictReader(text.splitlines()):
            for value in row.values():
                found |= numbers(value)
                with contextlib.suppress(ValueError):
                    values.append(float(value))
    for a in values:
        found |= numbers(fmt_decimal(a, 0, grouped=True))
        found |= {fmt_decimal(a / b, 1) for b in values if b}  # "up to 2.9 times"
    return found


def written_by_people(org: str) -> set[str]:
    """Numbers in what the organisation wrote (action plan, report settings, commentary),
    the action plan's counts, and the target method's own text: not record figures."""
    from wres_analysis.actions import load_action_plan, plan_path, status_summary
    from wres_analysis.figures.targets import METHOD
    from wres_analysis.params import load_year
    from wres_analysis.paths import PARAMS_DIR

    found = numbers(METHOD)
    for path in (PARAMS_DIR / "orgs" / org / str(YEAR)).rglob("*"):
        if path.is_file():
            found |= numbers(path.read_text("utf-8"))
    plan = load_action_plan(plan_path(PARAMS_DIR, org, YEAR))
    summary = status_summary(plan, load_year(YEAR).report)
    found |= {str(summary["total"]), str(summary["overdue_count"])}
    found |= {str(n) for n in summary["by_status"].values()}
    return found


def not_a_figure(token: str) -> bool:
    """Years and the ethnic code 99 (dates are left out before numbers are read)."""
    plain = token.replace(",", "")
    return (plain.isdigit() and 1990 <= int(plain) <= 2100) or token == "99"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    outputs = tmp_path_factory.mktemp("published")
    result = build_reports(
        YEAR, list(ORGS), run_first=True, published=True, outputs_dir=outputs, use_quarto=False
    )
    assert result.ok, result.summary()
    return outputs


def page_of(outputs: Path, org: str) -> str:
    return (outputs / "published" / str(YEAR) / org / "report" / "index.html").read_text("utf-8")


def test_the_published_edition_is_built_apart_from_the_internal_one(built):
    assert not (built / str(YEAR)).exists()  # nothing in the internal edition's folder
    log = (built / "published" / str(YEAR) / "logs" / "run.log").read_text("utf-8")
    for org in ORGS:  # the information loss of each organisation, in the run log
        assert re.search(
            rf"DISCLOSURE {org} {YEAR}: \d+ of \d+ count cells hidden \([\d.]+%\): \d+ below "
            r"the threshold, \d+ complementary; audit: 0 leaks",
            log,
        ), log
    index = (built / "published" / str(YEAR) / "index.html").read_text("utf-8")
    for org in ORGS:
        assert f'href="{org}/report/index.html"' in index


@pytest.mark.parametrize("org", ORGS)
def test_hidden_figures_read_c_with_its_note(built, org):
    page = page_of(built, org)
    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    assert "[c]" in text
    assert "[c] = confidential: not published, to protect small numbers" in text
    assert "Counts below 10 are hidden" in text
    record = report_records(DATA_DIR, org, YEAR, published=True)
    for path, year, kind, shown in TRACED.findall(page):
        view = RecordView(record[int(year)])
        parts = tuple(int(p) if p.isdigit() else p for p in path.split("."))
        if kind != "trend" and view.get(*parts) is None and view.is_suppressed(*parts):
            assert shown == "[c]", (path, year, shown)


@pytest.mark.parametrize("org", ORGS)
def test_no_number_outside_the_published_record_reaches_the_page(built, org):
    page = page_of(built, org)
    body = page[page.find("<body") :]
    untraced = TRACED.sub(" ", body)
    alts = [html.unescape(a) for a in re.findall(r'alt="([^"]*)"', untraced)]
    text = html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<img[^>]*>", " ", untraced)))
    allowed = shown_by(report_records(DATA_DIR, org, YEAR, published=True))
    allowed |= reference_numbers() | written_by_people(org)
    shown = numbers(text).union(*(numbers(a) for a in alts))
    unexplained = sorted(t for t in shown - allowed if not not_a_figure(t))
    assert unexplained == [], f"numbers no published figure gives: {unexplained}"
