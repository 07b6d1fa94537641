"""Read a data-contract CSV as text, exactly as the user typed it, as fast as it can be read.

Every cell stays a string (nothing is guessed or converted), so that error messages can
quote values verbatim. Each record keeps its spreadsheet row (the header is row 1, the
first record row 2); rows whose cells are all empty are dropped without renumbering the
others. Unreadable files raise `InputError` naming the file and the row.

Three readers give the same cells: small files are split in Python, large ones are parsed
by pyarrow's multi-threaded reader, and anything unusual (quotes, blank lines, rows with
too many or too few cells, bytes that are not UTF-8) goes to pandas' reader,
whose messages name the row at fault. The result is a `columns.RawTable`: each column
encoded once (a code per row and the distinct values), which is what validation and
standardisation work on.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pv

from ..errors import InputError, Problem
from ..paths import display_path
from ..textfiles import BOM, UTF8_FIX, decode_utf8, os_problem, read_head, read_input
from .columns import FIRST_ROW, RawTable, TextColumn

__all__ = [
    "BOM",
    "FIRST_ROW",
    "UTF8_FIX",
    "RawTable",
    "TextColumn",
    "read_csv_text",
    "read_table",
    "row_of",
]

SMALL_FILE = 8 * 1024  # bytes: below this Python's split is faster than pyarrow's reader
LARGE_FILE = 4 << 20  # bytes: above this pyarrow reads from disk (a Python copy costs more)
BLOCK_SIZE = 8 << 20  # pyarrow block: fewer, larger chunks to stitch together
_DICTIONARY = pa.dictionary(pa.int32(), pa.string())


def row_of(index: object) -> int:
    """The spreadsheet row of a frame index label (as read by `read_csv_text`)."""
    return int(index) + FIRST_ROW  # type: ignore[call-overload]


# --- reading -----------------------------------------------------------------------------------
_SEP_LINE = re.compile(r"^\s*sep\s*=", re.IGNORECASE)
_VISIBLE = re.compile(rb"\S")


def read_table(
    path: Path, empty_fix: str, *, plain: Collection[str] = (), coded: Collection[str] = ()
) -> RawTable:
    """Read a CSV's records as text; blank rows left out, row numbers kept.

    ``empty_fix`` is the advice given when the file has no header row (it differs between
    the required workforce file and the optional ones). Columns named in ``plain`` are
    identifiers, nearly all distinct: large files keep them as strings instead of
    encoding them. Columns named in ``coded`` hold a few distinct values (codes, flags,
    counts), which large files encode chunk by chunk.
    """
    head, size = read_head(path, LARGE_FILE)
    if size > LARGE_FILE:
        start = len(BOM) if head.startswith(BOM) else 0
        _check_sep_line(path, head, start)
        read = _arrow_read_path(path, head, start, plain, coded)
        if read is None:
            read = _pandas_read(path, read_input(path), start)
        header, columns, more_rows = read
        return _drop_blank_rows(_header(path, header, empty_fix, more_rows), columns)
    data = head
    start = len(BOM) if data.startswith(BOM) else 0
    _check_sep_line(path, data, start)
    body = memoryview(data)[start:]
    simple = _simple(data, start)
    if simple and len(body) <= SMALL_FILE:
        text = decode_utf8(path, data, unit="row", fix=UTF8_FIX)
        read = _split_read(text)
    elif simple:
        read = _arrow_read(body, bytes(body[:65536]), plain, coded)
    else:
        read = None
    if read is None:
        read = _pandas_read(path, data, start)
    header, columns, more_rows = read
    names = _header(path, header, empty_fix, more_rows)
    return _drop_blank_rows(names, columns)


def read_csv_text(path: Path, empty_fix: str) -> pd.DataFrame:
    """All cells of a CSV as strings; index = spreadsheet row - 2; blank rows dropped."""
    return read_table(path, empty_fix).to_frame()


def _check_sep_line(path: Path, data: bytes, start: int) -> None:
    """Excel's 'sep=,' first line is a hint for Excel, not the header row."""
    first = data[start : start + 64].split(b"\n", 1)[0].split(b"\r", 1)[0]
    if _SEP_LINE.match(first.decode("utf-8", "replace")):
        raise InputError(
            Problem(
                file=display_path(path),
                problem=f"row 1 is Excel's separator line {first.decode('utf-8', 'replace')!r}, "
                "not the header row",
                fix="delete that first line so that the header is row 1 (saving as "
                "'CSV UTF-8 (Comma delimited)' does not write it)",
                row=1,
            )
        )


