"""Narrative for the NHS Staff Survey indicators 5-8."""

from __future__ import annotations

from typing import Any

from ..format import fmt_pct, pp_relation
from ..indicator_terms import HIGHER_IS_WORSE, INDICATOR_NAMES, SURVEY_INDICATORS
from ..record_view import RecordView
from .common import BME_VS_WHITE, availability, cap, sentence


def survey(record: dict[str, Any]) -> list[str]:
    """Indicators 5-8: White and BME percentages, or why they are not shown."""
    view = RecordView(record)
    year = record.get("year")
    states = {n: view.state(n) for n in SURVEY_INDICATORS}
    if set(states.values()) == {"not_required"}:
        reason = view.indicator(5).get("note") or "they were not required this year"
        return [
            f"**Not required in {year}.** Indicators 5-8 (NHS Staff Survey) were not "
            f"required in {year}. {sentence(cap(reason))}"
        ]
    if set(states.values()) == {"not_available"}:
        note = view.indicator(5).get("note") or "the staff survey breakdown was not supplied"
        return [
            f"**Not available.** Indicators 5-8 (NHS Staff Survey) are not available for "
            f"{year}: {sentence(note)}"
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
                else sentence(block.get("note") or "not available")
            )
            bullets.append(f"- {name}: {why}")
            continue
        words = pp_relation(bme - white, *BME_VS_WHITE)
        reading = "a higher figure is worse" if HIGHER_IS_WORSE[n] else "a higher figure is better"
        bullets.append(
            f"- {name}: {fmt_pct(white)} of White staff and {fmt_pct(bme)} of BME staff, "
            f"{words} ({reading})."
        )
    return ["\n".join(bullets)]
