"""Change over time, in words: which way each indicator moved since earlier years.

Each section states, for its headline measures, the direction of change between the
earliest year and the latest and between the last two years with figures: improved,
worsened or unchanged, by the WRES orientation `figures.trends` applies (a share of the
workforce has no better direction: it rose or fell). Indicators 2-4 also say which years lay
outside the non-adverse band. A year without a figure (not required, suppressed) is named,
and never compared.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..format import HIDDEN, SUPPRESSED, fmt_band
from ..indicator_terms import INDICATOR_NAMES, LIKELIHOOD, SURVEY_INDICATORS
from ..record_view import RecordView
from ..trend_view import (
    NOT_REQUIRED,
    Change,
    Records,
    band_years,
    changes,
    join_years,
    measure,
    points,
    series,
)

NO_TREND = "No earlier year's data is available for this organisation, so there is no trend yet."

# Why a change counts as better or worse, by orientation: (improved, worsened, level).
WHY: dict[str, tuple[str, str, str]] = {
    "towards_one": (
        "closer to parity, 1.00",
        "further from parity, 1.00",
        "as far from parity as before",
    ),
    "towards_zero": (
        "closer to the workforce share",
        "further from the workforce share",
        "as far from the workforce share as before",
    ),
    "lower": ("lower is better", "lower is better", "lower is better"),
    "higher": ("higher is better", "higher is better", "higher is better"),
}
SURVEY_PHRASES: dict[int, str] = {
    5: "reporting harassment, bullying or abuse from patients, relatives or the public",
    6: "reporting harassment, bullying or abuse from staff",
    7: "believing the organisation provides equal opportunities for career progression",
    8: "reporting discrimination from a manager or colleagues",
}
WORKFORCE_SUBJECTS: dict[str, str] = {
    "workforce_bme_pct": "The BME share of the workforce",
    "senior_8a_plus_bme_pct": "The BME share of Band 8a and above",
    "senior_8a_plus_difference_pp": "The gap between the BME share of Band 8a and above and "
    "the workforce's",
}
BOARD_SUBJECTS: dict[str, str] = {
    "voting": "voting members",
    "executive": "executive members",
    "all": "all board members",
}


def _verb(change: Change) -> str:
    if change.direction in ("improved", "worsened"):
        return change.direction
    if change.direction == "unchanged" or change.movement == "unchanged":
        return "was unchanged"
    return change.movement  # no orientation: rose or fell


def _reason(change: Change, orientation: str | None) -> str:
    """Why the change counts as it does, e.g. "closer to parity, 1.00" ("" if level)."""
    if not orientation or (change.direction == "unchanged" and change.movement == "unchanged"):
        return ""
    improved, worsened, level = WHY[orientation]
    return {"improved": improved, "worsened": worsened}.get(change.direction, level)


def _clauses(found: Sequence[Change], orientation: str | None, why: bool) -> list[str]:
    """e.g. "improved between 2019 and 2021 (1.59 to 1.47, closer to parity, 1.00)".

    The reason is given once, and again only where it differs from the clause before.
    """
    out, said = [], ""
    for change in found:
        if change.from_text != change.to_text:
            values = f"{change.from_text} to {change.to_text}"
        elif change.movement == "unchanged":
            values = f"{change.to_text} in both years"
        else:  # moved by more than the tolerance, yet both round to the same figure
            values = f"{change.to_text} in both years once rounded"
        reason = _reason(change, orientation) if why else ""
        if reason and reason != said:
            values += f", {reason}"
        said = reason
        out.append(f"{_verb(change)} between {change.from_year} and {change.to_year} ({values})")
    return out


def _missing_reason(text: str) -> str:
    return {SUPPRESSED: HIDDEN, NOT_REQUIRED: "not required that year"}.get(text, text)


def change_text(records: Records, indicator: int, name: str, subject: str, why: bool = True) -> str:
    """One measure's direction of change in a sentence, starting with `subject`."""
    m = measure(indicator, name)
    frame = series(records)
    found = changes(records, m, frame)
    level = all(c.movement == "unchanged" and c.from_text == c.to_text for c in found)
    if found and level and len({c.to_text for c in found}) == 1:
        years = sorted({c.from_year for c in found} | {found[0].to_year})
        return f"{subject} was unchanged: {found[0].to_text} in {join_years(years)}."
    if found:
        return f"{subject} {', and '.join(_clauses(found, m.orientation, why))}."
    latest = points(records, m, frame)[-1]
    if latest.value is None:
        return (
            f"{subject} has no {latest.year} figure ({_missing_reason(latest.text)}), so no "
            "direction of change is given."
        )
    return f"{subject} has no earlier figure to compare with."