def _simple(data: bytes, start: int) -> bool:
    """No quotes, and a first line that is not blank: the fast readers then give exactly what
    pandas would (blank lines further down are dropped by all three; pyarrow refuses them,
    which sends the file to pandas)."""
    if data[start : start + 1] in (b"\n", b"\r", b""):
        return False
    return b'"' not in data and _VISIBLE.search(data, start) is not None


ReadResult = tuple[list[str], list[TextColumn], bool]


def _split_read(text: str) -> ReadResult | None:
    """A small file without quotes: lines split at commas (None when a row is too long)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    header = lines[0].split(",")
    width = len(header)
    rows = [line.split(",") for line in lines[1:]]
    if any(len(r) != width for r in rows):
        if any(len(r) > width for r in rows):
            return None  # pandas names the row
        rows = [r + [""] * (width - len(r)) for r in rows]
    columns = [TextColumn(list(c)) for c in zip(*rows, strict=True)] if rows else []
    if not rows:
        columns = [TextColumn([]) for _ in header]
    return header, columns, bool(rows)


def _arrow_read(
    body: memoryview | pa.NativeFile,
    head: bytes,
    plain: Collection[str],
    coded: Collection[str] = (),
    *,
    quotes: bool = True,
) -> ReadResult | None:
    """A file without quotes, by pyarrow (None when pyarrow refuses it). ``body`` is the
    file's bytes from the header on, or the open file; ``head`` its start."""
    head = head[:65536]
    ends = [i for i in (head.find(b"\n"), head.find(b"\r")) if i >= 0]
    if not ends:
        return None  # a header line longer than 64 kB: leave it to pandas
    end = min(ends)
    try:
        header = head[:end].decode("utf-8").split(",")
    except UnicodeDecodeError:
        return None
    if b'"' in head[:end]:
        return None
    names = [f"c{i}" for i in range(len(header))]
    # Coded columns are dictionary-encoded by the reader itself, block by block in parallel
    # with the parsing; identifiers and unknown columns stay plain strings.
    kinds = {
        n: _DICTIONARY if h.strip() in coded else pa.string()
        for n, h in zip(names, header, strict=True)
    }
    try:
        source = body if isinstance(body, pa.NativeFile) else pa.BufferReader(pa.py_buffer(body))
        table = pv.read_csv(
            source,
            read_options=pv.ReadOptions(
                column_names=names,
                skip_rows=1,
                block_size=BLOCK_SIZE,
                use_threads=source.size() > BLOCK_SIZE,  # one block: no work to share
            ),
            parse_options=pv.ParseOptions(
                quote_char='"' if quotes else False,
                newlines_in_values=False,
                ignore_empty_lines=False,
            ),
            convert_options=pv.ConvertOptions(
                column_types=kinds,
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
                check_utf8=True,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None  # a row of the wrong width or bytes that are not UTF-8: pandas names it
    columns = [
        TextColumn.from_dictionary(table.column(n))
        if kinds[n] == _DICTIONARY
        else TextColumn(arrow=table.column(n), identifier=h.strip() in plain)
        for n, h in zip(names, header, strict=True)
    ]
    return header, columns, table.num_rows > 0


def _arrow_read_path(
    path: Path, head: bytes, start: int, plain: Collection[str], coded: Collection[str]
) -> ReadResult | None:
    """A large file, by pyarrow straight from disk (no copy of it in Python); None when it
    is not simple (see `_simple`), which sends it to pandas.

    Quotes are not interpreted here, so a quote anywhere is found in the cells afterwards
    (or breaks a row's width): exactly the files `_simple` would refuse are refused.
    """
    if head[start : start + 1] in (b"\n", b"\r", b"") or _VISIBLE.search(head, start) is None:
        return None
    try:
        read = _arrow_read(pa.OSFile(str(path)), head[start:], plain, coded, quotes=False)
    except OSError as exc:
        raise InputError(os_problem(path, exc)) from None
    if read is None or any(column.has_quote() for column in read[1]):
        return None
    return read


def _pandas_read(path: Path, data: bytes, start: int) -> ReadResult:
    """pandas' reader: the careful path, whose errors name the row."""
    decode_utf8(path, data, unit="row", fix=UTF8_FIX)
    try:
        # header=None: every row, the header included, must have the header's number of cells
        # (pandas would otherwise take a longer first record's extra cell as an index)
        grid = pd.read_csv(
            io.BytesIO(data[start:]),
            header=None,
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=False,
            encoding="utf-8",
        )
    except pd.errors.EmptyDataError:
        return [], [], False
    except (pd.errors.ParserError, csv.Error) as exc:
        raise _parse_error(path, data[start:], exc) from None
    header = ["" if pd.isna(v) else str(v) for v in grid.iloc[0]] if len(grid) else []
    body = grid.iloc[1:]
    columns = [TextColumn(body.iloc[:, i].fillna("").tolist()) for i in range(body.shape[1])]
    return header, columns, len(grid) > 1


def _header(path: Path, cells: list[str], empty_fix: str, more_rows: bool) -> list[str]:
    """Column names of the first row, surrounding spaces removed; duplicates are an error."""
    names = [str(name).strip() for name in cells]
    if not any(names):
        raise InputError(
            Problem(
                file=display_path(path),
                problem="row 1 must be the header row, but it is empty"
                if more_rows
                else "the file is empty (no header row)",
                fix="delete the empty rows above the header" if more_rows else empty_fix,
                row=1,
            )
        )
    problems = []
    seen: dict[str, int] = {}
    for position, name in enumerate(names, start=1):
        if name and name in seen:
            problems.append(
                Problem(
                    file=display_path(path),
                    problem=f"the heading appears twice (columns {seen[name]} and {position})",
                    fix="keep one column with this heading; rename or delete the other",
                    row=1,
                    column=name,
                )
            )
        seen.setdefault(name, position)
    if problems:
        raise InputError(problems)
    return names


def _delimiter_hint(data: bytes) -> str | None:
    """'the file seems to use ;' when the header line has semicolons or tabs but no commas."""
    first = data.split(b"\n", 1)[0]
    for mark, name in ((b";", "';'"), (b"\t", "tabs")):
        if mark in first and first.count(mark) >= first.count(b","):
            return name
    return None


def _parse_error(path: Path, data: bytes, exc: Exception) -> InputError:
    """A pandas tokenizer error as a Problem with the row it names."""
    message = str(exc).strip()
    file = display_path(path)
    hint = _delimiter_hint(data)
    match = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", message)
    if match:
        expected, row, saw = (int(g) for g in match.groups())
        if hint:
            return InputError(
                Problem(
                    file=file,
                    problem=f"the row has {saw} cells but the header has {expected}: the file "
                    f"seems to use {hint} between values, not commas",
                    fix="save it comma-separated: in Excel choose 'CSV UTF-8 (Comma "
                    "delimited)'; in LibreOffice set the field delimiter to ','",
                    row=row,
                )
            )
        return InputError(
            Problem(
                file=file,
                problem=f"the row has {saw} cells but the header has {expected}",
                fix="remove the extra cells, or put values that contain commas in double quotes",
                row=row,  # the parser counts lines from 1, header included: spreadsheet rows
            )
        )
    match = re.search(r"starting at row (\d+)", message)
    return InputError(
        Problem(
            file=file,
            problem=f"the file cannot be read as CSV ({message})",
            fix="check the quoting: a value that contains a comma or a quote must be enclosed "
            "in double quotes, with any quote inside it doubled",
            row=int(match.group(1)) + 1 if match else None,  # counted from 0 there
        )
    )


def _drop_blank_rows(names: list[str], columns: list[TextColumn]) -> RawTable:
    """Rows whose every cell is empty (blank lines, ',,,' from spreadsheets) are not records."""
    count = len(columns[0]) if columns else 0
    rows = np.arange(FIRST_ROW, FIRST_ROW + count, dtype=np.int64)
    if count and columns:
        # encoded columns first: their test is per distinct value, and one is usually enough
        order = sorted(columns, key=lambda c: c.is_plain_arrow)
        blank = order[0].blank()
        if blank.any():
            for column in order[1:]:
                blank &= column.blank()
                if not blank.any():
                    break
            if blank.any():
                keep = ~blank
                rows = rows[keep]
                columns = [c.subset(keep) for c in columns]
    return RawTable(names=names, cells=columns, rows=rows)
