"""Key messages for the overview, written from the figures rather than typed.

Unrounded figures become sentences here; `display.format` does the rounding (RLs to 2
decimal places, percentages and percentage points to 1), as it does for every other part
of the report. Flags in the record are not relied on; the non-adverse band is applied here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from ..figures.trends import DEFAULT_BAND, outside_band
from .format import fmt_band, fmt_count, fmt_date, fmt_pct, fmt_rl, pp_relation
from .indicator_terms import LIKELIHOOD, bme_fared_worse

SURVEY_TEXT: dict[int, str] = {
    5: "harassment, bullying or abuse from patients, relatives or the public",
    6: "harassment, bullying or abuse from staff",
    7: "believing there are equal opportunities for career progression",
    8: "discrimination from a manager or colleagues",
}
SURVEY_NOT_REQUIRED = "Indicators 5-8 (NHS Staff Survey) were not required this year."
TARGET_MESSAGE_GROUPS: tuple[str, ...] = ("senior_8b_plus_and_board", "senior_8a_plus")
LARGEST_GAPS = 3

# The key messages write counts without thousands separators (3010, not 3,010).


def _workforce(record: Mapping[str, Any]) -> list[str]:
    overall = record.get("indicators", {}).get("1", {}).get("overall", {})
    if overall.get("bme_pct") is None:
        return []
    counts = ""
    if overall.get("bme") is not None and overall.get("total") is not None:
        counts = f" ({fmt_count(overall['bme'])} of {fmt_count(overall['total'])})"
    text = f"BME staff make up {fmt_pct(overall['bme_pct'])} of the workforce{counts}"
    if overall.get("unknown_pct"):
        text += f"; ethnicity is not known for {fmt_pct(overall['unknown_pct'])}"
    return [text + "."]


def _largest_gaps(record: Mapping[str, Any]) -> list[str]:
    block = record.get("indicators", {}).get("1", {})
    overall = block.get("overall", {}).get("bme_pct")
    if overall is None:
        return []
    gaps = [
        (overall - row["bme_pct"], i, row)
        for i, row in enumerate(block.get("bands", []))
        if row.get("bme_pct") is not None and row.get("total")
    ]
    gaps = sorted((g for g in gaps if g[0] > 0), key=lambda g: (-g[0], g[1]))[:LARGEST_GAPS]
    if not gaps:
        return []
    parts = [f"{row['staff_type']} {row['band']} ({fmt_pct(row['bme_pct'])})" for _, _, row in gaps]
    return [
        f"BME staff are least represented, against {fmt_pct(overall)} across the workforce, in "
        + ", ".join(parts)
        + "."
    ]


def _likelihoods(record: Mapping[str, Any], band: tuple[float, float]) -> list[str]:
    out = []
    for number, spec in LIKELIHOOD.items():
        block = record.get("indicators", {}).get(str(number), {})
        if block.get("available") is False:
            out.append(f"Indicator {number} is not available: {block.get('note', 'no data')}.")
            continue
        value = block.get("relative_likelihood")
        if value is None:
            reason = block.get("note") or "the figure is suppressed or has no data"
            out.append(f"Indicator {number} could not be computed: {reason}.")
            continue
        where = "outside" if outside_band(value, band) else "within"
        caveat = (
            " Small numbers: one case would move it a long way."
            if block.get("small_numbers")
            else ""
        )
        out.append(
            spec.times_as_likely(fmt_rl(value))
            + f" - {where} the non-adverse range {fmt_band(band)}."
            + caveat
        )
    return out


def _survey(record: Mapping[str, Any]) -> list[str]:
    blocks = {n: record.get("indicators", {}).get(str(n), {}) for n in SURVEY_TEXT}
    if all(b.get("required") is False for b in blocks.values()):
        note = next((b.get("note") for b in blocks.values() if b.get("note")), None)
        return [f"Indicators 5-8 (NHS Staff Survey): {note}" if note else SURVEY_NOT_REQUIRED]
    worse = []
    for number, text in SURVEY_TEXT.items():
        block = blocks[number]
        bme, white = block.get("bme_pct"), block.get("white_pct")
        if block.get("required") is False or bme is None or white is None:
            continue
        if bme_fared_worse(number, white, bme):
            worse.append(
                f"indicator {number}, {text}: {fmt_pct(bme)} BME against {fmt_pct(white)} White"
            )
    if not worse:
        return []
    return ["Staff survey: BME staff fared worse than White staff on " + "; ".join(worse) + "."]


def _board(record: Mapping[str, Any]) -> list[str]:
    block = record.get("indicators", {}).get("9", {})
    voting = block.get("voting", {})
    if block.get("available") is False or voting.get("difference_pp") is None:
        return []
    return [
        f"BME members are {fmt_pct(voting['bme_pct'])} of the board's voting membership, "
        f"{pp_relation(voting['difference_pp'])} the workforce share "
        f"({fmt_pct(block['workforce_bme_pct'])})."
    ]


def stated_target_statement(label: str, block: Mapping[str, Any]) -> str | None:
    """What a stated target means, e.g. '2 of the 25 ... is 8.0%, above parity (1)'."""
    stated = block.get("stated_target")
    if not stated or stated.get("relation") is None:
        return None
    return (
        f"Stated target for {label} ({fmt_count(block['headcount'])} people now): "
        f"{fmt_count(stated['bme_people'])} BME people, "
        f"{fmt_pct(stated['share_of_current_headcount_pct'])} of the group - "
        f"{stated['relation']}, which at the {fmt_pct(block['target_share_pct'])} "
        f"target share is {fmt_count(stated['parity_target_people_rounded_up'])}."
    )


def _targets(record: Mapping[str, Any]) -> list[str]:
    targets = record.get("targets") or {}
    out = []
    for name in TARGET_MESSAGE_GROUPS:
        block = targets.get("groups", {}).get(name, {})
        if block.get("gap_people") is None:
            continue
        text = (
            f"Model Employer target for {block['label']}: {fmt_pct(block['bme_pct'])} BME now "
            f"({fmt_count(block['bme'])} of {fmt_count(block['headcount'])}); parity at the "
            f"{fmt_pct(block['target_share_pct'])} target share is "
            f"{fmt_count(block['parity_target_people'])} people, "
            f"{fmt_count(block['parity_target_people_rounded_up'])} rounded up"
        )
        if block["gap_people"]:
            text += f", {fmt_count(block['gap_people'])} more than now"
            share = block.get("required_bme_appointment_share_pct")
            if share is not None:
                text += (
                    f"; reaching it by {targets.get('target_year')} needs about {fmt_pct(share)} "
                    "of appointments to go to BME people"
                )
            elif block.get("trajectory_note"):
                text += f"; {block['trajectory_note']}"
        else:
            text += ", which is already met"
        out.append(text + ".")
        break
    for block in targets.get("groups", {}).values():
        statement = stated_target_statement(block.get("label", ""), block)
        if statement:
            out.append(statement)
    return out


def _trends(trends: pd.DataFrame, band: tuple[float, float]) -> list[str]:
    out = []
    for direction in ("improved", "worsened"):
        rows = trends[trends["direction"] == direction]
        if rows.empty:
            continue
        items = [
            f"{row.label} ({row.from_year} to {row.to_year})"
            for row in rows.itertuples(index=False)
        ]
        out.append(f"{direction.capitalize()}: " + "; ".join(items) + ".")
    outside = [
        f"indicator {row.indicator} in {', '.join(str(y) for y in row.outside_band_years)}"
        for row in trends.itertuples(index=False)
        if len(row.outside_band_years)
    ]
    if outside:
        out.append(
            f"Relative likelihoods outside the non-adverse range {fmt_band(band)}: "
            + "; ".join(outside)
            + "."
        )
    return out


def _actions(summary: Mapping[str, Any]) -> list[str]:
    counts = summary["by_status"]
    text = (
        f"The action plan has {summary['total']} actions: {counts['done']} done, "
        f"{counts['in progress']} in progress and {counts['not started']} not started."
    )
    if summary["overdue_count"]:
        text += (
            f" {summary['overdue_count']} {'was' if summary['overdue_count'] == 1 else 'were'} "
            f"overdue at {fmt_date(summary['report_date'])} "
            f"({', '.join(summary['overdue'])})."
        )
    return [text]


def key_messages(
    record: Mapping[str, Any],
    trends: pd.DataFrame | None = None,
    action_summary: Mapping[str, Any] | None = None,
    commentary: str | Sequence[str] | None = None,
    *,
    band: tuple[float, float] | None = None,
) -> list[str]:
    """The overview's messages: the organisation's own commentary first, then the figures.

    `trends` is a `trends.direction_of_change` table; `action_summary` a
    `actions.status_summary` result. The band defaults to the record's settings, else
    0.80-1.25.
    """
    if band is None:
        band = tuple(record.get("settings", {}).get("non_adverse_band") or DEFAULT_BAND)
    out: list[str] = []
    if isinstance(commentary, str):
        out.append(commentary.strip())
    elif commentary:
        out.extend(c.strip() for c in commentary if c and c.strip())
    out += _workforce(record)
    out += _largest_gaps(record)
    out += _likelihoods(record, band)
    out += _survey(record)
    out += _board(record)
    out += _targets(record)
    if trends is not None and not trends.empty:
        out += _trends(trends, band)
    if action_summary is not None:
        out += _actions(action_summary)
    return [m for m in out if m]
