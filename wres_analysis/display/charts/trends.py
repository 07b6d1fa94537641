"""Change-over-time charts: each indicator across the years the organisation has data for.

Relative likelihoods (indicators 2-4) against the non-adverse band and parity, and the
workforce's BME share beside Band 8a and above's, here; the staff survey's small multiples
and the board's gaps in `trend_panels`. Drawing helpers are in `years`.
"""

from __future__ import annotations

from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ..format import fmt_band, fmt_rl
from ..indicator_terms import INDICATOR_NAMES, LIKELIHOOD, SURVEY_INDICATORS
from ..record_view import RecordView
from ..trend_view import Records, measure, points, series
from .base import BAND_STYLE, LINE_STYLES, Chart, legend_above, new_axes, responsive
from .trend_panels import board_trend_chart, survey_trend_chart
from .years import draw_lines, line_alt, line_handles, year_axis


@responsive
def rl_trend_chart(records: Records, number: int) -> Chart | None:
    """Indicators 2-4: the relative likelihood by year, against the band and parity 1.00."""
    if len(records) < 2:
        return None
    spec = LIKELIHOOD[number]
    low, high = RecordView(records[max(records)], trace=False).band
    pts = points(records, measure(number, "relative_likelihood"))
    known = [p.value for p in pts if p.value is not None]
    if not known:
        return None  # every year hidden or not computable: the table and narrative say why
    years = [p.year for p in pts]
    with new_axes(3.6) as (fig, ax):
        ax.axhspan(low, high, zorder=0, **BAND_STYLE)
        ax.axhline(1.0, color="black", linewidth=1.2, zorder=1)
        name = f"{spec.top} vs {spec.other}"
        top = max([2.0, high * 1.2, *[v * 1.3 for v in known]])
        draw_lines(ax, [(name, pts)], (0, top), [{**LINE_STYLES[0], "marker": None}])
        for p in pts:
            if p.value is None:
                continue
            outside = not low <= p.value <= high
            ax.plot(
                [p.year],
                [p.value],
                marker="D" if outside else "o",
                markersize=9,
                color="black",
                markerfacecolor="black" if outside else "white",
                linestyle="none",
                zorder=4,
            )
        year_axis(ax, years)
        ax.set_ylabel(f"Relative likelihood\n({spec.top} vs {spec.other})")
        legend_above(
            ax,
            [
                Patch(label=f"non-adverse band {fmt_band((low, high))}", **BAND_STYLE),
                Line2D([], [], color="black", linewidth=1.2, label=f"parity {fmt_rl(1)}"),
                Line2D([], [], marker="D", color="black", linestyle="none", label="outside band"),
                Line2D(
                    [],
                    [],
                    marker="o",
                    color="black",
                    markerfacecolor="white",
                    linestyle="none",
                    label="within band",
                ),
            ],
        )
    flags = [
        f"{p.year} {p.text}"
        + (
            ""
            if p.value is None
            else (" (within band)" if low <= p.value <= high else " (outside band)")
        )
        for p in pts
    ]
    alt = (
        f"Line chart of the relative likelihood of {INDICATOR_NAMES[number]} ({spec.top} vs "
        f"{spec.other} {spec.people}) by year, with NHS England's non-adverse band "
        f"{fmt_band((low, high))} shaded and parity at 1.00: " + "; ".join(flags) + "."
    )
    return Chart(fig, alt, f"Indicator {number}: relative likelihood by year")


@responsive
def workforce_trend_chart(records: Records) -> Chart | None:
    """Indicator 1: the BME share of the workforce and of Band 8a and above, by year."""
    if len(records) < 2:
        return None
    frame = series(records)
    lines = [
        ("Whole workforce", points(records, measure(1, "workforce_bme_pct"), frame)),
        ("Band 8a and above", points(records, measure(1, "senior_8a_plus_bme_pct"), frame)),
    ]
    known = [p.value for _, pts in lines for p in pts if p.value is not None]
    if not known:
        return None
    years = [p.year for p in lines[0][1]]
    with new_axes(3.6) as (fig, ax):
        draw_lines(ax, lines, (0, max([5.0, *[v * 1.3 for v in known]])))
        year_axis(ax, years)
        ax.set_ylabel("BME share (%)")
        legend_above(ax, line_handles(lines))
    alt = "Line chart of the BME share of staff by year: " + line_alt(lines) + "."
    return Chart(fig, alt, "BME share of staff by year")


def trend_chart(records: Records, *numbers: int) -> Chart | None:
    """A section's indicator by year: (1,), (2,), (3,), (4,), (5, 6, 7, 8) or (9,).

    None with only one year (there is no trend to show yet).
    """
    if len(records) < 2 or not numbers:
        return None
    number = numbers[0]
    if number == 1:
        return workforce_trend_chart(records)
    if number in LIKELIHOOD:
        return rl_trend_chart(records, number)
    if number in SURVEY_INDICATORS:
        return survey_trend_chart(records)
    return board_trend_chart(records)


SHORT_NAMES = {2: "Appointment", 3: "Disciplinary", 4: "Training and CPD"}


@responsive
def likelihoods_chart(records: Records) -> Chart | None:
    """Indicators 2-4 together: each relative likelihood by year, against the non-adverse
    band and parity (the front page's one chart). None when no year has any of them."""
    low, high = RecordView(records[max(records)], trace=False).band
    frame = series(records)
    lines = [
        (
            f"{n}. {SHORT_NAMES[n]} ({LIKELIHOOD[n].top} vs {LIKELIHOOD[n].other})",
            points(records, measure(n, "relative_likelihood"), frame),
        )
        for n in sorted(LIKELIHOOD)
    ]
    known = [p.value for _, pts in lines for p in pts if p.value is not None]
    if not known:
        return None
    years = sorted(records)
    with new_axes(4.2) as (fig, ax):
        ax.axhspan(low, high, zorder=0, **BAND_STYLE)
        ax.axhline(1.0, color="black", linewidth=1.0, zorder=1)
        draw_lines(ax, lines, (0, max([2.0, high * 1.2, *[v * 1.25 for v in known]])))
        year_axis(ax, years)
        ax.set_ylabel("Relative likelihood")
        legend_above(
            ax,
            [
                *line_handles(lines),
                Patch(label=f"non-adverse band {fmt_band((low, high))}", **BAND_STYLE),
            ],
            ncol=2,
        )
    alt = (
        "Line chart of the three relative likelihoods (indicators 2, 3 and 4) by year, with "
        f"NHS England's non-adverse band {fmt_band((low, high))} shaded and parity at 1.00. "
        + line_alt(lines)
        + "."
    )
    return Chart(fig, alt, "Relative likelihoods (indicators 2, 3 and 4) by year")
