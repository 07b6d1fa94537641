"""The workbook's tables, built from the figures record: one per report table, numbers as numbers.

Each builder returns a `Sheet`: the tab name, the table's title, the notes it refers to and a
data frame whose cells are the record's unrounded numbers or a symbol (`cells`). Column
headers say what is counted and in which unit; no record or params key is shown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..display.indicator_terms import (
    BOARD_MEMBERSHIPS,
    GROUP_LABELS,
    INDICATOR_NAMES,
    LIKELIHOOD,
    LIKELIHOOD_INDICATORS,
    SURVEY_INDICATORS,
)
from ..display.record_view import RISK_PATH, target_hidden
from ..figures.targets import group_counts
from ..figures.trends import MEASURES, Measure
from .cells import (
    CONFIDENTIAL,
    NOT_APPLICABLE,
    NOT_AVAILABLE,
    NUMBER_FORMATS,
    Cell,
    Figures,
    safe_text,
)

# (header, record key, kind): kind picks the number format (cells.NUMBER_FORMATS).
Column = tuple[str, str, str]

GROUP_COLUMNS: tuple[Column, ...] = (
    ("White (headcount)", "white", "count"),
    ("BME (headcount)", "bme", "count"),
    ("Unknown ethnicity (headcount)", "unknown", "count"),
    ("All (headcount)", "total", "count"),
    ("White (% of staff)", "white_pct", "pct"),
    ("BME (% of staff)", "bme_pct", "pct"),
    ("Unknown ethnicity (% of staff)", "unknown_pct", "pct"),
)


@dataclass(frozen=True)
class Sheet:
    """One worksheet: a titled table and the notes (by reference) that explain it."""

    name: str  # the tab: short, at most 31 characters
    table_name: str  # the Excel table's name: letters, digits and underscores
    title: str
    notes: tuple[str, ...]  # note references, see workbook.NOTES
    table: pd.DataFrame
    formats: dict[str, str] = field(default_factory=dict)  # column header -> number format
    row_formats: tuple[tuple[int, str], ...] = ()  # (row, number format), for long tables
    index_columns: int = 1  # leading columns that label the rows


def _row(
    fig: Figures,
    labels: dict[str, Cell],
    base: Sequence[str | int],
    columns: Sequence[Column],
    missing: str,
) -> dict[str, Cell]:
    row = dict(labels)
    for header, key, kind in columns:
        row[header] = fig.cell(*base, key, kind=kind, missing=missing)
    return row


def _formats(columns: Sequence[Column]) -> dict[str, str]:
    return {header: NUMBER_FORMATS[kind] for header, _, kind in columns}


def workforce_sheet(fig: Figures) -> Sheet:
    """Indicator 1 overall and by staff type: headcount and share of each ethnic group."""
    base = ("indicators", "1")
    blocks = [("All staff", (*base, "overall"))] + [
        (f"{t.capitalize()} staff", (*base, "by_staff_type", t))
        for t in ("clinical", "non-clinical")
        if fig.view.get(*base, "by_staff_type", t) is not None
    ]
    rows = [
        _row(fig, {"Staff": label}, path, GROUP_COLUMNS, NOT_AVAILABLE) for label, path in blocks
    ]
    return Sheet(
        "1a Workforce",
        "indicator_1_workforce",
        "Indicator 1: the workforce by ethnic group, all staff and by staff type",
        ("edition", "symbols", "headcount", "groups"),
        pd.DataFrame(rows),
        _formats(GROUP_COLUMNS),
    )


def bands_sheet(fig: Figures) -> Sheet:
    """Indicator 1 by staff type and pay band."""
    bands = fig.view.get("indicators", "1", "bands") or []
    rows = [
        _row(
            fig,
            {"Staff type": str(band.get("staff_type", "")).capitalize(), "Pay band": band["band"]},
            ("indicators", "1", "bands", i),
            GROUP_COLUMNS,
            NOT_AVAILABLE,
        )
        for i, band in enumerate(bands)
    ]
    return Sheet(
        "1b Pay bands",
        "indicator_1_pay_bands",
        "Indicator 1: the workforce by staff type, pay band and ethnic group",
        ("edition", "symbols", "headcount", "groups"),
        pd.DataFrame(rows, columns=["Staff type", "Pay band", *(c[0] for c in GROUP_COLUMNS)]),
        _formats(GROUP_COLUMNS),
        index_columns=2,
    )


def _likelihood_columns(number: int) -> tuple[Column, ...]:
    spec = LIKELIHOOD[number]
    count = f"{spec.count_label} (yearly average)" if number == 3 else spec.count_label
    return (
        (spec.denominator_label, spec.denominator, "count"),
        (count, spec.count, "mean" if number == 3 else "count"),
        (f"{spec.rate_label} (%)", "rate", "rate"),
    )


def likelihood_sheet(fig: Figures, number: int) -> Sheet:
    """Indicators 2-4: each group's count, denominator and rate (unknown: counts only)."""
    columns = _likelihood_columns(number)
    missing = fig.missing_for(number)
    available = fig.view.state(number) == "available"
    rows = []
    for key in ("white", "bme", "unknown"):
        base = ("indicators", str(number), key)
        row = _row(fig, {"Ethnic group": GROUP_LABELS[key]}, base, columns, missing)
        if key == "unknown" and available:
            row[columns[2][0]] = NOT_APPLICABLE  # left out of the comparison
        rows.append(row)
    notes = ("edition", "symbols", "groups", "likelihood")
    names = {2: "2 Appointment", 3: "3 Disciplinary", 4: "4 Training"}
    return Sheet(
        names[number],
        f"indicator_{number}_by_group",
        f"Indicator {number}: {INDICATOR_NAMES[number]}, by ethnic group",
        (*notes, "rolling") if number == 3 else notes,
        pd.DataFrame(rows),
        _formats(columns),
    )


