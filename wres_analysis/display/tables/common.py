"""What every display table shares: cells as strings, and one way to style a table."""

from __future__ import annotations

import pandas as pd
from pandas.io.formats.style import Styler


def frame(rows: list[dict[str, str]]) -> pd.DataFrame:
    """A display table from rows of already-formatted cells (object dtype: text stays text)."""
    return pd.DataFrame(rows, dtype=object)


def styled(table: pd.DataFrame, caption: str | None = None, uuid: str = "wres") -> Styler:
    """A table for display: index hidden, cells HTML-escaped, a fixed id (stable output)."""
    styler = (
        table.style.hide(axis="index")
        .format(escape="html")
        .format_index(escape="html", axis=1)
        .set_uuid(uuid)
        .set_table_attributes('class="wres-table"')
    )
    if caption:
        styler = styler.set_caption(caption)
    return styler
