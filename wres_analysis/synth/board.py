"""A synthetic board.csv: the board (governing body) register at 31 March (indicator 9).

Roles come from the profile exactly; which members are BME or of unknown ethnicity, and
their categories, are drawn. Members are pseudonymised M01, M02, ... in register order
(non-executive voting members, chair first, then executives).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .ethnicity import render, sample_codes
from .profiles import OrgProfile
from .workforce import group_mixes

BOARD_COLUMNS: tuple[str, ...] = ("member_id", "ethnic_category", "voting", "executive")


def _flags(values: np.ndarray) -> np.ndarray:
    return np.where(values, "true", "false")


def board(profile: OrgProfile, year: int, rng: np.random.Generator) -> pd.DataFrame:
    """One row per member: pseudonym, ethnic category, voting and executive flags."""
    spec = profile.board_for(year)
    executive = np.array(
        [False] * spec.nonexec_voting
        + [True] * spec.executive
        + [False] * (spec.non_executive - spec.nonexec_voting)
    )
    voting = np.array(
        [True] * spec.nonexec_voting
        + [True] * spec.exec_voting
        + [False] * (spec.executive - spec.exec_voting)
        + [False] * (spec.non_executive - spec.nonexec_voting)
    )
    group = np.zeros(executive.size, dtype=np.int64)  # White unless drawn otherwise
    for is_exec, bme in ((True, spec.bme_exec), (False, spec.bme_nonexec)):
        seats = np.flatnonzero((executive == is_exec) & voting)  # BME members hold votes
        group[rng.choice(seats, size=bme, replace=False)] = 1
    white_seats = np.flatnonzero(group == 0)
    group[rng.choice(white_seats, size=spec.unknown, replace=False)] = 2

    codes = np.empty(group.size, dtype=np.int64)
    for g, mix in enumerate(group_mixes(profile)):
        mask = group == g
        codes[mask] = sample_codes(rng, int(mask.sum()), mix)
    width = max(2, len(str(group.size)))
    return pd.DataFrame(
        {
            "member_id": [f"M{i:0{width}d}" for i in range(1, group.size + 1)],
            "ethnic_category": render(rng, codes, profile.esr_share, per_row=False),
            "voting": _flags(voting),
            "executive": _flags(executive),
        },
        columns=list(BOARD_COLUMNS),
    )