def likelihood_summary_sheet(fig: Figures) -> Sheet:
    """Indicators 2-4: the relative likelihood and where it lies against the band."""
    low, high = fig.view.band
    small = f"Fewer than {fig.threshold} White or BME events"
    rows = []
    for n in LIKELIHOOD_INDICATORS:
        spec, missing = LIKELIHOOD[n], fig.missing_for(n)
        path = ("indicators", str(n), "relative_likelihood")
        rows.append(
            {
                "Indicator": str(n),
                "Measure": f"Relative likelihood of {INDICATOR_NAMES[n]} "
                f"({spec.top} vs {spec.other})",
                "Relative likelihood": fig.cell(*path, kind="ratio", missing=missing),
                "Non-adverse band: lower limit": low,
                "Non-adverse band: upper limit": high,
                "Outside the non-adverse band": fig.flag(
                    "indicators", str(n), "outside_band", depends_on=path
                )
                if fig.view.state(n) == "available"
                else missing,
                small: fig.cell(
                    "indicators", str(n), "small_numbers", kind="text", missing=missing
                ),
            }
        )
    ratio = NUMBER_FORMATS["ratio"]
    return Sheet(
        "2-4 Likelihood",
        "indicators_2_to_4_relative_likelihood",
        "Indicators 2 to 4: relative likelihoods against NHS England's non-adverse band",
        ("edition", "symbols", "likelihood", "small_numbers"),
        pd.DataFrame(rows),
        {
            "Relative likelihood": ratio,
            "Non-adverse band: lower limit": ratio,
            "Non-adverse band: upper limit": ratio,
        },
    )


SURVEY_COLUMNS: tuple[Column, ...] = (
    ("White (% of respondents)", "white_pct", "pct"),
    ("BME (% of respondents)", "bme_pct", "pct"),
    ("BME minus White (percentage points)", "difference_pp", "pp"),
    ("White respondents", "white_respondents", "count"),
    ("BME respondents", "bme_respondents", "count"),
)


