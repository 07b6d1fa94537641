"""The overview's key-facts table: one headline figure per indicator."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..indicator_terms import INDICATOR_NAMES, LIKELIHOOD, LIKELIHOOD_INDICATORS, SURVEY_INDICATORS
from ..record_view import RecordView
from .common import frame


def key_facts_table(record: dict[str, Any]) -> pd.DataFrame:
    """The overview: one headline figure per indicator, with its assessment."""
    view = RecordView(record)
    rows = []
    base1 = ("indicators", 1, "overall")
    rows.append(
        {
            "Indicator": "1",
            "Measure": "BME share of the workforce (headcount)",
            "Figure": f"{view.pct(*base1, 'bme_pct')} "
            f"({view.count(*base1, 'bme')} of {view.count(*base1, 'total')})",
            "Assessment": "-",
        }
    )
    for n in LIKELIHOOD_INDICATORS:
        spec = LIKELIHOOD[n]
        missing = view.missing_text(n)
        rows.append(
            {
                "Indicator": str(n),
                "Measure": f"Relative likelihood of {INDICATOR_NAMES[n]} "
                f"({spec.top} vs {spec.other})",
                "Figure": missing or view.rl(n),
                "Assessment": "-" if missing else view.assessment(n),
            }
        )
    for n in SURVEY_INDICATORS:
        base = ("indicators", n)
        rows.append(
            {
                "Indicator": str(n),
                "Measure": f"Staff survey: {INDICATOR_NAMES[n]}",
                "Figure": view.missing_text(n)
                or f"White {view.pct(*base, 'white_pct')}, BME {view.pct(*base, 'bme_pct')}",
                "Assessment": "-",
            }
        )
    base9 = ("indicators", 9)
    missing9 = view.missing_text(9)
    voting, workforce = view.pct(*base9, "voting", "bme_pct"), view.pct(*base9, "workforce_bme_pct")
    rows.append(
        {
            "Indicator": "9",
            "Measure": "BME share of the board's voting membership vs the workforce",
            "Figure": missing9 or f"{voting} vs {workforce}",
            "Assessment": "-" if missing9 else view.pp(*base9, "voting", "difference_pp"),
        }
    )
    return frame(rows)
