"""COVID-19 tables: PHE reference figures, the workforce's ethnic mix, and risk assessments."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..format import fmt_count, fmt_decimal
from ..indicator_terms import GROUP_LABELS
from ..record_view import RISK_PATH, RecordView, risk_assessment_state
from .common import frame


def covid_diagnosis_table(rates: pd.DataFrame) -> pd.DataFrame:
    """PHE diagnosis rates per 100,000 by ethnic group and sex (covid.load_diagnosis_rates)."""
    return frame(
        [
            {
                "Ethnic group": str(row.ethnic_group),
                "Sex": str(row.sex),
                "Diagnosis rate per 100,000": fmt_count(row.value),
                "Period": str(row.period),
                "Note": str(row.caveats),
            }
            for row in rates.itertuples(index=False)
        ]
    )


def covid_mortality_table(risk: pd.DataFrame) -> pd.DataFrame:
    """PHE relative risk of death vs White British, as ranges (covid.load_mortality_risk)."""
    rows = []
    for row in risk.itertuples(index=False):
        low, high = float(row.relative_risk_low), float(row.relative_risk_high)
        rows.append(
            {
                "Ethnic group": str(row.ethnic_group),
                f"Risk of death compared with {row.comparator}": (
                    f"{fmt_decimal(low)} times"
                    if low == high
                    else f"{fmt_decimal(low)} to {fmt_decimal(high)} times"
                ),
                "Adjusted for": str(row.adjusted_for),
                "Note": str(row.caveats),
            }
        )
    return frame(rows)


def workforce_mix_table(record: dict[str, Any]) -> pd.DataFrame | None:
    """The organisation's own ethnic mix (indicator 1): all staff, clinical and non-clinical."""
    view = RecordView(record)
    base = ("indicators", 1)
    if not view.get(*base, "overall", "total"):
        return None
    blocks = [("Whole workforce", (*base, "overall"))] + [
        (f"{t.capitalize()} staff", (*base, "by_staff_type", t))
        for t in ("clinical", "non-clinical")
        if view.get(*base, "by_staff_type", t, "total")
    ]
    rows = []
    for label, path in blocks:
        row = {"Staff": label, "Headcount": view.count(*path, "total")}
        for key, group in GROUP_LABELS.items():
            row[group] = f"{view.pct(*path, f'{key}_pct')} ({view.count(*path, key)})"
        rows.append(row)
    return frame(rows)


def risk_assessment_table(record: dict[str, Any]) -> pd.DataFrame | None:
    """Share of staff with a COVID-19 risk assessment, by ethnic group (None without data)."""
    if risk_assessment_state(record) != "available":
        return None
    view = RecordView(record)
    rows = []
    for key, label in (*GROUP_LABELS.items(), ("all", "All staff")):
        if view.get(*RISK_PATH, key) is None:
            continue
        rows.append(
            {
                "Ethnic group": label,
                "Headcount": view.count(*RISK_PATH, key, "headcount"),
                "Risk-assessed": view.count(*RISK_PATH, key, "assessed"),
                "Share risk-assessed": view.pct(*RISK_PATH, key, "assessed_pct"),
            }
        )
    return frame(rows)
