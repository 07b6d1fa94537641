"""A hand-made figures record shaped like the model report's CCG in 2020.

Workforce 940, of whom 32 BME: 3.404...% (the model report's 3.4%). Band 8b and above
holds 224 people, 4 of them BME; the governing body has 25 members, none BME; together
249 people with 4 BME (1.6%, which the model report prints as "0.016%").
"""

from __future__ import annotations

import copy
from typing import Any

from tests.record_fixture import shares

# (staff type, band, white, bme, unknown)
BANDS: list[tuple[str, str, int, int, int]] = [
    ("clinical", "Band 5", 80, 10, 4),
    ("clinical", "Band 8a", 40, 2, 2),
    ("clinical", "Band 8b", 30, 1, 1),
    ("non-clinical", "Band 4", 514, 15, 9),
    ("non-clinical", "Band 8a", 38, 1, 1),
    ("non-clinical", "Band 8b", 66, 1, 2),
    ("non-clinical", "Band 8c", 57, 1, 2),
    ("non-clinical", "Band 8d", 40, 1, 1),
    ("non-clinical", "Band 9", 12, 0, 1),
    ("non-clinical", "VSM", 8, 0, 0),
]
WORKFORCE_BME = 32
WORKFORCE_TOTAL = 940


def _board_block(members: int, bme: int, workforce_pct: float) -> dict[str, Any]:
    return {
        "members": members,
        "bme": bme,
        "white": members - bme,
        "unknown": 0,
        "bme_pct": bme / members * 100,
        "difference_pp": bme / members * 100 - workforce_pct,
    }


def model_record(year: int = 2020) -> dict[str, Any]:
    """The model organisation's record (indicators 5-8 not required, as in 2020)."""
    white = sum(b[2] for b in BANDS)
    bme = sum(b[3] for b in BANDS)
    unknown = sum(b[4] for b in BANDS)
    assert (bme, white + bme + unknown) == (WORKFORCE_BME, WORKFORCE_TOTAL)
    overall = shares(white, bme, unknown)
    wf = overall["bme_pct"]
    survey = {
        str(n): {
            "required": False,
            "white_pct": None,
            "bme_pct": None,
            "note": "Not required in 2020 because of COVID-19.",
        }
        for n in (5, 6, 7, 8)
    }
    return {
        "contract": 1,
        "org": "EXCCG",
        "year": year,
        "indicators": {
            "1": {
                "overall": overall,
                "bands": [
                    {"staff_type": t, "band": b, **shares(w, m, u)} for t, b, w, m, u in BANDS
                ],
            },
            "2": {"relative_likelihood": 1.61},
            "3": {"relative_likelihood": None, "note": "the White rate is zero"},
            "4": {"relative_likelihood": 1.10},
            **survey,
            "9": {
                "workforce_bme_pct": wf,
                "voting": _board_block(15, 0, wf),
                "executive": _board_block(8, 0, wf),
                "all": _board_block(25, 0, wf),
            },
        },
        "settings": {"non_adverse_band": [0.8, 1.25], "report_date": f"{year}-10-31"},
    }


def with_values(record: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """A copy with dotted paths set, e.g. {"indicators.2.relative_likelihood": 1.0}."""
    out = copy.deepcopy(record)
    for path, value in changes.items():
        *head, last = path.split(".")
        node = out
        for key in head:
            node = node[int(key)] if isinstance(node, list) else node[key]
        node[last] = value
    return out
