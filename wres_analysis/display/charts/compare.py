"""The "How we compare" chart: each relative likelihood against peers, region and country.

One row per relative-likelihood indicator (2-4): the peer group's interquartile range as a
grey bar with its median as a tick, the region's median, the national figure and the
organisation itself, each a different marker shape (not colour alone), over NHS England's
non-adverse band and the parity line.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from matplotlib.lines import Line2D

from ..comparison_view import national_text, stat_text
from ..format import fmt_band, fmt_rl
from ..indicator_terms import INDICATOR_NAMES
from .base import BAND_STYLE, Chart, join_parts, legend_above, new_axes, responsive

MARKERS: dict[str, dict[str, Any]] = {
    "own": {"marker": "o", "markersize": 10, "color": "black", "markerfacecolor": "black"},
    "peer": {"marker": "|", "markersize": 18, "markeredgewidth": 2.5, "color": "black"},
    "region": {"marker": "^", "markersize": 9, "color": "black", "markerfacecolor": "white"},
    "national": {"marker": "s", "markersize": 8, "color": "black", "markerfacecolor": "0.6"},
}
IQR_STYLE: dict[str, Any] = {"color": "0.7", "linewidth": 9, "solid_capstyle": "butt"}


def _handles(peer_label: str, region: str) -> list[Line2D]:
    def handle(key: str, label: str) -> Line2D:
        return Line2D([], [], linestyle="none", label=label, **MARKERS[key])

    return [
        handle("own", "This organisation"),
        Line2D([], [], label=f"{peer_label}: middle half", **IQR_STYLE),
        handle("peer", "peer median"),
        handle("region", f"{region} median"),
        handle("national", "national"),
    ]


@responsive
def comparison_chart(comparison: Mapping[str, Any]) -> Chart | None:
    """Relative likelihoods of indicators 2-4 against peers, region and country; None when
    neither the organisation nor any group has one."""
    rows = [
        e
        for e in comparison["measures"]
        if e["kind"] == "ratio"
        and (
            e["value"] is not None
            or e["peer"]["median"] is not None
            or e["region"]["median"] is not None
            or e.get("national")
        )
    ]
    if not rows:
        return None
    low, high = comparison["band"]
    peers = bool(comparison["peers_available"])
    shown: list[float] = []
    for e in rows:
        shown += [v for v in (e["value"], e["peer"]["q3"], e["region"]["median"]) if v is not None]
        shown += [e["national"]["value"]] if e.get("national") else []
    right = max([2.0, high * 1.2, *[v * 1.15 for v in shown]])
    alt_parts = []
    with new_axes(1.8 + 0.8 * len(rows)) as (fig, ax):
        ax.axvspan(low, high, zorder=0, **BAND_STYLE)
        ax.axvline(1.0, color="black", linewidth=1.2, zorder=1)  # parity (named in the label)
        for y, e in enumerate(rows):
            peer, region, national = e["peer"], e["region"], e.get("national")
            if peer["median"] is not None:
                ax.plot([peer["q1"], peer["q3"]], [y, y], zorder=2, **IQR_STYLE)
                ax.plot([peer["median"]], [y], linestyle="none", zorder=3, **MARKERS["peer"])
            if region["median"] is not None:
                ax.plot([region["median"]], [y], linestyle="none", zorder=4, **MARKERS["region"])
            if national:
                ax.plot([national["value"]], [y], linestyle="none", zorder=4, **MARKERS["national"])
            own = e["value"]
            if own is not None:
                ax.plot([own], [y], linestyle="none", zorder=5, clip_on=False, **MARKERS["own"])
                ax.annotate(
                    fmt_rl(own),
                    (own, y),
                    xytext=(0, 9),
                    textcoords="offset points",
                    ha="center",
                    fontsize=9,
                )
            name = f"indicator {e['indicator']} ({INDICATOR_NAMES[e['indicator']]})"
            own_part = (
                f"this organisation {fmt_rl(own)}"
                if own is not None
                else ("this organisation has no figure")
            )
            alt_parts.append(
                f"{name}: {own_part}; {comparison['peer_label']} median "
                f"{stat_text('ratio', peer, peers)}; {comparison['region']} median "
                f"{stat_text('ratio', region, peers)}; national {national_text(e)}"
            )
        ax.set_yticks(range(len(rows)), [f"Indicator {e['indicator']}" for e in rows])
        ax.set_ylim(len(rows) - 0.4, -0.6)
        ax.set_xlim(0, right)
        ax.set_xlabel(
            f"Relative likelihood (1.00 = parity line; band {fmt_band((low, high))} shaded)"
        )
        legend_above(ax, _handles(comparison["peer_label"], comparison["region"]), ncol=3)
    alt = (
        "Dot plot of relative likelihoods against peers, region and the national figure, "
        f"with NHS England's non-adverse band {fmt_band((low, high))} shaded and the parity "
        "line at 1.00. " + join_parts(alt_parts) + "."
    )
    return Chart(fig, alt, "Relative likelihoods against peers, region and the country")