def _band_sentence(records: Records, number: int) -> str:
    outside, within, missing = band_years(records, number)
    band = fmt_band(RecordView(records[max(records)]).band)
    if outside:
        text = f"Years outside the non-adverse band {band}: {join_years(outside)}"
        text += f"; within it: {join_years(within)}." if within else "."
    elif within:
        text = (
            f"No year lay outside the non-adverse band {band}: {join_years(within)} were all "
            "within it."
            if len(within) > 1
            else f"{within[0]} lay within the non-adverse band {band}."
        )
    else:
        text = ""
    reasons: dict[str, list[int]] = {}
    for point in missing:
        reasons.setdefault(_missing_reason(point.text), []).append(point.year)
    for reason, years in reasons.items():
        text += f" No relative likelihood for {join_years(years)} ({reason})."
    return text.strip()


def _method_sentence(records: Records) -> str | None:
    single = [
        year
        for year, record in sorted(records.items())
        if RecordView(record).indicator(3).get("method_key") == "single"
    ]
    if not single:
        return None
    return (
        f"The {join_years(single)} figure{'s' if len(single) > 1 else ''} used a single "
        "year's entries (no earlier disciplinary data), while two-year figures average two "
        "years: compare them with care."
    )


def _survey(records: Records) -> list[str]:
    skipped = [
        year
        for year, record in sorted(records.items())
        if all(RecordView(record).state(n) == "not_required" for n in SURVEY_INDICATORS)
    ]
    latest = max(records)
    if latest in skipped:
        return [
            f"Indicators 5-8 (NHS Staff Survey) were not required in {latest}, so there is no "
            f"{latest} figure to compare and no direction of change is given; the table and "
            "chart show the earlier years' figures."
        ]
    bullets = []
    for n in SURVEY_INDICATORS:
        orientation = measure(n, "bme_pct").orientation
        parts = [
            change_text(records, n, f"{key}_pct", f"for {label} staff it", why=False).rstrip(".")
            for key, label in (("bme", "BME"), ("white", "White"))
        ]
        reading = WHY[orientation or "lower"][0]
        bullets.append(
            f"- Indicator {n}, staff {SURVEY_PHRASES[n]} ({reading}): " + "; ".join(parts) + "."
        )
    paragraphs = ["\n".join(bullets)]
    if skipped:
        paragraphs.append(
            f"Indicators 5-8 were not required in {join_years(skipped)}, so "
            f"{'that year has' if len(skipped) == 1 else 'those years have'} no staff survey "
            "figures and each comparison is with the latest earlier survey."
        )
    return paragraphs


def trend(records: Records, *numbers: int) -> list[str]:
    """A section's change over time: one sentence per headline measure.

    `numbers` are the section's indicators: (1,), (2,), (3,), (4,), (5, 6, 7, 8) or (9,).
    """
    if len(records) < 2:
        return [NO_TREND]
    number = numbers[0]
    if number == 1:
        return [
            change_text(records, 1, name, subject, why=name.endswith("_pp"))
            for name, subject in WORKFORCE_SUBJECTS.items()
        ]
    if number in LIKELIHOOD:
        spec = LIKELIHOOD[number]
        subject = (
            f"The relative likelihood of {INDICATOR_NAMES[number]} ({spec.top} vs {spec.other} "
            f"{spec.people})"
        )
        out = [
            change_text(records, number, "relative_likelihood", subject),
            _band_sentence(records, number),
        ]
        method = _method_sentence(records) if number == 3 else None
        return out + ([method] if method else [])
    if number in SURVEY_INDICATORS:
        return _survey(records)
    return [
        change_text(
            records,
            9,
            f"{key}_difference_pp",
            f"The gap between the BME share of {label} and the workforce's",
        )
        for key, label in BOARD_SUBJECTS.items()
    ]
