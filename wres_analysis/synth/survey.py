"""A synthetic staff_survey.csv: the WRES breakdown of the NHS Staff Survey (indicators 5-8).

Percentages follow the profile's 2019 level and yearly drift with seeded noise, and are
built from whole respondents (k of n) so small groups show the coarse percentages real
small organisations publish.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .profiles import OrgProfile
from .workforce import Staffing

SURVEY_INDICATORS: tuple[int, ...] = (5, 6, 7, 8)
SURVEY_COLUMNS: tuple[str, ...] = ("indicator", "group", "percentage", "respondents")


def staff_survey(
    profile: OrgProfile, year: int, staffing: Staffing, rng: np.random.Generator
) -> pd.DataFrame:
    """Eight rows: White and BME for indicators 5-8, with percentage and respondents."""
    spec = profile.survey
    white, bme = (int(x) for x in staffing.group_counts[:2])
    respondents = [
        max(1, round(n * spec.response_rate * np.exp(rng.normal(0, 0.05)))) for n in (white, bme)
    ]
    rows = []
    for indicator in SURVEY_INDICATORS:
        for column, (label, responded, noise) in enumerate(
            (("White", respondents[0], 0.7), ("BME", respondents[1], 1.2))
        ):
            level = spec.base[indicator][column] + spec.drift[indicator][column] * (year - 2019)
            level = float(np.clip(level + rng.normal(0, noise), 0.5, 99.5))
            agreeing = round(responded * level / 100)
            rows.append((indicator, label, f"{100 * agreeing / responded:.1f}", responded))
    return pd.DataFrame(rows, columns=list(SURVEY_COLUMNS))
