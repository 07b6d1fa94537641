"""The comparison page's dot plots: every organisation's relative likelihood, by peer group.

One row per peer group; each organisation is a hollow dot (spread a little up and down so
dots of equal value stay visible), the group's interquartile range a grey bar and its
median a black tick, over NHS England's non-adverse band and the parity line. A figure
beyond the axis is drawn at its edge as a triangle pointing right. The alt text gives each
group's count, median, interquartile range and how many lie outside the band; every
organisation's own figure is in the page's table.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..comparison_view import stat_text
from ..format import fmt_band, fmt_rl
from ..indicator_terms import INDICATOR_NAMES
from .base import BAND_STYLE, Chart, join_parts, new_axes
from .compare import IQR_STYLE, MARKERS

AXIS_CAP = 4.0  # relative likelihoods beyond this are drawn at the axis edge
SPREAD = (0.0, -0.16, 0.16, -0.08, 0.08, -0.24, 0.24)  # vertical offsets, in turn


def benchmark_chart(dataset: Mapping[str, Any], indicator: int) -> Chart | None:
    """Every organisation's RL for indicator 2, 3 or 4 by peer group; None without any."""
    key = f"{indicator}.relative_likelihood"
    groups = [
        (name, group)
        for name, group in dataset["groups"].items()
        if name.startswith("peer:")
    ]
    values = {
        name: [
            dataset["organisations"][code]["values"][key]["value"]
            for code in group["members"]
            if dataset["organisations"][code]["values"][key]["value"] is not None
        ]
        for name, group in groups
    }
    if not any(values.values()):
        return None
    low, high = dataset["band"]
    everything = [v for found in values.values() for v in found]
    right = max(2.0, high * 1.2, min(AXIS_CAP, max(everything) * 1.08))
    alt_parts = []
    with new_axes(1.4 + 0.75 * len(groups)) as (fig, ax):
        ax.axvspan(low, high, zorder=0, **BAND_STYLE)
        ax.axvline(1.0, color="black", linewidth=1.2, zorder=1)
        for y, (name, group) in enumerate(groups):
            stats = group["measures"][key]
            if stats["median"] is not None:
                ax.plot([stats["q1"], stats["q3"]], [y, y], zorder=2, **IQR_STYLE)
                ax.plot([stats["median"]], [y], linestyle="none", zorder=4, **MARKERS["peer"])
            beyond = 0
            for i, value in enumerate(sorted(values[name])):
                offset = SPREAD[i % len(SPREAD)]
                if value > right:
                    beyond += 1
                    ax.plot([right], [y + offset], marker=">", markersize=5, color="black",
                            linestyle="none", clip_on=False, zorder=3)
                    continue
                ax.plot([value], [y + offset], marker="o", markersize=4, color="black",
                        markerfacecolor="white", markeredgewidth=0.8, linestyle="none",
                        clip_on=False, zorder=3)
            part = (
                f"{group['label']}: {stats['n']} organisation(s) with a figure, median "
                f"{stat_text('ratio', stats)}"
            )
            if stats.get("outside_band") is not None:
                part += f", {stats['outside_band']} outside the band"
            if beyond:
                part += f", {beyond} beyond {fmt_rl(right)} drawn at the edge"
            alt_parts.append(part)
        ax.set_yticks(range(len(groups)), [g["label"] for _, g in groups])
        ax.set_ylim(len(groups) - 0.5, -0.5)
        ax.set_xlim(0, right)
        ax.set_xlabel(
            f"Relative likelihood (1.00 = parity line; band {fmt_band((low, high))} shaded)"
        )
        ax.set_title(f"Indicator {indicator}: {INDICATOR_NAMES[indicator]}", loc="left")
    alt = (
        f"Dot plot of every organisation's indicator {indicator} relative likelihood "
        f"({INDICATOR_NAMES[indicator]}) by peer group, with the group's interquartile range "
        f"as a grey bar, its median as a tick, NHS England's non-adverse band "
        f"{fmt_band((low, high))} shaded and the parity line at 1.00. "
        + join_parts(alt_parts)
        + ". Each organisation's figure is in the table of every organisation below."
    )
    return Chart(fig, alt)
