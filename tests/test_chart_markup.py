"""Charts in a report: a short title, the alt text kept in HTML and Word's Markdown, and a
phone drawing whose text stays readable on a 390 px screen."""

from __future__ import annotations

import base64
import json
import struct
from collections.abc import Callable
from dataclasses import replace
from html.parser import HTMLParser
from typing import Any

import pypandoc
import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

from tests.record_fixture import make_record, make_years, with_model_targets
from wres_analysis.display import charts
from wres_analysis.display.charts.base import (
    MIN_TEXT_PT,
    PHONE_DPI,
    PHONE_WIDTH,
    WIDTH,
    Chart,
    min_text_pt,
    new_axes,
    responsive,
    short_title,
)
from wres_analysis.display.charts.markup import PHONE_MEDIA, figure_html, image_markdown
from wres_analysis.figures import covid

HOSTILE_ALT = 'Odd "quotes" & <script>x</script>\\ back [b] *c* _d_ `e` {f}\n  new line'
HOSTILE_ONE_LINE = " ".join(HOSTILE_ALT.split())


def png_width(png: bytes) -> int:
    """The width in the PNG's IHDR chunk."""
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    return struct.unpack(">I", png[16:20])[0]


class Tags(HTMLParser):
    """Every start tag's attributes (entities decoded) and the text inside <figcaption>."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.caption, self._in_caption = "", False
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_caption = self._in_caption or tag == "figcaption"

    def handle_endtag(self, tag: str) -> None:
        self._in_caption = self._in_caption and tag != "figcaption"

    def handle_data(self, data: str) -> None:
        if self._in_caption:
            self.caption += data

    def one(self, tag: str) -> dict[str, str | None]:
        [found] = [attrs for name, attrs in self.tags if name == tag]
        return found


def test_short_title_is_the_alt_texts_opening() -> None:
    assert short_title("Bar chart of the board: voting 1; all 2.") == "Bar chart of the board"
    assert short_title("Line chart of shares. 2019 3.3%.") == "Line chart of shares"
    assert short_title("No stop at all") == "No stop at all"
    long = "word " * 30
    assert short_title(long) == ("word " * 15).strip() + "…"  # 79 characters, cut at a word
    figure = Figure()
    assert Chart(figure, "Bar chart of X: 1; 2.").caption == "Bar chart of X"
    assert Chart(figure, "Bar chart of X: 1; 2.", "X by year").caption == "X by year"


def test_pandoc_reads_the_markdown_image_with_the_alt_text_exactly() -> None:
    """What Quarto's Markdown reader (pandoc) makes of a chart: caption and fig-alt intact."""
    markdown = image_markdown(b"\x89PNG", HOSTILE_ALT, "Title [1] & <b>x</b> *y*")
    ast = json.loads(pypandoc.convert_text(markdown, "json", format="markdown"))
    images = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("t") == "Image":
                images.append(node["c"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(ast["blocks"])
    [(attr, inlines, (src, _))] = images
    assert dict(attr[2]) == {"fig-alt": HOSTILE_ONE_LINE}
    caption = pypandoc.convert_text(json.dumps({**ast, "blocks": [
        {"t": "Plain", "c": inlines}]}), "plain", format="json").strip()  # fmt: skip
    assert caption == "Title [1] & <b>x</b> *y*"
    assert src == "data:image/png;base64," + base64.b64encode(b"\x89PNG").decode()


def test_figure_html_keeps_alt_text_caption_and_phone_drawing() -> None:
    chart = charts.rl_chart(make_record())
    chart = replace(chart, alt=HOSTILE_ALT + '"><script>', title="Relative <likelihoods>")
    parsed = Tags(figure_html(chart))
    assert [tag for tag, _ in parsed.tags] == ["figure", "picture", "source", "img", "figcaption"]
    image, source = parsed.one("img"), parsed.one("source")
    assert image["alt"] == HOSTILE_ONE_LINE + '"><script>'  # one attribute, nothing broke out
    assert parsed.caption == "Relative <likelihoods>"
    assert source["media"] == PHONE_MEDIA
    wide = base64.b64decode(image["src"].removeprefix("data:image/png;base64,"))
    phone = base64.b64decode(source["srcset"].removeprefix("data:image/png;base64,"))
    assert wide == chart.png() and png_width(wide) == WIDTH * 100
    assert phone == chart.phone_png() and png_width(phone) == PHONE_WIDTH * PHONE_DPI
    # the smallest text (9 pt) in image pixels: 9 / 72 * 100 = 12.5 and 9 / 72 * 150 = 18.75
    assert image["data-min-text-px"] == "12.5" and source["data-min-text-px"] == "18.7"


def test_min_text_pt_counts_only_text_that_shows() -> None:
    figure = Figure()
    figure.text(0.1, 0.1, "big", fontsize=12)
    figure.text(0.1, 0.5, "   ", fontsize=5)
    figure.text(0.1, 0.9, "hidden", fontsize=6).set_visible(False)
    assert min_text_pt(figure) == 12


def _rates() -> Any:
    return covid.load_diagnosis_rates()


BUILDERS: dict[str, Callable[[], Chart | None]] = {
    "rl": lambda: charts.rl_chart(make_record()),
    "rates 2": lambda: charts.rates_chart(make_record(), 2),
    "rates 3": lambda: charts.rates_chart(make_record(), 3),
    "workforce clinical": lambda: charts.workforce_chart(make_record(), "clinical"),
    "workforce non-clinical": lambda: charts.workforce_chart(make_record(), "non-clinical"),
    "board": lambda: charts.board_chart(make_record()),
    "survey": lambda: charts.survey_chart(make_record(survey=True)),
    "targets": lambda: charts.targets_chart(with_model_targets(make_record())),
    "covid": lambda: charts.covid_chart(_rates()),
    "workforce mix": lambda: charts.workforce_mix_chart(make_record()),
    "risk": lambda: charts.risk_assessment_chart(make_record()),
    "likelihoods": lambda: charts.likelihoods_chart(make_years()),
    "trend 1": lambda: charts.trend_chart(make_years(), 1),
    "trend 2": lambda: charts.trend_chart(make_years(), 2),
    "trend 5-8": lambda: charts.trend_chart(make_years(), 5, 6, 7, 8),
    "trend 9": lambda: charts.trend_chart(make_years(), 9),
}


def cut_off(figure: Figure) -> list[str]:
    """Texts that reach beyond the figure's edges; tick labels of ticks outside the axes'
    limits are never drawn and are left out."""
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    undrawn = set()
    for ax in figure.axes:
        for axis in (ax.xaxis, ax.yaxis):
            low, high = sorted(axis.get_view_interval())
            for tick in axis.get_major_ticks():
                if not low - 1e-9 <= tick.get_loc() <= high + 1e-9:
                    undrawn |= {id(tick.label1), id(tick.label2)}
    out = []
    for text in figure.findobj(Text):
        if id(text) in undrawn or not (text.get_visible() and text.get_text().strip()):
            continue
        original = text.get_text()
        box = text.get_window_extent(renderer)
        if box.x0 < -2 or box.y0 < -2 or box.x1 > figure.bbox.width + 2:
            out.append(f"{original[:40]!r} at x {box.x0:.0f}-{box.x1:.0f}")
        elif box.y1 > figure.bbox.height + 2:
            out.append(f"{original[:40]!r} at y {box.y0:.0f}-{box.y1:.0f}")
    return out


@pytest.mark.parametrize("name", BUILDERS)
def test_every_chart_has_a_readable_phone_drawing(name: str) -> None:
    chart = BUILDERS[name]()
    assert chart is not None and chart.title, name
    assert chart.phone is not None, f"{name} has no phone drawing (@responsive)"
    assert chart.phone.get_size_inches()[0] == PHONE_WIDTH
    assert chart.figure.get_size_inches()[0] == WIDTH
    for figure in (chart.figure, chart.phone):
        assert min_text_pt(figure) >= MIN_TEXT_PT
        assert cut_off(figure) == []
    # shown 340 CSS px wide (a 390 px phone less the page's margins), its text is >= 9 px
    assert MIN_TEXT_PT / 72 * 340 / PHONE_WIDTH >= 9


def test_phone_drawing_is_reproducible_and_leaves_the_wide_one_alone() -> None:
    first, again = charts.board_chart(make_record()), charts.board_chart(make_record())
    assert first.phone_png() == again.phone_png() == first.phone_png()  # saved twice: the same
    assert first.png() == again.png() == first.png()
    assert first.phone_png() != first.png()


def test_a_legend_takes_fewer_columns_when_the_figure_is_narrow() -> None:
    labels = ["a long legend entry number one", "another long entry", "third one", "fourth"]

    @responsive
    def legend_chart() -> Chart:
        from matplotlib.patches import Patch

        with new_axes(3) as (figure, ax):
            charts.base.legend_above(ax, [Patch(label=label) for label in labels])
        return Chart(figure, "A legend: nothing else.", "Legend")

    chart = legend_chart()
    for figure, one_row in ((chart.figure, True), (chart.phone, False)):
        figure.canvas.draw()
        legend = figure.axes[0].get_legend()
        renderer = figure.canvas.get_renderer()
        assert legend.get_window_extent(renderer).width <= figure.bbox.width
        rows = {round(t.get_window_extent(renderer).y0) for t in legend.get_texts()}
        assert (len(rows) == 1) is one_row
