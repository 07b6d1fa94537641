"""Values a mapping does not know, reported all at once with the line that would map them.

A column is encoded once into its distinct values (`encode`), each distinct value is looked
up once, and every value the mapping lacks becomes one `Problem`: the value, how many rows
hold it, the first rows, the column heading, and the exact line to add to the params file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..errors import Problem
from .mapping import Table
from .reading import Export
from .summary import plural

FIRST_ROWS = 5  # rows listed per unmapped value


@dataclass(frozen=True)
class Coded:
    """A text column as integer codes into its distinct values (each looked up once)."""

    codes: np.ndarray  # per row, index into values (int32, as pyarrow encodes them)
    values: list[str]

    def lookup(self, resolve: Callable[[str], object]) -> list[object]:
        """The target of each distinct value (None where the mapping has none)."""
        return [resolve(value) for value in self.values]


@dataclass(frozen=True)
class Mapped:
    """A column looked up through a mapping: each distinct value's target, each row's code."""

    coded: Coded
    targets: list[object]

    @property
    def known(self) -> np.ndarray:
        """Per distinct value: whether the mapping has a target for it."""
        return np.array([t is not None for t in self.targets], dtype=bool)

    def rows_where(self, test: Callable[[object], bool]) -> np.ndarray:
        """Per row: whether its target passes ``test`` (one call per distinct value)."""
        per_value = np.array([bool(test(t)) for t in self.targets] + [False], dtype=bool)
        if not per_value.any():  # no value passes: no need to look at the rows
            return np.zeros(self.coded.codes.size, dtype=bool)
        return per_value[self.coded.codes]

    def text(self, rows: np.ndarray) -> pa.DictionaryArray:
        """The targets of the given rows, as text (None, never written, as empty)."""
        words = ["" if t is None else str(t) for t in self.targets]
        return pa.DictionaryArray.from_arrays(
            pa.array(self.coded.codes[rows].astype(np.int32, copy=False)),
            pa.array(words, pa.large_string()),
        )


def _chunk_codes(encoded: pa.Array | pa.ChunkedArray) -> tuple[np.ndarray, pa.Array]:
    """Row codes and the dictionary of a dictionary-encoded (possibly chunked) array."""
    if isinstance(encoded, pa.ChunkedArray):
        if encoded.num_chunks == 0:
            return np.zeros(0, np.int32), pa.array([], pa.large_string())
        unified = pa.table({"v": encoded}).unify_dictionaries().column("v")
        indices = pa.chunked_array([chunk.indices for chunk in unified.chunks])
        return indices.to_numpy(), unified.chunks[0].dictionary
    return encoded.indices.to_numpy(zero_copy_only=False), encoded.dictionary


def encode(array: pa.Array | pa.ChunkedArray) -> Coded:
    """Distinct values of a text column and each row's code."""
    codes, dictionary = _chunk_codes(pc.dictionary_encode(array))
    return Coded(codes, dictionary.to_pylist())


def take(targets: list[object], codes: np.ndarray, fill: object = None) -> np.ndarray:
    """Each row's target, as an object array (None kept)."""
    table = np.empty(len(targets) + 1, dtype=object)
    table[: len(targets)] = targets
    table[-1] = fill
    return table[codes] if len(targets) else np.full(codes.size, fill, dtype=object)


def unmapped_problems(
    export: Export,
    role: str,
    coded: Coded,
    known: np.ndarray,
    rows_checked: np.ndarray | None,
    *,
    what: str,
    table: Table,
    params_file: str,
    advice: str,
) -> list[Problem]:
    """One Problem per distinct value that is not ``known``, most frequent first.

    ``known`` has one flag per distinct value; ``rows_checked`` (None: all rows) limits the
    rows whose values must be known, e.g. to assignments that are not excluded.
    """
    known = np.asarray(known, dtype=bool)
    if known.all():  # every distinct value maps: no row to look at
        return []
    bad_rows = ~known[coded.codes]
    if rows_checked is not None:
        bad_rows &= rows_checked
    positions = np.flatnonzero(bad_rows)
    if positions.size == 0:
        return []
    codes = coded.codes[positions]
    order = np.argsort(codes, kind="stable")
    distinct, starts, counts = np.unique(codes[order], return_index=True, return_counts=True)
    found = []
    for code, start, count in zip(distinct, starts, counts, strict=True):
        rows = export.rows[positions[order[start : start + min(count, FIRST_ROWS)]]]
        found.append((-int(count), int(rows[0]), int(code), rows.tolist()))
    problems = []
    for negative, first, code, rows in sorted(found):
        value = coded.values[code]
        listed = ", ".join(str(r) for r in rows) + (", ..." if -negative > len(rows) else "")
        where = f"row {listed}" if -negative == 1 else f"rows {listed}"
        problems.append(
            Problem(
                file=export.file,
                problem=f"{what} is not in the mapping: {plural(-negative, 'row')} ({where})",
                fix=f"add this line under '{table.section}:' in {params_file}, {advice}: "
                f"`{table.line_to_add(value)}`",
                row=first,
                column=export.headings[role],
                value=value,
            )
        )
    return problems
