"""Charts of a figures record: greyscale-readable, described, byte-for-byte reproducible.

Every chart comes with alt text that states what it shows with the actual numbers. Groups
differ by hatching and markers as well as shade, and values are labelled directly, so
nothing depends on colour. The shared style and rendering live in `base`; the charts
themselves in one module per report area (likelihood, workforce, survey, targets, covid,
compare; change over time in trends and trend_panels, drawn with the helpers in years).
How a chart goes into a report (HTML and Word, with its alt text) is in `markup`.
This package gathers them so that notebooks call `charts.<name>`.
"""

from __future__ import annotations

from .base import Chart, png_bytes, responsive
from .compare import comparison_chart
from .covid import covid_chart, risk_assessment_chart, workforce_mix_chart
from .likelihood import rates_chart, rl_chart
from .markup import figure_html, image_markdown, show_chart
from .survey import survey_chart
from .targets import targets_chart
from .trends import likelihoods_chart, trend_chart
from .workforce import board_chart, workforce_chart

__all__ = [
    "Chart",
    "board_chart",
    "comparison_chart",
    "covid_chart",
    "figure_html",
    "image_markdown",
    "likelihoods_chart",
    "png_bytes",
    "rates_chart",
    "responsive",
    "risk_assessment_chart",
    "rl_chart",
    "show_chart",
    "survey_chart",
    "targets_chart",
    "trend_chart",
    "workforce_chart",
    "workforce_mix_chart",
]
