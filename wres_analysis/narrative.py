"""Generated sentences for each report section, from the figures record only.

Each function returns Markdown paragraphs (or bullets) in plain words: what the figure is,
which way it reads, whether it lies outside NHS England's non-adverse band, and what is
missing and why ("not required in 2020 because ...", "not available: file not supplied").
In a published record, suppressed counts read "<T" and nothing here reveals them.
"""

from __future__ import annotations

from typing import Any

from .bands import SENIOR_BANDS
from .tables import (
    GROUP_LABELS,
    INDICATOR_NAMES,
    LIKELIHOOD,
    ROLLING_METHODS,
    SURVEY_INDICATORS,
    RecordView,
    fmt_band,
    fmt_date,
    fmt_pct,
    fmt_rl,
    risk_assessment_state,
    target_hidden,
)

# For the survey indicators: does a higher percentage mean a worse experience?
HIGHER_IS_WORSE: dict[int, bool] = {5: True, 6: True, 7: False, 8: True}


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _cap(text: str) -> str:
    """Capitalise the first letter, unless the text starts with a file name (data.csv)."""
    first = text.split(" ", 1)[0]
    if "." in first.rstrip(".,:;") or "_" in first:
        return text
    return text[:1].upper() + text[1:]


def _pp_words(value: float, above: str, below: str, same: str) -> str:
    rounded = round(abs(value), 1)
    if rounded == 0:
        return same
    return f"{rounded:.1f} percentage points {above if value > 0 else below}"


def version_note(record: dict[str, Any]) -> str:
    """Which version this is: published (small counts hidden) or internal (all counts)."""
    view = RecordView(record)
    if view.published:
        return (
            f"Published version: counts below {view.threshold} are shown as {view.small}, and "
            "figures built on them are not shown, so that no individual can be identified."
        )
    return (
        "Internal version: every count is shown, including counts below "
        f"{view.threshold}. Not for publication."
    )


def availability(record: dict[str, Any], number: int) -> str | None:
    """Why an indicator has no figures (not required, or its file absent); None if it has."""
    view = RecordView(record)
    state = view.state(number)
    block = view.indicator(number)
    year = record.get("year")
    if state == "not_required":
        reason = block.get("note") or f"Indicator {number} was not required this reporting year"
        return f"**Not required in {year}.** " + _sentence(_cap(reason))
    if state == "not_available":
        note = block.get("note") or f"the input file for indicator {number} was not supplied"
        return f"**Not available for {year}.** " + _sentence(_cap(note))
    return None


# --- indicator 1 ---------------------------------------------------------------------------
HIDDEN = "not published, to protect small numbers"


def _share(view: RecordView, path: tuple, group: str, total: str = "total") -> tuple[str, str]:
    """("3.4%", "32 of 940"), or ("", "") when the count or share is suppressed."""
    pct = view.get(*path, f"{group}_pct")
    count = view.get(*path, group)
    if pct is None or count is None:
        return "", ""
    return fmt_pct(pct), f"{view.count(*path, group)} of {view.count(*path, total)}"


def _with(parts: tuple[str, str], extra: str = "") -> str:
    """ "3.4% (32 of 940 staff)" from a share's parts ("" when suppressed)."""
    pct, counts = parts
    return f"{pct} ({counts}{extra})" if counts else pct


def workforce(record: dict[str, Any]) -> list[str]:
    """Indicator 1: the workforce's ethnic mix, by staff type and by pay band."""
    view = RecordView(record)
    base = ("indicators", 1)
    overall = (*base, "overall")
    if not view.get(*overall, "total"):
        return [_sentence(view.get(*overall, "note") or "No staff are recorded")]
    snapshot = record.get("settings", {}).get("snapshot_date")
    when = f" at {fmt_date(snapshot)}" if snapshot else ""
    total = view.count(*overall, "total")
    bme_pct, bme_counts = _share(view, overall, "bme")
    sentences = [
        f"BME staff make up {bme_pct} of the workforce ({bme_counts} staff, headcount{when})."
        if bme_pct
        else f"The number and share of BME staff are {HIDDEN} (headcount {total}{when})."
    ]
    white = _with(_share(view, overall, "white"))
    sentences.append(
        f"White staff make up {white}." if white else f"The White figures are {HIDDEN}."
    )
    unknown = _with(_share(view, overall, "unknown"))
    sentences.append(
        f"{unknown} have no recorded ethnicity (not stated, not known or blank); they stay in "
        "the denominator."
        if unknown
        else f"The figures for staff with no recorded ethnicity are {HIDDEN}."
    )
    paragraphs = [" ".join(sentences)]
    shown, hidden = [], []
    for staff_type in ("clinical", "non-clinical"):
        if not view.get(*base, "by_staff_type", staff_type, "total"):
            continue
        text = _with(_share(view, (*base, "by_staff_type", staff_type), "bme"))
        if text:
            shown.append(f"{text} of {staff_type} staff")
        else:
            hidden.append(staff_type)
    if shown:
        paragraphs.append(f"BME staff are {' and '.join(shown)}.")
    if hidden:
        paragraphs.append(f"The BME share of {' and '.join(hidden)} staff is {HIDDEN}.")
    paragraphs.extend(_band_sentences(view))
    return paragraphs


