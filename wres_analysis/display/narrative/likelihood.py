"""Narrative for the relative-likelihood indicators 2-4."""

from __future__ import annotations

from typing import Any

from ..format import HIDDEN, SUPPRESSED, fmt_band, fmt_rl
from ..indicator_terms import GROUP_LABELS, LIKELIHOOD
from ..record_view import RecordView
from .common import availability, cap, sentence


def likelihood(record: dict[str, Any], number: int) -> list[str]:
    """Indicators 2-4: the relative likelihood in words, its orientation and the band flag."""
    missing = availability(record, number)
    if missing:
        return [missing]
    view = RecordView(record)
    spec = LIKELIHOOD[number]
    block = view.indicator(number)
    top, other, people = spec.top, spec.other, spec.people
    rl = block.get("relative_likelihood")
    paragraphs = []
    if rl is not None:
        shown = fmt_rl(rl)
        if rl == 0:
            first = (
                f"No {top} {people} {spec.done}, while some {other} {people} did, so the "
                f"relative likelihood is {shown}: {top} {people} were less likely to "
                f"{spec.event}."
            )
        elif shown == fmt_rl(1):
            first = (
                f"{top} and {other} {people} were equally likely to {spec.event} "
                f"(relative likelihood {shown})."
            )
        else:
            first = spec.times_as_likely(shown)
            first += "." if rl > 1 else ", that is, less likely."
        paragraphs.append(first + " " + _band_sentence(view, number, shown))
        if block.get("small_numbers"):
            paragraphs.append(
                f"**Small numbers:** fewer than {view.threshold} White or BME {people} "
                f"{spec.done}, so one case more or less would move this figure a long way. "
                "Read it with care, and alongside earlier years."
            )
    elif view.is_suppressed("indicators", number, "relative_likelihood"):
        paragraphs.append(f"The relative likelihood is {HIDDEN}.")
    else:
        paragraphs.append(_cannot(block.get("note")))
    paragraphs.append(_rates_sentence(view, number))
    paragraphs.append(_orientation(number))
    if number == 3:
        if block.get("method"):
            paragraphs.append(f"Method: {sentence(str(block['method']))}")
        if block.get("caveat"):
            paragraphs.append(f"**Caveat:** {sentence(str(block['caveat']))}")
    if view.get("indicators", number, "unknown") is not None:
        paragraphs.append(
            f"{cap(people)} of unknown ethnicity are left out of both rates; their counts are "
            "shown in the table."
        )
    return paragraphs


def _cannot(note: str | None) -> str:
    if not note:
        return "The relative likelihood cannot be computed."
    if note.lower().startswith("cannot be computed"):
        return sentence("The relative likelihood " + note[0].lower() + note[1:])
    return sentence(f"The relative likelihood cannot be computed: {note}")


def _band_sentence(view: RecordView, number: int, shown: str) -> str:
    band = fmt_band(view.indicator(number).get("band") or view.band)
    if view.assessment(number).startswith("outside"):
        return f"At {shown} it lies outside NHS England's non-adverse band of {band}: flagged."
    return f"At {shown} it lies within NHS England's non-adverse band of {band}."


def _rates_sentence(view: RecordView, number: int) -> str:
    spec = LIKELIHOOD[number]
    base = ("indicators", number)
    parts = []
    for key in ("white", "bme"):
        rate = view.rate(*base, key, "rate")
        rate = "rate not published" if rate == SUPPRESSED else rate
        denominator = view.count(*base, key, spec.denominator)
        count = view.count(*base, key, spec.count)
        who = f"{GROUP_LABELS[key]} {spec.people}"
        if number == 2:
            parts.append(f"of {denominator} {who} shortlisted, {count} were appointed ({rate})")
        else:
            parts.append(f"of {denominator} {who}, {count} {spec.done} ({rate})")
    text = cap("; ".join(parts)) + "."
    if number == 3 and len(view.indicator(3).get("years") or []) > 1:
        text += " Entries are the two-year figure the method below describes."
    return text


def _orientation(number: int) -> str:
    spec = LIKELIHOOD[number]
    meaning = (
        "a figure above 1.00 is adverse for BME staff"
        if spec.numerator_group == "bme"
        else f"a figure above 1.00 favours White {spec.people} and one below 1.00 favours "
        f"BME {spec.people}"
    )
    return (
        f"How to read it: the relative likelihood is the {spec.top} rate divided by the "
        f"{spec.other} rate. 1.00 means both groups are equally likely to {spec.event}; "
        f"{meaning}."
    )
