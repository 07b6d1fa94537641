"""Write an import's files: CSV in the data contract's form, all or nothing.

`csv_bytes` writes the CSV with pyarrow and quotes exactly as pandas' ``to_csv`` does (a
value is quoted only when it holds a comma, a double quote or a line break), so an
imported file and the one `wres synth` writes directly are byte for byte the same.
pyarrow's writer cannot quote only where needed (it quotes every text value or none), so
it writes unquoted, refusing any value that would need quotes; then, and only then, the
cells are quoted and joined with pyarrow kernels instead. `write_files` stages every file
beside its target and renames them into place only when all are written: on any failure
the previous files stay as they were.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import tempfile
from collections.abc import Mapping
from pathlib import Path

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
FileBytes = bytes | memoryview  # a file's content; a view of a big buffer saves a copy


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


def _unquoted(header: bytes, arrays: list[pa.Array]) -> memoryview | None:
    """The header, then the rows written by pyarrow without quotes (a view of pyarrow's
    buffer, not a copy); None if a value needs quotes."""
    table = pa.table({str(i): array for i, array in enumerate(arrays)})
    sink = pa.BufferOutputStream()
    sink.write(header)
    options = pa_csv.WriteOptions(
        include_header=False, batch_size=max(table.num_rows, 1), quoting_style="none", eol="\n"
    )
    try:
        pa_csv.write_csv(table, sink, options)
    except pa.ArrowInvalid:  # a comma, quote or line break in a value
        return None
    return memoryview(sink.getvalue()).cast("B")  # bytes, as bytes compare


def _quoted_lines(arrays: list[pa.Array]) -> bytes:
    """The rows, each cell quoted where needed, joined by pyarrow kernels."""
    cells = [_cells(array) for array in arrays]
    cells[-1] = pc.binary_join_element_wise(cells[-1], NEWLINE, EMPTY)
    return _concatenated(pc.binary_join_element_wise(*cells, pa.scalar(",", TEXT)))


def csv_bytes(columns: Mapping[str, pa.Array | np.ndarray | list[str]]) -> FileBytes:
    """A CSV file (header, "\\n" line ends, UTF-8) from equal-length text columns."""
    names = list(columns)
    header = (",".join(quoted(pa.array(names, TEXT)).to_pylist()) + "\n").encode("utf-8")
    arrays = [_arrow(values) for values in columns.values()]
    if not arrays or len(arrays[0]) == 0:
        return header
    data = _unquoted(header, arrays)
    return data if data is not None else header + _quoted_lines(arrays)


def write_files(files: Mapping[Path, FileBytes]) -> list[Path]:
    """Write every file through a temporary name, then rename all into place."""
    staged: list[tuple[Path, Path]] = []
    try:
        for path, data in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
            staged.append((Path(tmp), path))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.chmod(tmp, FILE_MODE)
        for tmp, path in staged:
            os.replace(tmp, path)
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    return [path for _, path in staged]


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


def write_import(folder: Path, output: str, data: FileBytes, summary: ImportSummary) -> list[Path]:
    """Write the contract file and its summary (stamped with the file's hash), all or nothing."""
    path = folder / output
    stamped = dataclasses.replace(summary, output_sha256=hashlib.sha256(data).hexdigest())
    return write_files({path: data, summary_path(path): stamped.to_json().encode("utf-8")})