def _band_sentences(view: RecordView) -> list[str]:
    bands = view.get("indicators", 1, "bands") or []
    workforce_pct = view.get("indicators", 1, "overall", "bme_pct")
    shown = [b for b in bands if b.get("bme_pct") is not None]
    out = []
    if shown and workforce_pct is not None:
        top = max(shown, key=lambda b: b["bme_pct"])
        below = sum(1 for b in shown if b["bme_pct"] < workforce_pct)
        scope = (
            f"the {len(shown)} pay bands with published figures"
            if len(shown) < len(bands)
            else f"the {len(bands)} pay bands with staff"
        )
        out.append(
            f"Across {scope} (clinical and non-clinical counted separately), the BME share is "
            f"highest in {top['staff_type']} {top['band']} ({fmt_pct(top['bme_pct'])}) and "
            f"below the workforce's {fmt_pct(workforce_pct)} in {below} of them."
        )
    senior_none = [
        f"{b['band']} ({b['staff_type']})"
        for b in bands
        if b.get("band") in SENIOR_BANDS and b.get("bme") == 0
    ]
    if senior_none:
        out.append(
            "No BME staff are recorded in these senior bands (8a and above, VSM): "
            + ", ".join(senior_none)
            + "."
        )
    return out


# --- indicators 2-4 ---------------------------------------------------------------------
def likelihood(record: dict[str, Any], number: int) -> list[str]:
    """Indicators 2-4: the relative likelihood in words, its orientation and the band flag."""
    missing = availability(record, number)
    if missing:
        return [missing]
    view = RecordView(record)
    spec = LIKELIHOOD[number]
    block = view.indicator(number)
    top, other = GROUP_LABELS[spec.numerator_group], GROUP_LABELS[spec.comparison_group]
    people = spec.people
    rl = block.get("relative_likelihood")
    paragraphs = []
    if rl is not None:
        shown = fmt_rl(rl)
        if rl == 0:
            first = (
                f"No {top} {people} {spec.done}, while some {other} {people} did, so the "
                f"relative likelihood is 0.00: {top} {people} were less likely to {spec.event}."
            )
        elif shown == "1.00":
            first = (
                f"{top} and {other} {people} were equally likely to {spec.event} "
                "(relative likelihood 1.00)."
            )
        else:
            first = (
                f"{top} {people} were {shown} times as likely as {other} {people} to {spec.event}"
            )
            first += "." if rl > 1 else ", that is, less likely."
        paragraphs.append(first + " " + _band_sentence(view, number, shown))
    elif view.is_suppressed("indicators", number, "relative_likelihood"):
        paragraphs.append(
            "The relative likelihood is not published because it is built on a count below "
            f"{view.threshold}."
        )
    else:
        paragraphs.append(_cannot(block.get("note")))
    paragraphs.append(_rates_sentence(view, number))
    paragraphs.append(_orientation(number))
    if number == 3:
        if block.get("method"):
            paragraphs.append(f"Method: {_sentence(str(block['method']))}")
        if block.get("caveat"):
            paragraphs.append(f"**Caveat:** {_sentence(str(block['caveat']))}")
    if view.get("indicators", number, "unknown") is not None:
        paragraphs.append(
            f"{_cap(people)} of unknown ethnicity are left out of both rates; their counts are "
            "shown in the table."
        )
    return paragraphs


def _cannot(note: str | None) -> str:
    if not note:
        return "The relative likelihood cannot be computed."
    if note.lower().startswith("cannot be computed"):
        return _sentence("The relative likelihood " + note[0].lower() + note[1:])
    return _sentence(f"The relative likelihood cannot be computed: {note}")


