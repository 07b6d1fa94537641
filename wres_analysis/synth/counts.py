"""Integer counts for synthetic data: exact totals split over cells, and ratio-fitted pairs.

The generator fixes each organisation's headline totals (headcount, BME, Unknown) exactly
and lets randomness shape only how they spread over bands and categories, so that the
shipped example keeps its published-looking figures for any seed.
"""

from __future__ import annotations

import math

import numpy as np


def allocate(
    total: int,
    weights: np.ndarray,
    caps: np.ndarray | None = None,
) -> np.ndarray:
    """Split `total` into integers proportional to `weights` (largest remainder), within caps.

    Cells at their cap keep it and the rest is shared among the others; raises if the caps
    cannot hold the total. Works on a handful of cells, never on staff rows.
    """
    weights = np.asarray(weights, dtype=float)
    caps = np.full(weights.size, total) if caps is None else np.asarray(caps, dtype=np.int64)
    if total > caps.sum():
        raise ValueError(f"cannot place {total} in cells holding at most {caps.sum()}")
    counts = np.zeros(weights.size, dtype=np.int64)
    free = (caps > 0) & (weights > 0)
    if not free.any() and total > 0:
        free = caps > 0
        weights = np.ones(weights.size)
    remaining = total
    while remaining > 0:
        share = np.where(free, weights, 0.0)
        quota = remaining * share / share.sum()
        extra = np.floor(quota).astype(np.int64)
        leftover = remaining - extra.sum()
        order = np.argsort(-(quota - extra), kind="stable")
        extra[order[:leftover]] += 1
        counts += extra
        over = np.maximum(counts - caps, 0)
        counts -= over
        remaining = int(over.sum())
        free &= counts < caps
        if remaining > 0 and not free.any():
            free = counts < caps
            weights = np.ones(weights.size)
    return counts


def jittered(rng: np.random.Generator, weights: np.ndarray, sigma: float) -> np.ndarray:
    """Weights times a log-normal factor: texture that varies by seed, year and org."""
    return np.asarray(weights, dtype=float) * np.exp(rng.normal(0.0, sigma, size=len(weights)))


def fit_ratio(
    ref_denominator: int,
    cmp_denominator: int,
    ref_rate: float,
    target: float,
    ref_over_cmp: bool,
) -> tuple[int, int]:
    """Counts (reference, comparison) whose rate ratio is as close to `target` as integers allow.

    The reference group (White) gets about ``ref_rate`` of its denominator; the comparison
    group's count is then chosen so that ref_rate / cmp_rate (``ref_over_cmp``) or
    cmp_rate / ref_rate equals `target` as nearly as possible. Searching a few reference
    counts around the natural one keeps small groups close to the target too.
    """
    if ref_denominator <= 0 or cmp_denominator <= 0:
        return round(ref_denominator * ref_rate), 0
    natural = round(ref_denominator * ref_rate)
    best: tuple[float, int, int, int] | None = None
    for ref in range(max(1, natural - 2), min(ref_denominator, natural + 2) + 1):
        rate = ref / ref_denominator
        ideal = cmp_denominator * (rate / target if ref_over_cmp else rate * target)
        for cmp in {math.floor(ideal), math.ceil(ideal)}:
            cmp = min(max(cmp, 1), cmp_denominator)
            cmp_rate = cmp / cmp_denominator
            ratio = rate / cmp_rate if ref_over_cmp else cmp_rate / rate
            key = (abs(ratio - target), abs(ref - natural), ref, cmp)
            if best is None or key < best:
                best = key
    assert best is not None
    return best[2], best[3]
