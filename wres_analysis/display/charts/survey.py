"""Chart for the NHS Staff Survey indicators 5-8."""

from __future__ import annotations

from typing import Any

from matplotlib.patches import Patch

from ..indicator_terms import GROUP_LABELS, INDICATOR_NAMES, SURVEY_INDICATORS
from ..record_view import RecordView
from .base import (
    GROUP_STYLE,
    Chart,
    join_parts,
    legend_above,
    new_axes,
    responsive,
    row_labels,
)


@responsive
def survey_chart(record: dict[str, Any]) -> Chart | None:
    """Indicators 5-8: White and BME percentages side by side, labelled."""
    view = RecordView(record, trace=False)
    numbers = [n for n in SURVEY_INDICATORS if view.state(n) == "available"]
    if not numbers:
        return None
    with new_axes(1.4 + 0.9 * len(numbers)) as (fig, ax):
        alt_parts, ticks = [], []
        for y, n in enumerate(numbers):
            label = view.indicator(n).get("label")
            ticks.append(f"Indicator {n}" + (f" ({label})" if label else ""))
            parts = []
            for offset, key in ((-0.2, "white"), (0.2, "bme")):
                value = view.get("indicators", n, f"{key}_pct")
                text = view.pct("indicators", n, f"{key}_pct")
                if value is not None:
                    ax.barh(y + offset, value, height=0.38, **GROUP_STYLE[key])
                    ax.text(value + 1, y + offset, f"{GROUP_LABELS[key]} {text}", va="center")
                parts.append(f"{GROUP_LABELS[key]} {text}")
            alt_parts.append(f"indicator {n} ({INDICATOR_NAMES[n]}): " + ", ".join(parts))
        row_labels(ax, ticks)
        ax.set_xlim(0, 118)
        ax.set_xlabel("Staff answering (%)")
        legend_above(ax, [Patch(label=GROUP_LABELS[k], **GROUP_STYLE[k]) for k in ("white", "bme")])
    alt = (
        "Bar chart of staff survey results for White and BME staff: " + join_parts(alt_parts) + "."
    )
    return Chart(fig, alt, "Staff survey indicators: White and BME staff")