def _band_sentence(view: RecordView, number: int, shown: str) -> str:
    low, high = view.band
    band = fmt_band(view.indicator(number).get("band") or (low, high))
    if view.assessment(number).startswith("outside"):
        return f"At {shown} it lies outside NHS England's non-adverse band of {band}: flagged."
    return f"At {shown} it lies within NHS England's non-adverse band of {band}."


def _rates_sentence(view: RecordView, number: int) -> str:
    spec = LIKELIHOOD[number]
    base = ("indicators", number)
    parts = []
    for key in ("white", "bme"):
        rate = view.rate(*base, key, "rate")
        rate = "rate not published" if rate == "suppressed" else rate
        denominator = view.count(*base, key, spec.denominator)
        count = view.count(*base, key, spec.count)
        who = f"{GROUP_LABELS[key]} {spec.people}"
        if number == 2:
            parts.append(f"of {denominator} {who} shortlisted, {count} were appointed ({rate})")
        else:
            parts.append(f"of {denominator} {who}, {count} {spec.done} ({rate})")
    text = _cap("; ".join(parts)) + "."
    if number == 3 and len(view.indicator(3).get("years") or []) > 1:
        text += " Entries are the two-year figure the method below describes."
    return text


def _orientation(number: int) -> str:
    spec = LIKELIHOOD[number]
    top, other = GROUP_LABELS[spec.numerator_group], GROUP_LABELS[spec.comparison_group]
    meaning = (
        "a figure above 1.00 is adverse for BME staff"
        if spec.numerator_group == "bme"
        else f"a figure above 1.00 favours White {spec.people} and one below 1.00 favours "
        f"BME {spec.people}"
    )
    return (
        f"How to read it: the relative likelihood is the {top} rate divided by the {other} "
        f"rate. 1.00 means both groups are equally likely to {spec.event}; {meaning}."
    )


# --- indicators 5-8 -----------------------------------------------------------------------
def survey(record: dict[str, Any]) -> list[str]:
    """Indicators 5-8: White and BME percentages, or why they are not shown."""
    view = RecordView(record)
    year = record.get("year")
    states = {n: view.state(n) for n in SURVEY_INDICATORS}
    if set(states.values()) == {"not_required"}:
        reason = view.indicator(5).get("note") or "they were not required this year"
        return [
            f"**Not required in {year}.** Indicators 5-8 (NHS Staff Survey) were not "
            f"required in {year}. {_sentence(_cap(reason))}"
        ]
    if set(states.values()) == {"not_available"}:
        note = view.indicator(5).get("note") or "the staff survey breakdown was not supplied"
        return [
            f"**Not available.** Indicators 5-8 (NHS Staff Survey) are not available for "
            f"{year}: {_sentence(note)}"
        ]
    bullets = []
    for n in SURVEY_INDICATORS:
        block = view.indicator(n)
        label = block.get("label")
        name = f"Indicator {n}" + (f" ({label})" if label else "") + f", {INDICATOR_NAMES[n]}"
        if states[n] != "available":
            bullets.append(f"- {name}: {availability(record, n)}")
            continue
        white, bme = block.get("white_pct"), block.get("bme_pct")
        if white is None or bme is None:
            hidden = view.is_suppressed("indicators", n, "white_pct") or view.is_suppressed(
                "indicators", n, "bme_pct"
            )
            why = (
                f"not published (fewer than {view.threshold} respondents in a group)"
                if hidden
                else _sentence(block.get("note") or "not available")
            )
            bullets.append(f"- {name}: {why}")
            continue
        worse = HIGHER_IS_WORSE[n]
        diff = bme - white
        words = _pp_words(diff, "higher for BME staff", "lower for BME staff", "the same")
        reading = "a higher figure is worse" if worse else "a higher figure is better"
        bullets.append(
            f"- {name}: {fmt_pct(white)} of White staff and {fmt_pct(bme)} of BME staff, "
            f"{words} ({reading})."
        )
    return ["\n".join(bullets)]


