"""Synthetic flow extracts: recruitment (indicator 2), disciplinary (3) and training (4).

Counts per group are fitted to the profile's relative likelihood for the year (with a
little seeded noise), then split over ethnic categories. Recruitment comes in both valid
layouts: one row per applicant (CCG-style export) or one row per category with counts
(trust-style report). Small organisations get small, noisy disciplinary counts (0-3), as
real CCGs do; their relative likelihood then means little, which is the point of
disclosure control.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .counts import fit_ratio
from .ethnicity import render, sample_codes
from .profiles import OrgProfile
from .workforce import Staffing, group_mixes

WHITE, BME, UNKNOWN = 0, 1, 2
SMALL_EXPECTED_ENTRIES = 10  # below this many White entries a year, counts are drawn, not fitted
MAX_SMALL_ENTRIES = 3


def _target(rng: np.random.Generator, value: float, sigma: float = 0.02) -> float:
    """A year's target ratio with seeded noise, so seeds differ a little."""
    return float(value * np.exp(rng.normal(0.0, sigma)))


def _by_category(
    staffing: Staffing, per_group: tuple[int, int, int], rng: np.random.Generator
) -> np.ndarray:
    """Split each group's count over its categories in proportion to headcount (no overdraw)."""
    total = np.zeros(staffing.code_counts.size, dtype=np.int64)
    for group, count in enumerate(per_group):
        colours = staffing.in_group(group).astype(np.int64)
        if count > 0:
            total += rng.multivariate_hypergeometric(colours, count)
    return total


def _category_frame(
    profile: OrgProfile,
    staffing: Staffing,
    counts: np.ndarray,
    column: str,
    rng: np.random.Generator,
) -> pd.DataFrame:
    """One row per category present in the workforce (zeros included), in code order."""
    present = np.flatnonzero(staffing.code_counts)
    return pd.DataFrame(
        {
            "ethnic_category": render(rng, present, profile.esr_share, per_row=False),
            column: counts[present],
        }
    )


def recruitment(
    profile: OrgProfile, year: int, staffing: Staffing, rng: np.random.Generator
) -> pd.DataFrame:
    """recruitment.csv: shortlisted and appointed, per applicant or per category."""
    headcount = staffing.group_counts
    total_staff = int(headcount.sum())
    bme_share = headcount[BME] / max(total_staff, 1)
    shortlisted = round(total_staff * profile.shortlisted_per_head * np.exp(rng.normal(0, 0.05)))
    s_bme = round(shortlisted * min(0.6, bme_share * profile.bme_shortlist_factor))
    s_unknown = round(shortlisted * profile.unknown_shortlist_share)
    s_white = shortlisted - s_bme - s_unknown
    rate = profile.appoint_rate * np.exp(rng.normal(0, 0.05))
    a_white, a_bme = fit_ratio(s_white, s_bme, rate, _target(rng, profile.rl2.at(year)), True)
    a_unknown = int(rng.binomial(s_unknown, profile.appoint_rate))
    sizes = (s_white, s_bme, s_unknown)
    appointed = (a_white, a_bme, a_unknown)
    mixes = group_mixes(profile)

    if profile.recruitment_per_applicant:
        codes = np.concatenate(
            [sample_codes(rng, n, mix) for n, mix in zip(sizes, mixes, strict=True)]
        )
        hired = np.concatenate(
            [np.arange(n) < a for n, a in zip(sizes, appointed, strict=True)]
        ).astype(np.int64)
        order = rng.permutation(codes.size)
        return pd.DataFrame(
            {
                "ethnic_category": render(rng, codes[order], profile.esr_share),
                "shortlisted": np.ones(codes.size, dtype=np.int64),
                "appointed": hired[order],
            }
        )

    short_by_code = np.zeros(len(mixes[0]), dtype=np.int64)
    hired_by_code = np.zeros_like(short_by_code)
    for n, a, mix in zip(sizes, appointed, mixes, strict=True):
        split = rng.multinomial(n, mix)
        short_by_code += split
        if a > 0:
            hired_by_code += rng.multivariate_hypergeometric(split, a)
    present = np.flatnonzero(short_by_code)
    return pd.DataFrame(
        {
            "ethnic_category": render(rng, present, profile.esr_share, per_row=False),
            "shortlisted": short_by_code[present],
            "appointed": hired_by_code[present],
        }
    )


def disciplinary(
    profile: OrgProfile, year: int, staffing: Staffing, rng: np.random.Generator
) -> pd.DataFrame:
    """disciplinary.csv: staff entering a formal investigation, per category."""
    n_white, n_bme, n_unknown = (int(x) for x in staffing.group_counts)
    rate = profile.disciplinary_rate * np.exp(rng.normal(0, 0.1))
    target = _target(rng, profile.rl3.at(year), 0.03)
    if n_white * rate < SMALL_EXPECTED_ENTRIES:
        drawn = (
            int(rng.binomial(n_bme, min(1.0, rate * target))),
            int(rng.binomial(n_unknown, rate)),
            min(n_white, int(rng.poisson(n_white * rate))),
        )
        budget = MAX_SMALL_ENTRIES  # at most 3 a year; White cases give way first
        kept = []
        for count in drawn:
            kept.append(min(count, budget))
            budget -= kept[-1]
        e_bme, e_unknown, e_white = kept
    else:
        e_white, e_bme = fit_ratio(n_white, n_bme, rate, target, False)
        e_unknown = int(rng.binomial(n_unknown, rate))
    counts = _by_category(staffing, (e_white, e_bme, e_unknown), rng)
    return _category_frame(profile, staffing, counts, "entered", rng)


def training(
    profile: OrgProfile, year: int, staffing: Staffing, rng: np.random.Generator
) -> pd.DataFrame:
    """training.csv: staff accessing non-mandatory training and CPD, per category."""
    n_white, n_bme, n_unknown = (int(x) for x in staffing.group_counts)
    rate = profile.training_rate * np.exp(rng.normal(0, 0.05))
    a_white, a_bme = fit_ratio(n_white, n_bme, rate, _target(rng, profile.rl4.at(year)), True)
    a_unknown = int(rng.binomial(n_unknown, min(1.0, rate * 0.85)))
    counts = _by_category(staffing, (a_white, a_bme, a_unknown), rng)
    return _category_frame(profile, staffing, counts, "accessed", rng)
