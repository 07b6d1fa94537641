"""National WRES figures published by NHS England: the reference a board compares with.

`resources/national_figures.csv` holds the national figures the project's domain reference
records (docs/benchmarking.md lists them), one row per indicator, measure and WRES year,
each with the publication it comes from. They describe NHS trusts in England: there is no
published national figure for commissioners, which the report says where it shows them.
Not every figure is published every year: `national_figure` gives the year's own figure,
else the latest earlier one (never a later one, which a report of that year could not have
known), with its year so the page can say so.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources

RESOURCE = "resources/national_figures.csv"


@dataclass(frozen=True)
class NationalFigure:
    """One published national figure."""

    indicator: int
    measure: str
    year: int
    value: float
    scope: str
    source: str

    def as_dict(self) -> dict[str, object]:
        """JSON-ready: value, year, scope and source."""
        return {"value": self.value, "year": self.year, "scope": self.scope, "source": self.source}


@cache
def national_figures() -> tuple[NationalFigure, ...]:
    """Every figure of the reference dataset, in file order."""
    text = resources.files("wres_analysis").joinpath(RESOURCE).read_text("utf-8")
    return tuple(
        NationalFigure(
            int(row["indicator"]),
            row["measure"],
            int(row["year"]),
            float(row["value"]),
            row["scope"],
            row["source"],
        )
        for row in csv.DictReader(io.StringIO(text))
    )


def national_figure(indicator: int, measure: str, year: int) -> NationalFigure | None:
    """The year's national figure for a measure, else the latest earlier one; None if none."""
    found = [
        f
        for f in national_figures()
        if f.indicator == indicator and f.measure == measure and f.year <= year
    ]
    return max(found, key=lambda f: f.year) if found else None
