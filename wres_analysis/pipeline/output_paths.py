"""Where a run and a report put things: one place for the outputs/ layout.

The two editions never share a folder, so they cannot be mixed up or differenced by
mistake: the internal edition lives under outputs/<year>/, the published edition under
outputs/published/<year>/, with the same layout below:

<edition>/<year>/logs/run.log                          the run log (report.log for Quarto)
<edition>/<year>/index.html                            links to every organisation's report
<edition>/<year>/.run.lock                             held while a run of that year is going
<edition>/<year>/<org>/figures.json                    the figures record, computed once
<edition>/<year>/<org>/earlier/<year>.json             earlier years' records the report shows
<edition>/<year>/<org>/manifest.json                   hashes of everything the run used
<edition>/<year>/<org>/notebooks/<slug>.ipynb          executed notebook (successes only)
<edition>/<year>/<org>/notebooks/failed/<slug>.ipynb   executed notebook that raised
<edition>/<year>/<org>/quarto/                         Quarto book project for the report
<edition>/<year>/<org>/report/                         the rendered report (index.html, ...)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PUBLISHED_FOLDER = "published"


def edition_name(published: bool) -> str:
    """'published' or 'internal': the words logs and pages use."""
    return "published" if published else "internal"


def edition_dir(outputs_dir: Path, published: bool) -> Path:
    """The root of one edition: outputs/ (internal) or outputs/published/."""
    return outputs_dir / PUBLISHED_FOLDER if published else outputs_dir


def year_dir(outputs_dir: Path, year: int, published: bool = False) -> Path:
    """The folder holding everything built for one reporting year and edition."""
    return edition_dir(outputs_dir, published) / str(year)


def logs_dir(outputs_dir: Path, year: int, published: bool = False) -> Path:
    """The year's log folder (per edition)."""
    return year_dir(outputs_dir, year, published) / "logs"


@dataclass(frozen=True)
class OrgOutputs:
    """The output paths of one organisation, year and edition."""

    outputs_dir: Path
    year: int
    org: str
    published: bool = False

    @property
    def root(self) -> Path:
        """<edition>/<year>/<org>."""
        return year_dir(self.outputs_dir, self.year, self.published) / self.org

    @property
    def figures(self) -> Path:
        """The figures record of this year (byte-identical to `wres figures`)."""
        return self.root / "figures.json"

    @property
    def earlier(self) -> Path:
        """Folder of earlier years' records shown in this year's report."""
        return self.root / "earlier"

    def earlier_figures(self, year: int) -> Path:
        """An earlier year's record as this report shows it."""
        return self.earlier / f"{year}.json"

    @property
    def manifest(self) -> Path:
        """Hashes of every input, template, the code and the figures (manifest.json)."""
        return self.root / "manifest.json"

    @property
    def notebooks(self) -> Path:
        """Folder of executed notebooks that succeeded."""
        return self.root / "notebooks"

    @property
    def failed(self) -> Path:
        """Folder of executed notebooks that raised an error."""
        return self.notebooks / "failed"

    def executed(self, slug: str) -> Path:
        """Where a section's successfully executed notebook goes."""
        return self.notebooks / f"{slug}.ipynb"

    def failed_notebook(self, slug: str) -> Path:
        """Where a section's failed notebook goes (never where a good one goes)."""
        return self.failed / f"{slug}.ipynb"

    @property
    def quarto(self) -> Path:
        """The organisation's Quarto book project."""
        return self.root / "quarto"

    @property
    def report(self) -> Path:
        """The rendered report folder (the Quarto project's output-dir)."""
        return self.root / "report"

    @property
    def report_index(self) -> Path:
        """The report's HTML entry page."""
        return self.report / "index.html"
