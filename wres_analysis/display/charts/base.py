"""What every chart shares: the greyscale house style, alt text, reproducible PNG bytes.

Every chart comes with a short title (shown under it) and alt text that states what it
shows with the actual numbers. Groups differ by hatching and markers as well as shade, and
values are labelled directly, so nothing depends on colour. Figures are built without pyplot
(no global state, no automatic display in Jupyter) at a fixed size and dpi, and saved
without a "Software" stamp, so the same record gives the same PNG bytes.

A chart function decorated with `responsive` can draw its chart again at PHONE_WIDTH for a
phone, where the wide picture shrunk to the screen would make its text unreadably small.
The phone drawing is the same chart laid out for the narrow figure: small multiples in one
column, legends in as many columns as fit, long text broken into lines. No chart text is
smaller than MIN_TEXT_PT, so on a 390 px wide screen, where the report's pages show a chart
340-370 CSS px wide, the phone drawing's text is at least 9 pt / 72 x 340 / 4.5 = 9.4 px
(tests/test_report_browser.py measures it).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from functools import cached_property, partial, wraps
from typing import Any, ParamSpec

from matplotlib import rc_context
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.legend import Legend
from matplotlib.text import Text
from matplotlib.ticker import FixedLocator
from matplotlib.transforms import blended_transform_factory

DPI = 100
WIDTH = 8.0  # inches
PHONE_WIDTH = 4.5  # inches: the phone drawing, shown about 340-370 CSS px wide
PHONE_DPI = 150  # sharp on a phone's denser screen
PHONE_TALLER = 1.4  # the phone drawing's height, relative to the wide one's
MIN_TEXT_PT = 9  # no chart text is smaller
STYLE: dict[str, Any] = {
    "font.family": "DejaVu Sans",  # ships with matplotlib: same glyphs on every machine
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "hatch.linewidth": 0.8,
    "svg.hashsalt": "wres",
    "path.simplify": True,
}
# Greyscale encodings: fill, hatch, edge. White and BME differ by hatching, not shade alone.
GROUP_STYLE: dict[str, dict[str, Any]] = {
    "white": {"facecolor": "white", "hatch": "", "edgecolor": "black"},
    "bme": {"facecolor": "0.45", "hatch": "///", "edgecolor": "black"},
    "unknown": {"facecolor": "0.85", "hatch": "...", "edgecolor": "black"},
}
BAND_STYLE: dict[str, Any] = {"facecolor": "0.92", "hatch": "\\\\", "edgecolor": "0.6"}
# Lines over the years: each differs by line style and marker as well as shade.
LINE_STYLES: tuple[dict[str, Any], ...] = (
    {"color": "black", "linestyle": "-", "marker": "o", "markerfacecolor": "white"},
    {"color": "0.35", "linestyle": "--", "marker": "s", "markerfacecolor": "0.35"},
    {"color": "black", "linestyle": ":", "marker": "^", "markerfacecolor": "black"},
)


# "wide" (screens and print) or "phone": how new figures are laid out.
_LAYOUT: ContextVar[str] = ContextVar("wres_chart_layout", default="wide")
P = ParamSpec("P")


@dataclass(frozen=True)
class Chart:
    """A rendered chart: its figure, alt text (what it shows, with the numbers) and a short
    title (shown under it; derived from the alt text when not given). A `responsive`
    chart also knows how to draw itself again for a phone (`phone`, drawn when first
    asked for)."""

    figure: Figure
    alt: str
    title: str = ""
    redraw: Callable[[], Chart | None] | None = field(default=None, repr=False, compare=False)

    @property
    def caption(self) -> str:
        """The short visible title: `title`, else the alt text up to its first colon or
        full stop."""
        return self.title or short_title(self.alt)

    @cached_property
    def phone(self) -> Figure | None:
        """The same chart drawn for a phone, or None when it has no phone drawing."""
        if self.redraw is None:
            return None
        token = _LAYOUT.set("phone")
        try:
            drawn = self.redraw()
        finally:
            _LAYOUT.reset(token)
        if drawn is None:
            return None
        _wrap_text(drawn.figure)
        return drawn.figure

    def png(self) -> bytes:
        """The chart as PNG bytes (deterministic)."""
        return png_bytes(self.figure)

    def phone_png(self) -> bytes | None:
        """The phone drawing as PNG bytes, or None when the chart has none."""
        return None if self.phone is None else png_bytes(self.phone, PHONE_DPI)

    def markdown(self) -> str:
        """A Markdown image: the title as its caption, the alt text as `fig-alt`."""
        from .markup import image_markdown

        return image_markdown(self.png(), self.alt, self.caption)


def short_title(alt: str, limit: int = 80) -> str:
    """The alt text's opening, up to its first colon or full stop (at most `limit`
    characters, cut at a word)."""
    head = " ".join(alt.split())
    for stop in (": ", ". "):
        head = head.split(stop, 1)[0]
    head = head.rstrip(".:")
    if len(head) > limit:
        head = head[: limit - 1].rsplit(" ", 1)[0] + "…"
    return head


def png_bytes(figure: Figure, dpi: int = DPI) -> bytes:
    """PNG bytes at the given dpi, with no software/date metadata (the figure's layout
    settled first, so every save gives the same bytes)."""
    settle_layout(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()


def min_text_pt(figure: Figure) -> float:
    """The size of the smallest text the figure shows, in points."""
    return min(
        (
            t.get_fontsize()
            for t in figure.findobj(Text)
            if t.get_visible() and t.get_text().strip()
        ),
        default=float(STYLE["font.size"]),
    )


def responsive(build: Callable[P, Chart | None]) -> Callable[P, Chart | None]:
    """Let a chart function's charts draw themselves for a phone (`Chart.phone`): the same
    function runs again with figures PHONE_WIDTH wide and small multiples in one column,
    and its long text is broken into lines that fit."""

    @wraps(build)
    def drawn(*args: P.args, **kwargs: P.kwargs) -> Chart | None:
        chart = build(*args, **kwargs)
        if chart is None or chart.redraw is not None or _phone():
            return chart
        return replace(chart, redraw=partial(build, *args, **kwargs))

    return drawn


# On a phone, the most of the figure's width a line of each kind of text may take.
WRAP_SHARE = {"row label": 0.32, "axis label": 0.55, "title": 0.9, "in axes": 0.3}


def _lines(text: str, font: FontProperties, most: float, renderer: Any) -> str:
    """The text broken at spaces into lines no wider than `most` pixels (a word wider than
    that stays whole); its own line breaks kept."""
    out = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            trial = f"{line} {word}" if line else word
            if line and renderer.get_text_width_height_descent(trial, font, False)[0] > most:
                out.append(line)
                line = word
            else:
                line = trial
        out.append(line)
    return "\n".join(out)


def _wrap_text(figure: Figure) -> None:
    """Break long text into lines that fit a phone's narrow figure, once and for all.

    Each kind of text gets a share of the figure's width (WRAP_SHARE): row labels, axis
    labels, titles, and text inside the axes (value labels, notes). Lines are measured
    with the figure's own renderer and fonts, so the result is the same on every machine
    and on every save. Legends are left alone: `legend_above` fits them already.
    """
    if not isinstance(figure.canvas, FigureCanvasAgg):
        FigureCanvasAgg(figure)  # a figure made elsewhere: measure with Agg all the same
    renderer = figure.canvas.get_renderer()
    width = figure.bbox.width

    def wrap(text: Text, kind: str) -> None:
        if text.get_text():
            most = WRAP_SHARE[kind] * width
            text.set_text(_lines(text.get_text(), text.get_fontproperties(), most, renderer))

    for ax in figure.axes:
        if isinstance(ax.yaxis.get_major_locator(), FixedLocator):  # row labels
            ticks = list(ax.get_yticks())
            labels = ax.yaxis.get_major_formatter().format_ticks(ticks)
            font = ax.yaxis.get_major_ticks()[0].label1.get_fontproperties()
            most = WRAP_SHARE["row label"] * width
            ax.set_yticks(ticks, [_lines(label, font, most, renderer) for label in labels])
        wrap(ax.xaxis.label, "axis label")
        wrap(ax.title, "title")
        for child in ax.texts:
            wrap(child, "in axes")
    for text in figure.texts:
        wrap(text, "title")


def settle_layout(figure: Figure, rounds: int = 8) -> None:
    """Lay the figure out until its axes stop moving, then keep that layout.

    Labels placed beside the data can reach past the axes; each constrained-layout pass
    then narrows the axes a little more, so an unsettled figure would give different PNG
    bytes from one save to the next.
    """
    if figure.get_layout_engine() is None:
        return  # settled already, or laid out by hand

    def places() -> list[float]:
        return [v for ax in figure.axes for v in ax.get_position().bounds]

    for _ in range(rounds):
        before = places()
        figure.draw_without_rendering()
        if all(abs(a - b) < 1e-6 for a, b in zip(before, places(), strict=True)):
            break
    figure.set_layout_engine("none")


def _phone() -> bool:
    return _LAYOUT.get() == "phone"


def _figure(height: float) -> Figure:
    if _phone():  # drawn at the dpi it is saved at: the layout is the one saved
        figure = Figure(figsize=(PHONE_WIDTH, height * PHONE_TALLER), dpi=PHONE_DPI)
    else:
        figure = Figure(figsize=(WIDTH, height), dpi=DPI)
    figure.set_layout_engine("constrained")
    FigureCanvasAgg(figure)  # the Agg renderer, whatever backend the session uses
    return figure


@contextmanager
def new_axes(height: float) -> Iterator[tuple[Figure, Axes]]:
    """A new figure of the given height and its one set of axes, drawn in the house style."""
    with rc_context(STYLE):
        figure = _figure(height)
        yield figure, figure.add_subplot()


@contextmanager
def new_grid(height: float, rows: int, cols: int) -> Iterator[tuple[Figure, list[Axes]]]:
    """A new figure of small multiples (rows x cols axes, in reading order), house style.
    For a phone, the same axes in one column, each as tall as a row of the wide figure."""
    with rc_context(STYLE):
        if _phone():
            figure = _figure(height / rows * rows * cols * 0.8)
            rows, cols = rows * cols, 1
        else:
            figure = _figure(height)
        yield figure, list(figure.subplots(rows, cols, squeeze=False).flat)


def fit_legend(make: Callable[[int], Legend], columns: int) -> Legend:
    """The legend `make(ncol)` draws, in the most columns (up to `columns`) that fit the
    figure's width."""
    for ncol in range(columns, 0, -1):
        legend = make(ncol)
        figure = legend.get_figure(root=True)
        width = legend.get_window_extent(figure.canvas.get_renderer()).width
        if ncol == 1 or width <= figure.bbox.width * 0.98:
            return legend
        legend.remove()
    raise ValueError("a legend needs at least one column")


def row_labels(ax: Axes, labels: Sequence[str]) -> None:
    """One labelled row per bar, the first at the top."""
    ax.set_yticks(range(len(labels)), labels)
    ax.invert_yaxis()


def reference_line(ax: Axes, x: float, label: str, **style: Any) -> None:
    """A vertical black line across the axes at x, labelled just above them."""
    ax.axvline(x, color="black", linewidth=1.2, **style)
    ax.text(x, 1.01, label, transform=ax.get_xaxis_transform(), ha="center")


def legend_above(ax: Axes, handles: Sequence[Artist], ncol: int | None = None) -> None:
    """A legend above the axes, without a frame: one line unless `ncol` says otherwise, and
    fewer columns when that would be wider than the figure."""
    fit_legend(
        lambda n: ax.legend(
            handles=list(handles),
            loc="lower center",
            bbox_to_anchor=(0.5, 1.0),  # centred on the figure, just above the axes
            bbox_transform=blended_transform_factory(ax.figure.transFigure, ax.transAxes),
            ncol=n,
            frameon=False,
        ),
        ncol or len(handles),
    )


def join_parts(parts: Iterable[str]) -> str:
    """The parts of an alt text, joined with semicolons."""
    return "; ".join(parts)
