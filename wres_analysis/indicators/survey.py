"""Indicators 5-8: White and BME percentages from the staff survey breakdown."""

from __future__ import annotations

import pandas as pd

SURVEY_INDICATORS: tuple[int, ...] = (5, 6, 7, 8)


SurveyRow = tuple[int, str, float, int | None]  # indicator, group, percentage, respondents


def survey_rows(survey: pd.DataFrame | None) -> list[SurveyRow] | None:
    """The staff survey breakdown as plain rows (None when the file was not supplied)."""
    if survey is None:
        return None
    return [
        (int(indicator), str(group), float(percentage), None if pd.isna(r) else int(r))
        for indicator, group, percentage, r in zip(
            survey["indicator"].tolist(),
            survey["group"].tolist(),
            survey["percentage"].tolist(),
            survey["respondents"].tolist(),
            strict=True,
        )
    ]


def survey_indicator(
    survey: pd.DataFrame | None,
    number: int,
    required: bool,
    label: str | None,
    not_required_reason: str,
) -> dict:
    """One survey indicator: 'not required' years say so; absent data says so."""
    return survey_result(survey_rows(survey), number, required, label, not_required_reason)


def survey_result(
    rows: list[SurveyRow] | None,
    number: int,
    required: bool,
    label: str | None,
    not_required_reason: str,
) -> dict:
    """One survey indicator from the breakdown's rows (None: staff_survey.csv not supplied)."""
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
    if rows is None:
        out.update(
            {
                "available": False,
                "white_pct": None,
                "bme_pct": None,
                "note": "staff_survey.csv was not supplied",
            }
        )
        return out
    found = {group: (pct, n) for indicator, group, pct, n in rows if indicator == number}
    missing = []
    for key, group in (("white", "White"), ("bme", "BME")):
        if group in found:
            out[f"{key}_pct"], out[f"{key}_respondents"] = found[group]
        else:
            out[f"{key}_pct"] = None
            out[f"{key}_respondents"] = None
            missing.append(group)
    if missing:
        out["note"] = f"staff_survey.csv has no {' or '.join(missing)} row for indicator {number}"
    else:
        out["difference_pp"] = out["bme_pct"] - out["white_pct"]  # type: ignore[operator]
    return out
