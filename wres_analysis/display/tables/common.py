"""What every display table shares: cells as strings (written as HTML by `display.html_table`)."""

from __future__ import annotations

import pandas as pd


class Strong(str):
    """A cell to stand out (written in bold): an overdue action, for instance."""


def frame(rows: list[dict[str, str]]) -> pd.DataFrame:
    """A display table from rows of already-formatted cells (object dtype: text stays text)."""
    return pd.DataFrame(rows, dtype=object)
