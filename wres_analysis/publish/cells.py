"""Spreadsheet cells from a figures record: numbers stay numbers, a missing one gets a symbol.

The symbols are the Analysis Function's ("Symbols in tables", used by gptables):
`[c]` a figure hidden by disclosure control (published edition only), `[x]` not available
(no input file, or it cannot be computed), `[z]` not applicable (an indicator not required
that year, or a figure the method does not use). Numbers are the record's own, unrounded;
each column carries a number format that shows the report's precision (`NUMBER_FORMATS`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..display.record_view import RecordView
from ..figures.record import COUNT_KEYS

CONFIDENTIAL, NOT_AVAILABLE, NOT_APPLICABLE = "[c]", "[x]", "[z]"
SYMBOLS: tuple[str, ...] = (CONFIDENTIAL, NOT_AVAILABLE, NOT_APPLICABLE)

Cell = int | float | str

# How each kind of figure is stored and shown. "rate" figures are 0-1 in the record and
# are written as percentages (x 100) like every other share in the workbook.
NUMBER_FORMATS: dict[str, str] = {
    "count": "#,##0",
    "mean": "#,##0.0",  # indicator 3's two-year mean of entries
    "pct": "0.0",
    "rate": "0.0",
    "ratio": "0.00",
    "pp": "+0.0;-0.0;0.0",
    "people": "#,##0.0",  # parity targets and vacancies: fractions of people
}
SCALE: dict[str, float] = {"rate": 100.0}


def safe_text(text: object) -> str:
    """Free text for a cell: gptables reads "$$name$$" as a note reference, so break it up."""
    return str(text).replace("$$", "$ $")


@dataclass(frozen=True)
class Figures:
    """Reads one record's figures as cells, deciding the symbol for each missing one."""

    record: dict[str, Any]

    @property
    def view(self) -> RecordView:
        """The display package's reader of the same record (paths, suppression, states)."""
        return RecordView(self.record)

    @property
    def published(self) -> bool:
        """Whether disclosure control was applied."""
        return self.view.published

    @property
    def threshold(self) -> int:
        """The disclosure threshold T."""
        return self.view.threshold

    def hidden(self, *path: str | int) -> bool:
        """Whether the null figure at `path` was hidden by disclosure control.

        As in the report, a null count in a published record is always treated as hidden.
        """
        if not self.published:
            return False
        return self.view.is_suppressed(*path) or str(path[-1]) in COUNT_KEYS

    def cell(self, *path: str | int, kind: str, missing: str = NOT_AVAILABLE) -> Cell:
        """The figure at `path` as a number, or the symbol saying why there is none.

        `missing` stands in when the record has no such figure, or a null one that was
        not hidden by disclosure control.
        """
        parent, key = self.view.get(*path[:-1]), str(path[-1])
        if not isinstance(parent, dict) or key not in parent:
            return missing
        value = parent[key]
        if isinstance(value, bool):
            return "Yes" if value else "No"
        if isinstance(value, int | float):
            return value * SCALE[kind] if kind in SCALE else value
        if value is not None:
            return safe_text(value)
        return CONFIDENTIAL if self.hidden(*path) else missing

    def flag(self, *path: str | int, depends_on: tuple[str | int, ...]) -> Cell:
        """A yes/no figure; "[c]" when the figure it describes was hidden."""
        value = self.view.get(*path)
        if isinstance(value, bool):
            return "Yes" if value else "No"
        return CONFIDENTIAL if self.hidden(*depends_on) else NOT_AVAILABLE

    def missing_for(self, number: int) -> str:
        """The symbol for an indicator's absent figures: not required, or not available."""
        return NOT_APPLICABLE if self.view.state(number) == "not_required" else NOT_AVAILABLE
