"""Charts for the workforce (indicator 1) and the board (indicator 9)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from matplotlib.axes import Axes
from matplotlib.patches import Patch

from ..format import fmt_pct
from ..indicator_terms import BOARD_MEMBERSHIPS, GROUP_LABELS
from ..record_view import RecordView
from .base import (
    GROUP_STYLE,
    Chart,
    join_parts,
    legend_above,
    new_axes,
    reference_line,
    responsive,
    row_labels,
)


def mix_bars(ax: Axes, view: RecordView, rows: Sequence[tuple[str, tuple]]) -> list[str]:
    """100% bars of the White, BME and Unknown shares, one per (label, record path) row,
    each labelled with its BME share; returns "label BME share" for the alt text."""
    alt_parts = []
    for y, (label, path) in enumerate(rows):
        left = 0.0
        shares = [view.get(*path, f"{k}_pct") for k in ("white", "bme", "unknown")]
        if any(s is None for s in shares):
            ax.text(1, y, " shares suppressed (small numbers)", va="center", style="italic")
        else:
            for key, share in zip(("white", "bme", "unknown"), shares, strict=True):
                ax.barh(y, share, left=left, height=0.7, linewidth=0.6, **GROUP_STYLE[key])
                left += share
        bme = view.pct(*path, "bme_pct")
        ax.text(101, y, f"BME {bme}", va="center", fontsize=9)
        alt_parts.append(f"{label} {bme}")
    row_labels(ax, [r[0] for r in rows])
    ax.set_xlim(0, 118)
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.set_xlabel("Share of headcount (%)")
    legend_above(ax, [Patch(label=GROUP_LABELS[k], **GROUP_STYLE[k]) for k in GROUP_STYLE])
    return alt_parts


@responsive
def workforce_chart(record: dict[str, Any], staff_type: str) -> Chart | None:
    """Indicator 1: the ethnic mix of each pay band for one staff type, as 100% bars."""
    view = RecordView(record, trace=False)
    base = ("indicators", 1)
    bands = [
        (i, b)
        for i, b in enumerate(view.get(*base, "bands") or [])
        if b["staff_type"] == staff_type
    ]
    if not bands:
        return None
    rows = [("Whole workforce", (*base, "overall"))] + [
        (b["band"], (*base, "bands", i)) for i, b in bands
    ]
    with new_axes(1.6 + 0.38 * len(rows)) as (fig, ax):
        alt_parts = mix_bars(ax, view, rows)
    alt = (
        f"Stacked bar chart of the ethnic mix of each {staff_type} pay band (White plain, "
        "BME hatched, Unknown dotted), with the whole workforce first. BME share: "
        + join_parts(alt_parts)
        + "."
    )
    return Chart(fig, alt, f"Ethnic mix of each {staff_type} pay band")


@responsive
def board_chart(record: dict[str, Any]) -> Chart | None:
    """Indicator 9: BME share of each board membership against the workforce share."""
    view = RecordView(record, trace=False)
    if view.state(9) != "available":
        return None
    base = ("indicators", 9)
    rows = [
        (label, key) for key, label in BOARD_MEMBERSHIPS.items() if view.get(*base, key) is not None
    ]
    workforce = view.get(*base, "workforce_bme_pct")
    values = [view.get(*base, key, "bme_pct") for _, key in rows]
    top = max([v for v in [*values, workforce] if v is not None] or [1.0])
    with new_axes(1.4 + 0.55 * len(rows)) as (fig, ax):
        alt_parts = []
        for y, ((label, key), value) in enumerate(zip(rows, values, strict=True)):
            text = view.pct(*base, key, "bme_pct")
            members = view.count(*base, key, "members")
            if value is not None:
                ax.barh(y, value, height=0.6, **GROUP_STYLE["bme"])
                shown = f"{text} BME of {members}"
            else:
                shown = f"BME share {text} (of {members} members)"
            ax.text((value or 0) + top * 0.01, y, shown, va="center")
            alt_parts.append(f"{label.lower()}: {shown}")
        if workforce is not None:
            reference_line(ax, workforce, f"workforce {fmt_pct(workforce)}", linestyle="--")
        row_labels(ax, [r[0] for r in rows])
        ax.set_xlim(0, max(top * 1.4, 5))
        ax.set_xlabel("BME share (%)")
    wf = view.pct(*base, "workforce_bme_pct")
    alt = (
        f"Bar chart of the BME share of the board against the workforce's {wf} (dashed line): "
        + join_parts(alt_parts)
        + "."
    )
    return Chart(fig, alt, "BME share of the board against the workforce")
