"""Small shared arithmetic: group counts, shares, rates and relative likelihoods.

Every function returns plain Python numbers (never numpy scalars) so that records
serialise identically everywhere, and `None` plus a reason where a figure cannot be
computed (never 0, inf or NaN).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..inputs.ethnicity import BME, GROUPS, UNKNOWN, WHITE


def group_codes(frame: pd.DataFrame) -> np.ndarray | None:
    """Codes 0, 1, 2 (White, BME, Unknown) of the group column when it is categorical in
    that order (as loaded), so groups can be counted without grouping; otherwise None."""
    groups = frame["group"]
    if isinstance(groups.dtype, pd.CategoricalDtype) and tuple(groups.cat.categories) == GROUPS:
        return groups.cat.codes.to_numpy()
    return None


def group_sums(frame: pd.DataFrame | None, column: str | None = None) -> dict[str, float]:
    """Per-group totals of a count column (or row counts when column is None)."""
    if frame is None or frame.empty:
        return {g: 0 for g in GROUPS}
    codes = group_codes(frame)
    if codes is not None and (column is None or frame[column].dtype.kind in "iub"):
        weights = None if column is None else frame[column].to_numpy(dtype="int64")
        totals = np.bincount(codes, weights=weights, minlength=len(GROUPS))
        return {g: _plain(totals[i]) for i, g in enumerate(GROUPS)}
    if column is None:
        counts = frame["group"].value_counts()
    else:
        counts = frame.groupby("group", observed=True)[column].sum()
    return {g: _plain(counts.get(g, 0)) for g in GROUPS}


def _plain(value: object) -> int | float:
    number = float(value)  # type: ignore[arg-type]
    return int(number) if number.is_integer() else number


def shares(white: int, bme: int, unknown: int) -> dict[str, object]:
    """Counts with each group's share of the whole headcount (unknown stays in)."""
    total = white + bme + unknown
    out: dict[str, object] = {"white": white, "bme": bme, "unknown": unknown, "total": total}
    for key, count in (("white", white), ("bme", bme), ("unknown", unknown)):
        out[f"{key}_pct"] = count / total * 100 if total else None
    if not total:
        out["note"] = "no staff recorded, so shares cannot be computed"
    return out


def rate(count: float, denominator: float) -> float | None:
    """count / denominator as a fraction, or None when the denominator is zero."""
    return count / denominator if denominator else None


def relative_likelihood(
    numerator_rate: float | None,
    denominator_rate: float | None,
    numerator_label: str,
    denominator_label: str,
) -> tuple[float | None, str | None]:
    """Ratio of two group rates, with the reason when it cannot be computed."""
    if numerator_rate is None or denominator_rate is None:
        missing = [
            label
            for label, r in (
                (numerator_label, numerator_rate),
                (denominator_label, denominator_rate),
            )
            if r is None
        ]
        return None, (
            f"cannot be computed: there is no {' or '.join(missing)} denominator "
            "(zero people in the group)"
        )
    if denominator_rate == 0:
        return None, (
            f"cannot be computed: the {denominator_label} rate is zero, so there is nothing to "
            "compare against"
        )
    return numerator_rate / denominator_rate, None


def band_flag(value: float | None, band: tuple[float, float]) -> dict[str, object]:
    """Whether a relative likelihood lies outside NHS England's non-adverse band."""
    low, high = band
    outside = None if value is None else bool(value < low or value > high)
    return {"band": [low, high], "outside_band": outside}


__all__ = [
    "BME",
    "UNKNOWN",
    "WHITE",
    "band_flag",
    "group_sums",
    "rate",
    "relative_likelihood",
    "shares",
]
