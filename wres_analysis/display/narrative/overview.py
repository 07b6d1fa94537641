"""Narrative for the overview (introduction and key points) and the methodology section."""

from __future__ import annotations

from typing import Any

from ..format import CONFIDENTIAL, HIDDEN, fmt_band, fmt_date, fmt_pct, fmt_rl, pp_relation
from ..indicator_terms import (
    INDICATOR_NAMES,
    LIKELIHOOD,
    ROLLING_METHODS,
    SURVEY_INDICATORS,
    bme_fared_worse,
)
from ..record_view import RecordView
from .common import sentence, share_text


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
    share = share_text(view, ("indicators", 1, "overall"), "bme")
    bullets = [
        f"- BME staff make up {share} of the workforce."
        if share
        else f"- The BME share of the workforce is {HIDDEN}."
    ]
    likelihoods, flags = _likelihood_bullets(view)
    bullets += [*likelihoods, _survey_bullet(view), _board_bullet(view)]
    return ["\n".join(bullets), _flag_summary(view, flags)]


def _likelihood_bullets(view: RecordView) -> tuple[list[str], list[bool]]:
    """A bullet per indicator 2-4, and for each computed RL whether it lies outside the band."""
    year = view.record.get("year")
    bullets, flags = [], []
    for n, spec in LIKELIHOOD.items():
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
            flags.append(view.assessment(n).startswith("outside"))
            where = "outside" if flags[-1] else "within"
            bullets.append(
                f"{head} {spec.top} {spec.people} {fmt_rl(rl)} times as likely as {spec.other} "
                f"{spec.people} to {spec.event} ({where} the non-adverse band "
                f"{fmt_band(view.band)})."
            )
    return bullets, flags


def _survey_bullet(view: RecordView) -> str:
    states = {view.state(n) for n in SURVEY_INDICATORS}
    if states == {"not_required"}:
        return f"- Indicators 5-8, NHS Staff Survey: not required in {view.record.get('year')}."
    if states == {"not_available"}:
        return "- Indicators 5-8, NHS Staff Survey: not available."
    worse = [
        str(n)
        for n in SURVEY_INDICATORS
        if view.state(n) == "available"
        and view.indicator(n).get("white_pct") is not None
        and view.indicator(n).get("bme_pct") is not None
        and bme_fared_worse(n, view.indicator(n)["white_pct"], view.indicator(n)["bme_pct"])
    ]
    return (
        "- Indicators 5-8, NHS Staff Survey: BME staff report a worse experience than White "
        f"staff on {len(worse)} of 4 indicators" + (f" ({', '.join(worse)})." if worse else ".")
    )


def _board_bullet(view: RecordView) -> str:
    if view.state(9) != "available":
        return f"- Indicator 9, board: {view.state(9).replace('_', ' ')}."
    diff = view.get("indicators", 9, "voting", "difference_pp")
    if diff is None:
        return "- Indicator 9, board: the voting membership's BME share is not shown."
    return (
        f"- Indicator 9, board: voting members are "
        f"{view.pct('indicators', 9, 'voting', 'bme_pct')} BME against "
        f"{view.pct('indicators', 9, 'workforce_bme_pct')} of the workforce "
        f"({pp_relation(diff, 'above', 'below', 'level')})."
    )


def _flag_summary(view: RecordView, flags: list[bool]) -> str:
    band = f"NHS England's non-adverse band of {fmt_band(view.band)}"
    if not flags:
        return "No relative likelihood could be computed this year."
    if len(flags) == 1:
        where = "outside" if flags[0] else "within"
        return f"The one relative likelihood that could be computed lies {where} {band}."
    return (
        f"{sum(flags)} of the {len(flags)} relative likelihoods that could be computed lie "
        f"outside {band}."
    )


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
            "Data notes from this run:\n\n" + "\n".join(f"- {sentence(n)}" for n in notes)
        )
    return paragraphs


def _disclosure_paragraph(view: RecordView) -> str:
    settings = view.record.get("settings", {})
    zeros = " (and any count of 0)" if settings.get("suppress_zero") else ""
    min_range = settings.get("disclosure_min_range", 3)
    board = (
        "Board composition is public and exempt."
        if settings.get("board_exempt")
        else "Board composition is protected like any other count."
    )
    rule = (
        f"In the published version, any count below {view.threshold}{zeros} is hidden and "
        f"marked {CONFIDENTIAL}, with every figure built on it (percentages, rates, relative "
        "likelihoods, gaps and targets). Further counts are hidden wherever a reader could "
        "otherwise work a hidden count out, from totals and margins, from other tables, or "
        "from the earlier years the report shows, to fewer than "
        f"{min_range} possible values. Those further counts are chosen by optimisation (the "
        "fewest cells, then the smallest total), and every published record is checked by a "
        f"linear-programming audit before anything is written. {board}"
    )
    if view.published:
        block = view.record.get("disclosure") or {}
        if block.get("count_cells"):
            return rule + (
                f" This published version hides {block['hidden_cells']} of its "
                f"{block['count_cells']} counts ({fmt_pct(100 * block['hidden_share'], 0)}): "
                f"{block['hidden_primary']} below the threshold and "
                f"{block['hidden_complementary']} to protect them."
            )
        return rule + " This is the published version."
    return rule + " This is the internal version: every count is shown. Not for publication."


def reproducibility(fingerprint: str) -> list[str]:
    """How an auditor can prove this report, with its run fingerprint."""
    return [
        f"Run fingerprint: **{fingerprint}**. It is a short hash of everything this report "
        "was built from: the code and the exact versions of the libraries it uses, the "
        "Python version, every data and settings file, the notebook templates, the analyst "
        "commentary and the figures record. The same inputs always give the same fingerprint "
        "and the same figures. An auditor can re-run the whole report and check every figure "
        "in it against the data with `wres verify` (see docs/auditing.md).",
    ]


def data_preparation(summaries: list[Any]) -> list[str]:
    """Whether the data files were imported from raw exports or prepared by hand."""
    if not summaries:
        return [
            "The data files were prepared to the data contract directly (none was made from a "
            "raw export with `wres import`)."
        ]
    files = ", ".join(s.output for s in summaries)
    return [
        f"These files were made from the organisation's raw exports with `wres import`: "
        f"{files}. The table says what each import did; the others were prepared directly."
    ]
