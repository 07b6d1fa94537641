"""Generated sentences for each report section, from the figures record only.

Each function returns Markdown paragraphs (or bullets) in plain words: what the figure is,
which way it reads, whether it lies outside NHS England's non-adverse band, and what is
missing and why ("not required in 2020 because ...", "not available: file not supplied").
In a published record, suppressed counts read "<T" and nothing here reveals them.

The sentences live in one module per report area (narrative_workforce, narrative_likelihood,
narrative_survey, narrative_overview, narrative_targets, narrative_covid); this module
gathers them so that notebooks call `narrative.<name>`.
"""

from __future__ import annotations

from .narrative_common import availability, version_note
from .narrative_covid import covid, risk_assessments
from .narrative_likelihood import likelihood
from .narrative_overview import introduction, methodology, overview
from .narrative_survey import survey
from .narrative_targets import action_plan, targets
from .narrative_workforce import board, workforce

__all__ = [
    "action_plan",
    "availability",
    "board",
    "covid",
    "introduction",
    "likelihood",
    "methodology",
    "overview",
    "risk_assessments",
    "survey",
    "targets",
    "version_note",
    "workforce",
]
