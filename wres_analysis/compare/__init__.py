"""Benchmarking across organisations: peer groups, the comparison dataset and its page.

`peers` maps an organisation's type to its peer group; `national` holds NHS England's
published national figures; `dataset` builds one year's comparison dataset (every
organisation's headline figures with peer-group, regional and overall medians and
quartiles); `slices` cuts out what one organisation's "How we compare" section shows and
reads and writes the dataset's file; `collect` gathers every organisation's record of a
year; `run_step` is the run's comparison step; `page` writes the comparison page and
`benchmark` is `wres benchmark`. docs/benchmarking.md explains the statistics and the
published rule.

The names below are loaded on first use, so that importing a light part (a run with
nothing to rebuild reads only `slices`) does not import the figures package and pandas.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_WHERE = {
    "MIN_ORGANISATIONS": "dataset",
    "comparison_dataset": "dataset",
    "standalone_dataset": "dataset",
    "comparison_for": "slices",
    "comparison_key": "slices",
    "read_dataset": "slices",
    "write_dataset": "slices",
    "PEER_GROUPS": "peers",
    "peer_group": "peers",
}
__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{_WHERE[name]}", __name__), name)
