"""The records one year's report shows: that year's and every earlier year's with data.

Each is the record `wres figures` prints for its year in the same edition (internal or
published), so the trends a report shows are exactly the figures of those years.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..paths import PARAMS_DIR
from .record import compute_record


def years_with_data(data_dir: Path, org: str, before: int) -> list[int]:
    """Reporting years before `before` that have the organisation's workforce.csv."""
    org_dir = Path(data_dir) / org
    if not org_dir.is_dir():
        return []
    return sorted(
        int(p.name)
        for p in org_dir.iterdir()
        if p.name.isdigit() and len(p.name) == 4 and int(p.name) < before
        and (p / "workforce.csv").is_file()
    )


def report_records(
    data_dir: Path,
    org: str,
    year: int,
    *,
    params_dir: Path = PARAMS_DIR,
    published: bool = False,
) -> dict[int, dict[str, Any]]:
    """{year: record} for `year` and every earlier year with data, oldest first."""
    years = [*years_with_data(data_dir, org, before=year), year]
    return {
        y: compute_record(data_dir, org, y, params_dir=params_dir, published=published)
        for y in years
    }
