"""Indicator 9: board BME share minus workforce BME share, in percentage points."""

from __future__ import annotations

import pandas as pd

from .common import group_sums

SUBSETS: tuple[str, ...] = ("voting", "executive", "all")
_SUBSET_WORD = {"voting": "voting ", "executive": "executive ", "all": ""}


def indicator_9(board: pd.DataFrame, workforce_bme_pct: float | None) -> dict:
    """Voting, executive and all members; negative difference = BME under-represented."""
    members = {
        subset: group_sums(board if subset == "all" else board[board[subset]]) for subset in SUBSETS
    }
    return board_9(members, workforce_bme_pct)


def board_9(members: dict[str, dict[str, float]], workforce_bme_pct: float | None) -> dict:
    """Indicator 9 from the members of each subset (voting, executive, all) per group."""
    out: dict[str, object] = {"workforce_bme_pct": workforce_bme_pct}
    for subset in SUBSETS:
        sums = members[subset]
        total = sums["White"] + sums["BME"] + sums["Unknown"]
        block: dict[str, object] = {
            "members": total,
            "bme": sums["BME"],
            "white": sums["White"],
            "unknown": sums["Unknown"],
        }
        if total == 0:
            block.update(
                {
                    "bme_pct": None,
                    "difference_pp": None,
                    "note": f"no {_SUBSET_WORD[subset]}board members recorded",
                }
            )
        else:
            block["bme_pct"] = sums["BME"] / total * 100
            block["difference_pp"] = (
                None if workforce_bme_pct is None else block["bme_pct"] - workforce_bme_pct
            )
        out[subset] = block
    return out
