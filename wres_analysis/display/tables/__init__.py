"""Display tables built from a figures record: aggregates only, formatted for people.

Every cell is a string, rounded for display only (by `display.format`: percentages 1
decimal, relative likelihoods 2 decimals). A figure hidden by disclosure control reads
"[c]" (a count and a figure built on one alike); a relative likelihood that cannot be
computed shows the record's note, never 0, inf or NaN. Staff-level rows never reach these
tables: the record holds none.

The builders live in one module per report area (workforce, likelihood, survey, overview,
method, targets, covid, trends, compare; shared helpers in common); this package gathers
them so that notebooks call `tables.<name>`.
"""

from __future__ import annotations

from .compare import comparison_table, national_sources_table
from .covid import (
    covid_diagnosis_table,
    covid_mortality_table,
    risk_assessment_table,
    workforce_mix_table,
)
from .likelihood import likelihood_summary, likelihood_table
from .method import data_sources_table, imports_table, settings_table
from .summary import summary_table
from .survey import survey_table
from .targets import ACTION_COLUMNS, actions_display, targets_table
from .trends import trend_table
from .workforce import bands_table, board_table, workforce_table

__all__ = [
    "ACTION_COLUMNS",
    "actions_display",
    "bands_table",
    "board_table",
    "comparison_table",
    "covid_diagnosis_table",
    "covid_mortality_table",
    "data_sources_table",
    "imports_table",
    "likelihood_summary",
    "likelihood_table",
    "national_sources_table",
    "risk_assessment_table",
    "settings_table",
    "summary_table",
    "survey_table",
    "targets_table",
    "trend_table",
    "workforce_mix_table",
    "workforce_table",
]
