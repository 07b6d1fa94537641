"""Where a run and a report put things: one place for the outputs/ layout.

outputs/<year>/logs/run.log                          the run log (report.log for Quarto)
outputs/<year>/index.html                            links to every organisation's report
outputs/<year>/<org>/notebooks/<slug>.ipynb          executed notebook (successes only)
outputs/<year>/<org>/notebooks/failed/<slug>.ipynb   executed notebook that raised
outputs/<year>/<org>/quarto/                         Quarto book project for the report
outputs/<year>/<org>/report/                         the rendered report (index.html)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


def year_dir(outputs_dir: Path, year: int) -> Path:
    """The folder holding everything built for one reporting year."""
    return outputs_dir / str(year)


def logs_dir(outputs_dir: Path, year: int) -> Path:
    """The year's log folder."""
    return year_dir(outputs_dir, year) / "logs"


@dataclass(frozen=True)
class OrgOutputs:
    """The output paths of one organisation and year."""

    outputs_dir: Path
    year: int
    org: str

    @property
    def root(self) -> Path:
        """outputs/<year>/<org>."""
        return year_dir(self.outputs_dir, self.year) / self.org

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
