"""The comparison page (`wres benchmark`): every organisation of a year side by side.

outputs/<edition>/<year>/benchmark/index.html is one self-contained, accessible HTML file:
the report's stylesheet inline, a skip link and <main>, every table in a labelled region a
keyboard can scroll (`display.html_table`) with column and row headers, every name escaped,
and the dot plots as PNG images whose alt text gives the numbers. It shows, for the year
and edition of its dataset (`compare.dataset`): a dot plot of each relative likelihood by
peer group with the non-adverse band, each peer group's and region's median and
interquartile range for every compared measure, every organisation's own figures, and the
national figures with their sources. No timestamps or machine paths: the same dataset
gives the same bytes.
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from ..atomic import write_text_atomic
from ..display.comparison_view import stat_text, value_text
from ..display.format import CONFIDENTIAL, NOT_AVAILABLE, NOT_COMPUTABLE
from ..display.html_table import table_html
from ..display.tables.compare import national_sources_table
from ..pipeline.output_paths import edition_name, year_dir
from .dataset import MIN_ORGANISATIONS
from .peers import GROUP_LABELS

# Short column headings for the compared measures (the full labels are in `measures`).
SHORT_LABELS: dict[str, str] = {
    "1.workforce_bme_pct": "1: BME share of the workforce",
    "1.senior_8a_plus_difference_pp": "1: Band 8a and above, gap to workforce",
    "2.relative_likelihood": "2: appointment RL",
    "3.relative_likelihood": "3: disciplinary RL",
    "4.relative_likelihood": "4: training RL",
    "5.bme_pct": "5: BME staff harassed by the public",
    "6.bme_pct": "6: BME staff harassed by staff",
    "7.bme_pct": "7: BME staff seeing equal opportunities",
    "8.bme_pct": "8: BME staff discriminated against",
    "9.voting_difference_pp": "9: board voting gap to workforce",
    "9.all_bme_pct": "9: BME share of the board",
}
STATUS_TEXT = {
    "hidden": CONFIDENTIAL,
    "not_required": "not required",
    "not_available": NOT_AVAILABLE,
    "not_computable": NOT_COMPUTABLE,
}


def page_path(outputs_dir: Path, year: int, published: bool, region: str | None = None) -> Path:
    """benchmark/index.html in the edition's year folder (benchmark/region-<name>/ for one
    region)."""
    folder = year_dir(outputs_dir, year, published) / "benchmark"
    if region is not None:
        folder = folder / f"region-{region_slug(region)}"
    return folder / "index.html"


def region_slug(region: str) -> str:
    """A region's name as a folder name: "North East and Yorkshire" -> north-east-and-yorkshire."""
    return re.sub(r"[^a-z0-9]+", "-", region.lower()).strip("-") or "region"


