"""Chart for appendix A: BME people in leadership groups against the parity target."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from matplotlib.patches import Patch

from ..format import fmt_pct
from ..indicator_terms import TARGET_ROWS
from ..record_view import RecordView, target_hidden
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
def targets_chart(
    record: dict[str, Any],
    groups: Iterable[str] = TARGET_ROWS,
) -> Chart | None:
    """BME people in post against the parity target (rounded up) for leadership groups."""
    block = record.get("targets") or {}
    view = RecordView(record, trace=False)
    rows = [
        (name, block["groups"][name])
        for name in groups
        if name in block.get("groups", {})
        and block["groups"][name].get("bme") is not None
        and block["groups"][name].get("parity_target_people_rounded_up") is not None
        and not target_hidden(record, block["groups"][name])
    ]
    if not rows:
        return None
    top = max(max(g["bme"], g["parity_target_people_rounded_up"]) for _, g in rows)
    with new_axes(1.6 + 0.8 * len(rows)) as (fig, ax):
        alt_parts, labels = [], []
        for y, (name, group) in enumerate(rows):
            base = ("targets", "groups", name)
            bme, target = group["bme"], group["parity_target_people_rounded_up"]
            ax.barh(y - 0.18, bme, height=0.34, **GROUP_STYLE["bme"])
            ax.barh(y + 0.18, target, height=0.34, facecolor="white", edgecolor="black", hatch="..")
            in_post = view.count(*base, "bme")
            parity = view.count(*base, "parity_target_people_rounded_up")
            ax.text(bme + top * 0.01, y - 0.18, f"{in_post} in post", va="center", fontsize=9)
            ax.text(target + top * 0.01, y + 0.18, f"target {parity}", va="center", fontsize=9)
            labels.append(str(group.get("label", name)))
            alt_parts.append(f"{labels[-1]}: {in_post} BME in post, parity target {parity}")
        row_labels(ax, labels)
        ax.set_xlim(0, max(top * 1.35, 1))
        ax.set_xlabel("BME people")
        legend_above(
            ax,
            [
                Patch(label="BME in post", **GROUP_STYLE["bme"]),
                Patch(label="Parity target", facecolor="white", edgecolor="black", hatch=".."),
            ],
        )
    share = block.get("target_share_pct")
    alt = (
        "Bar chart of BME people in leadership groups against the parity target"
        + (f" at {fmt_pct(share)}" if share is not None else "")
        + ": "
        + join_parts(alt_parts)
        + "."
    )
    return Chart(fig, alt, "BME people in leadership groups against the parity target")
