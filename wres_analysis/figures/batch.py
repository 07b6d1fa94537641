"""Many organisations' figures records in one process: read once, computed one by one.

`compute_records` is for national runs: interpreter start and imports are paid once, params
are parsed once (`params` caches them), and an organisation whose inputs are bad is reported
with its problems without stopping the others.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..paths import PARAMS_DIR
from .record import record_from_inputs
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
) -> BatchResult:
    """Each organisation's figures record for the year, in the order given (repeats once).

    Bad input of one organisation is kept in ``failures`` (its InputError, naming file, row
    and fix); the others are still computed. Any other error is a bug and propagates.
    """
    result = BatchResult()
    for org in dict.fromkeys(orgs):
        try:
            inputs = read_record_inputs(data_dir, org, year, params_dir=params_dir)
        except InputError as exc:
            result.failures[org] = exc
            continue
        result.records[org] = record_from_inputs(inputs, published=published)
    return result
