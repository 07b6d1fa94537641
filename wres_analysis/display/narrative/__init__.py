"""Generated sentences for each report section, from the figures record only.

Each function returns Markdown paragraphs (or bullets) in plain words: what the figure is,
which way it reads, whether it lies outside NHS England's non-adverse band, and what is
missing and why ("not required in 2020 because ...", "not available: file not supplied").
In a published record, hidden figures read "[c]" and nothing here reveals them.

The sentences live in one module per report area (workforce, likelihood, survey, overview,
targets, covid, trends, compare; shared phrasing in common); this package gathers them so
that notebooks call `narrative.<name>`.
"""

from __future__ import annotations

from .common import availability, version_note
from .compare import comparison, comparison_points
from .covid import covid, risk_assessments, workforce_at_risk
from .front import at_a_glance, board_asks, what_matters
from .likelihood import likelihood
from .overview import (
    data_preparation,
    introduction,
    methodology,
    reproducibility,
)
from .survey import survey
from .targets import action_plan, targets
from .trends import NO_TREND, trend
from .workforce import board, workforce

__all__ = [
    "NO_TREND",
    "action_plan",
    "at_a_glance",
    "availability",
    "board",
    "board_asks",
    "comparison",
    "comparison_points",
    "covid",
    "data_preparation",
    "introduction",
    "likelihood",
    "methodology",
    "reproducibility",
    "risk_assessments",
    "survey",
    "targets",
    "trend",
    "version_note",
    "what_matters",
    "workforce",
    "workforce_at_risk",
]
