"""Display tables built from a figures record: aggregates only, formatted for people.

Every cell is a string, rounded for display only (percentages 1 decimal, relative
likelihoods 2 decimals). A suppressed count reads "<T" (fewer than the threshold T); a
figure built on it reads "suppressed"; a relative likelihood that cannot be computed shows
the record's note, never 0, inf or NaN. Staff-level rows never reach these tables: the
record holds none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd
from pandas.io.formats.style import Styler

State = Literal["available", "not_available", "not_required"]

SUPPRESSED = "suppressed"
NOT_COMPUTABLE = "not computable"
NOT_AVAILABLE = "not available"

GROUP_LABELS: dict[str, str] = {"white": "White", "bme": "BME", "unknown": "Unknown"}
SURVEY_INDICATORS: tuple[int, ...] = (5, 6, 7, 8)
LIKELIHOOD_INDICATORS: tuple[int, ...] = (2, 3, 4)

INDICATOR_NAMES: dict[int, str] = {
    1: "workforce representation by pay band",
    2: "appointment from shortlisting",
    3: "entry into the formal disciplinary process",
    4: "access to non-mandatory training and CPD",
    5: "harassment, bullying or abuse from patients, relatives or the public",
    6: "harassment, bullying or abuse from staff",
    7: "belief that the organisation provides equal opportunities for career progression "
    "or promotion",
    8: "discrimination at work from a manager, team leader or other colleagues",
    9: "board representation",
}


@dataclass(frozen=True)
class Likelihood:
    """How one relative-likelihood indicator reads: its count, denominator and direction."""

    count: str  # key of the numerator count in the record
    denominator: str
    count_label: str
    denominator_label: str
    rate_label: str
    numerator_group: str  # "white" or "bme": the group on top of the ratio
    people: str  # who is counted, e.g. "applicants"
    event: str  # what happens to them, as a verb phrase after "to"
    done: str  # the same in the past tense, e.g. "were appointed from shortlisting"

    @property
    def comparison_group(self) -> str:
        """The group in the ratio's denominator."""
        return "bme" if self.numerator_group == "white" else "white"


LIKELIHOOD: dict[int, Likelihood] = {
    2: Likelihood(
        "appointed",
        "shortlisted",
        "Appointed",
        "Shortlisted",
        "Appointed from shortlisting",
        "white",
        "applicants",
        "be appointed from shortlisting",
        "were appointed from shortlisting",
    ),
    3: Likelihood(
        "entered",
        "headcount",
        "Entered formal disciplinary process",
        "Headcount",
        "Rate of entry",
        "bme",
        "staff",
        "enter the formal disciplinary process",
        "entered the formal disciplinary process",
    ),
    4: Likelihood(
        "accessed",
        "headcount",
        "Accessed non-mandatory training or CPD",
        "Headcount",
        "Rate of access",
        "white",
        "staff",
        "access non-mandatory training and CPD",
        "accessed non-mandatory training or CPD",
    ),
}


