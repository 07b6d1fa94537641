"""Indicators 5-8: White and BME percentages from the staff survey breakdown."""

from __future__ import annotations

import pandas as pd

SURVEY_INDICATORS: tuple[int, ...] = (5, 6, 7, 8)


def survey_indicator(
    survey: pd.DataFrame | None,
    number: int,
    required: bool,
    label: str | None,
    not_required_reason: str,
) -> dict:
    """One survey indicator: 'not required' years say so; absent data says so."""
    out: dict[str, object] = {"required": required, "label": label}
    if not required:
        out.update(
            {
                "white_pct": None,
                "bme_pct": None,
                "note": not_required_reason or "not required for this reporting year",
            }
        )
        return out
    if survey is None:
        out.update(
            {
                "available": False,
                "white_pct": None,
                "bme_pct": None,
                "note": "staff_survey.csv was not supplied",
            }
        )
        return out
    rows = survey[survey["indicator"] == number].set_index("group")
    missing = []
    for key, group in (("white", "White"), ("bme", "BME")):
        if group in rows.index:
            out[f"{key}_pct"] = float(rows.at[group, "percentage"])
            respondents = rows.at[group, "respondents"]
            out[f"{key}_respondents"] = None if pd.isna(respondents) else int(respondents)
        else:
            out[f"{key}_pct"] = None
            out[f"{key}_respondents"] = None
            missing.append(group)
    if missing:
        out["note"] = f"staff_survey.csv has no {' or '.join(missing)} row for indicator {number}"
    else:
        out["difference_pp"] = out["bme_pct"] - out["white_pct"]  # type: ignore[operator]
    return out
