"""Turn traced figures into HTML: `<span class="figure" data-figure=... data-year=...
data-format=...>` around each figure's text (see `record_view.traced`).

Every display sink calls one of these: `markdown_html` for Markdown (narrative, bullets,
commentary: only the figures become HTML), `text_html` for plain text going into HTML (table
cells: everything is escaped), `plain` for places that must stay plain text (alt text, chart
labels, logs).
"""

from __future__ import annotations

import html
import re

from .record_view import MARK_END, MARK_START, MARK_TEXT

MARKED = re.compile(
    f"{MARK_START}([^|{MARK_TEXT}]*)\\|([^|{MARK_TEXT}]*)\\|([^{MARK_TEXT}]*){MARK_TEXT}"
    f"(.*?){MARK_END}",
    re.S,
)
_ANY_MARK = re.compile(f"[{MARK_START}{MARK_TEXT}{MARK_END}]")


def _span(match: re.Match[str]) -> str:
    year, path, kind, text = match.groups()
    return (
        f'<span class="figure" data-figure="{html.escape(path)}" '
        f'data-year="{html.escape(year)}" data-format="{html.escape(kind)}">'
        f"{html.escape(text, quote=False)}</span>"
    )


def markdown_html(text: str) -> str:
    """Markdown whose traced figures become spans (the rest stays Markdown)."""
    return _ANY_MARK.sub("", MARKED.sub(_span, text))


def text_html(text: str) -> str:
    """Plain text for HTML: escaped, with traced figures as spans."""
    out, last = [], 0
    for match in MARKED.finditer(text):
        out.append(html.escape(_ANY_MARK.sub("", text[last : match.start()]), quote=False))
        out.append(_span(match))
        last = match.end()
    out.append(html.escape(_ANY_MARK.sub("", text[last:]), quote=False))
    return "".join(out)


def plain(text: str) -> str:
    """The text without any markers (what a reader sees)."""
    return _ANY_MARK.sub("", MARKED.sub(lambda m: m.group(4), text))


def has_marks(text: str) -> bool:
    """Whether text carries traced figures (or stray markers)."""
    return _ANY_MARK.search(text) is not None
