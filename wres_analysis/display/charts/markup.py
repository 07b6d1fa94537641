"""A chart in a report: HTML for web pages, Markdown for Word, both keeping the alt text.

Every renderer gets the long alt text (what the chart shows, with the numbers) as the
image's text alternative and the short title as its visible caption:

- HTML (the self-contained report and Quarto's HTML book) gets a `<figure>`: a `<picture>`
  whose phone drawing is chosen on narrow screens, an `<img>` with the alt text, and the
  title as `<figcaption>`. Each image carries `data-min-text-px`, the height of its
  smallest text in image pixels, so a browser test can check the text's size as shown.
- Word (Quarto's DOCX) gets `![title](data:...){fig-alt="alt"}`: Quarto makes the title
  the caption, and the project's `docx-alt.lua` filter makes `fig-alt` the picture's
  description (Word's alt text).
"""

from __future__ import annotations

import base64
import html
import math
from dataclasses import replace

from matplotlib.figure import Figure

from ..sanitise import md_text
from .base import DPI, PHONE_DPI, Chart, min_text_pt, short_title

PHONE_MEDIA = "(max-width: 40em)"  # the phone layout of report.css


def _data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def _attribute(text: str) -> str:
    """Text for a double-quoted HTML or Pandoc attribute: one line, entities for the rest."""
    return html.escape(" ".join(text.split()), quote=True).replace("\\", "&#92;")


def image_markdown(png: bytes, alt: str, title: str | None = None) -> str:
    """`![title](data:image/png;base64,...){fig-alt="alt"}`: a captioned image whose alt
    text is `alt`, in Quarto's Markdown (the title defaults to the alt text's opening)."""
    caption = md_text(" ".join((title or short_title(alt)).split()))
    return f'![{caption}]({_data_uri(png)}){{fig-alt="{_attribute(alt)}"}}'


def text_px(figure: Figure, dpi: int) -> float:
    """The height of the figure's smallest text in image pixels at `dpi` (rounded down to
    a tenth, so a check against it never flatters the chart)."""
    return math.floor(min_text_pt(figure) * dpi / 72 * 10) / 10


def figure_html(chart: Chart) -> str:
    """The chart as an HTML `<figure>`: the phone drawing for narrow screens, the wide one
    otherwise, the alt text on the `<img>` and the title as the caption."""
    source = ""
    if chart.phone is not None:
        source = (
            f'<source media="{PHONE_MEDIA}" srcset="{_data_uri(chart.phone_png() or b"")}" '
            f'data-min-text-px="{text_px(chart.phone, PHONE_DPI)}">'
        )
    image = (
        f'<img src="{_data_uri(chart.png())}" alt="{_attribute(chart.alt)}" '
        f'data-min-text-px="{text_px(chart.figure, DPI)}">'
    )
    caption = html.escape(" ".join(chart.caption.split()), quote=False)
    return (
        f'<figure class="chart"><picture>{source}{image}</picture>'
        f"<figcaption>{caption}</figcaption></figure>"
    )


def show_chart(figure: Figure | Chart | None, alt: str | None = None) -> None:
    """Display a chart for every renderer: HTML (picture, alt text, caption) and Markdown
    (for Word). A bare figure needs `alt`; None shows nothing."""
    if figure is None:
        return
    from IPython.display import display

    chart = figure if isinstance(figure, Chart) else Chart(figure, alt or "")
    if alt is not None:
        chart = replace(chart, alt=alt)
    if not chart.alt.strip():
        raise ValueError("a chart needs alt text describing what it shows")
    display({"text/html": figure_html(chart), "text/markdown": chart.markdown()}, raw=True)