# --- indicator 9 ------------------------------------------------------------------------
def board(record: dict[str, Any]) -> list[str]:
    """Indicator 9: the board's BME share against the workforce's, in percentage points."""
    missing = availability(record, 9)
    if missing:
        return [missing]
    view = RecordView(record)
    base = ("indicators", 9)
    wf = view.pct(*base, "workforce_bme_pct")
    bullets = []
    for key, label in (
        ("voting", "Voting members"),
        ("executive", "Executive members"),
        ("all", "All board members"),
    ):
        block = view.get(*base, key)
        if block is None:
            continue
        diff = block.get("difference_pp")
        if block.get("bme_pct") is None or diff is None:
            hidden = view.is_suppressed(*base, key, "bme_pct") or view.is_suppressed(
                *base, key, "difference_pp"
            )
            why = (
                f"the BME share is not published (built on a count below {view.threshold})"
                if hidden
                else (block.get("note") or "not computable")
            )
            bullets.append(f"- {label}: {_sentence(why)}")
            continue
        words = _pp_words(
            diff,
            "above the workforce's share",
            "below the workforce's share (under-represented)",
            "the same as the workforce's share",
        )
        pct, counts = _share(view, (*base, key), "bme", "members")
        bullets.append(
            f"- {label}: {pct} BME ({counts} members), against {wf} of the workforce: {words}."
        )
    return [
        "\n".join(bullets),
        "How to read it: the difference is the board's BME share minus the workforce's, in "
        "percentage points; a negative figure means BME people are under-represented on the "
        "board compared with the workforce.",
    ]


# --- overview and methodology -----------------------------------------------------------
def introduction(record: dict[str, Any], organisation: Any, year_params: Any) -> list[str]:
    """Who, which year and what the report covers (`version_note` says which version)."""
    year = record.get("year")
    settings = record.get("settings", {})
    snapshot = settings.get("snapshot_date") or year_params.snapshot.isoformat()
    report = settings.get("report_date") or year_params.report.isoformat()
    return [
        f"This report sets out how {organisation.name} ({organisation.type}, "
        f"{organisation.region}) performs against the nine indicators of the NHS Workforce "
        f"Race Equality Standard (WRES) for {year}: the workforce as at {fmt_date(snapshot)}, "
        "and recruitment, disciplinary and training activity over the twelve months to that "
        f"date. It is due for publication with the action plan by {fmt_date(report)}.",
    ]


def overview(record: dict[str, Any]) -> list[str]:
    """Key points: one bullet per indicator group, drawn from the record."""
    view = RecordView(record)
    year = record.get("year")
    overall = ("indicators", 1, "overall")
    share = _with(_share(view, overall, "bme"))
    bullets = [
        f"- BME staff make up {share} of the workforce."
        if share
        else f"- The BME share of the workforce is {HIDDEN}."
    ]
    flagged = 0
    computed = 0
    for n in LIKELIHOOD:
        spec = LIKELIHOOD[n]
        top, other = GROUP_LABELS[spec.numerator_group], GROUP_LABELS[spec.comparison_group]
        head = f"- Indicator {n}, {INDICATOR_NAMES[n]}:"
        state = view.state(n)
        rl = view.indicator(n).get("relative_likelihood")
        if state == "not_required":
            bullets.append(f"{head} not required in {year}.")
        elif state == "not_available":
            bullets.append(f"{head} not available (input file not supplied).")
        elif rl is None:
            bullets.append(f"{head} relative likelihood {view.rl(n)[0].lower()}{view.rl(n)[1:]}.")
        else:
            computed += 1
            outside = view.assessment(n).startswith("outside")
            flagged += outside
            where = "outside" if outside else "within"
            bullets.append(
                f"{head} {top} {spec.people} {fmt_rl(rl)} times as likely as {other} "
                f"{spec.people} to {spec.event} ({where} the non-adverse band "
                f"{fmt_band(view.band)})."
            )
    survey_states = {view.state(n) for n in SURVEY_INDICATORS}
    if survey_states == {"not_required"}:
        bullets.append(f"- Indicators 5-8, NHS Staff Survey: not required in {year}.")
    elif survey_states == {"not_available"}:
        bullets.append("- Indicators 5-8, NHS Staff Survey: not available.")
    else:
        worse = [
            str(n)
            for n in SURVEY_INDICATORS
            if view.state(n) == "available"
            and view.indicator(n).get("white_pct") is not None
            and view.indicator(n).get("bme_pct") is not None
            and (view.indicator(n)["bme_pct"] > view.indicator(n)["white_pct"])
            == HIGHER_IS_WORSE[n]
            and view.indicator(n)["bme_pct"] != view.indicator(n)["white_pct"]
        ]
        bullets.append(
            "- Indicators 5-8, NHS Staff Survey: BME staff report a worse experience than White "
            f"staff on {len(worse)} of 4 indicators" + (f" ({', '.join(worse)})." if worse else ".")
        )
    if view.state(9) == "available":
        diff = view.get("indicators", 9, "voting", "difference_pp")
        if diff is None:
            bullets.append("- Indicator 9, board: the voting membership's BME share is not shown.")
        else:
            bullets.append(
                f"- Indicator 9, board: voting members are "
                f"{view.pct('indicators', 9, 'voting', 'bme_pct')} BME against "
                f"{view.pct('indicators', 9, 'workforce_bme_pct')} of the workforce "
                f"({_pp_words(diff, 'above', 'below', 'level')})."
            )
    else:
        bullets.append(f"- Indicator 9, board: {view.state(9).replace('_', ' ')}.")
    band = f"NHS England's non-adverse band of {fmt_band(view.band)}"
    if computed == 0:
        summary = "No relative likelihood could be computed this year."
    elif computed == 1:
        where = "outside" if flagged else "within"
        summary = f"The one relative likelihood that could be computed lies {where} {band}."
    else:
        summary = (
            f"{flagged} of the {computed} relative likelihoods that could be computed lie "
            f"outside {band}."
        )
    return ["\n".join(bullets), summary]


