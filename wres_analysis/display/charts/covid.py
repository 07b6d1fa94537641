"""COVID-19 charts: PHE diagnosis rates, the workforce's ethnic mix, and risk assessments."""

from __future__ import annotations

from typing import Any

from ..format import fmt_decimal
from ..indicator_terms import GROUP_LABELS
from ..record_view import RISK_PATH, RecordView, risk_assessment_state
from .base import GROUP_STYLE, Chart, join_parts, new_axes, responsive, row_labels
from .workforce import mix_bars


@responsive
def covid_chart(rates: Any) -> Chart | None:
    """PHE diagnosis rates per 100,000 by ethnic group and sex (covid.load_diagnosis_rates)."""
    if rates is None or not len(rates):
        return None
    rows = list(rates.itertuples(index=False))
    top = max(float(r.value) for r in rows)
    with new_axes(1.4 + 0.45 * len(rows)) as (fig, ax):
        alt_parts, labels = [], []
        for y, row in enumerate(rows):
            white = str(row.ethnic_group).strip().lower().startswith("white")
            style = GROUP_STYLE["white" if white else "bme"]
            ax.barh(y, float(row.value), height=0.6, **style)
            value = fmt_decimal(float(row.value), 0, grouped=True)
            ax.text(float(row.value) + top * 0.01, y, value, va="center")
            labels.append(f"{row.ethnic_group}, {str(row.sex).lower()}")
            alt_parts.append(f"{labels[-1]} {value}")
        row_labels(ax, labels)
        ax.set_xlim(0, top * 1.2)
        ax.set_xlabel("Age-standardised diagnosis rate per 100,000")
    alt = (
        "Bar chart of COVID-19 diagnosis rates per 100,000 population (Public Health England, "
        f"{rows[0].period}): " + join_parts(alt_parts) + "."
    )
    return Chart(fig, alt, "COVID-19 diagnosis rates by ethnic group and sex")


@responsive
def workforce_mix_chart(record: dict[str, Any]) -> Chart | None:
    """The organisation's own ethnic mix: the whole workforce, clinical and non-clinical staff."""
    view = RecordView(record, trace=False)
    base = ("indicators", 1)
    if not view.get(*base, "overall", "total"):
        return None
    rows = [("Whole workforce", (*base, "overall"))] + [
        (f"{t.capitalize()} staff", (*base, "by_staff_type", t))
        for t in ("clinical", "non-clinical")
        if view.get(*base, "by_staff_type", t, "total")
    ]
    with new_axes(1.6 + 0.45 * len(rows)) as (fig, ax):
        alt_parts = mix_bars(ax, view, rows)
    alt = (
        "Stacked bar chart of this organisation's workforce by ethnic group (White plain, BME "
        "hatched, Unknown dotted), to set against the COVID-19 reference figures. BME share: "
        + join_parts(alt_parts)
        + "."
    )
    return Chart(fig, alt, "This organisation's workforce by ethnic group")


@responsive
def risk_assessment_chart(record: dict[str, Any]) -> Chart | None:
    """Share of staff with a COVID-19 risk assessment, by ethnic group."""
    if risk_assessment_state(record) != "available":
        return None
    view = RecordView(record, trace=False)
    path = RISK_PATH
    keys = [k for k in ("white", "bme", "unknown") if view.get(*path, k) is not None]
    with new_axes(1.4 + 0.55 * len(keys)) as (fig, ax):
        alt_parts = []
        for y, key in enumerate(keys):
            value = view.get(*path, key, "assessed_pct")
            text = view.pct(*path, key, "assessed_pct")
            of = view.count(*path, key, "headcount")
            if value is not None:
                ax.barh(y, value, height=0.6, **GROUP_STYLE[key])
            ax.text((value or 0) + 1, y, f"{text} of {of}", va="center")
            alt_parts.append(f"{GROUP_LABELS[key]} staff {text} of {of}")
        row_labels(ax, [f"{GROUP_LABELS[k]} staff" for k in keys])
        ax.set_xlim(0, 118)
        ax.set_xticks([0, 25, 50, 75, 100])
        ax.set_xlabel("Staff with a COVID-19 risk assessment (%)")
    alt = "Bar chart of the share of staff with a COVID-19 risk assessment: " + join_parts(
        alt_parts
    )
    return Chart(fig, alt + ".", "Staff with a COVID-19 risk assessment, by ethnic group")
