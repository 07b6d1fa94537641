"""Write an import's files: CSV in the data contract's form, all or nothing.

`CsvTable` quotes exactly as pandas' ``to_csv`` does (a value is quoted only when it holds
a comma, a double quote or a line break), so an imported file and the one `wres synth`
writes directly are byte for byte the same. The trailing dictionary-encoded columns (an
import's mapped values: few distinct ones) are folded into one column of line ends
(`fold`): each distinct combination of their values is quoted and joined once. A batch of
rows at a time, every row's cells, commas and line end are gathered by one pyarrow
``take`` into bytes that are the rows' lines back to back, and streamed to disk while the
next batch is gathered.
`write_files` stages every file beside its target and renames them into place only when
all are written: on any failure the previous files stay as they were.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import os
import re
import tempfile
from collections import deque
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..arrow_text import text_bytes
from ..atomic import FILE_MODE
from ..errors import InputError, Problem
from ..params import ORG_CODE_PATTERN
from .summary import ImportSummary, summary_path

TEXT = pa.large_string()
ORG_CODE = re.compile(ORG_CODE_PATTERN)
NEEDS_QUOTES = r'[,"\r\n]'
QUOTE_BYTES = (b",", b'"', b"\r", b"\n")
QUOTE, EMPTY = (pa.scalar(text, TEXT) for text in ('"', ""))
BATCH_ROWS = 65_536  # rows gathered and written at a time
IN_FLIGHT = 2  # batches gathered but not yet hashed and written, at most
MAX_COMBINATIONS = 1 << 22  # bounds the code of a combination of folded values


def quoted(values: pa.Array) -> pa.Array:
    """Values as CSV cells: quoted (inner quotes doubled) only where needed.

    A column none of whose bytes is a comma, quote or line break (an identifier column,
    say) is returned as it is after one scan of its bytes, with no per-value test.
    """
    values = pc.fill_null(values.cast(TEXT), EMPTY)
    data = text_bytes(values).tobytes()
    if not any(data.find(special) >= 0 for special in QUOTE_BYTES):
        return values
    needs = pc.match_substring_regex(values, NEEDS_QUOTES)
    if not pc.any(needs).as_py():
        return values
    wrapped = pc.binary_join_element_wise(
        QUOTE, pc.replace_substring(values, '"', '""'), QUOTE, EMPTY
    )
    return pc.if_else(needs, wrapped, values)


def _cells(values: pa.Array) -> pa.Array:
    """A column as CSV cells; a dictionary column is quoted once per distinct value."""
    if isinstance(values, pa.DictionaryArray):
        return quoted(values.dictionary).take(values.indices)
    return quoted(values)


def _arrow(values: pa.Array | pa.ChunkedArray | np.ndarray | list[str]) -> pa.Array:
    """A column as an arrow text array (a dictionary column without nulls stays encoded)."""
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    if isinstance(values, pa.DictionaryArray) and values.null_count == 0:
        return values
    array = values if isinstance(values, pa.Array) else pa.array(values, TEXT)
    return pc.fill_null(array.cast(TEXT), EMPTY)


def _folded_tail(arrays: list[pa.Array]) -> int:
    """Where the trailing run of dictionary columns starts (as many as keep the
    combinations of their dictionaries' values within MAX_COMBINATIONS)."""
    start, combinations = len(arrays), 1
    while start > 0 and isinstance(arrays[start - 1], pa.DictionaryArray):
        combinations *= max(1, len(arrays[start - 1].dictionary))
        if combinations > MAX_COMBINATIONS:
            break
        start -= 1
    return start


@dataclass(frozen=True)
class Folded:
    """Dictionary-encoded columns folded into one: each distinct combination of their
    values that occurs, quoted and joined once ('cell,cell,...'), and each row's."""

    names: tuple[str, ...]
    ends: tuple[str, ...]
    codes: np.ndarray  # per row: index into ends

    def take(self, rows: np.ndarray) -> Folded:
        """The folded columns of the given rows, in that order."""
        return dataclasses.replace(self, codes=self.codes[rows])


def _renumbered(combined: np.ndarray, size: int) -> tuple[np.ndarray, int]:
    """Codes below ``size`` renumbered 0.. over the values that occur (order kept): by
    counting, or by sorting where ``size`` is too large to count in (two huge dictionaries)."""
    if size > MAX_COMBINATIONS:
        distinct, renumbered = np.unique(combined, return_inverse=True)
        return renumbered.reshape(-1), int(distinct.size)
    occurs = np.bincount(combined, minlength=size) > 0
    return (np.cumsum(occurs) - 1)[combined], int(occurs.sum())


def fold(columns: Mapping[str, pa.DictionaryArray]) -> Folded:
    """Fold equal-length dictionary columns (no nulls) for `CsvTable`.

    Equal values of a dictionary count as one. Each row's combination is a mixed-radix
    number of its columns' codes, renumbered over the combinations that occur whenever
    the next column would take it past MAX_COMBINATIONS.
    """
    arrays = list(columns.values())
    rows = len(arrays[0])
    combined, size = np.zeros(rows, dtype=np.int64), 1
    codes, cells = [], []
    for array in arrays:
        texts = quoted(array.dictionary).to_pylist()
        distinct = list(dict.fromkeys(texts))
        code_of = {text: code for code, text in enumerate(distinct)}
        code = array.indices.to_numpy(zero_copy_only=False)
        if len(distinct) < len(texts):  # a value repeats in the dictionary: one code each
            code = np.array([code_of[text] for text in texts], dtype=np.int32)[code]
        if size * len(distinct) > MAX_COMBINATIONS:
            combined, size = _renumbered(combined, size)
        combined *= len(distinct)
        combined += code
        size *= max(1, len(distinct))
        codes.append(code)
        cells.append(distinct)
    combined, size = _renumbered(combined, size)
    example = np.empty(size, dtype=np.int64)  # a row of each combination
    example[combined] = np.arange(rows)
    parts = [
        [texts[c] for c in code[example].tolist()] for code, texts in zip(codes, cells, strict=True)
    ]
    ends = tuple(",".join(values) for values in zip(*parts, strict=True))
    return Folded(tuple(columns), ends, combined)


class _Hashing:
    """A binary file that keeps the sha256 of everything written through it.

    Each batch is hashed on one thread and written on another while the next batch is
    gathered (all three let go of the GIL). Each thread takes the batches in order; at
    most `IN_FLIGHT` batches are held at a time.
    """

    def __init__(self, handle: BinaryIO) -> None:
        self.handle, self.sha256 = handle, hashlib.sha256()
        self._threads = [ThreadPoolExecutor(max_workers=1) for _ in range(2)]
        self._pending: deque[list[Future[object]]] = deque()

    def write(self, data: bytes | memoryview) -> None:
        """Queue ``data`` (which must not change afterwards) after the batches before it."""
        hashing, writing = self._threads
        self._pending.append(
            [hashing.submit(self.sha256.update, data), writing.submit(self.handle.write, data)]
        )
        while len(self._pending) > IN_FLIGHT:
            self._finish_oldest()

    def _finish_oldest(self) -> None:
        for future in self._pending.popleft():
            future.result()

    def digest(self) -> str:
        """The sha256 (hex) of everything written; the threads are done with."""
        try:
            while self._pending:
                self._finish_oldest()
        finally:
            self.abandon()
        return self.sha256.hexdigest()

    def abandon(self) -> None:
        """Stop (after a failure too): the batches in hand finish, the first error stays."""
        for thread in self._threads:
            thread.shutdown(wait=True)


class _Lines:
    """A table's rows as lines of CSV, gathered by one ``take`` per batch.

    A batch's pieces sit in one text array: each leading column's cells of the batch, a
    comma, and the line ends of the folded columns (each after its comma and before a
    newline), or a newline when there are none. A row's line is its pieces in turn, so
    the gathered array's bytes are the rows' lines back to back.
    """

    def __init__(self, lead: list[pa.Array], folded: Folded | None, rows: int) -> None:
        self.cells = [_cells(array) for array in lead]
        # a file of one column writes an empty cell as "" (else it would be a blank line)
        alone = len(self.cells) + len(folded.names if folded else ()) == 1
        if alone and self.cells:
            only = self.cells[0]
            self.cells[0] = pc.if_else(pc.equal(only, EMPTY), pa.scalar('""', TEXT), only)
        if folded is None:  # a newline ends each line
            ends, self.codes = ["\n"], np.zeros(rows, dtype=np.int64)
        else:
            comma = "," if self.cells else ""
            texts = ['""' if alone and not end else end for end in folded.ends]
            ends, self.codes = [comma + e + "\n" for e in texts], folded.codes
        self.tail = pa.array([",", *ends], TEXT)  # the comma, then the line ends

    def batch(self, start: int, count: int) -> pa.Array:
        """Rows ``start`` .. ``start + count`` as the pieces of their lines, in order."""
        cells = [column.slice(start, count) for column in self.cells]
        pieces = pa.concat_arrays([*cells, self.tail])
        comma = len(cells) * count
        # per row: the index of each piece (cell, comma, cell, ..., line end)
        index = np.empty((count, 2 * len(cells) if cells else 1), dtype=np.int64)
        for i in range(len(cells)):
            index[:, 2 * i] = np.arange(i * count, (i + 1) * count)
            if i + 1 < len(cells):
                index[:, 2 * i + 1] = comma
        index[:, -1] = self.codes[start : start + count] + comma + 1
        return pieces.take(index.ravel())


class CsvTable:
    """Equal-length text columns, written as a contract CSV in batches: a million-row file
    never sits whole in memory, and its hash is taken as it is written.

    ``folded`` columns (see `fold`) come after ``columns``; without them, the trailing
    dictionary-encoded columns of ``columns`` are folded here.
    """

    def __init__(
        self,
        columns: Mapping[str, pa.Array | np.ndarray | list[str]],
        folded: Folded | None = None,
    ) -> None:
        arrays = {name: _arrow(values) for name, values in columns.items()}
        if folded is None:
            names = list(arrays)
            split = _folded_tail(list(arrays.values()))
            if split < len(names):
                folded = fold({name: arrays.pop(name) for name in names[split:]})
        self.arrays, self.folded = list(arrays.values()), folded
        names = [*arrays, *(folded.names if folded else ())]
        self.header = (",".join(quoted(pa.array(names, TEXT)).to_pylist()) + "\n").encode()
        self.rows = len(folded.codes) if folded else len(self.arrays[0]) if self.arrays else 0

    def write(self, handle: BinaryIO) -> str:
        """Write the file to ``handle``; return its sha256 (hex)."""
        sink = _Hashing(handle)
        try:
            sink.write(self.header)
            if self.rows:
                lines = _Lines(self.arrays, self.folded, self.rows)
                for start in range(0, self.rows, BATCH_ROWS):
                    count = min(BATCH_ROWS, self.rows - start)
                    sink.write(memoryview(text_bytes(lines.batch(start, count))))
        except BaseException:
            sink.abandon()
            raise
        return sink.digest()

    def to_bytes(self) -> bytes:
        """The whole file as bytes (for small files and tests)."""
        buffer = io.BytesIO()
        self.write(buffer)
        return buffer.getvalue()


def csv_bytes(columns: Mapping[str, pa.Array | np.ndarray | list[str]]) -> bytes:
    """A CSV file (header, "\\n" line ends, UTF-8) from equal-length text columns."""
    return CsvTable(columns).to_bytes()


FileContent = bytes | CsvTable  # what an import writes: small files as bytes, big ones streamed


def _write(content: FileContent, handle: BinaryIO) -> str:
    """Write bytes or a CsvTable to ``handle``; the sha256 (hex) of what was written."""
    if isinstance(content, CsvTable):
        return content.write(handle)
    handle.write(content)
    return hashlib.sha256(content).hexdigest()


Later = Callable[[Mapping[Path, str]], bytes]  # bytes made from the hashes of earlier files


def write_files(files: Mapping[Path, FileContent | Later]) -> dict[Path, str]:
    """Write every file through a temporary name, then rename all into place.

    A value may be a callable that is given the sha256 of the files written before it (so
    a summary can carry its file's hash) and returns the bytes. Returns every file's sha256.
    """
    staged: list[tuple[Path, Path]] = []
    hashes: dict[Path, str] = {}
    try:
        for path, content in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
            staged.append((Path(tmp), path))
            with os.fdopen(fd, "w+b") as handle:
                hashes[path] = _write(content(hashes) if callable(content) else content, handle)
            os.chmod(tmp, FILE_MODE)
        for tmp, path in staged:
            os.replace(tmp, path)
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    return hashes


def check_destination(data_dir: Path, org: str, year: int) -> Path:
    """The organisation-year folder an import writes to; a bad org code is refused."""
    if not ORG_CODE.fullmatch(org or ""):
        raise InputError(
            Problem(
                file="--org",
                problem="the organisation code is not valid",
                fix="use only letters, digits, '_' and '-' (e.g. an ODS code such as RXX): the "
                "code is the name of the organisation's folder in the data folder",
                value=org,
            )
        )
    return Path(data_dir) / org / str(year)


def write_import(
    folder: Path, output: str, data: FileContent, summary: ImportSummary
) -> list[Path]:
    """Write the contract file and its summary (stamped with the file's hash), all or nothing."""
    path = folder / output

    def stamped(hashes: Mapping[Path, str]) -> bytes:
        return dataclasses.replace(summary, output_sha256=hashes[path]).to_json().encode("utf-8")

    return list(write_files({path: data, summary_path(path): stamped}))
