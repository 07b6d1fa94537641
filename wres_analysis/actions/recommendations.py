"""The national recommendations an action plan answers, in words a reader can follow.

Actions cite a source such as `btd-3` (Public Health England's "Beyond the data",
recommendation 3) or `nhsei-9` (NHS England and NHS Improvement); the report shows what the
recommendation says, as the model report does, from the reference list shipped with the
package (resources/recommendations.csv, paraphrased with its source). WRES indicators read
as the indicator; an organisation's own equality objectives read as the plan states them.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

RESOURCE = "resources/recommendations.csv"


@dataclass(frozen=True)
class Recommendation:
    """One national recommendation: its code, short title, text and where it comes from."""

    code: str
    title: str
    text: str
    document: str


@lru_cache(maxsize=1)
def recommendations() -> dict[str, Recommendation]:
    """Every recommendation in the reference list, by code (e.g. "nhsei-9")."""
    with resources.files("wres_analysis").joinpath(RESOURCE).open(encoding="utf-8") as handle:
        return {row["code"]: Recommendation(**row) for row in csv.DictReader(handle)}


def recommendation(code: str) -> Recommendation | None:
    """The recommendation a source code names, or None (WRES indicators, objectives)."""
    return recommendations().get(code)
