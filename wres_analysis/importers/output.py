"""Write an import's files: CSV in the data contract's form, all or nothing.

`CsvTable` writes the CSV with pyarrow and quotes exactly as pandas' ``to_csv`` does (a
value is quoted only when it holds a comma, a double quote or a line break), so an
imported file and the one `wres synth` writes directly are byte for byte the same.
pyarrow's writer cannot quote only where needed (it quotes every text value or none), so
it streams the rows unquoted in batches, refusing any value that would need quotes; then,
and only then, the file is started again with cells quoted and joined by pyarrow kernels.
`write_files` stages every file
beside its target and renames them into place only when all are written: on any failure
the previous files stay as they were.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import os
import re
import tempfile
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from ..atomic import FILE_MODE
from ..errors import InputError, Problem
from ..params import ORG_CODE_PATTERN
from .summary import ImportSummary, summary_path

TEXT = pa.large_string()
ORG_CODE = re.compile(ORG_CODE_PATTERN)
NEEDS_QUOTES = r'[,"\r\n]'
QUOTE, NEWLINE, EMPTY = (pa.scalar(text, TEXT) for text in ('"', "\n", ""))
BATCH_ROWS = 16_384  # rows per batch pyarrow writes: small enough to stay in cache


def quoted(values: pa.Array) -> pa.Array:
    """Values as CSV cells: quoted (inner quotes doubled) only where needed."""
    values = values.cast(TEXT)
    needs = pc.match_substring_regex(values, NEEDS_QUOTES)
    if not pc.any(needs).as_py():
        return values
    wrapped = pc.binary_join_element_wise(
        QUOTE, pc.replace_substring(values, '"', '""'), QUOTE, EMPTY
    )
    return pc.if_else(needs, wrapped, values)


def _concatenated(values: pa.Array) -> bytes:
    """The bytes of all values of a non-null string array, back to back."""
    values = values.cast(TEXT)
    if len(values) == 0:
        return b""
    offsets = np.frombuffer(values.buffers()[1], dtype=np.int64)
    start, end = offsets[values.offset], offsets[values.offset + len(values)]
    return values.buffers()[2].to_pybytes()[start:end]


def _arrow(values: pa.Array | np.ndarray | list[str]) -> pa.Array:
    """A column as an arrow text array (a dictionary column stays dictionary-encoded)."""
    if isinstance(values, pa.DictionaryArray):
        return values
    return values.cast(TEXT) if isinstance(values, pa.Array) else pa.array(values, TEXT)


def _cells(values: pa.Array) -> pa.Array:
    """A column as CSV cells; a dictionary column is quoted once per distinct value."""
    if isinstance(values, pa.DictionaryArray):
        return quoted(values.dictionary).take(values.indices)
    return quoted(values)


class _Hashing:
    """A binary file that keeps the sha256 of everything written through it.

    Hashing and writing a batch happen on a second thread while pyarrow formats the next
    (both let go of the GIL); batches still reach the file in order, one at a time.
    """

    def __init__(self, handle: BinaryIO) -> None:
        self.handle, self.sha256 = handle, hashlib.sha256()
        self.closed = False
        self._thread = ThreadPoolExecutor(max_workers=1)
        self._pending: Future[None] | None = None

    def _put(self, data: bytes) -> None:
        self.sha256.update(data)
        self.handle.write(data)

    def write(self, data: bytes) -> int:
        self.flush()
        # a copy: pyarrow reuses the buffer it passes as soon as this call returns
        self._pending = self._thread.submit(self._put, bytes(data))
        return len(data)

    def flush(self) -> None:
        """Wait until every batch given so far is hashed and written."""
        if self._pending is not None:
            self._pending.result()
            self._pending = None

    def digest(self) -> str:
        """The sha256 (hex) of everything written; the thread is done with."""
        self.flush()
        self._thread.shutdown()
        return self.sha256.hexdigest()


class CsvTable:
    """Equal-length text columns, written as a contract CSV in batches: a million-row file
    never sits whole in memory, and its hash is taken as it is written."""

    def __init__(self, columns: Mapping[str, pa.Array | np.ndarray | list[str]]) -> None:
        names = list(columns)
        self.header = (",".join(quoted(pa.array(names, TEXT)).to_pylist()) + "\n").encode()
        self.arrays = [_arrow(values) for values in columns.values()]

    def write(self, handle: BinaryIO) -> str:
        """Write the file to ``handle`` (at its start); return its sha256 (hex)."""
        sink = _Hashing(handle)
        sink.write(self.header)
        if not self.arrays or len(self.arrays[0]) == 0:
            return sink.digest()
        table = pa.table({str(i): array for i, array in enumerate(self.arrays)})
        options = pa_csv.WriteOptions(
            include_header=False, batch_size=BATCH_ROWS, quoting_style="none", eol="\n"
        )
        try:
            pa_csv.write_csv(table, sink, options)
        except pa.ArrowInvalid:  # a comma, quote or line break in a value: start again
            sink.digest()
            handle.seek(0)
            handle.truncate()
            sink = _Hashing(handle)
            sink.write(self.header)
            sink.write(_quoted_lines(self.arrays))
        return sink.digest()

    def to_bytes(self) -> bytes:
        """The whole file as bytes (for small files and tests)."""
        buffer = io.BytesIO()
        self.write(buffer)
        return buffer.getvalue()


def _quoted_lines(arrays: list[pa.Array]) -> bytes:
    """The rows, each cell quoted where needed, joined by pyarrow kernels."""
    cells = [_cells(array) for array in arrays]
    cells[-1] = pc.binary_join_element_wise(cells[-1], NEWLINE, EMPTY)
    return _concatenated(pc.binary_join_element_wise(*cells, pa.scalar(",", TEXT)))


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
