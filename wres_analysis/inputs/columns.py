"""A data-contract file's cells as text, in memory: the columns and the table of them.

`TextColumn` holds one column's cells as typed, with a code per row and the distinct values,
so rules and parsers run once per distinct value; `RawTable` is a file's headings, columns
and each record's spreadsheet row. `csvio` builds them; validation and standardisation read
them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..arrow_text import text_bytes, value_offsets

FIRST_ROW = 2  # spreadsheet row of the first record (index 0)


# --- one column of text ----------------------------------------------------------------------
def _needs_no_trim(strings: pa.Array) -> bool:
    """Every cell is non-empty, and its first and last bytes are visible ASCII characters
    (so no whitespace, ASCII or Unicode, surrounds it)."""
    if len(strings) == 0 or strings.null_count:
        return False
    offsets = value_offsets(strings)
    if np.any(offsets[1:] == offsets[:-1]):
        return False
    data = np.frombuffer(strings.buffers()[2], dtype=np.uint8)
    ends = np.concatenate((data[offsets[:-1]], data[offsets[1:] - 1]))
    return bool(np.all((ends > 0x20) & (ends < 0x7F)))


class TextColumn:
    """One column's cells as text, with a code per row and the distinct values (`uniques`).

    Built from a Python list (small files) or a pyarrow string array (large files). Rules
    and parsers run once per distinct value and are spread back to the rows through the
    codes. An ``identifier`` column (nearly every value distinct) of a large file is never
    encoded: its rules run over the whole pyarrow array instead.
    """

    __slots__ = (
        "_arrow",
        "_codes",
        "_filled",
        "_list",
        "_stripped",
        "_uniques",
        "few_values",
        "identifier",
    )

    def __init__(
        self,
        values: Sequence[str] | None = None,
        *,
        arrow: pa.Array | pa.ChunkedArray | None = None,
        codes: np.ndarray | None = None,
        uniques: list[str] | None = None,
        identifier: bool = False,
        few_values: bool = False,
    ):
        self._list = None if values is None else list(values)
        self._arrow = arrow
        self._codes = codes
        self._uniques = uniques
        self._stripped: pa.Array | None = None
        self._filled: pa.Array | None = None
        self.identifier = identifier
        self.few_values = few_values  # a contract column of codes or numbers, not free text

    @classmethod
    def from_dictionary(cls, chunks: pa.ChunkedArray) -> TextColumn:
        """From dictionary-encoded chunks (pyarrow's reader): codes without hashing again."""
        unified = chunks.unify_dictionaries()
        if unified.num_chunks == 0:
            return cls(codes=np.zeros(0, dtype=np.int32), uniques=[], few_values=True)
        indices = [c.indices.to_numpy(zero_copy_only=False) for c in unified.chunks]
        codes = np.concatenate(indices).astype(np.int32, copy=False)
        return cls(codes=codes, uniques=unified.chunk(0).dictionary.to_pylist(), few_values=True)

    def __len__(self) -> int:
        if self._codes is not None:
            return len(self._codes)
        return len(self._list) if self._list is not None else len(self._arrow)

    @property
    def is_plain_arrow(self) -> bool:
        """An identifier held as a pyarrow string array: tested whole, never encoded."""
        return self.identifier and self._arrow is not None and self._codes is None

    def _encode(self) -> None:
        if self._list is not None:
            index: dict[str, int] = {}
            self._codes = np.fromiter(
                (index.setdefault(v, len(index)) for v in self._list),
                dtype=np.int32,
                count=len(self._list),
            )
            self._uniques = list(index)
            return
        values = self._arrow
        # Encoding chunk by chunk is fastest when the values are few, but repeats the whole
        # dictionary for every chunk: a column that may have many values is joined first.
        if (
            isinstance(values, pa.ChunkedArray)
            and values.num_chunks > 1
            and not self.few_values
            and len(pc.unique(values.chunk(0))) > 1000
        ):
            values = values.combine_chunks()
        encoded = pc.dictionary_encode(values)
        if isinstance(encoded, pa.ChunkedArray):
            encoded = encoded.unify_dictionaries()
            dictionary = encoded.chunk(0).dictionary if encoded.num_chunks else pa.array([])
            indices = [c.indices.to_numpy(zero_copy_only=False) for c in encoded.chunks]
            codes = np.concatenate(indices) if indices else np.zeros(0, dtype=np.int32)
        else:
            dictionary, codes = encoded.dictionary, encoded.indices.to_numpy(zero_copy_only=False)
        self._codes = codes.astype(np.int32, copy=False)
        self._uniques = dictionary.to_pylist()

    @property
    def codes(self) -> np.ndarray:
        """For each row, the position of its value in `uniques`."""
        if self._codes is None:
            self._encode()
        return self._codes  # type: ignore[return-value]

    @property
    def uniques(self) -> list[str]:
        """The distinct values, in order of first appearance (not for identifiers)."""
        if self._uniques is None:
            self._encode()
        return self._uniques  # type: ignore[return-value]

    def arrow(self) -> pa.Array:
        """The column as one pyarrow string array."""
        if self._arrow is not None:
            return _combined(self._arrow)
        if self._list is not None:
            return pa.array(self._list, type=pa.string())
        return pc.take(pa.array(self._uniques, type=pa.string()), pa.array(self._codes))

    def values_at(self, positions: np.ndarray | Sequence[int]) -> list[str]:
        """The cells at the given row positions, as typed."""
        if self._list is not None:
            return [self._list[int(i)] for i in positions]
        if self._codes is not None:
            uniques = self._uniques or []
            return [uniques[int(c)] for c in self._codes[np.asarray(positions, dtype=np.intp)]]
        return _combined(self._arrow).take(pa.array(positions, type=pa.int64())).to_pylist()

    def mapped(self, parse: Callable[[str], object]) -> tuple[np.ndarray, list[object]]:
        """(codes, parse of each distinct value): a parser run once per distinct value."""
        return self.codes, [parse(u) for u in self.uniques]

    def test(self, ok: Callable[[str], bool]) -> np.ndarray:
        """Row positions whose cell fails ``ok`` (run once per distinct value)."""
        uniques = self.uniques
        passed = np.fromiter((bool(ok(u)) for u in uniques), dtype=bool, count=len(uniques))
        if passed.all():
            return np.zeros(0, dtype=np.intp)
        return np.flatnonzero(~passed[self.codes])

    def stripped(self) -> pa.Array:
        """The cells without surrounding spaces, as one pyarrow array (computed once).

        A column whose every cell is non-empty and starts and ends with a visible ASCII
        character (identifiers nearly always) is its own trimmed form: found from the
        first and last byte of each cell, far cheaper than trimming a million cells."""
        if self._stripped is None:
            arrow = self.arrow()
            if _needs_no_trim(arrow):
                self._stripped = arrow
                self._filled = pa.array(np.ones(len(arrow), dtype=bool))
            else:
                self._stripped = pc.utf8_trim_whitespace(arrow)
        return self._stripped

    def filled(self) -> pa.Array:
        """Boolean pyarrow array per row: the cell holds more than spaces (computed once)."""
        if self._filled is None:
            stripped = self.stripped()
            if self._filled is None:
                self._filled = pc.not_equal(stripped, "")
        return self._filled

    def has_quote(self) -> bool:
        """Whether any cell holds a double quote (read with quotes left uninterpreted)."""
        if self._arrow is not None and self._codes is None:
            chunks = getattr(self._arrow, "chunks", [self._arrow])
            quote = ord('"')
            return any(bool((text_bytes(chunk) == quote).any()) for chunk in chunks)
        return any('"' in value for value in self.uniques)

    def blank(self) -> np.ndarray:
        """Boolean per row: the cell is empty or only spaces."""
        if self.is_plain_arrow:
            return ~self.filled().to_numpy(zero_copy_only=False)
        uniques = self.uniques
        empty = np.fromiter((u.strip() == "" for u in uniques), dtype=bool, count=len(uniques))
        return empty[self.codes] if empty.any() else np.zeros(len(self), dtype=bool)

    def subset(self, keep: np.ndarray) -> TextColumn:
        """The rows where ``keep`` is true."""
        if self._codes is not None:
            return TextColumn(
                codes=self._codes[keep], uniques=self._uniques, identifier=self.identifier
            )
        if self._list is not None:
            return TextColumn(
                [v for v, k in zip(self._list, keep, strict=True) if k], identifier=self.identifier
            )
        arrow = _combined(self._arrow).filter(pa.array(keep))
        return TextColumn(arrow=arrow, identifier=self.identifier)

    def to_list(self) -> list[str]:
        """Every cell, as typed."""
        if self._list is not None:
            return list(self._list)
        if self._codes is None:
            return _combined(self._arrow).to_pylist()
        return self.values_at(np.arange(len(self)))


def _combined(values: pa.Array | pa.ChunkedArray) -> pa.Array:
    if isinstance(values, pa.ChunkedArray):
        return values.combine_chunks() if values.num_chunks != 1 else values.chunk(0)
    return values


# --- a table of text columns -------------------------------------------------------------
@dataclass(frozen=True)
class RawTable:
    """A CSV's records as text: the headings, one `TextColumn` each, and each record's row.

    ``rows`` holds the spreadsheet row of every record (blank rows already left out).
    ``cells`` has one column per heading, in file order; ``columns`` the named ones by
    name (headings are unique: a repeated one is an error when reading).
    """

    names: list[str]
    cells: list[TextColumn]
    rows: np.ndarray

    @property
    def columns(self) -> dict[str, TextColumn]:
        """The columns that have a heading, by heading."""
        return {name: col for name, col in zip(self.names, self.cells, strict=True) if name}

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def empty(self) -> bool:
        """No records (a header only)."""
        return len(self.rows) == 0

    def __contains__(self, name: object) -> bool:
        return bool(name) and name in self.names

    def __getitem__(self, name: str) -> TextColumn:
        return self.cells[self.names.index(name)]

    def to_frame(self) -> pd.DataFrame:
        """The records as a DataFrame of strings, indexed by spreadsheet row - 2."""
        index = pd.Index(self.rows - FIRST_ROW)
        frame = pd.DataFrame(
            {i: pd.Series(c.to_list(), index=index, dtype="str") for i, c in enumerate(self.cells)},
            index=index,
        )
        frame.columns = self.names
        return frame
