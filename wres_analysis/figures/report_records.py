"""The records one year's report shows: that year's and every earlier year's with data.

Each is the record `wres figures` prints for its year in the same edition (internal or
published), so the trends a report shows are exactly the figures of those years. Published
records come from `published_records`, which protects each year jointly with the earlier
years before it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..paths import PARAMS_DIR
from .record import compute_record, published_records, shown_years


def report_records(
    data_dir: Path,
    org: str,
    year: int,
    *,
    params_dir: Path = PARAMS_DIR,
    published: bool = False,
) -> dict[int, dict[str, Any]]:
    """{year: record} for `year` and every earlier year with data, oldest first."""
    if published:
        return published_records(data_dir, org, year, params_dir=params_dir)
    return {
        y: compute_record(data_dir, org, y, params_dir=params_dir)
        for y in shown_years(data_dir, org, year)
    }
