"""Disclosure-aware reading of a figures record, one figure at a time, as display text.

This module decides which figure is shown and whether a null one was hidden by disclosure
control; `display.format` decides how it reads ("[c]", "not computable").

Traceability: a record wrapped by `traced()` (the notebooks' records are) makes every figure
shown in text carry its path in the record, as invisible markers around the text. The
display sinks (`display.figure_markup`) turn them into
`<span class="figure" data-figure="indicators.2.relative_likelihood" data-year="2020"
data-format="rl">1.23</span>`, so an analyst can see where a number comes from and
`wres verify` can check every number in a report against the record. Charts draw plain text
(`RecordView(record, trace=False)`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from .format import (
    NOT_AVAILABLE,
    SUPPRESSED,
    fmt_band,
    fmt_count,
    fmt_missing,
    fmt_pct,
    fmt_pp,
    fmt_rate,
    fmt_rl,
    fmt_small,
    note_text,
)

State = Literal["available", "not_available", "not_required"]

RISK_PATH: tuple[str, ...] = ("covid", "risk_assessments")


# Private-use characters: never typed by people, never in a record.
MARK_START, MARK_TEXT, MARK_END = "\ue000", "\ue001", "\ue002"


class TracedRecord(dict):
    """A figures record whose figures, shown in text, carry their path (see the module)."""


def traced(record: dict[str, Any]) -> TracedRecord:
    """The record, marked so that the text built from it is traceable."""
    return record if isinstance(record, TracedRecord) else TracedRecord(record)


def mark(text: str, year: Any, path: str, kind: str) -> str:
    """Text of one figure with its year, dotted path and format kind around it."""
    return f"{MARK_START}{year}|{path}|{kind}{MARK_TEXT}{text}{MARK_END}"


@dataclass(frozen=True)
class RecordView:
    """Disclosure-aware access to a record's figures as display strings."""

    record: dict[str, Any]
    trace: bool | None = None  # None: trace when the record is a TracedRecord

    @property
    def tracing(self) -> bool:
        """Whether the figures this view shows carry their path."""
        return isinstance(self.record, TracedRecord) if self.trace is None else self.trace

    def _marked(self, text: str, path: tuple, kind: str) -> str:
        if not self.tracing:
            return text
        return mark(text, self.record.get("year"), ".".join(str(p) for p in path), kind)

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
        """How a hidden count reads: "[c]"."""
        return fmt_small(self.threshold)

    def get(self, *path: str | int) -> Any:
        """The value at a path of keys (None if any step is missing)."""
        node: Any = self.record
        for part in path:
            if isinstance(node, list):
                index = int(part) if isinstance(part, str) and part.isdigit() else part
                if not isinstance(index, int) or index >= len(node):
                    return None
                node = node[index]
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

    def missing_text(self, number: int) -> str | None:
        """Why an indicator shows no figure, in a few words; None when it has figures."""
        state = self.state(number)
        if state == "not_required":
            return f"not required in {self.record.get('year')}"
        if state == "not_available":
            return NOT_AVAILABLE
        return None

    def _plain(self, path: tuple, kind: str) -> str:
        """The figure at path as text (no markers), or what stands in for it when null."""
        if kind == "rl":
            return self._rl_text(int(path[1]))
        if kind == "pp_or_note" and self.get(*path) is None and not self.is_suppressed(*path):
            return note_text(self.get(*path[:-1], "note"))
        shown, count = FORMATS[kind]
        value = self.get(*path)
        if value is not None:
            return shown(value)
        # In a published record every null count is treated as hidden.
        hidden = self.is_suppressed(*path) or (count and self.published)
        return fmt_missing(hidden, count, self.threshold)

    def show(self, kind: str, *path: str | int) -> str:
        """The figure at path in the given format kind (count, pct, rate, pp, pp_or_note, rl),
        carrying its path when tracing."""
        return self._marked(self._plain(path, kind), path, kind)

    def count(self, *path: str | int) -> str:
        """A count; a suppressed one reads "[c]"."""
        return self.show("count", *path)

    def pct(self, *path: str | int) -> str:
        """A 0-100 percentage."""
        return self.show("pct", *path)

    def rate(self, *path: str | int) -> str:
        """A 0-1 rate, as a percentage."""
        return self.show("rate", *path)

    def pp(self, *path: str | int) -> str:
        """A difference in percentage points."""
        return self.show("pp", *path)

    def pp_or_note(self, *path: str | int) -> str:
        """A difference in percentage points; if it was never computed, the note beside it."""
        return self.show("pp_or_note", *path)

    def rl(self, number: int) -> str:
        """An indicator's relative likelihood, or why it is not shown."""
        return self.show("rl", "indicators", number, "relative_likelihood")

    def _rl_text(self, number: int) -> str:
        value = self.indicator(number).get("relative_likelihood")
        if value is not None:
            return fmt_rl(value)
        if self.is_suppressed("indicators", number, "relative_likelihood"):
            return SUPPRESSED
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


FORMATS: dict[str, tuple[Callable[[Any], str], bool]] = {
    "count": (fmt_count, True),
    "pct": (fmt_pct, False),
    "rate": (fmt_rate, False),
    "pp": (fmt_pp, False),
    "pp_or_note": (fmt_pp, False),
}
KINDS = (*FORMATS, "rl")


def expected_text(record: dict[str, Any], path: str, kind: str) -> str:
    """How the figure at a dotted path reads in a report (what `wres verify` expects)."""
    parts = tuple(int(p) if p.isdigit() else p for p in path.split("."))
    return RecordView(record, trace=False)._plain(parts, kind)


def target_hidden(record: dict[str, Any], group: dict[str, Any]) -> bool:
    """In a published record, a target group whose BME count or headcount is suppressed.

    Its parity target, gap and trajectory would let a reader work the hidden count back
    out, so displays show none of them.
    """
    return bool(record.get("published")) and (
        group.get("bme") is None or group.get("headcount") is None
    )


def risk_assessment_state(record: dict[str, Any]) -> State:
    """Whether the record has staff COVID-19 risk-assessment figures."""
    block = RecordView(record).get(*RISK_PATH)
    if not block or block.get("available") is False:
        return "not_available"
    return "available"
