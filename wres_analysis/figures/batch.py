"""Many organisations' figures records in one process: read once, computed one by one.

`compute_records` is for national runs: interpreter start and imports are paid once, params
are parsed once (`params` caches them), and an organisation whose inputs are bad is reported
with its problems without stopping the others. Organisations are computed by a few threads
at once: parsing and the array work run outside Python's lock, so a second core is used
while another organisation's rules run. Each record is computed alone, so the results do not
depend on the number of threads.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..paths import PARAMS_DIR
from .record import published_records, record_from_inputs
from .sources import read_record_inputs


@dataclass(frozen=True)
class BatchResult:
    """Records of the organisations that computed, and the problems of those that did not."""

    records: dict[str, dict[str, Any]] = field(default_factory=dict)
    failures: dict[str, InputError] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """Every organisation got its record."""
        return not self.failures


def compute_records(
    data_dir: Path,
    orgs: Iterable[str],
    year: int,
    *,
    params_dir: Path = PARAMS_DIR,
    published: bool = False,
    workers: int | None = None,
) -> BatchResult:
    """Each organisation's figures record for the year, in the order given (repeats once).

    Bad input of one organisation is kept in ``failures`` (its InputError, naming file, row
    and fix); the others are still computed. Any other error is a bug and propagates.
    ``workers``: threads computing at once (default: one more than the CPU cores, at most 4).
    """

    def one(org: str) -> dict[str, Any] | InputError:
        try:
            if published:  # protected jointly with the earlier years its report shows
                return published_records(data_dir, org, year, params_dir=params_dir)[year]
            inputs = read_record_inputs(data_dir, org, year, params_dir=params_dir)
        except InputError as exc:
            return exc
        return record_from_inputs(inputs)

    unique = list(dict.fromkeys(orgs))
    threads = workers or min(4, (os.cpu_count() or 1) + 1)
    if threads > 1 and len(unique) > 1:
        with ThreadPoolExecutor(max_workers=threads) as pool:
            outcomes = list(pool.map(one, unique))
    else:
        outcomes = [one(org) for org in unique]
    result = BatchResult()
    for org, outcome in zip(unique, outcomes, strict=True):
        if isinstance(outcome, InputError):
            result.failures[org] = outcome
        else:
            result.records[org] = outcome
    return result
