"""Change-over-time charts with several parts: staff survey panels and board gaps by year."""

from __future__ import annotations

from ..indicator_terms import BOARD_MEMBERSHIPS, SURVEY_INDICATORS
from ..record_view import RecordView
from ..trend_view import Records, measure, points, series
from .base import GROUP_STYLE, Chart, join_parts, new_axes, new_grid, responsive, row_labels
from .years import draw_lines, line_alt, line_handles, year_axis

LABEL_ROOM = 0.45  # share of the board chart's width kept for the value labels
SURVEY_TITLES: dict[int, str] = {
    5: "Harassment, bullying or abuse\nfrom patients or the public",
    6: "Harassment, bullying or abuse\nfrom staff",
    7: "Equal opportunities for\ncareer progression",
    8: "Discrimination from a manager\nor colleagues",
}


@responsive
def survey_trend_chart(records: Records) -> Chart | None:
    """Indicators 5-8: White and BME percentages by year, one small panel per indicator."""
    if len(records) < 2:
        return None
    frame = series(records)
    if frame[frame["indicator"].isin(SURVEY_INDICATORS)]["value"].isna().all():
        return None  # no survey figures in any year: the table and narrative say why
    alt_parts = []
    with new_grid(7.2, 2, 2) as (fig, axes):
        for ax, n in zip(axes, SURVEY_INDICATORS, strict=True):
            lines = [
                (f"{group} staff", points(records, measure(n, f"{key}_pct"), frame))
                for key, group in (("white", "White"), ("bme", "BME"))
            ]
            draw_lines(ax, lines, (0, 110))
            year_axis(ax, [p.year for p in lines[0][1]])
            better = "lower" if measure(n, "bme_pct").orientation == "lower" else "higher"
            ax.set_title(f"Indicator {n}: {SURVEY_TITLES[n]}\n({better} is better)", fontsize=10)
            ax.set_yticks([0, 25, 50, 75, 100])
            ax.set_ylabel("Staff answering (%)")
            alt_parts.append(f"indicator {n} ({better} is better): " + line_alt(lines))
        fig.legend(
            handles=line_handles(lines),
            loc="outside upper center",
            ncol=len(lines),
            frameon=False,
        )
    alt = (
        "Four line charts of staff survey results by year for White and BME staff, one per "
        "indicator: " + join_parts(alt_parts) + "."
    )
    return Chart(fig, alt, "Staff survey indicators 5-8 by year: White and BME staff")


@responsive
def board_trend_chart(records: Records) -> Chart | None:
    """Indicator 9: each membership's BME share minus the workforce's, by year, as bars."""
    if len(records) < 2:
        return None
    frame = series(records)
    workforce = {
        year: RecordView(record, trace=False).pct("indicators", 9, "workforce_bme_pct")
        for year, record in records.items()
    }
    groups = [
        (
            label,
            points(records, measure(9, f"{key}_difference_pp"), frame),
            {p.year: p.text for p in points(records, measure(9, f"{key}_bme_pct"), frame)},
        )
        for key, label in BOARD_MEMBERSHIPS.items()
    ]
    years = sorted(records)
    known = [p.value for _, gaps, _ in groups for p in gaps if p.value is not None]
    if not known:
        return None  # every year hidden or not computable: the table and narrative say why
    low, high = min([0.0, *known]), max([0.0, *known])
    # Labels sit just right of zero or of the bar's end, whichever is further right, in the
    # right-hand LABEL_ROOM of the axes; the bars take the rest.
    width = ((high - low) or 10.0) / (1 - LABEL_ROOM - 0.03)
    left, pad = low - 0.03 * width, 0.015 * width
    labels, alt_parts = [], []
    with new_axes(1.4 + 0.3 * len(groups) * (len(years) + 1)) as (fig, ax):
        y = 0
        for g, (label, gaps, shares) in enumerate(groups):
            if g:
                labels.append("")
                y += 1
            parts = []
            for p in gaps:
                labels.append(f"{label}, {p.year}")
                if p.value is None:
                    ax.text(pad, y, p.text, va="center", style="italic", fontsize=9)
                    parts.append(f"{p.year} {p.text}")
                else:
                    ax.barh(y, p.value, height=0.7, **GROUP_STYLE["bme"])
                    text = f"{p.text} ({shares[p.year]} against {workforce[p.year]})"
                    ax.text(
                        max(p.value, 0.0) + pad,
                        y,
                        text,
                        va="center",
                        ha="left",
                        fontsize=9,
                    )
                    parts.append(f"{p.year} {text}")
                y += 1
            alt_parts.append(f"{label.lower()}: " + ", ".join(parts))
        ax.axvline(0.0, color="black", linewidth=1.2)
        row_labels(ax, labels)
        ax.set_ylim(len(labels) - 0.4, -0.6)  # every row shown, a hidden last one too
        ax.tick_params(axis="y", length=0)
        ax.set_xlim(left, left + width)
        ax.set_xlabel(
            "Board BME share minus the workforce's (percentage points; 0 = the same share)"
        )
    alt = (
        "Bar chart of the board's BME share minus the workforce's, in percentage points, by "
        "year (below zero: BME people under-represented on the board): "
        + join_parts(alt_parts)
        + "."
    )
    return Chart(fig, alt, "Board BME share minus the workforce's, by year")