def shown_measures(dataset: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The measures at least one organisation has a figure for (the others get a sentence)."""
    everyone = dataset["groups"]["all"]["measures"]
    return [e for e in dataset["measures"] if everyone[e["key"]]["n"] > 0]


def _left_out_measures(dataset: Mapping[str, Any]) -> str:
    """A sentence naming the measures no organisation has, and why, or ""."""
    shown = {e["key"] for e in shown_measures(dataset)}
    missing = [e for e in dataset["measures"] if e["key"] not in shown]
    if not missing:
        return ""
    statuses = {
        org["values"][e["key"]]["status"]
        for org in dataset["organisations"].values()
        for e in missing
    }
    why = (
        f"they were not required in {dataset['year']}"
        if statuses == {"not_required"}
        else "no organisation has them this year"
    )
    names = ", ".join(f"{e['indicator']} ({_short(e).split(': ', 1)[-1]})" for e in missing)
    which = "indicators" if len(missing) > 1 else "indicator"
    return f"<p>Not shown, because {why}: {which} {html.escape(names)}.</p>"


def _short(entry: Mapping[str, Any]) -> str:
    return SHORT_LABELS.get(entry["key"], f"{entry['indicator']}: {entry['label']}")


def _value_cell(entry: Mapping[str, Any], found: Mapping[str, Any]) -> str:
    if found["value"] is not None:
        return value_text(entry["kind"], found["value"])
    return STATUS_TEXT.get(found.get("status", ""), NOT_COMPUTABLE)


def group_table(dataset: Mapping[str, Any], prefix: str) -> pd.DataFrame:
    """Rows: the groups whose name starts with `prefix` ("peer:", "region:", "all");
    columns: members, then each measure's median (IQR, n)."""
    rows = []
    for name, group in dataset["groups"].items():
        if not name.startswith(prefix):
            continue
        row = {"Group": group["label"], "Organisations": str(len(group["members"]))}
        for entry in shown_measures(dataset):
            row[_short(entry)] = stat_text(entry["kind"], group["measures"][entry["key"]])
        rows.append(row)
    return pd.DataFrame(rows, dtype=object)


def _org_rows(dataset: Mapping[str, Any], reports: Mapping[str, str]) -> str:
    order = list(GROUP_LABELS)
    orgs, measures = dataset["organisations"], shown_measures(dataset)
    codes = sorted(orgs, key=lambda c: (order.index(orgs[c]["peer_group"]), orgs[c]["region"], c))
    rows = []
    for code in codes:
        org = orgs[code]
        name = html.escape(org["name"])
        if code in reports:
            name = f'<a href="{html.escape(reports[code])}">{name}</a>'
        cells = [
            html.escape(code),
            html.escape(GROUP_LABELS[org["peer_group"]]),
            html.escape(org["region"]),
            *(html.escape(_value_cell(e, org["values"][e["key"]])) for e in measures),
        ]
        rows.append(
            f'<tr><th scope="row">{name}</th>' + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"
        )
    return "\n".join(rows)


def org_table_html(dataset: Mapping[str, Any], reports: Mapping[str, str], ident: str) -> str:
    """Every organisation's figures, one row each, its name linked to its report if built."""
    headings = ["Organisation", "Code", "Peer group", "Region"]
    headings += [_short(e) for e in shown_measures(dataset)]
    header = "".join(f'<th scope="col">{html.escape(h)}</th>' for h in headings)
    caption = "Every organisation's figures (by peer group, region and code)"
    return (
        f'<div class="table-region" role="region" aria-labelledby="{ident}" tabindex="0">'
        f'<table class="wres-table"><caption id="{ident}">{html.escape(caption)}</caption>'
        f"<thead><tr>{header}</tr></thead><tbody>\n{_org_rows(dataset, reports)}\n"
        "</tbody></table></div>"
    )


def _figure(dataset: Mapping[str, Any], indicator: int) -> str:
    from ..display.charts.benchmark import benchmark_chart

    chart = benchmark_chart(dataset, indicator)
    if chart is None:
        return (
            f"<p>Indicator {indicator}: no organisation has a relative likelihood this year.</p>"
        )
    data = "data:image/png;base64," + base64.b64encode(chart.png()).decode("ascii")
    return (
        f'<figure><img src="{data}" alt="{html.escape(chart.alt, quote=True)}">'
        f"<figcaption>Indicator {indicator}: every organisation's relative likelihood by "
        "peer group</figcaption></figure>"
    )


def _reading(dataset: Mapping[str, Any]) -> str:
    band = f"{dataset['band'][0]:.2f}-{dataset['band'][1]:.2f}"
    parts = [
        "Each organisation's headline figure for every WRES indicator, side by side, with "
        "peer groups by organisation type (acute trusts, mental health and community trusts, "
        "ambulance trusts, commissioners) and by NHS England region. A group's median is its "
        "middle organisation's figure; the interquartile range (IQR) spans the middle half of "
        "the group; n counts the organisations with the figure. A group statistic is shown "
        f"only when at least {MIN_ORGANISATIONS} organisations have the figure, so that no "
        "organisation's own figure can be read from it. Relative likelihoods (RL) of 1.00 mean "
        f"parity; NHS England treats {band} as the range without adverse impact.",
    ]
    if dataset["published"]:
        parts.append(
            "Published edition: every figure here is taken from the organisations' published "
            "reports. A figure an organisation did not publish, to protect small numbers, "
            f"reads {CONFIDENTIAL} (confidential) and is left out of every group statistic, so "
            "this page reveals nothing disclosure control hid."
        )
    else:
        parts.append(
            "Internal edition: built from every organisation's full figures. Not for "
            "publication: publish the published edition (wres benchmark --published)."
        )
    return "\n".join(f"<p>{html.escape(p)}</p>" for p in parts)


def page_html(
    dataset: Mapping[str, Any], reports: Mapping[str, str] | None = None, region: str | None = None
) -> str:
    """The whole page for a dataset; `reports` maps codes to relative links of their reports."""
    css = resources.files("wres_analysis").joinpath("resources/report.css").read_text("utf-8")
    year, edition = dataset["year"], edition_name(dataset["published"])
    where = f", {region} region" if region else ""
    title = f"WRES {year}: how organisations compare{where}"
    tables = []
    for ident, (heading, prefix, caption) in enumerate(
        (
            ("Peer groups", "peer:", "Each peer group's median (IQR, n) of every measure"),
            ("Regions", "region:", "Each region's median (IQR, n) of every measure"),
            ("All organisations", "all", "All organisations' median (IQR, n) of every measure"),
        ),
        start=1,
    ):
        table = group_table(dataset, prefix)
        if not table.empty:
            tables.append(
                f"<h2>{html.escape(heading)}</h2>\n"
                + table_html(table, caption, ident=f"benchmark-table-{ident}")
            )
    national = national_sources_table(dataset, "National figure (year)")
    national_html = (
        table_html(national, "National figures published by NHS England", "benchmark-national")
        if national is not None
        else "<p>No national figure is published for these measures.</p>"
    )
    excluded = dataset.get("excluded") or []
    left_out = (
        "<p>Left out, because their figures could not be computed: "
        + html.escape(", ".join(excluded))
        + " (run <code>wres figures</code> for each to see why).</p>"
        if excluded
        else ""
    )
    figures = "\n".join(_figure(dataset, n) for n in (2, 3, 4))
    facts = [
        ("Edition", edition),
        ("Organisations", str(len(dataset["organisations"]))),
        ("Snapshot", f"31 March {year}"),
    ]
    facts_html = "".join(
        f'<li><span class="fact-label">{html.escape(k)}:</span> {html.escape(v)}</li>'
        for k, v in facts
    )
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>
{css}
figure {{ margin: 1em 0; }}
figcaption {{ font-size: 0.95em; }}
</style>
</head>
<body class="{edition}">
<a class="skip-link" href="#main">Skip to the comparison</a>
<header id="title-block-header">
<h1 class="title">{html.escape(title)}</h1>
<ul class="report-facts">{facts_html}</ul>
</header>
<main id="main">
<h2>How to read this page</h2>
{_reading(dataset)}
{_left_out_measures(dataset)}
<h2>Relative likelihoods by peer group</h2>
{figures}
{"".join(tables)}
<h2>Every organisation</h2>
{org_table_html(dataset, reports or {}, "benchmark-organisations")}
{left_out}
<h2>National figures and their sources</h2>
{national_html}
</main>
</body>
</html>
"""


def report_links(outputs_dir: Path, dataset: Mapping[str, Any], page: Path) -> dict[str, str]:
    """{code: link from the page to that organisation's report}, for reports that exist."""
    root = year_dir(outputs_dir, dataset["year"], dataset["published"])
    up = "../" * (len(page.parent.relative_to(root).parts))
    return {
        code: f"{up}{code}/report/index.html"
        for code in dataset["organisations"]
        if (root / code / "report" / "index.html").is_file()
    }


def write_page(
    outputs_dir: Path, dataset: Mapping[str, Any], region: str | None = None
) -> Path:
    """Write the comparison page atomically and return its path."""
    page = page_path(outputs_dir, dataset["year"], dataset["published"], region)
    links = report_links(outputs_dir, dataset, page)
    return write_text_atomic(page, page_html(dataset, links, region))
