"""Benchmarking across organisations: peer groups, the comparison dataset and its page.

`peers` maps an organisation's type to its peer group; `national` holds NHS England's
published national figures; `dataset` builds one year's comparison dataset (every
organisation's headline figures with peer-group, regional and overall medians and
quartiles) and cuts out what one organisation's "How we compare" section shows; `collect`
gathers every organisation's record of a year; `page` writes the comparison page
(`wres benchmark`). docs/benchmarking.md explains the statistics and the published rule.
"""

from __future__ import annotations

from .dataset import (
    MIN_ORGANISATIONS,
    comparison_dataset,
    comparison_for,
    comparison_key,
    read_dataset,
    standalone_dataset,
    write_dataset,
)
from .peers import PEER_GROUPS, peer_group

__all__ = [
    "MIN_ORGANISATIONS",
    "PEER_GROUPS",
    "comparison_dataset",
    "comparison_for",
    "comparison_key",
    "peer_group",
    "read_dataset",
    "standalone_dataset",
    "write_dataset",
]
