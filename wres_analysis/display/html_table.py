"""A display table as accessible HTML: caption, column headers, row headers, traced figures.

pandas' Styler cannot give a cell a `data-figure` attribute or a row label
`<th scope="row">`, so tables are written here, in a dozen lines. The first column holds
each row's label (a band, a group, a measure) and becomes the row header. The table sits in
a labelled region that a keyboard can focus, so a table wider than a phone's screen can be
scrolled without a mouse (WCAG 2.1.1; axe `scrollable-region-focusable`).
"""

from __future__ import annotations

import pandas as pd

from .figure_markup import text_html
from .tables.common import Strong

TABLE_CLASS = "wres-table"


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, Strong):
        return f"<strong>{text_html(str(value))}</strong>"
    return text_html(str(value))


def table_html(table: pd.DataFrame, caption: str | None = None, ident: str = "table") -> str:
    """The table as HTML: escaped text, traced figures as spans, the first column as row
    headers, in a focusable region named by the caption (`ident`: an id unique in the
    report, for the caption)."""
    header = "".join(f'<th scope="col">{_cell(name)}</th>' for name in table.columns)
    rows = []
    for values in table.itertuples(index=False, name=None):
        first, *rest = values
        cells = "".join(f"<td>{_cell(v)}</td>" for v in rest)
        rows.append(f'<tr><th scope="row">{_cell(first)}</th>{cells}</tr>')
    caption_html = f'<caption id="{ident}">{_cell(caption)}</caption>' if caption else ""
    label = f'aria-labelledby="{ident}"' if caption else 'aria-label="table"'
    return (
        f'<div class="table-region" role="region" {label} tabindex="0">'
        f'<table class="{TABLE_CLASS}">{caption_html}'
        f"<thead><tr>{header}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )
