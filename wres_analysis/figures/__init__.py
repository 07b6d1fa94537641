"""The figures record: every number of one organisation's report for one year.

`record` builds it (`compute_record`, `figures_json`) from the validated extracts and the
indicators; `sources` reads and checks every input of a record at once; `batch` computes
many organisations' records in one process (`compute_records`); `targets` adds the Model
Employer targets, `covid` the COVID-19 context, `disclosure` applies disclosure control to
a published record (protected jointly with the earlier years its report shows:
`published_records`), and `trends` reads several years' records side by side
(docs/figures.md).
"""

from __future__ import annotations

from .batch import BatchResult, compute_records
from .record import (
    CONTRACT_VERSION,
    compute_indicators,
    compute_record,
    covid_figures,
    figures_json,
    published_records,
    settings_of,
    shown_years,
    to_json,
)

__all__ = [
    "CONTRACT_VERSION",
    "BatchResult",
    "compute_indicators",
    "compute_record",
    "compute_records",
    "covid_figures",
    "figures_json",
    "published_records",
    "settings_of",
    "shown_years",
    "to_json",
]
