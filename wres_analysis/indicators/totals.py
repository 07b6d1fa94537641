"""What the indicators need from one organisation-year: totals per group, not rows.

`YearTotals` holds, for each file supplied, the per-group totals the nine indicators are
computed from (None for a file not supplied). `totals_of_extracts` counts them from the
standard DataFrames (hand-built or loaded); `totals_of_validated` from the loader's arrays
without building DataFrames, which is what lets a run over every organisation go at the
speed of reading. Both give the same totals (tests/test_totals.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..inputs.bands import BANDS, STAFF_TYPES
from ..inputs.ethnicity import GROUPS
from ..inputs.extracts import Extracts
from ..inputs.loading import Validated
from ..inputs.standard import Standard
from .board import SUBSETS
from .common import group_sums
from .likelihood import GroupTotals
from .representation import Cells, cell_counts, cells_from_codes
from .survey import SurveyRow, survey_rows


@dataclass(frozen=True)
class YearTotals:
    """Per-group totals of one year's files (None: the file was not supplied)."""

    year: int
    cells: Cells | None  # workforce.csv: (staff type, band) -> (White, BME, Unknown)
    shortlisted: GroupTotals | None = None  # recruitment.csv
    appointed: GroupTotals | None = None
    entered: GroupTotals | None = None  # disciplinary.csv
    accessed: GroupTotals | None = None  # training.csv
    survey: list[SurveyRow] | None = None  # staff_survey.csv
    board: dict[str, GroupTotals] | None = None  # board.csv: members of each subset

    @property
    def headcount(self) -> GroupTotals | None:
        """Staff in post per group (bank-only staff excluded)."""
        if self.cells is None:
            return None
        return {g: sum(r[i] for r in self.cells.values()) for i, g in enumerate(GROUPS)}


def totals_of_extracts(extracts: Extracts | None) -> YearTotals | None:
    """The totals of standard DataFrames (None for None)."""
    if extracts is None:
        return None
    recruitment, board = extracts.recruitment, extracts.board
    return YearTotals(
        year=extracts.year,
        cells=None if extracts.workforce is None else cell_counts(extracts.workforce),
        shortlisted=None if recruitment is None else group_sums(recruitment, "shortlisted"),
        appointed=None if recruitment is None else group_sums(recruitment, "appointed"),
        entered=_sums(extracts.disciplinary, "entered"),
        accessed=_sums(extracts.training, "accessed"),
        survey=survey_rows(extracts.staff_survey),
        board=None
        if board is None
        else {s: group_sums(board if s == "all" else board[board[s]]) for s in SUBSETS},
    )


def _sums(frame, column: str) -> GroupTotals | None:  # type: ignore[no-untyped-def]
    return None if frame is None else group_sums(frame, column)


def totals_of_validated(validated: Validated) -> YearTotals:
    """The totals of the loader's validated arrays (no DataFrames built)."""
    files = validated.files
    workforce = files.get("workforce")
    return YearTotals(
        year=validated.year,
        cells=None if workforce is None else _cells(workforce),
        shortlisted=_group_totals(files.get("recruitment"), "shortlisted"),
        appointed=_group_totals(files.get("recruitment"), "appointed"),
        entered=_group_totals(files.get("disciplinary"), "entered"),
        accessed=_group_totals(files.get("training"), "accessed"),
        survey=_survey(files.get("staff_survey")),
        board=_board(files.get("board")),
    )


def _as_dict(totals: np.ndarray) -> GroupTotals:
    return {g: int(totals[i]) for i, g in enumerate(GROUPS)}


def _group_totals(standard: Standard | None, column: str) -> GroupTotals | None:
    return None if standard is None else _as_dict(standard.totals(column))


def _cells(workforce: Standard) -> Cells:
    columns = workforce.columns
    return cells_from_codes(
        columns["staff_type"],
        columns["pay_band"],
        columns["group"],
        types=list(STAFF_TYPES),
        bands=list(BANDS),
    )


def _survey(standard: Standard | None) -> list[SurveyRow] | None:
    if standard is None:
        return None
    c = standard.columns
    return [
        (int(i), str(g), float(p), None if r is None else int(r))
        for i, g, p, r in zip(
            c["indicator"].tolist(),
            c["group"],
            c["percentage"].tolist(),
            c["respondents"],
            strict=True,
        )
    ]


def _board(standard: Standard | None) -> dict[str, GroupTotals] | None:
    if standard is None:
        return None
    groups = standard.columns["group"]
    out = {}
    for subset in SUBSETS:
        chosen = groups if subset == "all" else groups[standard.columns[subset]]
        out[subset] = _as_dict(np.bincount(chosen, minlength=len(GROUPS)))
    return out
