"""Charts of a figures record: greyscale-readable, described, byte-for-byte reproducible.

Every chart comes with alt text that states what it shows with the actual numbers. Groups
differ by hatching and markers as well as shade, and values are labelled directly, so
nothing depends on colour. Figures are built without pyplot (no global state, no automatic
display in Jupyter) at a fixed size and dpi, and saved without a "Software" stamp, so the
same record gives the same PNG bytes.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from matplotlib import rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from .tables import (
    GROUP_LABELS,
    INDICATOR_NAMES,
    LIKELIHOOD,
    SURVEY_INDICATORS,
    RecordView,
    fmt_band,
    fmt_pct,
    fmt_rl,
    risk_assessment_state,
    target_hidden,
)

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


def _join(parts: Iterable[str]) -> str:
    return "; ".join(parts)


# --- relative likelihoods ----------------------------------------------------------------
def rl_chart(record: dict[str, Any], indicators: Iterable[int] = (2, 3, 4)) -> Chart | None:
    """Relative likelihoods against the non-adverse band and the 1.00 parity line."""
    view = RecordView(record)
    numbers = [n for n in indicators if view.state(n) == "available"]
    if not numbers:
        return None
    low, high = view.band
    values = {n: view.indicator(n).get("relative_likelihood") for n in numbers}
    known = [v for v in values.values() if v is not None]
    right = max([2.0, high * 1.2, *[v * 1.35 for v in known]])
    with rc_context(STYLE):
        fig = _figure(1.4 + 0.7 * len(numbers))
        ax = fig.add_subplot()
        ax.axvspan(low, high, zorder=0, **BAND_STYLE)
        ax.axvline(1.0, color="black", linewidth=1.2, zorder=1)
        ax.text(1.0, 1.01, "parity 1.00", transform=ax.get_xaxis_transform(), ha="center")
        ax.text(
            (low + high) / 2,
            0.02,
            f"non-adverse band\n{fmt_band((low, high))}",
            transform=ax.get_xaxis_transform(),
            ha="center",
            va="bottom",
            fontsize=8,
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
        f"{fmt_band((low, high))} shaded and the parity line at 1.00. " + _join(alt_parts) + "."
    )
    return Chart(fig, alt)


def rates_chart(record: dict[str, Any], number: int) -> Chart | None:
    """Indicators 2-4: the White and BME rates behind a relative likelihood, side by side."""
    view = RecordView(record)
    if view.state(number) != "available":
        return None
    spec = LIKELIHOOD[number]
    keys = ("white", "bme")
    with rc_context(STYLE):
        fig = _figure(2.6)
        ax = fig.add_subplot()
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
        ax.set_yticks(range(2), [f"{GROUP_LABELS[k]} {spec.people}" for k in keys])
        ax.invert_yaxis()
        ax.set_xlim(0, top * 1.35)
        ax.set_xlabel(f"{spec.rate_label} (%)")
    alt = (
        f"Bar chart of the share of {spec.people} who {spec.done} (indicator {number}): "
        + _join(alt_parts)
        + "."
    )
    return Chart(fig, alt)


# --- indicator 1 ---------------------------------------------------------------------------
def workforce_chart(record: dict[str, Any], staff_type: str) -> Chart | None:
    """Indicator 1: the ethnic mix of each pay band for one staff type, as 100% bars."""
    view = RecordView(record)
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
    with rc_context(STYLE):
        fig = _figure(1.6 + 0.38 * len(rows))
        ax = fig.add_subplot()
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
        ax.set_yticks(range(len(rows)), [r[0] for r in rows])
        ax.invert_yaxis()
        ax.set_xlim(0, 118)
        ax.set_xticks([0, 25, 50, 75, 100])
        ax.set_xlabel("Share of headcount (%)")
        ax.legend(
            handles=[Patch(label=GROUP_LABELS[k], **GROUP_STYLE[k]) for k in GROUP_STYLE],
            loc="lower center",
            bbox_to_anchor=(0.5, 1.0),
            ncol=3,
            frameon=False,
        )
    alt = (
        f"Stacked bar chart of the ethnic mix of each {staff_type} pay band (White plain, "
        "BME hatched, Unknown dotted), with the whole workforce first. BME share: "
        + _join(alt_parts)
        + "."
    )
    return Chart(fig, alt)


# --- indicators 5-8 -----------------------------------------------------------------------
def survey_chart(record: dict[str, Any]) -> Chart | None:
    """Indicators 5-8: White and BME percentages side by side, labelled."""
    view = RecordView(record)
    numbers = [n for n in SURVEY_INDICATORS if view.state(n) == "available"]
    if not numbers:
        return None
    with rc_context(STYLE):
        fig = _figure(1.4 + 0.9 * len(numbers))
        ax = fig.add_subplot()
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
        ax.set_yticks(range(len(numbers)), ticks)
        ax.invert_yaxis()
        ax.set_xlim(0, 118)
        ax.set_xlabel("Staff answering (%)")
        ax.legend(
            handles=[Patch(label=GROUP_LABELS[k], **GROUP_STYLE[k]) for k in ("white", "bme")],
            loc="lower center",
            bbox_to_anchor=(0.5, 1.0),
            ncol=2,
            frameon=False,
        )
    alt = "Bar chart of staff survey results for White and BME staff: " + _join(alt_parts) + "."
    return Chart(fig, alt)


# --- indicator 9 ------------------------------------------------------------------------
def board_chart(record: dict[str, Any]) -> Chart | None:
    """Indicator 9: BME share of each board membership against the workforce share."""
    view = RecordView(record)
    if view.state(9) != "available":
        return None
    base = ("indicators", 9)
    rows = [
        (label, key)
        for key, label in (
            ("voting", "Voting members"),
            ("executive", "Executive members"),
            ("all", "All board members"),
        )
        if view.get(*base, key) is not None
    ]
    workforce = view.get(*base, "workforce_bme_pct")
    values = [view.get(*base, key, "bme_pct") for _, key in rows]
    top = max([v for v in [*values, workforce] if v is not None] or [1.0])
    with rc_context(STYLE):
        fig = _figure(1.4 + 0.55 * len(rows))
        ax = fig.add_subplot()
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
            ax.axvline(workforce, color="black", linestyle="--", linewidth=1.2)
            ax.text(
                workforce,
                1.01,
                f"workforce {fmt_pct(workforce)}",
                transform=ax.get_xaxis_transform(),
                ha="center",
            )
        ax.set_yticks(range(len(rows)), [r[0] for r in rows])
        ax.invert_yaxis()
        ax.set_xlim(0, max(top * 1.4, 5))
        ax.set_xlabel("BME share (%)")
    wf = view.pct(*base, "workforce_bme_pct")
    alt = (
        f"Bar chart of the BME share of the board against the workforce's {wf} (dashed line): "
        + _join(alt_parts)
        + "."
    )
    return Chart(fig, alt)


# --- appendix A: targets ------------------------------------------------------------------
def targets_chart(
    record: dict[str, Any],
    groups: Iterable[str] = ("senior_8a_plus", "senior_8b_plus_and_board", "board"),
) -> Chart | None:
    """BME people in post against the parity target (rounded up) for leadership groups."""
    block = record.get("targets") or {}
    view = RecordView(record)
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
    with rc_context(STYLE):
        fig = _figure(1.6 + 0.8 * len(rows))
        ax = fig.add_subplot()
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
        ax.set_yticks(range(len(rows)), labels)
        ax.invert_yaxis()
        ax.set_xlim(0, max(top * 1.35, 1))
        ax.set_xlabel("BME people")
        ax.legend(
            handles=[
                Patch(label="BME in post", **GROUP_STYLE["bme"]),
                Patch(label="Parity target", facecolor="white", edgecolor="black", hatch=".."),
            ],
            loc="lower center",
            bbox_to_anchor=(0.5, 1.0),
            ncol=2,
            frameon=False,
        )
    share = block.get("target_share_pct")
    alt = (
        "Bar chart of BME people in leadership groups against the parity target"
        + (f" at {fmt_pct(share)}" if share is not None else "")
        + ": "
        + _join(alt_parts)
        + "."
    )
    return Chart(fig, alt)


# --- COVID-19 reference figures ------------------------------------------------------------
def covid_chart(rates: Any) -> Chart | None:
    """PHE diagnosis rates per 100,000 by ethnic group and sex (covid.load_diagnosis_rates)."""
    if rates is None or not len(rates):
        return None
    rows = list(rates.itertuples(index=False))
    top = max(float(r.value) for r in rows)
    with rc_context(STYLE):
        fig = _figure(1.4 + 0.45 * len(rows))
        ax = fig.add_subplot()
        alt_parts, labels = [], []
        for y, row in enumerate(rows):
            white = str(row.ethnic_group).strip().lower().startswith("white")
            style = GROUP_STYLE["white" if white else "bme"]
            ax.barh(y, float(row.value), height=0.6, **style)
            ax.text(float(row.value) + top * 0.01, y, f"{float(row.value):,.0f}", va="center")
            labels.append(f"{row.ethnic_group}, {str(row.sex).lower()}")
            alt_parts.append(f"{labels[-1]} {float(row.value):,.0f}")
        ax.set_yticks(range(len(rows)), labels)
        ax.invert_yaxis()
        ax.set_xlim(0, top * 1.2)
        ax.set_xlabel("Age-standardised diagnosis rate per 100,000")
    alt = (
        "Bar chart of COVID-19 diagnosis rates per 100,000 population (Public Health England, "
        f"{rows[0].period}): " + _join(alt_parts) + "."
    )
    return Chart(fig, alt)


def risk_assessment_chart(record: dict[str, Any]) -> Chart | None:
    """Share of staff with a COVID-19 risk assessment, by ethnic group."""
    if risk_assessment_state(record) != "available":
        return None
    view = RecordView(record)
    path = ("covid", "risk_assessments")
    keys = [k for k in ("white", "bme", "unknown") if view.get(*path, k) is not None]
    with rc_context(STYLE):
        fig = _figure(1.4 + 0.55 * len(keys))
        ax = fig.add_subplot()
        alt_parts = []
        for y, key in enumerate(keys):
            value = view.get(*path, key, "assessed_pct")
            text = view.pct(*path, key, "assessed_pct")
            of = view.count(*path, key, "headcount")
            if value is not None:
                ax.barh(y, value, height=0.6, **GROUP_STYLE[key])
            ax.text((value or 0) + 1, y, f"{text} of {of}", va="center")
            alt_parts.append(f"{GROUP_LABELS[key]} staff {text} of {of}")
        ax.set_yticks(range(len(keys)), [f"{GROUP_LABELS[k]} staff" for k in keys])
        ax.invert_yaxis()
        ax.set_xlim(0, 118)
        ax.set_xticks([0, 25, 50, 75, 100])
        ax.set_xlabel("Staff with a COVID-19 risk assessment (%)")
    alt = "Bar chart of the share of staff with a COVID-19 risk assessment: " + _join(alt_parts)
    return Chart(fig, alt + ".")
