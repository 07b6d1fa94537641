"""A display table as accessible HTML: caption, column headers, row headers, traced figures.

pandas' Styler cannot give a cell a `data-figure` attribute or a row label
`<th scope="row">`, so tables are written here, in a dozen lines. The first column holds
each row's label (a band, a group, a measure) and becomes the row header. The table sits in
a labelled region that a keyboard can focus, so a table wider than the window can be
scrolled without a mouse (WCAG 2.1.1; axe `scrollable-region-focusable`).

On a phone the report's CSS lays each row out as a block (its label, then each figure
after its column's name, from the cell's `data-label`), so nothing is off-screen. Browsers
may drop a table's meaning when its parts are not displayed as a table, so every part says
what it is with an explicit ARIA role.
"""

from __future__ import annotations

import html

import pandas as pd

from .figure_markup import plain, text_html
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
    header = "".join(
        f'<th scope="col" role="columnheader">{_cell(name)}</th>' for name in table.columns
    )
    labels = [html.escape(plain(str(name)), quote=True) for name in table.columns[1:]]
    rows = []
    for values in table.itertuples(index=False, name=None):
        first, *rest = values
        cells = "".join(
            f'<td role="cell" data-label="{label}">{_cell(v)}</td>'
            for label, v in zip(labels, rest, strict=True)
        )
        rows.append(
            f'<tr role="row"><th scope="row" role="rowheader">{_cell(first)}</th>{cells}</tr>'
        )
    caption_html = f'<caption id="{ident}">{_cell(caption)}</caption>' if caption else ""
    label = f'aria-labelledby="{ident}"' if caption else 'aria-label="table"'
    return (
        f'<div class="table-region" role="region" {label} tabindex="0">'
        f'<table class="{TABLE_CLASS}" role="table">{caption_html}'
        f'<thead role="rowgroup"><tr role="row">{header}</tr></thead>'
        f'<tbody role="rowgroup">{"".join(rows)}</tbody></table></div>'
    )
