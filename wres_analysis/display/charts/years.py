"""Drawing over the years: a year axis, labelled lines, and named gaps.

Every point is labelled with its value; a year without a figure is named where its point
would be ("not required", "suppressed"). Lines differ by line style and marker, not shade
alone. A missing year between two figures is bridged by a thin dotted line: the comparison
the narrative makes, not an estimate for that year.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from ..trend_view import Point
from .base import LINE_STYLES, join_parts

Line = tuple[str, list[Point]]  # a named series of yearly points


def year_axis(ax: Axes, years: Sequence[int]) -> None:
    """One tick per reporting year, with room either side for the labels."""
    ax.set_xticks(list(years), [str(y) for y in years])
    ax.set_xlim(min(years) - 0.5, max(years) + 0.5)


# Where a value label goes, as (x, y) offset in points and alignment.
PLACES: dict[str, tuple[tuple[int, int], str, str]] = {
    "above": ((0, 8), "center", "bottom"),
    "below": ((0, -9), "center", "top"),
    "left": ((-9, 0), "right", "center"),
}


def _places(lines: Sequence[Line], ylim: tuple[float, float]) -> list[dict[int, str]]:
    """For each line and year: label above the point if it is the year's highest, else below
    it (or to its left, when below would run into the year labels)."""
    out: list[dict[int, str]] = [{} for _ in lines]
    floor = ylim[0] + 0.12 * (ylim[1] - ylim[0])
    years = sorted({p.year for _, pts in lines for p in pts})
    for year in years:
        values = [next((p.value for p in pts if p.year == year), None) for _, pts in lines]
        known = [v for v in values if v is not None]
        for i, value in enumerate(values):
            if value is None or len(known) < 2 or value == max(known):
                out[i][year] = "above"
            else:
                out[i][year] = "below" if value > floor else "left"
    return out


def _name_missing(ax: Axes, lines: Sequence[Line]) -> None:
    """Name each year without a figure at the top of the axes, above where its point would be."""
    missing: dict[int, list[tuple[str, str]]] = {}
    for name, pts in lines:
        for p in pts:
            if p.value is None:
                missing.setdefault(p.year, []).append((name, p.text))
    for year, found in missing.items():
        texts = {text for _, text in found}
        if len(texts) == 1 and len(found) == len(lines):
            label = texts.pop()
        else:
            label = "\n".join(f"{name}: {text}" for name, text in found)
        ax.text(
            year,
            0.97,
            label,
            transform=ax.get_xaxis_transform(),
            ha="center",
            va="top",
            fontsize=9,
            style="italic",
            bbox={"facecolor": "white", "edgecolor": "0.6", "pad": 2},
        )


def draw_lines(
    ax: Axes,
    lines: Sequence[Line],
    ylim: tuple[float, float],
    styles: Sequence[dict[str, Any]] = LINE_STYLES,
) -> None:
    """Each line with its markers and value labels, on the given value range; missing years
    named. Points two or more years apart (a gap between) are joined by a thin dotted line."""
    ax.set_ylim(*ylim)
    places = _places(lines, ylim)
    for (_, pts), style, place in zip(lines, styles, places, strict=False):
        known = [p for p in pts if p.value is not None]
        years = [p.year for p in pts]
        for a, b in pairwise(known):
            adjacent = years.index(b.year) - years.index(a.year) == 1
            ax.plot(
                [a.year, b.year],
                [a.value, b.value],
                color=style["color"],
                linestyle=style["linestyle"] if adjacent else ":",
                linewidth=1.8 if adjacent else 0.9,
                zorder=2,
            )
        for p in known:
            ax.plot([p.year], [p.value], markersize=8, zorder=3, **{**style, "linestyle": "none"})
            offset, ha, va = PLACES[place[p.year]]
            ax.annotate(
                p.text,
                (p.year, p.value),
                xytext=offset,
                textcoords="offset points",
                ha=ha,
                va=va,
                fontsize=9,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5},
                zorder=4,
            )
    _name_missing(ax, lines)


def line_handles(lines: Sequence[Line], styles: Sequence[dict[str, Any]] = LINE_STYLES):
    """Legend entries showing each line's style and marker."""
    return [
        Line2D([], [], markersize=7, label=name, **style)
        for (name, _), style in zip(lines, styles, strict=False)
    ]


def line_alt(lines: Sequence[Line]) -> str:
    """Each line's values by year, for alt text."""
    return join_parts(
        f"{name}: " + ", ".join(f"{p.year} {p.text}" for p in pts) for name, pts in lines
    )