def survey_sheet(fig: Figures) -> Sheet:
    """Indicators 5-8: the NHS Staff Survey percentages of White and BME staff."""
    rows = []
    for n in SURVEY_INDICATORS:
        missing = fig.missing_for(n)
        labels = {
            "Indicator": str(n),
            "Survey question": fig.cell(
                "indicators", str(n), "label", kind="text", missing=missing
            ),
            "Measure": INDICATOR_NAMES[n],
        }
        rows.append(_row(fig, labels, ("indicators", str(n)), SURVEY_COLUMNS, missing))
    return Sheet(
        "5-8 Staff survey",
        "indicators_5_to_8_staff_survey",
        "Indicators 5 to 8: NHS Staff Survey results by ethnic group",
        ("edition", "symbols", "survey"),
        pd.DataFrame(rows),
        _formats(SURVEY_COLUMNS),
    )


BOARD_COLUMNS: tuple[Column, ...] = (
    ("Members", "members", "count"),
    ("White members", "white", "count"),
    ("BME members", "bme", "count"),
    ("Unknown ethnicity members", "unknown", "count"),
    ("BME (% of members)", "bme_pct", "pct"),
    ("BME share minus the workforce BME share (percentage points)", "difference_pp", "pp"),
)


def board_sheet(fig: Figures) -> Sheet:
    """Indicator 9: each board membership's ethnic mix against the workforce's BME share."""
    missing = fig.missing_for(9)
    workforce = fig.cell("indicators", "9", "workforce_bme_pct", kind="pct", missing=missing)
    rows = []
    for key, label in BOARD_MEMBERSHIPS.items():
        row = _row(
            fig, {"Board membership": label}, ("indicators", "9", key), BOARD_COLUMNS, missing
        )
        row["Workforce BME (% of staff)"] = workforce
        rows.append(row)
    return Sheet(
        "9 Board",
        "indicator_9_board",
        "Indicator 9: board membership by ethnic group, against the workforce",
        ("edition", "symbols", "groups"),
        pd.DataFrame(rows),
        {**_formats(BOARD_COLUMNS), "Workforce BME (% of staff)": NUMBER_FORMATS["pct"]},
    )


def _target_columns(year: object) -> tuple[Column, ...]:
    return (
        ("Headcount", "headcount", "count"),
        ("BME in post (headcount)", "bme", "count"),
        ("BME (% of the group)", "bme_pct", "pct"),
        ("Target BME share (%)", "target_share_pct", "pct"),
        ("Parity target (people)", "parity_target_people", "people"),
        ("Parity target rounded up (people)", "parity_target_people_rounded_up", "count"),
        ("Gap to the parity target (people)", "gap_people", "count"),
        (f"Vacancies expected by {year}", "vacancies_to_target_year", "people"),
        (f"BME appointments needed by {year}", "bme_appointments_to_target_year", "people"),
        ("BME share of appointments needed (%)", "required_bme_appointment_share_pct", "pct"),
    )


# A group whose BME count or headcount is hidden shows none of these (as in the report).
TARGET_HIDDEN_KEYS = frozenset(
    {
        "parity_target_people",
        "parity_target_people_rounded_up",
        "gap_people",
        "bme_appointments_to_target_year",
        "required_bme_appointment_share_pct",
    }
)


def targets_sheet(fig: Figures) -> Sheet | None:
    """Model Employer targets for each leadership group (None when the record has none)."""
    block = fig.record.get("targets") or {}
    groups = block.get("groups") or {}
    if not groups:
        return None
    columns = _target_columns(block.get("target_year"))
    rows = []
    for name, group in groups.items():
        row = _row(
            fig,
            {"Group": str(group.get("label", name))},
            ("targets", "groups", name),
            columns,
            NOT_AVAILABLE,
        )
        if target_hidden(fig.record, group):
            row.update({h: CONFIDENTIAL for h, key, _ in columns if key in TARGET_HIDDEN_KEYS})
        rows.append(row)
    return Sheet(
        "Targets",
        "model_employer_targets",
        f"Model Employer targets: leadership groups against the parity target, "
        f"by {block.get('target_year')}",
        ("edition", "symbols", "targets"),
        pd.DataFrame(rows),
        _formats(columns),
    )


