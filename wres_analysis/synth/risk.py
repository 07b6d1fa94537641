"""Synthetic COVID-19 risk assessments (data contract v1.1, optional risk_assessments.csv).

One row per member of staff in post, with their ethnic category as the workforce file
gives it and whether a risk assessment was completed. In 2020 NHS England asked
employers to risk-assess BME staff first, so BME completion runs higher than White.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd

from ..inputs.ethnicity import to_groups

# (White, BME, Unknown) completion probabilities by reporting year.
COMPLETION: dict[int, tuple[float, float, float]] = {
    2020: (0.78, 0.91, 0.62),
    2021: (0.88, 0.95, 0.74),
}
# Organisations that supply the optional file (the small CCG does not: its section says so).
SUPPLIERS: frozenset[str] = frozenset({"EXCCG", "EXHOSP", "EXMHCT"})


def risk_generator(seed: int, org: str, year: int) -> np.random.Generator:
    """A generator of its own, so adding this file leaves every other file's bytes unchanged."""
    digest = hashlib.sha256(f"wres-synth-risk|{seed}|{org}|{year}".encode()).digest()
    return np.random.default_rng(int.from_bytes(digest[:16], "big"))


def risk_assessments(workforce: pd.DataFrame, year: int, rng: np.random.Generator) -> pd.DataFrame:
    """Whether each member of staff in post (bank-only excluded) was risk-assessed."""
    in_post = workforce[workforce["bank"].astype(str).str.lower() != "true"]
    groups, _ = to_groups(in_post["ethnic_category"])
    white, bme, unknown = COMPLETION[year]
    chance = groups.map({"White": white, "BME": bme, "Unknown": unknown}).to_numpy(float)
    assessed = rng.random(len(in_post)) < chance
    return pd.DataFrame(
        {
            "ethnic_category": in_post["ethnic_category"].to_numpy(),
            "assessed": np.where(assessed, "true", "false"),
        }
    )
