"""Narrative for the COVID-19 section: PHE reference figures and staff risk assessments."""

from __future__ import annotations

from typing import Any

from ..format import HIDDEN, fmt_decimal, fmt_pct, pp_relation
from ..record_view import RISK_PATH, RecordView, risk_assessment_state
from .common import BME_VS_WHITE, cap, sentence, share_text


def covid(diagnosis: Any, mortality: Any) -> list[str]:
    """The PHE reference figures in words, from covid.load_diagnosis_rates / load_mortality_risk."""
    paragraphs = []
    if diagnosis is not None and len(diagnosis):
        groups = []
        for group, rows in diagnosis.groupby("ethnic_group", sort=False):
            values = ", ".join(
                f"{fmt_decimal(row.value, 0, grouped=True)} in {str(row.sex).lower()}s"
                for row in rows.itertuples()
            )
            groups.append(f"{group} ethnic groups ({values})")
        first = diagnosis.iloc[0]
        paragraphs.append(
            f"Public Health England's review found age-standardised COVID-19 diagnosis rates "
            f"per 100,000 population ({first['period']}) of " + " and ".join(groups) + "."
        )
    if mortality is not None and len(mortality):
        ranges: dict[tuple[float, float], list[str]] = {}
        for row in mortality.itertuples():
            key = (float(row.relative_risk_low), float(row.relative_risk_high))
            ranges.setdefault(key, []).append(str(row.ethnic_group))
        parts = []
        for (low, high), names in ranges.items():
            if low == high:
                parts.append(f"{', '.join(names)}: around {fmt_decimal(low)} times the risk")
            else:
                parts.append(
                    f"{', '.join(names)}: between {fmt_pct((low - 1) * 100, places=0)} and "
                    f"{fmt_pct((high - 1) * 100, places=0)} higher"
                )
        first = mortality.iloc[0]
        paragraphs.append(
            f"Among confirmed cases, after accounting for {first['adjusted_for']}, the risk of "
            f"death compared with {first['comparator']} people was: " + "; ".join(parts) + "."
        )
    if not paragraphs:
        paragraphs.append("No COVID-19 reference figures are available.")
    return paragraphs


def risk_assessments(record: dict[str, Any]) -> list[str]:
    """Staff COVID-19 risk assessments by group, from the record's "covid" block."""
    view = RecordView(record)
    path = RISK_PATH
    if risk_assessment_state(record) != "available":
        note = (view.get(*path) or {}).get("note") or "no risk-assessment data was supplied"
        return [f"**Not available for {record.get('year')}.** " + sentence(cap(note))]
    bme = share_text(view, (*path, "bme"), "assessed", "headcount")
    white = share_text(view, (*path, "white"), "assessed", "headcount")
    if bme and white:
        text = f"{bme} of BME staff had a COVID-19 risk assessment, against {white} of White staff."
        diff = view.get(*path, "bme_minus_white_pp")
        if diff is not None:
            text += f" The share is {pp_relation(diff, *BME_VS_WHITE)}."
    else:
        text = " ".join(
            f"{share} of {label} staff had a COVID-19 risk assessment."
            if share
            else f"The share of {label} staff with a risk assessment is {HIDDEN}."
            for share, label in ((bme, "BME"), (white, "White"))
        )
    overall = share_text(view, (*path, "all"), "assessed", "headcount")
    if overall:
        text += f" Across all staff, {overall} were risk-assessed."
    return [text]