# --- plain formatting -------------------------------------------------------------------
def fmt_count(value: float) -> str:
    """A count: thousands separators; a fractional count (a two-year mean) to 1 decimal."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}"


def fmt_pct(value: float) -> str:
    """A 0-100 percentage to 1 decimal."""
    return f"{value:.1f}%"


def fmt_rate(value: float) -> str:
    """A 0-1 rate shown as a percentage to 1 decimal."""
    return fmt_pct(value * 100)


def fmt_rl(value: float) -> str:
    """A relative likelihood to 2 decimals."""
    return f"{value:.2f}"


def fmt_pp(value: float) -> str:
    """A signed difference in percentage points to 1 decimal."""
    rounded = round(value, 1)
    if rounded == 0:
        return "0.0 pp"
    sign = "+" if rounded > 0 else "−"
    return f"{sign}{abs(rounded):.1f} pp"


def fmt_band(band: Sequence[float]) -> str:
    """The non-adverse band, e.g. "0.80-1.25"."""
    return f"{band[0]:.2f}-{band[1]:.2f}"


def fmt_date(iso: str | dt.date) -> str:
    """A date as people write it: 31 March 2020."""
    day = dt.date.fromisoformat(iso) if isinstance(iso, str) else iso
    return f"{day.day} {day.strftime('%B')} {day.year}"


def note_text(note: str | None) -> str:
    """A record note as a sentence fragment starting with a capital letter."""
    if not note:
        return NOT_COMPUTABLE.capitalize()
    return note[0].upper() + note[1:]


# --- reading a record -------------------------------------------------------------------
@dataclass(frozen=True)
class RecordView:
    """Disclosure-aware access to a record's figures as display strings."""

    record: dict[str, Any]

    @property
    def published(self) -> bool:
        """Whether disclosure control was applied."""
        return bool(self.record.get("published"))

    @property
    def threshold(self) -> int:
        """The disclosure threshold T (counts below it are suppressed when published)."""
        return int(self.record.get("settings", {}).get("disclosure_threshold", 10))

    @property
    def band(self) -> tuple[float, float]:
        """NHS England's non-adverse band for relative likelihoods."""
        low, high = self.record.get("settings", {}).get("non_adverse_band", (0.8, 1.25))
        return float(low), float(high)

    @property
    def small(self) -> str:
        """How a suppressed count reads: "<T"."""
        return f"<{self.threshold}"

    def get(self, *path: str | int) -> Any:
        """The value at a path of keys (None if any step is missing)."""
        node: Any = self.record
        for part in path:
            if isinstance(node, list):
                if not isinstance(part, int) or part >= len(node):
                    return None
                node = node[part]
            elif isinstance(node, dict):
                node = node.get(str(part))
            else:
                return None
        return node

    def indicator(self, number: int) -> dict[str, Any]:
        """An indicator's block (empty when the record lacks it)."""
        return self.record.get("indicators", {}).get(str(number)) or {}

    def is_suppressed(self, *path: str | int) -> bool:
        """Whether the figure at path was nulled by disclosure control."""
        dotted = ".".join(str(p) for p in path)
        listed = self.record.get("suppressed") or []
        suppressed = {str(p).lstrip("/").replace("/", ".").removeprefix("$.") for p in listed}
        return self.published and dotted in suppressed

    def state(self, number: int) -> State:
        """Whether an indicator has figures, lacks its input file, or is not required."""
        block = self.indicator(number)
        if block.get("required") is False:
            return "not_required"
        if not block or block.get("available") is False:
            return "not_available"
        return "available"

    def _null(self, path: tuple, count: bool) -> str:
        if self.is_suppressed(*path) or (count and self.published):
            return self.small if count else SUPPRESSED
        return NOT_COMPUTABLE if not count else NOT_AVAILABLE

    def count(self, *path: str | int) -> str:
        """A count; a suppressed one reads "<T"."""
        value = self.get(*path)
        return self._null(path, count=True) if value is None else fmt_count(value)

    def pct(self, *path: str | int) -> str:
        """A 0-100 percentage."""
        value = self.get(*path)
        return self._null(path, count=False) if value is None else fmt_pct(value)

    def rate(self, *path: str | int) -> str:
        """A 0-1 rate, as a percentage."""
        value = self.get(*path)
        return self._null(path, count=False) if value is None else fmt_rate(value)

    def pp(self, *path: str | int) -> str:
        """A difference in percentage points."""
        value = self.get(*path)
        return self._null(path, count=False) if value is None else fmt_pp(value)

    def rl(self, number: int) -> str:
        """An indicator's relative likelihood, or why it is not shown."""
        value = self.indicator(number).get("relative_likelihood")
        if value is not None:
            return fmt_rl(value)
        if self.is_suppressed("indicators", number, "relative_likelihood"):
            return f"{SUPPRESSED} (built on a count below {self.threshold})"
        return note_text(self.indicator(number).get("note"))

    def assessment(self, number: int) -> str:
        """Where a relative likelihood lies against the non-adverse band."""
        block = self.indicator(number)
        if block.get("relative_likelihood") is None:
            return "not assessed"
        outside = block.get("outside_band")
        if outside is None:
            low, high = self.band
            outside = not low <= block["relative_likelihood"] <= high
        band = fmt_band(block.get("band") or self.band)
        return f"{'outside' if outside else 'within'} the non-adverse band {band}"


