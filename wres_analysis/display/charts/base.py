"""What every chart shares: the greyscale house style, alt text, reproducible PNG bytes.

Every chart comes with alt text that states what it shows with the actual numbers. Groups
differ by hatching and markers as well as shade, and values are labelled directly, so
nothing depends on colour. Figures are built without pyplot (no global state, no automatic
display in Jupyter) at a fixed size and dpi, and saved without a "Software" stamp, so the
same record gives the same PNG bytes.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from matplotlib import rc_context
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

DPI = 100
WIDTH = 8.0  # inches
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


@dataclass(frozen=True)
class Chart:
    """A rendered chart and its alt text."""

    figure: Figure
    alt: str

    def png(self) -> bytes:
        """The chart as PNG bytes (deterministic)."""
        return png_bytes(self.figure)

    def markdown(self) -> str:
        """A Markdown image with the alt text and the PNG inline as a data URI."""
        return image_markdown(self.png(), self.alt)


def png_bytes(figure: Figure) -> bytes:
    """PNG bytes at the fixed dpi, with no software/date metadata."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def _escape_alt(alt: str) -> str:
    text = " ".join(alt.split())
    for char in ("\\", "[", "]", "*", "_", "`"):
        text = text.replace(char, "\\" + char)
    return text


def image_markdown(png: bytes, alt: str) -> str:
    """`![alt](data:image/png;base64,...)`: keeps the alt text in nbconvert and Quarto alike."""
    data = base64.b64encode(png).decode("ascii")
    return f"![{_escape_alt(alt)}](data:image/png;base64,{data})"


def show_chart(figure: Figure | Chart | None, alt: str | None = None) -> None:
    """Display a chart as a Markdown image (alt text kept). None shows nothing."""
    if figure is None:
        return
    from IPython.display import Markdown, display

    if isinstance(figure, Chart):
        alt = figure.alt if alt is None else alt
        figure = figure.figure
    if not alt:
        raise ValueError("a chart needs alt text describing what it shows")
    display(Markdown(image_markdown(png_bytes(figure), alt)))


def _figure(height: float) -> Figure:
    figure = Figure(figsize=(WIDTH, height), dpi=DPI, layout="constrained")
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
    """A new figure of small multiples (rows x cols axes, in reading order), house style."""
    with rc_context(STYLE):
        figure = _figure(height)
        yield figure, list(figure.subplots(rows, cols, squeeze=False).flat)


def row_labels(ax: Axes, labels: Sequence[str]) -> None:
    """One labelled row per bar, the first at the top."""
    ax.set_yticks(range(len(labels)), labels)
    ax.invert_yaxis()


def reference_line(ax: Axes, x: float, label: str, **style: Any) -> None:
    """A vertical black line across the axes at x, labelled just above them."""
    ax.axvline(x, color="black", linewidth=1.2, **style)
    ax.text(x, 1.01, label, transform=ax.get_xaxis_transform(), ha="center")


def legend_above(ax: Axes, handles: Sequence[Artist], ncol: int | None = None) -> None:
    """A legend above the axes, without a frame: one line unless `ncol` says otherwise."""
    ax.legend(
        handles=list(handles),
        loc="lower center",
        bbox_to_anchor=(0.5, 1.0),
        ncol=ncol or len(handles),
        frameon=False,
    )


def join_parts(parts: Iterable[str]) -> str:
    """The parts of an alt text, joined with semicolons."""
    return "; ".join(parts)
