"""Display tables for "How we compare": the organisation beside its peers, region and country."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from ..comparison_view import national_text, own_text, stat_text
from .common import frame


def comparison_table(record: dict[str, Any], comparison: Mapping[str, Any]) -> pd.DataFrame:
    """One row per compared measure: this organisation, its peer group's and its region's
    median and interquartile range, and the national figure with its year."""
    peers = bool(comparison["peers_available"])
    peer_column = f"{comparison['peer_label']}: median (IQR, n)"
    region_column = f"{comparison['region']} region: median (IQR, n)"
    rows = []
    for entry in comparison["measures"]:
        rows.append(
            {
                "Measure": f"Indicator {entry['indicator']}: {entry['label']}",
                "This organisation": own_text(record, entry),
                peer_column: stat_text(entry["kind"], entry["peer"], peers),
                region_column: stat_text(entry["kind"], entry["region"], peers),
                "National (year)": national_text(entry),
            }
        )
    return frame(rows)


def national_sources_table(
    comparison: Mapping[str, Any], figure_heading: str = "National figure"
) -> pd.DataFrame | None:
    """Each national figure shown, with what it covers and the publication it comes from
    (the report's section and the comparison page both show it)."""
    rows = [
        {
            "Measure": f"Indicator {entry['indicator']}: {entry['label']}",
            figure_heading: national_text(entry),
            "Covers": entry["national"]["scope"],
            "Source": entry["national"]["source"],
        }
        for entry in comparison["measures"]
        if entry.get("national")
    ]
    return frame(rows) if rows else None
