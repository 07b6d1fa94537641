"""Write an import's files: CSV in the data contract's form, all or nothing.

`csv_bytes` builds the CSV with pyarrow kernels (a million rows in a fraction of a
second) and quotes exactly as pandas' ``to_csv`` does (a value is quoted only when it holds
a comma, a double quote or a line break), so an imported file and the one `wres synth`
writes directly are byte for byte the same. `write_files` stages every file beside its
target and renames them into place only when all are written: on any failure the previous
files stay as they were.
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

from ..atomic import FILE_MODE
from ..errors import InputError, Problem
from ..params import ORG_CODE_PATTERN
from .summary import ImportSummary, summary_path

TEXT = pa.large_string()
ORG_CODE = re.compile(ORG_CODE_PATTERN)
NEEDS_QUOTES = r'[,"\r\n]'
QUOTE, NEWLINE, EMPTY = (pa.scalar(text, TEXT) for text in ('"', "\n", ""))


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


def _cells(values: pa.Array | np.ndarray | list[str]) -> pa.Array:
    """A column as CSV cells; a dictionary column is quoted once per distinct value."""
    if isinstance(values, pa.DictionaryArray):
        return quoted(values.dictionary).take(values.indices)
    return quoted(values if isinstance(values, pa.Array) else pa.array(values, TEXT))


def csv_bytes(columns: Mapping[str, pa.Array | np.ndarray | list[str]]) -> bytes:
    """A CSV file (header, "\\n" line ends, UTF-8) from equal-length text columns."""
    names = list(columns)
    header = ",".join(quoted(pa.array(names, TEXT)).to_pylist()) + "\n"
    arrays = [_cells(values) for values in columns.values()]
    if not arrays or len(arrays[0]) == 0:
        return header.encode("utf-8")
    arrays[-1] = pc.binary_join_element_wise(arrays[-1], NEWLINE, EMPTY)
    lines = pc.binary_join_element_wise(*arrays, pa.scalar(",", TEXT))
    return header.encode("utf-8") + _concatenated(lines)


def write_files(files: Mapping[Path, bytes]) -> list[Path]:
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


def write_import(folder: Path, output: str, data: bytes, summary: ImportSummary) -> list[Path]:
    """Write the contract file and its summary (stamped with the file's hash), all or nothing."""
    path = folder / output
    stamped = dataclasses.replace(summary, output_sha256=hashlib.sha256(data).hexdigest())
    return write_files({path: data, summary_path(path): stamped.to_json().encode("utf-8")})
