"""Narrative for the COVID-19 section: PHE reference figures set against the workforce, and
staff risk assessments."""

from __future__ import annotations

from typing import Any

from ..format import HIDDEN, fmt_decimal, fmt_pct, pp_relation
from ..record_view import RISK_PATH, RecordView, risk_assessment_state
from .common import BME_VS_WHITE, cap, sentence, share_parts, share_text


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


def _diagnosis_ratio(diagnosis: Any) -> str:
    """ "up to 2.9 times the White groups' (649 against 224 per 100,000, males)", or ""."""
    if diagnosis is None or not len(diagnosis):
        return ""
    best: tuple[float, Any, Any] | None = None
    for _, rows in diagnosis.groupby("sex", sort=False):
        white = rows[rows["ethnic_group"].str.strip().str.lower().str.startswith("white")]
        other = rows.drop(white.index)
        if white.empty or other.empty:
            continue
        top, base = other.loc[other["value"].idxmax()], white.iloc[0]
        ratio = float(top["value"]) / float(base["value"])
        if best is None or ratio > best[0]:
            best = (ratio, top, base)
    if best is None:
        return ""
    ratio, top, base = best
    return (
        f" In the review, the diagnosis rate in {top['ethnic_group']} groups was up to "
        f"{fmt_decimal(ratio, 1)} times that in White groups "
        f"({fmt_decimal(top['value'], 0, grouped=True)} against "
        f"{fmt_decimal(base['value'], 0, grouped=True)} per 100,000, {str(top['sex']).lower()}s)."
    )


def workforce_at_risk(record: dict[str, Any], diagnosis: Any = None) -> list[str]:
    """The reference figures set against the organisation's own workforce ethnicity mix."""
    view = RecordView(record)
    base = ("indicators", 1)
    overall, _ = share_parts(view, (*base, "overall"), "bme")
    if not overall:
        return [
            f"The share of BME staff in this workforce is {HIDDEN}, so the reference figures "
            "cannot be set against it here."
        ]
    text = (
        "BME staff — the groups the review found at higher risk — are "
        f"{overall} of this workforce ({view.count(*base, 'overall', 'bme')} people)"
    )
    clinical, _ = share_parts(view, (*base, "by_staff_type", "clinical"), "bme")
    if clinical:
        text += f" and {clinical} of clinical staff, who had the most contact with patients"
    non_clinical, _ = share_parts(view, (*base, "by_staff_type", "non-clinical"), "bme")
    if non_clinical:
        text += f"; among non-clinical staff the share is {non_clinical}"
    hidden = [
        staff_type
        for staff_type, share in (("clinical", clinical), ("non-clinical", non_clinical))
        if not share and view.get(*base, "by_staff_type", staff_type, "total")
    ]
    if hidden:
        text += f". The BME share of {' and '.join(hidden)} staff is {HIDDEN}"
    return [text + "." + _diagnosis_ratio(diagnosis)]


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