def methodology(record: dict[str, Any], year_params: Any) -> list[str]:
    """The method in words: counting basis, groups, rolling average, band and disclosure."""
    view = RecordView(record)
    settings = record.get("settings", {})
    method = settings.get("rolling_method", year_params.disciplinary_rolling_method)
    paragraphs = [
        "Every figure is computed from the organisation's extracts by the wres-analysis "
        "package and read from one figures record; nothing in this report is typed by hand. "
        "Figures are kept unrounded and rounded only for display (percentages to one decimal "
        "place, relative likelihoods to two).",
        "Staff are counted by headcount, not full-time equivalent, and bank-only staff are "
        "excluded. Ethnicity follows the NHS Data Dictionary's ethnic categories, grouped as "
        "the table below shows. Indicators 1 and 9 report shares of the whole headcount, so "
        "staff of unknown ethnicity stay in the denominator; indicators 2-4 compare White "
        "with BME staff and leave unknowns out of both rates.",
        "A relative likelihood is one group's rate divided by the other's; 1.00 is parity. "
        f"Figures outside NHS England's non-adverse band of {fmt_band(view.band)} (the "
        "four-fifths rule) are flagged.",
        f"Indicator 3 uses a two-year rolling average of the current and previous year: "
        f"{ROLLING_METHODS.get(method, method)}. When the previous year's data are missing, "
        "the single year is used and the figure carries a caveat.",
        _disclosure_paragraph(view),
    ]
    notes = record.get("notes") or []
    if notes:
        paragraphs.append(
            "Data notes from this run:\n" + "\n".join(f"- {_sentence(n)}" for n in notes)
        )
    return paragraphs


def _disclosure_paragraph(view: RecordView) -> str:
    rule = (
        f"In the published version, any count below {view.threshold} is shown as {view.small}, "
        "figures built on such a count (percentages, rates, relative likelihoods) are not "
        "shown, and where one hidden count could be recovered by subtraction from a total, "
        "a second count is hidden too."
    )
    if view.published:
        hidden = len(view.record.get("suppressed") or [])
        return rule + f" This is the published version: {hidden} figures are hidden."
    return rule + " This is the internal version: every count is shown. Not for publication."


# --- appendix A: targets and action plan -------------------------------------------------
def targets(record: dict[str, Any]) -> list[str]:
    """Model Employer targets in words, from the record's "targets" block."""
    block = record.get("targets")
    if not block or not block.get("groups"):
        return ["Model Employer targets are not in the figures record for this year."]
    view = RecordView(record)
    share = block.get("target_share_pct")
    if share is None:
        return [_sentence(_cap(block.get("note") or "No target share is available"))]
    paragraphs = [
        f"NHS England's Model Employer goal is BME representation in leadership that matches "
        f"the organisation's {block.get('basis', 'workforce')} share. Here the target share is "
        f"{fmt_pct(share)}, the {block.get('basis_note', 'target share')}, and the target year "
        f"is {block.get('target_year')}."
    ]
    bullets = []
    for name, group in block["groups"].items():
        if name not in ("senior_8a_plus", "senior_8b_plus_and_board", "board"):
            continue
        base = ("targets", "groups", name)
        label = group.get("label", name)
        parity = group.get("parity_target_people")
        if target_hidden(record, group):
            bullets.append(
                f"- {label}: not published, because the group's BME count or headcount is "
                f"below {view.threshold} and the target would reveal it."
            )
            continue
        if group.get("bme_pct") is None or parity is None:
            why = group.get("note") or "not published (built on a count below the threshold)"
            bullets.append(f"- {label}: {_sentence(why)}")
            continue
        rounded = view.count(*base, "parity_target_people_rounded_up")
        gap = group.get("gap_people")
        gap_text = (
            "the target is met" if gap == 0 else f"a gap of {view.count(*base, 'gap_people')}"
        )
        needed = group.get("required_bme_appointment_share_pct")
        trajectory = (
            f" Reaching it by {block.get('target_year')} needs about {fmt_pct(needed)} of "
            "appointments to go to BME people."
            if needed
            else (
                f" {_sentence(_cap(group['trajectory_note']))}"
                if group.get("trajectory_note")
                else ""
            )
        )
        bullets.append(
            f"- {label}: {view.count(*base, 'bme')} BME of {view.count(*base, 'headcount')} "
            f"({fmt_pct(group['bme_pct'])}). Parity at {fmt_pct(share)} means {parity:.1f} "
            f"people, i.e. {rounded}: {gap_text}.{trajectory}"
        )
    if bullets:
        paragraphs.append("\n".join(bullets))
    return paragraphs