# --- tables -------------------------------------------------------------------------------
def _frame(rows: list[dict[str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, dtype=object)


def workforce_table(record: dict[str, Any]) -> pd.DataFrame:
    """Indicator 1 overall: each group's headcount and share, all staff and by staff type."""
    view = RecordView(record)
    base = ("indicators", "1")
    types = [t for t in ("clinical", "non-clinical") if view.get(*base, "by_staff_type", t)]
    rows = []
    for key in ("white", "bme", "unknown", "total"):
        label = GROUP_LABELS.get(key, "All staff")
        row = {"Ethnic group": label}
        for title, block in [("All staff", ("overall",))] + [
            (t.capitalize(), ("by_staff_type", t)) for t in types
        ]:
            row[f"{title}: headcount"] = view.count(*base, *block, key)
            row[f"{title}: share"] = (
                "100.0%" if key == "total" else view.pct(*base, *block, f"{key}_pct")
            )
        rows.append(row)
    return _frame(rows)


def bands_table(record: dict[str, Any], staff_type: str) -> pd.DataFrame | None:
    """Indicator 1 by pay band for one staff type, with the overall comparison rows."""
    view = RecordView(record)
    base = ("indicators", "1")
    bands = view.get(*base, "bands") or []
    rows = []

    def row(label: str, path: tuple) -> dict[str, str]:
        out = {"Pay band": label}
        for key in ("white", "bme", "unknown"):
            out[GROUP_LABELS[key]] = view.count(*path, key)
            out[f"{GROUP_LABELS[key]} %"] = view.pct(*path, f"{key}_pct")
        out["Total"] = view.count(*path, "total")
        return out

    for i, band in enumerate(bands):
        if band.get("staff_type") == staff_type:
            rows.append(row(band["band"], (*base, "bands", i)))
    if not rows:
        return None
    if view.get(*base, "by_staff_type", staff_type):
        rows.append(row(f"All {staff_type} staff", (*base, "by_staff_type", staff_type)))
    rows.append(row("Whole workforce", (*base, "overall")))
    return _frame(rows)


def likelihood_table(record: dict[str, Any], number: int) -> pd.DataFrame | None:
    """Indicators 2-4: each group's count, denominator and rate (unknowns: counts only)."""
    view = RecordView(record)
    if view.state(number) != "available":
        return None
    spec = LIKELIHOOD[number]
    base = ("indicators", number)
    rows = []
    for key in ("white", "bme", "unknown"):
        if view.get(*base, key) is None:
            continue
        rows.append(
            {
                "Ethnic group": GROUP_LABELS[key],
                spec.denominator_label: view.count(*base, key, spec.denominator),
                spec.count_label: view.count(*base, key, spec.count),
                spec.rate_label: (
                    "not used (left out of the comparison)"
                    if key == "unknown"
                    else view.rate(*base, key, "rate")
                ),
            }
        )
    return _frame(rows)


def likelihood_summary(record: dict[str, Any], number: int) -> pd.DataFrame | None:
    """Indicators 2-4: the relative likelihood, its orientation and the band assessment."""
    view = RecordView(record)
    if view.state(number) != "available":
        return None
    spec = LIKELIHOOD[number]
    block = view.indicator(number)
    top = GROUP_LABELS[spec.numerator_group]
    other = GROUP_LABELS[spec.comparison_group]
    rows = [
        {"Measure": f"Relative likelihood ({top} vs {other})", "Value": view.rl(number)},
        {
            "Measure": "Reads as",
            "Value": f"above 1.00: {top} {spec.people} more likely to {spec.event}; 1.00 is parity",
        },
        {"Measure": "Against the non-adverse band", "Value": view.assessment(number)},
    ]
    if number == 3:
        years = block.get("years") or []
        rows.append({"Measure": "Years", "Value": ", ".join(str(y) for y in years)})
        if block.get("method"):
            rows.append({"Measure": "Method", "Value": str(block["method"])})
        if block.get("caveat"):
            rows.append({"Measure": "Caveat", "Value": str(block["caveat"])})
    return _frame(rows)


def survey_table(record: dict[str, Any]) -> pd.DataFrame | None:
    """Indicators 5-8: White and BME percentages; None when none of them is available."""
    view = RecordView(record)
    if all(view.state(n) != "available" for n in SURVEY_INDICATORS):
        return None
    rows = []
    for n in SURVEY_INDICATORS:
        block = view.indicator(n)
        state = view.state(n)
        base = ("indicators", n)
        row = {
            "Indicator": str(n),
            "Survey question": block.get("label") or "-",
            "Measure": INDICATOR_NAMES[n],
        }
        if state == "available":
            row.update(
                {
                    "White": view.pct(*base, "white_pct"),
                    "BME": view.pct(*base, "bme_pct"),
                    "BME minus White": view.pp(*base, "difference_pp")
                    if block.get("difference_pp") is not None
                    or view.is_suppressed(*base, "difference_pp")
                    else note_text(block.get("note")),
                }
            )
        else:
            text = "not required" if state == "not_required" else NOT_AVAILABLE
            row.update({"White": text, "BME": text, "BME minus White": "-"})
        rows.append(row)
    return _frame(rows)


def board_table(record: dict[str, Any]) -> pd.DataFrame | None:
    """Indicator 9: BME share of each board membership against the workforce share."""
    view = RecordView(record)
    if view.state(9) != "available":
        return None
    base = ("indicators", 9)
    rows = []
    for key, label in (
        ("voting", "Voting members"),
        ("executive", "Executive members"),
        ("all", "All members"),
    ):
        if view.get(*base, key) is None:
            continue
        diff = view.get(*base, key, "difference_pp")
        note = view.get(*base, key, "note")
        rows.append(
            {
                "Board membership": label,
                "Members": view.count(*base, key, "members"),
                "BME members": view.count(*base, key, "bme"),
                "BME share": view.pct(*base, key, "bme_pct"),
                "Workforce BME share": view.pct(*base, "workforce_bme_pct"),
                "Difference": view.pp(*base, key, "difference_pp")
                if diff is not None or view.is_suppressed(*base, key, "difference_pp")
                else note_text(note),
            }
        )
    return _frame(rows)


def key_facts_table(record: dict[str, Any]) -> pd.DataFrame:
    """The overview: one headline figure per indicator, with its assessment."""
    view = RecordView(record)
    year = record.get("year")
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
        top, other = GROUP_LABELS[spec.numerator_group], GROUP_LABELS[spec.comparison_group]
        state = view.state(n)
        rows.append(
            {
                "Indicator": str(n),
                "Measure": f"Relative likelihood of {INDICATOR_NAMES[n]} ({top} vs {other})",
                "Figure": view.rl(n) if state == "available" else _state_text(state, year),
                "Assessment": view.assessment(n) if state == "available" else "-",
            }
        )
    for n in SURVEY_INDICATORS:
        state = view.state(n)
        base = ("indicators", n)
        figure = (
            f"White {view.pct(*base, 'white_pct')}, BME {view.pct(*base, 'bme_pct')}"
            if state == "available"
            else _state_text(state, year)
        )
        rows.append(
            {
                "Indicator": str(n),
                "Measure": f"Staff survey: {INDICATOR_NAMES[n]}",
                "Figure": figure,
                "Assessment": "-",
            }
        )
    state = view.state(9)
    base9 = ("indicators", 9)
    rows.append(
        {
            "Indicator": "9",
            "Measure": "BME share of the board's voting membership vs the workforce",
            "Figure": (
                f"{view.pct(*base9, 'voting', 'bme_pct')} vs "
                f"{view.pct(*base9, 'workforce_bme_pct')}"
                if state == "available"
                else _state_text(state, year)
            ),
            "Assessment": view.pp(*base9, "voting", "difference_pp")
            if state == "available"
            else "-",
        }
    )
    return _frame(rows)


def _state_text(state: State, year: Any) -> str:
    return f"not required in {year}" if state == "not_required" else NOT_AVAILABLE


def styled(table: pd.DataFrame, caption: str | None = None, uuid: str = "wres") -> Styler:
    """A table for display: index hidden, cells HTML-escaped, a fixed id (stable output)."""
    styler = (
        table.style.hide(axis="index")
        .format(escape="html")
        .format_index(escape="html", axis=1)
        .set_uuid(uuid)
        .set_table_attributes('class="wres-table"')
    )
    if caption:
        styler = styler.set_caption(caption)
    return styler


# --- methodology --------------------------------------------------------------------------
ROLLING_METHODS: dict[str, str] = {
    "mean_entries_current_headcount": "mean of the two years' entries per group, divided by the "
    "current year's headcount per group",
    "pooled": "both years pooled: the two years' entries per group divided by the two years' "
    "headcounts per group",
}
COUNTING_BASIS = "headcount (people in post at the snapshot date), not full-time equivalent (FTE)"
BANK_RULE = "bank-only staff are excluded (rows marked bank = true in workforce.csv)"
DATA_FILES: dict[str, str] = {
    "workforce": "workforce.csv",
    "recruitment": "recruitment.csv",
    "disciplinary": "disciplinary.csv",
    "training": "training.csv",
    "staff_survey": "staff_survey.csv",
    "board": "board.csv",
}
FILE_INDICATORS: dict[str, tuple[int, ...]] = {
    "workforce": (1,),
    "recruitment": (2,),
    "disciplinary": (3,),
    "training": (4,),
    "staff_survey": SURVEY_INDICATORS,
    "board": (9,),
}


def ethnicity_grouping() -> str:
    """The ethnic-category codes of each WRES group, read from the package's mapping."""
    from .ethnicity import BME, CODE_GROUP, UNKNOWN, WHITE

    parts = []
    for group in (WHITE, BME, UNKNOWN):
        codes = ", ".join(code for code, g in CODE_GROUP.items() if g == group)
        extra = " and blank (not recorded)" if group == UNKNOWN else ""
        parts.append(f"{group}: {codes}{extra}")
    return "; ".join(parts)


def settings_table(record: dict[str, Any], year_params: Any) -> pd.DataFrame:
    """Every parameter choice behind the figures, read from the record and the year's params."""
    view = RecordView(record)
    settings = record.get("settings", {})
    method = settings.get("rolling_method", year_params.disciplinary_rolling_method)
    required = settings.get("required_indicators", year_params.required_indicators)
    labels = year_params.survey_labels
    rows = [
        ("Reporting year", f"WRES {record.get('year')}"),
        ("Workforce snapshot", fmt_date(settings.get("snapshot_date", year_params.snapshot))),
        ("Report date", fmt_date(settings.get("report_date", year_params.report))),
        ("Counting basis", COUNTING_BASIS),
        ("Bank staff", BANK_RULE),
        ("Ethnicity grouping (NHS ethnic category codes)", ethnicity_grouping()),
        (
            "Unknown ethnicity",
            "kept in the denominator of indicators 1 and 9 (shares of the whole headcount); "
            "left out of both rates of indicators 2-4 (its counts are still shown)",
        ),
        ("Indicator 3 rolling average", f"{ROLLING_METHODS.get(method, method)} ({method})"),
        ("Relative likelihood non-adverse band", fmt_band(view.band)),
        ("Indicators required this year", ", ".join(str(n) for n in required)),
        (
            "Staff survey question labels",
            ", ".join(f"indicator {n}: {labels[n]}" for n in sorted(labels)) or "none this year",
        ),
        ("Disclosure threshold", f"counts below {view.threshold} are suppressed when published"),
        (
            "Zero counts",
            "suppressed too when published" if settings.get("suppress_zero") else "shown",
        ),
        (
            "This version",
            f"published: counts below {view.threshold} shown as {view.small}"
            if view.published
            else "internal: all counts shown (not for publication)",
        ),
    ]
    return _frame([{"Setting": k, "Choice": v} for k, v in rows])


def data_sources_table(record: dict[str, Any], year_params: Any) -> pd.DataFrame:
    """Each input file: what it feeds, where it came from (params) and whether it was supplied."""
    view = RecordView(record)
    rows = []
    for name, file in DATA_FILES.items():
        numbers = FILE_INDICATORS[name]
        states = {view.state(n) for n in numbers}
        if states == {"not_required"}:
            supplied = f"not required in {record.get('year')}"
        elif "available" in states:
            supplied = "yes"
        else:
            supplied = "no (section says not available)"
        rows.append(
            {
                "File": file,
                "Indicators": ", ".join(str(n) for n in numbers),
                "Source": year_params.data_sources.get(name, "not recorded in params"),
                "Supplied": supplied,
            }
        )
    return _frame(rows)


# --- appendix A: targets and action plan -------------------------------------------------
TARGET_ROWS: tuple[str, ...] = ("senior_8a_plus", "senior_8b_plus_and_board", "board")


def target_hidden(record: dict[str, Any], group: dict[str, Any]) -> bool:
    """In a published record, a target group whose BME count or headcount is suppressed.

    Its parity target, gap and trajectory would let a reader work the hidden count back
    out, so displays show none of them.
    """
    return bool(record.get("published")) and (
        group.get("bme") is None or group.get("headcount") is None
    )


def targets_table(
    record: dict[str, Any], groups: Sequence[str] | None = None
) -> pd.DataFrame | None:
    """Model Employer targets from the record's "targets" block (None when it has none)."""
    view = RecordView(record)
    block = record.get("targets")
    if not block or not block.get("groups"):
        return None
    names = list(groups) if groups is not None else list(block["groups"])
    needed = f"BME share of appointments needed by {block.get('target_year')}"
    rows = []
    for name in names:
        if name not in block["groups"]:
            continue
        base = ("targets", "groups", name)
        group = block["groups"][name]
        row = {
            "Group": str(group.get("label", name)),
            "Headcount": view.count(*base, "headcount"),
            "BME in post": view.count(*base, "bme"),
            "BME share": view.pct(*base, "bme_pct"),
        }
        if target_hidden(record, group):
            rows.append(
                {
                    **row,
                    "Parity target (people)": SUPPRESSED,
                    "Gap (people)": SUPPRESSED,
                    needed: SUPPRESSED,
                }
            )
            continue
        parity = group.get("parity_target_people")
        share = group.get("required_bme_appointment_share_pct")
        if parity is not None:
            rounded = view.count(*base, "parity_target_people_rounded_up")
            parity_text = f"{parity:.1f}, i.e. {rounded}"
        else:
            parity_text = note_text(group.get("note"))
        if share is not None:
            share_text = fmt_pct(share)
        else:
            share_text = note_text(group.get("trajectory_note") or group.get("note"))
        gap = group.get("gap_people")
        rows.append(
            {
                **row,
                "Parity target (people)": parity_text,
                "Gap (people)": "-" if gap is None else view.count(*base, "gap_people"),
                needed: share_text,
            }
        )
    return _frame(rows) if rows else None


ACTION_COLUMNS: dict[str, str] = {
    "id": "Id",
    "source_label": "Answers",
    "indicators": "WRES indicators",
    "action": "Action",
    "owner": "Responsible team",
    "due": "Due",
    "status": "Status",
    "latest_update": "Latest update",
}


def actions_display(actions: pd.DataFrame) -> pd.DataFrame:
    """An action-plan table (actions.actions_table) with the columns a reader needs."""
    shown = actions.reindex(columns=[*ACTION_COLUMNS, "overdue"]).copy()
    status = shown["status"].astype(str)
    overdue = shown["overdue"].fillna(False).astype(bool)
    shown["status"] = status.where(~overdue, status + " (overdue)")
    shown = shown.drop(columns="overdue").rename(columns=ACTION_COLUMNS)
    return shown.fillna("").astype(str)


# --- COVID-19 reference figures ----------------------------------------------------------
def covid_diagnosis_table(rates: pd.DataFrame) -> pd.DataFrame:
    """PHE diagnosis rates per 100,000 by ethnic group and sex (covid.load_diagnosis_rates)."""
    return _frame(
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
                    f"{low:.1f} times" if low == high else f"{low:.1f} to {high:.1f} times"
                ),
                "Adjusted for": str(row.adjusted_for),
                "Note": str(row.caveats),
            }
        )
    return _frame(rows)


RISK_PATH: tuple[str, ...] = ("covid", "risk_assessments")


def risk_assessment_state(record: dict[str, Any]) -> State:
    """Whether the record has staff COVID-19 risk-assessment figures."""
    block = RecordView(record).get(*RISK_PATH)
    if not block or block.get("available") is False:
        return "not_available"
    return "available"


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
    return _frame(rows)
