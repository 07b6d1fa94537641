"""Narrative for the workforce (indicator 1) and the board (indicator 9)."""

from __future__ import annotations

from typing import Any

from ...inputs.bands import SENIOR_BANDS
from ..format import HIDDEN, NOT_COMPUTABLE, fmt_date, fmt_pct, pp_relation
from ..indicator_terms import BOARD_MEMBERSHIPS
from ..record_view import RecordView
from .common import availability, sentence, share_parts, share_text


def workforce(record: dict[str, Any]) -> list[str]:
    """Indicator 1: the workforce's ethnic mix, by staff type and by pay band."""
    view = RecordView(record)
    base = ("indicators", 1)
    overall = (*base, "overall")
    if not view.get(*overall, "total"):
        return [sentence(view.get(*overall, "note") or "No staff are recorded")]
    snapshot = record.get("settings", {}).get("snapshot_date")
    when = f" at {fmt_date(snapshot)}" if snapshot else ""
    total = view.count(*overall, "total")
    bme_pct, bme_counts = share_parts(view, overall, "bme")
    sentences = [
        f"BME staff make up {bme_pct} of the workforce ({bme_counts} staff, headcount{when})."
        if bme_pct
        else f"The number and share of BME staff are {HIDDEN} (headcount {total}{when})."
    ]
    white = share_text(view, overall, "white")
    sentences.append(
        f"White staff make up {white}." if white else f"The White figures are {HIDDEN}."
    )
    unknown = share_text(view, overall, "unknown")
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
        text = share_text(view, (*base, "by_staff_type", staff_type), "bme")
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


def board(record: dict[str, Any]) -> list[str]:
    """Indicator 9: the board's BME share against the workforce's, in percentage points."""
    missing = availability(record, 9)
    if missing:
        return [missing]
    view = RecordView(record)
    base = ("indicators", 9)
    wf = view.pct(*base, "workforce_bme_pct")
    bullets = []
    for key, label in BOARD_MEMBERSHIPS.items():
        block = view.get(*base, key)
        if block is None:
            continue
        diff = block.get("difference_pp")
        if block.get("bme_pct") is None or diff is None:
            hidden = view.is_suppressed(*base, key, "bme_pct") or view.is_suppressed(
                *base, key, "difference_pp"
            )
            why = (
                f"the BME share is {HIDDEN}"
                if hidden
                else (block.get("note") or NOT_COMPUTABLE)
            )
            bullets.append(f"- {label}: {sentence(why)}")
            continue
        words = pp_relation(
            diff,
            "above the workforce's share",
            "below the workforce's share (under-represented)",
            "the same as the workforce's share",
        )
        pct, counts = share_parts(view, (*base, key), "bme", "members")
        bullets.append(
            f"- {label}: {pct} BME ({counts} members), against {wf} of the workforce: {words}."
        )
    return [
        "\n".join(bullets),
        "How to read it: the difference is the board's BME share minus the workforce's, in "
        "percentage points; a negative figure means BME people are under-represented on the "
        "board compared with the workforce.",
    ]
