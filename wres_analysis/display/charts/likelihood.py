"""Charts for the relative-likelihood indicators 2-4: RLs against the band, and the rates."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..format import fmt_band, fmt_rl
from ..indicator_terms import GROUP_LABELS, INDICATOR_NAMES, LIKELIHOOD, LIKELIHOOD_INDICATORS
from ..record_view import RecordView
from .base import (
    BAND_STYLE,
    GROUP_STYLE,
    Chart,
    join_parts,
    new_axes,
    reference_line,
    responsive,
    row_labels,
)


@responsive
def rl_chart(
    record: dict[str, Any], indicators: Iterable[int] = LIKELIHOOD_INDICATORS
) -> Chart | None:
    """Relative likelihoods against the non-adverse band and the 1.00 parity line."""
    view = RecordView(record, trace=False)
    numbers = [n for n in indicators if view.state(n) == "available"]
    if not numbers:
        return None
    low, high = view.band
    values = {n: view.indicator(n).get("relative_likelihood") for n in numbers}
    known = [v for v in values.values() if v is not None]
    right = max([2.0, high * 1.2, *[v * 1.35 for v in known]])
    with new_axes(1.4 + 0.7 * len(numbers)) as (fig, ax):
        ax.axvspan(low, high, zorder=0, **BAND_STYLE)
        reference_line(ax, 1.0, f"parity {fmt_rl(1)}", zorder=1)
        ax.text(
            (low + high) / 2,
            0.02,
            f"non-adverse band\n{fmt_band((low, high))}",
            transform=ax.get_xaxis_transform(),
            ha="center",
            va="bottom",
            fontsize=9,
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1},
        )
        labels, alt_parts = [], []
        for y, n in enumerate(numbers):
            spec = LIKELIHOOD[n]
            top = GROUP_LABELS[spec.numerator_group]
            other = GROUP_LABELS[spec.comparison_group]
            labels.append(f"Indicator {n}\n{top} vs {other}")
            name = f"indicator {n} ({INDICATOR_NAMES[n]}, {top} vs {other})"
            value = values[n]
            if value is None:
                text = view.rl(n)
                ax.text(
                    0.02,
                    y,
                    text,
                    va="center",
                    fontsize=9,
                    style="italic",
                    bbox={"facecolor": "white", "edgecolor": "0.6", "pad": 2},
                )
                alt_parts.append(f"{name}: {text[0].lower()}{text[1:]}")
                continue
            outside = view.assessment(n).startswith("outside")
            ax.plot(
                [value],
                [y],
                marker="D" if outside else "o",
                markersize=9,
                clip_on=False,  # a ratio of 0.00 sits on the axis: show the whole marker
                color="black",
                markerfacecolor="black" if outside else "white",
                zorder=3,
            )
            flag = "outside band" if outside else "within band"
            ax.annotate(
                f"{fmt_rl(value)} ({flag})",
                (value, y),
                xytext=(8, 8),
                textcoords="offset points",
                fontsize=9,
            )
            alt_parts.append(f"{name}: {fmt_rl(value)}, {flag}")
        ax.set_yticks(range(len(numbers)), labels)
        ax.set_ylim(len(numbers) - 0.3, -0.7)  # first indicator at the top
        ax.set_xlim(0, right)
        ax.set_xlabel("Relative likelihood (1.00 = parity)")
    alt = (
        f"Chart of relative likelihoods, with NHS England's non-adverse band "
        f"{fmt_band((low, high))} shaded and the parity line at 1.00. "
        + join_parts(alt_parts)
        + "."
    )
    which = ", ".join(str(n) for n in numbers)
    plural = "s" if len(numbers) > 1 else ""
    return Chart(fig, alt, f"Indicator{plural} {which}: relative likelihood against the band")


@responsive
def rates_chart(record: dict[str, Any], number: int) -> Chart | None:
    """Indicators 2-4: the White and BME rates behind a relative likelihood, side by side."""
    view = RecordView(record, trace=False)
    if view.state(number) != "available":
        return None
    spec = LIKELIHOOD[number]
    keys = ("white", "bme")
    with new_axes(2.6) as (fig, ax):
        alt_parts = []
        rates = [view.get("indicators", number, k, "rate") for k in keys]
        top = max([r * 100 for r in rates if r is not None] + [0.0]) or 1.0
        for y, (key, rate) in enumerate(zip(keys, rates, strict=True)):
            label = view.rate("indicators", number, key, "rate")
            of = view.count("indicators", number, key, spec.denominator)
            if rate is not None:
                ax.barh(y, rate * 100, height=0.6, **GROUP_STYLE[key])
                ax.text(rate * 100 + top * 0.01, y, f"{label} of {of}", va="center")
                shown = f"{label} of {of}"
            else:
                shown = f"rate {label} (of {of})"
                ax.text(0, y, f" {shown}", va="center", style="italic")
            alt_parts.append(f"{GROUP_LABELS[key]} {spec.people}: {shown}")
        row_labels(ax, [f"{GROUP_LABELS[k]} {spec.people}" for k in keys])
        ax.set_xlim(0, top * 1.35)
        ax.set_xlabel(f"{spec.rate_label} (%)")
    alt = (
        f"Bar chart of the share of {spec.people} who {spec.done} (indicator {number}): "
        + join_parts(alt_parts)
        + "."
    )
    title = f"Indicator {number}: share of White and BME {spec.people} who {spec.done}"
    return Chart(fig, alt, title)
