"""Charts of a figures record: greyscale-readable, described, byte-for-byte reproducible.

Every chart comes with alt text that states what it shows with the actual numbers. Groups
differ by hatching and markers as well as shade, and values are labelled directly, so
nothing depends on colour. The shared style and rendering live in charts_base; the charts
themselves in one module per report area (charts_likelihood, charts_workforce,
charts_survey, charts_targets, charts_covid). This module gathers them so that notebooks
call `charts.<name>`.
"""

from __future__ import annotations

from .charts_base import Chart, image_markdown, png_bytes, show_chart
from .charts_covid import covid_chart, risk_assessment_chart
from .charts_likelihood import rates_chart, rl_chart
from .charts_survey import survey_chart
from .charts_targets import targets_chart
from .charts_workforce import board_chart, workforce_chart

__all__ = [
    "Chart",
    "board_chart",
    "covid_chart",
    "image_markdown",
    "png_bytes",
    "rates_chart",
    "risk_assessment_chart",
    "rl_chart",
    "show_chart",
    "survey_chart",
    "targets_chart",
    "workforce_chart",
]
