"""One organisation's slice of the comparison dataset, and the dataset's file.

Kept apart from `dataset` (which computes statistics with the figures package, and so
imports pandas) so that a run with nothing to rebuild can read the stored dataset and hash
each organisation's slice without loading any of that.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..atomic import write_text_atomic
from ..pipeline.output_paths import year_dir

DATASET_VERSION = 1


def comparison_for(dataset: Mapping[str, Any], org: str) -> dict[str, Any]:
    """What one organisation's "How we compare" section shows, and nothing else.

    Its own values, its peer group's and its region's statistics, and the national
    figures, per compared measure. A run hashes this into the section's re-run key, so a
    change elsewhere re-runs the section only when what it shows changes.
    """
    if org not in dataset["organisations"]:
        raise KeyError(f"{org} is not in the comparison dataset of {dataset['year']}")
    own = dataset["organisations"][org]
    peer, region = f"peer:{own['peer_group']}", f"region:{own['region']}"
    return {
        "year": dataset["year"],
        "published": dataset["published"],
        "org": org,
        "name": own["name"],
        "peer_group": own["peer_group"],
        "peer_label": dataset["groups"][peer]["label"],
        "region": own["region"],
        "band": dataset["band"],
        "min_organisations": dataset["min_organisations"],
        "peers_available": dataset["peers_available"],
        "peers_note": dataset.get("peers_note", ""),
        "measures": [
            {
                **entry,
                "value": own["values"][entry["key"]]["value"],
                "note": own["values"][entry["key"]]["note"],
                "peer": dataset["groups"][peer]["measures"][entry["key"]],
                "region": dataset["groups"][region]["measures"][entry["key"]],
            }
            for entry in dataset["measures"]
        ],
    }


def canonical_json(value: Any) -> str:
    """Sorted keys, two-space indent, no NaN, final newline: same data, same bytes."""
    return json.dumps(value, sort_keys=True, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def comparison_key(dataset: Mapping[str, Any], org: str) -> str:
    """sha256 of one organisation's slice (`comparison_for`): its section's re-run key part."""
    text = json.dumps(comparison_for(dataset, org), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def dataset_path(outputs_dir: Path, year: int, published: bool) -> Path:
    """outputs/<edition>/<year>/benchmark/dataset.json."""
    return year_dir(outputs_dir, year, published) / "benchmark" / "dataset.json"


def write_dataset(
    outputs_dir: Path, year: int, published: bool, dataset: Mapping[str, Any]
) -> Path:
    """Write the dataset atomically to its place in the edition's year folder."""
    return write_text_atomic(dataset_path(outputs_dir, year, published), canonical_json(dataset))


def read_dataset(outputs_dir: Path, year: int, published: bool) -> dict[str, Any] | None:
    """The dataset written for the year and edition, or None when absent or unreadable."""
    try:
        data = json.loads(dataset_path(outputs_dir, year, published).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    ok = isinstance(data, dict) and data.get("dataset") == DATASET_VERSION
    return data if ok and data.get("year") == year and data.get("published") == published else None
