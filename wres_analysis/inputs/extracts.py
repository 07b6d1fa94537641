"""The validated, standardised tables the indicators are computed from.

Produced by `wres_analysis.loading.load_extracts`; record-level columns that the
indicators do not need (staff_id, member_id) are dropped there, after validation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

FILES: tuple[str, ...] = (
    "workforce",
    "recruitment",
    "disciplinary",
    "training",
    "staff_survey",
    "board",
)


@dataclass(frozen=True)
class Extracts:
    """One organisation's inputs for one year. An absent optional file is None.

    Columns (``group`` is always one of White / BME / Unknown; group, pay_band and
    staff_type are categoricals, in the order of GROUPS, BANDS and STAFF_TYPES, except the
    survey's group, which is text):
    - workforce: group, pay_band, staff_type  (bank-only rows already excluded)
    - recruitment: group, shortlisted, appointed
    - disciplinary: group, entered
    - training: group, accessed
    - staff_survey: indicator, group, percentage, respondents (nullable)
    - board: group, voting, executive
    """

    org: str
    year: int
    workforce: pd.DataFrame | None
    recruitment: pd.DataFrame | None = None
    disciplinary: pd.DataFrame | None = None
    training: pd.DataFrame | None = None
    staff_survey: pd.DataFrame | None = None
    board: pd.DataFrame | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

    def available(self, name: str) -> bool:
        """Whether the named file was supplied."""
        return getattr(self, name) is not None
