"""outputs/<year>/index.html: one page linking every organisation's report for the year."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..atomic import write_text_atomic
from ..params import load_organisations, load_year
from ..publish.files import report_file_paths
from .output_paths import OrgOutputs, edition_name, year_dir


@dataclass(frozen=True)
class IndexEntry:
    """One organisation's row: its report and the files beside it (relative links), or why
    it has none."""

    org: str
    name: str
    report: str | None = None
    docx: str | None = None
    pdf: str | None = None
    xlsx: str | None = None
    mode: str | None = None
    problem: str | None = None
    stale: bool = False  # a report is on disk but no longer matches its inputs


def _valid_code(org: str) -> bool:
    return re.fullmatch(r"[A-Za-z0-9_-]+", org) is not None


def index_entries(
    outputs_dir: Path,
    year: int,
    orgs: Sequence[str],
    failed: dict[str, tuple[str, ...]],
    params_dir: Path,
    published: bool = False,
) -> list[IndexEntry]:
    """Every organisation of the year, this build's and any other with a report on disk.

    A report is linked only when its page exists. It is marked out of date when this
    build could not make a new one, or when its manifest no longer matches what it was
    built from.
    """
    from .report import report_is_current

    listed = list(dict.fromkeys([*load_year(year, params_dir).organisations, *orgs]))
    root = year_dir(outputs_dir, year, published)
    on_disk = sorted(p.parent.parent.name for p in root.glob("*/report/index.html"))
    names = {code: org.name for code, org in load_organisations(params_dir).items()}
    entries = []
    for org in dict.fromkeys([*listed, *on_disk]):
        name = names.get(org, org)
        if not _valid_code(org):
            entries.append(IndexEntry(org, name, problem="; ".join(failed.get(org, ("invalid",)))))
            continue
        outputs = OrgOutputs(outputs_dir, year, org, published)
        problem = "; ".join(failed[org]) if org in failed else None
        if outputs.report_index.is_file():
            docx = sorted(outputs.report.glob("*.docx"))
            pdf, xlsx = report_file_paths(outputs.report, org, year)
            stale = problem is not None or not report_is_current(outputs)
            entries.append(
                IndexEntry(
                    org,
                    name,
                    report=f"{org}/report/index.html",
                    docx=f"{org}/report/{docx[0].name}" if docx else None,
                    pdf=f"{org}/report/{pdf.name}" if pdf.is_file() else None,
                    xlsx=f"{org}/report/{xlsx.name}" if xlsx.is_file() else None,
                    mode=edition_name(published),
                    problem=problem,
                    stale=stale,
                )
            )
            continue
        if problem is None and any(outputs.failed.glob("*.ipynb")):
            slugs = ", ".join(sorted(p.stem for p in outputs.failed.glob("*.ipynb")))
            problem = f"notebook(s) failed: {slugs}"
        entries.append(IndexEntry(org, name, problem=problem or "not built"))
    return entries


def _row(entry: IndexEntry) -> str:
    name = html.escape(entry.name)
    code = html.escape(entry.org)
    if entry.report is not None:
        links = f'<a href="{html.escape(entry.report)}">{name} report</a>'
        for href, what in ((entry.pdf, "PDF"), (entry.xlsx, "spreadsheet"), (entry.docx, "Word")):
            if href is not None:
                links += f' · <a href="{html.escape(href)}">{name} report ({what})</a>'
        status = html.escape(entry.mode or "built")
        if entry.stale:
            why = f": {entry.problem}" if entry.problem else ": its inputs changed since"
            status = (
                f'<span class="status-failed">out of date, from an earlier run'
                f"{html.escape(why)}</span>"
            )
    else:
        links = "no report"
        status = f'<span class="status-failed">{html.escape(entry.problem or "not built")}</span>'
    return (
        f'<tr><th scope="row">{name}</th><td>{code}</td><td>{links}</td><td>{status}</td></tr>'
    )


def index_html(year: int, entries: list[IndexEntry], benchmark: str | None = None) -> str:
    """The page's HTML: self-contained (inline CSS), relative links, no timestamps; its
    table in a labelled region a keyboard can scroll, with each organisation as a row
    header. `benchmark` is the relative link to the year's comparison page, when one is
    built."""
    css = resources.files("wres_analysis").joinpath("resources/report.css").read_text("utf-8")
    rows = "\n".join(_row(e) for e in entries)
    missing = sum(e.report is None for e in entries)
    note = (
        f'<p class="status-failed">{missing} organisation(s) have no report; see the '
        "status column and <code>logs/run.log</code>.</p>"
        if missing
        else ""
    )
    compare = (
        f'<p><a href="{html.escape(benchmark)}">How the organisations compare</a> '
        "(every organisation's figures side by side)</p>\n"
        if benchmark
        else ""
    )
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>WRES {year} reports</title>
<style>
{css}
</style>
</head>
<body>
<main id="main">
<h1>Workforce Race Equality Standard {year}: reports</h1>
{note}{compare}
<div class="table-region" role="region" aria-labelledby="reports" tabindex="0">
<table>
<caption id="reports">Each organisation's report for {year}</caption>
<thead><tr><th scope="col">Organisation</th><th scope="col">Code</th><th scope="col">Report</th>\
<th scope="col">Status</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
</div>
</main>
</body>
</html>
"""


def write_index(
    outputs_dir: Path, year: int, entries: list[IndexEntry], published: bool = False
) -> Path:
    """Write <edition>/<year>/index.html atomically and return its path (linking the
    comparison page of `wres benchmark` when it is there)."""
    folder = year_dir(outputs_dir, year, published)
    benchmark = "benchmark/index.html" if (folder / "benchmark" / "index.html").is_file() else None
    return write_text_atomic(folder / "index.html", index_html(year, entries, benchmark))
