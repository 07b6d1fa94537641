"""What every rendering of a report shares: the title page and the section notebooks as shown.

Both the Quarto book and the fallback HTML are built from the same prepared notebooks, so
the two differ only in layout, never in content.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..display.sanitise import md_text
from ..params import load_organisation, load_year
from ..sections import Section

if TYPE_CHECKING:
    import nbformat

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def long_date(day: dt.date) -> str:
    """31 March 2020 (locale-independent, as the report prints dates)."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class TitlePage:
    """The report's title page: who, which year, the snapshot and the mode."""

    title: str
    subtitle: str
    facts: tuple[tuple[str, str], ...]
    published: bool = False

    def markdown(self) -> str:
        """The facts as a Markdown list (no timestamps, no machine paths; text escaped)."""
        facts = (("Organisation", self.subtitle), *self.facts)
        return "\n".join(f"- **{md_text(label)}:** {md_text(value)}" for label, value in facts) + (
            "\n"
        )


def title_page(org: str, year: int, published: bool, params_dir: Path) -> TitlePage:
    """Build the title page from params/organisations.yaml and params/years/<year>.yaml."""
    details = load_organisation(org, params_dir)
    rules = load_year(year, params_dir)
    if published:
        mode = (
            "Published: figures marked [c] are not published, to protect small numbers "
            f"(counts below {rules.disclosure.threshold}; see Appendix B)."
        )
    else:
        mode = "Internal: every count is shown. Not for publication."
    who = details.code if details.name == details.code else f"{details.name} ({details.code})"
    facts = (
        ("Type and region", f"{details.type}, {details.region}"),
        ("Reporting year", f"WRES {year}"),
        ("Workforce snapshot", long_date(rules.snapshot)),
        ("Edition", mode),
    )
    return TitlePage(
        title=f"Workforce Race Equality Standard report {year}",
        subtitle=who,
        facts=facts,
        published=published,
    )


def _starts_with_title(nb: nbformat.NotebookNode) -> bool:
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.source.strip():
            return cell.source.lstrip().startswith("# ")
    return False


def prepare_section(nb: nbformat.NotebookNode, section: Section) -> nbformat.NotebookNode:
    """A copy of an executed notebook as the report shows it.

    Adds the section title as a level-1 heading unless the notebook's first Markdown cell
    already is one, and drops stderr streams (warnings, which can carry machine paths) and
    papermill's timings and paths (Quarto writes cell metadata into its pages), keeping the
    parameters the notebook ran with.
    """
    import nbformat

    shown = copy.deepcopy(nb)
    ran = shown.metadata.get("papermill", {}).get("parameters")
    if "papermill" in shown.metadata:
        shown.metadata["papermill"] = {"parameters": ran} if ran is not None else {}
    for cell in shown.cells:
        for timing in ("papermill", "execution"):
            cell.metadata.pop(timing, None)
        if cell.cell_type == "code":
            cell.outputs = [
                out
                for out in cell.outputs
                if not (out.output_type == "stream" and out.get("name") == "stderr")
            ]
    if not _starts_with_title(shown):
        heading = nbformat.v4.new_markdown_cell(f"# {section.title} {{#section-{section.slug}}}")
        heading.id = f"title-{section.slug}"
        shown.cells.insert(0, heading)
    return shown