def action_plan(summary: dict[str, Any] | None) -> list[str]:
    """The plan's progress from actions.status_summary, or a note that there is no plan."""
    if not summary:
        return [
            "No action plan has been recorded for this year (params/orgs/<ORG>/<YEAR>/"
            "actions.yaml)."
        ]
    by_status = summary.get("by_status", {})
    parts = ", ".join(f"{count} {status}" for status, count in by_status.items())
    when = fmt_date(summary["report_date"]) if summary.get("report_date") else "the report date"
    overdue = summary.get("overdue_count", 0)
    overdue_text = (
        "none is overdue"
        if not overdue
        else f"{overdue} {'is' if overdue == 1 else 'are'} overdue "
        f"({', '.join(summary.get('overdue', []))})"
    )
    return [
        f"The action plan has {summary.get('total', 0)} actions: {parts}. At {when}, "
        f"{overdue_text}. Responsible teams are named as teams or roles, never individuals."
    ]


# --- COVID-19 context ----------------------------------------------------------------------
def covid(diagnosis: Any, mortality: Any) -> list[str]:
    """The PHE reference figures in words, from covid.load_diagnosis_rates / load_mortality_risk."""
    paragraphs = []
    if diagnosis is not None and len(diagnosis):
        groups = []
        for group, rows in diagnosis.groupby("ethnic_group", sort=False):
            values = ", ".join(
                f"{row.value:,.0f} in {str(row.sex).lower()}s" for row in rows.itertuples()
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
                parts.append(f"{', '.join(names)}: around {low:.1f} times the risk")
            else:
                parts.append(
                    f"{', '.join(names)}: between {(low - 1) * 100:.0f}% and "
                    f"{(high - 1) * 100:.0f}% higher"
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
    path = ("covid", "risk_assessments")
    if risk_assessment_state(record) != "available":
        note = (view.get(*path) or {}).get("note") or "no risk-assessment data was supplied"
        return [f"**Not available for {record.get('year')}.** " + _sentence(_cap(note))]
    bme = _with(_share_of(view, (*path, "bme")))
    white = _with(_share_of(view, (*path, "white")))
    if bme and white:
        text = f"{bme} of BME staff had a COVID-19 risk assessment, against {white} of White staff."
        diff = view.get(*path, "bme_minus_white_pp")
        if diff is not None:
            words = _pp_words(diff, "higher for BME staff", "lower for BME staff", "the same")
            text += f" The share is {words}."
    else:
        text = " ".join(
            f"{share} of {label} staff had a COVID-19 risk assessment."
            if share
            else f"The share of {label} staff with a risk assessment is {HIDDEN}."
            for share, label in ((bme, "BME"), (white, "White"))
        )
    overall = _with(_share_of(view, (*path, "all")))
    if overall:
        text += f" Across all staff, {overall} were risk-assessed."
    return [text]


def _share_of(view: RecordView, path: tuple) -> tuple[str, str]:
    """("90.6%", "29 of 32") for an assessed share, or ("", "") when suppressed."""
    pct, assessed = view.get(*path, "assessed_pct"), view.get(*path, "assessed")
    if pct is None or assessed is None:
        return "", ""
    return fmt_pct(pct), f"{view.count(*path, 'assessed')} of {view.count(*path, 'headcount')}"
