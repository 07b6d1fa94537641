"""Text that is not ours, made safe before it reaches HTML, Word or PDF.

Organisation names, params text, action plans, data values and file names are plain text:
`md_text` escapes them for Markdown (a `<script>` shows as those characters, a `[link](..)`
as brackets) and `html.escape` does for HTML. Analysts' commentary may use Markdown
formatting: `commentary_html` renders it with raw HTML escaped (mistune) and then keeps
only an allow-list of tags and attributes (nh3, a maintained HTML sanitiser), so emphasis,
lists and ordinary links survive while scripts, event handlers and `javascript:` links do
not. `clean_fragment` is the last line of defence for a whole report page.
"""

from __future__ import annotations

import re

import mistune
import nh3

from .figure_markup import MARKED, markdown_html

# Markdown punctuation that could start formatting, a link or raw HTML.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!~])")

COMMENTARY_TAGS = {
    "p", "br", "em", "strong", "ul", "ol", "li", "a", "code", "blockquote",
    "h3", "h4", "span", "sup", "sub",
}  # fmt: skip
FIGURE_ATTRIBUTES = {"class", "data-figure", "data-year", "data-format"}
URL_SCHEMES = {"http", "https", "mailto"}

_render = mistune.create_markdown(escape=True, plugins=["strikethrough"])
_TOKEN = re.compile(r"WRESFIGURE(\d+)X")


def md_text(text: object) -> str:
    """Plain text for Markdown: every character that could format, link or open a tag is
    escaped, and `&` is an entity, so the text reads exactly as it was written."""
    return _MD_SPECIAL.sub(r"\\\1", str(text).replace("&", "&amp;"))


def safe_markdown(markdown: str) -> str:
    """Markdown that cannot carry HTML or links: `&`, `<`, `>`, `[` and `]` are escaped, so
    any text interpolated into it reads literally; traced figures become their spans.

    The report's own narrative uses neither raw HTML nor links, so escaping them costs it
    nothing and makes every sentence safe whatever organisation name, params text or note
    went into it.
    """
    figures: list[str] = []

    def aside(match: re.Match[str]) -> str:
        figures.append(match.group(0))
        return f"WRESFIGURE{len(figures) - 1}X"

    text = MARKED.sub(aside, markdown)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("[", "\\[").replace("]", "\\]")
    return _TOKEN.sub(lambda m: markdown_html(figures[int(m.group(1))]), text)


def commentary_html(markdown: str) -> str:
    """Analyst Markdown as safe HTML: formatting kept, raw HTML shown as text, links only to
    http(s) and mailto. Traced figures (filled in from the record) come out as their spans:
    they stand aside as plain tokens while the analyst's text is rendered and cleaned."""
    figures: list[str] = []

    def aside(match: re.Match[str]) -> str:
        figures.append(match.group(0))
        return f"WRESFIGURE{len(figures) - 1}X"

    rendered = _render(MARKED.sub(aside, markdown))
    cleaned = nh3.clean(
        str(rendered),
        tags=COMMENTARY_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes=URL_SCHEMES,
    ).strip()
    return _TOKEN.sub(lambda m: markdown_html(figures[int(m.group(1))]), cleaned)


REPORT_TAGS = set(nh3.ALLOWED_TAGS) | {
    "main", "section", "header", "footer", "nav", "figure", "figcaption", "details",
    "summary", "img", "picture", "source", "caption", "style",
}  # fmt: skip
REPORT_ATTRIBUTES = {
    "*": {"id", "class", "role", "tabindex", "lang", "title", "hidden"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "source": {"srcset", "media"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "span": FIGURE_ATTRIBUTES,
    "ol": {"start", "type"},
    "details": {"open"},
}


def _only_images_as_data(element: str, attribute: str, value: str) -> str | None:
    """data: URLs only as PNG images (the charts), never as links; a `<source>` (a chart's
    phone drawing) offers nothing but such an image."""
    if element == "source" and attribute == "srcset":
        return value if value.startswith("data:image/png;") else None
    if value.strip().lower().startswith("data:"):
        ok = element == "img" and attribute == "src" and value.startswith("data:image/png")
        return value if ok else None
    return value


def clean_fragment(html_text: str) -> str:
    """A report body with anything executable removed (scripts, event handlers,
    `javascript:` links, embedded objects), everything the report itself writes kept."""
    return nh3.clean(
        html_text,
        tags=REPORT_TAGS - {"style"},
        clean_content_tags={"script", "style"},
        attributes=REPORT_ATTRIBUTES,
        attribute_filter=_only_images_as_data,
        generic_attribute_prefixes={"aria-", "data-"},
        url_schemes=URL_SCHEMES | {"data"},
        link_rel=None,
    )
