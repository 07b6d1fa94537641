"""Disclosure-aware reading of a figures record, one figure at a time, as display text.

This module decides which figure is shown and whether a null one was hidden by disclosure
control; `display.format` decides how it reads ("<T", "suppressed", "not computable").
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
        return fmt_small(self.threshold)

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

    def missing_text(self, number: int) -> str | None:
        """Why an indicator shows no figure, in a few words; None when it has figures."""
        state = self.state(number)
        if state == "not_required":
            return f"not required in {self.record.get('year')}"
        if state == "not_available":
            return NOT_AVAILABLE
        return None

    def _show(self, path: tuple, shown: Callable[[Any], str], count: bool = False) -> str:
        """The figure at path as text, or what stands in for it when it is null."""
        value = self.get(*path)
        if value is not None:
            return shown(value)
        # In a published record every null count is treated as hidden.
        hidden = self.is_suppressed(*path) or (count and self.published)
        return fmt_missing(hidden, count, self.threshold)

    def count(self, *path: str | int) -> str:
        """A count; a suppressed one reads "<T"."""
        return self._show(path, fmt_count, count=True)

    def pct(self, *path: str | int) -> str:
        """A 0-100 percentage."""
        return self._show(path, fmt_pct)

    def rate(self, *path: str | int) -> str:
        """A 0-1 rate, as a percentage."""
        return self._show(path, fmt_rate)

    def pp(self, *path: str | int) -> str:
        """A difference in percentage points."""
        return self._show(path, fmt_pp)

    def pp_or_note(self, *path: str | int) -> str:
        """A difference in percentage points; if it was never computed, the note beside it."""
        if self.get(*path) is not None or self.is_suppressed(*path):
            return self.pp(*path)
        return note_text(self.get(*path[:-1], "note"))

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