RISK_COLUMNS: tuple[Column, ...] = (
    ("Headcount", "headcount", "count"),
    ("Risk-assessed (headcount)", "assessed", "count"),
    ("Risk-assessed (% of staff)", "assessed_pct", "pct"),
)


def covid_sheet(fig: Figures) -> Sheet:
    """Staff COVID-19 risk assessments by ethnic group."""
    labels = {**GROUP_LABELS, "all": "All staff"}
    rows = [
        _row(fig, {"Ethnic group": label}, (*RISK_PATH, key), RISK_COLUMNS, NOT_AVAILABLE)
        for key, label in labels.items()
    ]
    return Sheet(
        "COVID-19",
        "covid_19_risk_assessments",
        "COVID-19 risk assessments of staff, by ethnic group",
        ("edition", "symbols", "headcount"),
        pd.DataFrame(rows),
        _formats(RISK_COLUMNS),
    )


def plain_label(measure: Measure) -> str:
    """A trend measure's label in full words: no "RL", no "pp"."""
    label = measure.label.replace("RL of ", "Relative likelihood of ")
    return label.replace("(pp)", "(percentage points)")


def _trend_cell(fig: Figures, m: Measure) -> Cell:
    """One year's figure of a trend measure, or its symbol."""
    block = fig.view.indicator(m.indicator)
    if m.path:
        if block.get("required") is False:
            return NOT_APPLICABLE
        return fig.cell("indicators", str(m.indicator), *m.path, kind=m.kind)
    headcount, bme, _ = group_counts(fig.record, "senior_8a_plus")
    overall = fig.view.get("indicators", "1", "overall", "bme_pct")
    if headcount is None or (m.kind == "pp" and overall is None):
        return CONFIDENTIAL if fig.published else NOT_AVAILABLE
    if not headcount:
        return NOT_AVAILABLE
    share = bme / headcount * 100
    return share - overall if m.kind == "pp" else share


def trends_sheet(records: Mapping[int, dict[str, Any]]) -> Sheet:
    """Change over time: one row per figure and year, this year and every earlier one."""
    rows, row_formats = [], []
    for m in MEASURES:
        for year in sorted(records):
            value = _trend_cell(Figures(records[year]), m)
            row_formats.append((len(rows), NUMBER_FORMATS[m.kind]))
            rows.append(
                {
                    "Indicator": str(m.indicator),
                    "Measure": plain_label(m),
                    "Year": year,
                    "Value": value,
                }
            )
    return Sheet(
        "Change over time",
        "change_over_time",
        "Change over time: each indicator's figures by reporting year",
        ("edition", "symbols", "trends"),
        pd.DataFrame(rows),
        row_formats=tuple(row_formats),
        index_columns=3,
    )


ACTION_HEADERS: dict[str, str] = {
    "id": "Action",
    "source_label": "Answers",
    "indicators": "WRES indicators",
    "recommendation": "Recommendation",
    "response": "Response",
    "action": "What will be done",
    "owner": "Responsible team",
    "due": "Due",
    "status": "Status",
    "overdue": "Overdue at the report date",
    "latest_update": "Latest update",
    "latest_update_date": "Date of the latest update",
}


def _action_cell(key: str, value: object) -> Cell:
    if key == "indicators" and not value:
        return "None"  # an action aimed at no WRES indicator
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if value is None or (isinstance(value, float) and pd.isna(value)) or not str(value).strip():
        return NOT_AVAILABLE
    return safe_text(value)


def actions_sheet(actions: pd.DataFrame) -> Sheet | None:
    """The action plan (actions.actions_table): one row per action, text as written."""
    if actions is None or actions.empty:
        return None
    shown = actions.reindex(columns=list(ACTION_HEADERS))
    rows = [
        {header: _action_cell(key, row[key]) for key, header in ACTION_HEADERS.items()}
        for row in shown.to_dict("records")
    ]
    return Sheet(
        "Action plan",
        "action_plan",
        "Action plan: each action, who owns it, when it is due and how far it has got",
        ("edition", "actions"),
        pd.DataFrame(rows),
    )
