"""Read a raw export (CSV or a spreadsheet) as text, with its spreadsheet row numbers.

Only the columns an importer asks for are read. Headings are matched ignoring case,
spaces and underscores (``Employee Number`` = ``employee_number``); the first name of a
role's list that the file has is used. Every cell stays text, exactly as exported
(spreadsheet numbers are written back without a trailing ``.0``).

CSV is read by pyarrow (fast, multi-threaded). A file pyarrow cannot read as a clean
rectangle (a row with the wrong number of cells, a line break inside a quoted value, a
blank line, bytes that are not UTF-8) is read again by Python's csv module, which reports
each bad row by number. Spreadsheets (.xlsx, .xlsm, .xlsb, .xls, .ods) are read by
python-calamine. Rows with nothing in any column read are skipped, keeping the numbering.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from ..errors import InputError, Problem
from ..inputs.csvio import UTF8_FIX
from ..paths import display_path

CSV_SUFFIXES = (".csv", ".txt")
SHEET_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
HEADER_PEEK_BYTES = 1 << 20
BLOCK_BYTES = 4 << 20  # per chunk pyarrow reads: fewer dictionaries to unify than its 1 MB
TEXT = pa.large_string()
DICTIONARY = pa.dictionary(pa.int32(), TEXT)


def heading_key(name: object) -> str:
    """A heading as compared: case, spaces and underscores do not matter."""
    return re.sub(r"[\s_]+", "", str(name)).casefold()


@dataclass(frozen=True)
class Wanted:
    """The headings one role may have, in order of preference, and whether it must exist."""

    names: tuple[str, ...]
    required: bool = True
    fix: str | None = None  # how to point the importer at the column, if not 'columns:'


@dataclass(frozen=True)
class Export:
    """The columns read from an export, by role, as text arrays of equal length."""

    file: str  # as shown in messages
    name: str  # the file's own name, for the import summary (never a folder path)
    format: str  # "csv" or the spreadsheet suffix without the dot
    headings: dict[str, str]  # role -> the heading found in the file
    columns: dict[str, pa.Array | pa.ChunkedArray]  # role -> large_string text (or encoded)
    rows: np.ndarray  # spreadsheet row of each record
    skipped_blank: int  # rows with nothing in the columns read

    def __len__(self) -> int:
        return int(self.rows.size)


def _match(
    headings: Sequence[str],
    wanted: Mapping[str, Wanted],
    file: str,
    header_row: int,
    section: str,
) -> dict[str, int]:
    """Role -> column position; every missing required column is reported at once."""
    by_key: dict[str, int] = {}
    for position, heading in enumerate(headings):
        by_key.setdefault(heading_key(heading), position)
    found: dict[str, int] = {}
    problems = []
    listed = ", ".join(repr(h) for h in headings if h) or "none"
    for role, want in wanted.items():
        position = next((by_key[k] for k in map(heading_key, want.names) if k in by_key), None)
        if position is not None:
            found[role] = position
        elif want.required:
            problems.append(
                _missing_column(role, want, headings, listed, file, header_row, section)
            )
    if problems:
        raise InputError(problems)
    return found


def _missing_column(
    role: str,
    want: Wanted,
    headings: Sequence[str],
    listed: str,
    file: str,
    header_row: int,
    section: str,
) -> Problem:
    import difflib

    keys = {heading_key(h): h for h in headings if h}
    close = difflib.get_close_matches(
        heading_key(want.names[0]) if want.names else role, list(keys), n=1, cutoff=0.6
    )
    candidate = keys[close[0]] if close else "<the heading in your file>"
    names = ", ".join(f'"{n}"' for n in (*want.names, candidate))
    fix = (
        f"if the column has another heading, add it to 'columns: {role}:' in {section}: "
        f"`  {role}: [{names}]`; if the headings are on another row, set 'header_row'"
    )
    if want.fix:
        fix = want.fix + (f" (the nearest heading in the file is {candidate!r})" if close else "")
    return Problem(
        file=file,
        problem=f"no column for {role.replace('_', ' ')}: none of the headings "
        f"{', '.join(repr(n) for n in want.names)} is in row {header_row} (headings found: "
        f"{listed})",
        fix=fix,
        row=header_row,
    )


# --- text of spreadsheet cells -------------------------------------------------------------
def cell_text(value: object) -> str:
    """A spreadsheet cell as the text a person sees (12345678.0 -> '12345678')."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value)


# --- reading ----------------------------------------------------------------------------------
def read_export(
    path: Path,
    wanted: Mapping[str, Wanted],
    *,
    header_row: int = 1,
    sheet: str | None = None,
    section: str = "the mapping file",
    encoded: Collection[str] = (),
) -> Export:
    """Read the wanted columns of a CSV or spreadsheet export (see the module docstring).

    ``section`` names the params file in messages about missing columns. Columns of the
    ``encoded`` roles are dictionary-encoded by pyarrow's CSV reader as it reads, on all
    its threads (other readers give them as plain text, which `unmapped.encode` takes
    alike): for columns of few distinct values that are encoded anyway.
    """
    file = display_path(path)
    if not path.is_file():
        raise InputError(
            Problem(
                file=file,
                problem="the export file does not exist" if not path.exists() else "not a file",
                fix="give the path of the exported file (CSV or .xlsx)",
            )
        )
    suffix = path.suffix.casefold()
    if suffix in CSV_SUFFIXES:
        return _read_csv(path, file, wanted, header_row, section, encoded)
    if suffix in SHEET_SUFFIXES:
        return _read_sheet(path, file, wanted, header_row, sheet, section)
    raise InputError(
        Problem(
            file=file,
            problem=f"cannot read files of type {path.suffix or '(no extension)'!r}",
            fix="export the report as CSV (UTF-8) or as an Excel workbook (.xlsx)",
        )
    )


def _finish(
    path: Path,
    file: str,
    fmt: str,
    headings: Sequence[str],
    positions: Mapping[str, int],
    columns: Mapping[str, pa.Array],
    rows: np.ndarray,
) -> Export:
    """Drop rows that are blank in every column read; keep their numbering.

    A column with no empty cell rules out every row at once: the others are not looked at.
    """
    blank = None
    for array in columns.values():
        empty = pc.equal(array, "")
        if not pc.any(empty).as_py():
            blank = None
            break
        blank = empty if blank is None else pc.and_(blank, empty)
    skipped = 0 if blank is None else pc.sum(blank).as_py() or 0
    if skipped:
        keep = pc.invert(blank)
        columns = {role: array.filter(keep) for role, array in columns.items()}
        rows = rows[keep.to_numpy(zero_copy_only=False)]
    return Export(
        file=file,
        name=path.name,
        format=fmt,
        headings={role: headings[i] for role, i in positions.items()},
        columns=dict(columns),
        rows=rows,
        skipped_blank=skipped,
    )


def _utf8_problem(file: str, data: bytes, exc: UnicodeDecodeError, offset: int = 0) -> InputError:
    row = data.count(b"\n", 0, exc.start) + 1 + offset
    bad = data[exc.start : exc.end].hex(" ")
    return InputError(
        Problem(
            file=file,
            problem=f"the file is not UTF-8 text (byte(s) {bad} cannot be read)",
            fix=UTF8_FIX,
            row=row,
        )
    )


def _csv_header(path: Path, file: str, header_row: int) -> list[str]:
    """The heading row, read with the csv module from the start of the file."""
    with path.open("rb") as handle:
        head = handle.read(HEADER_PEEK_BYTES)
    cut = head.rfind(b"\n") + 1 if len(head) == HEADER_PEEK_BYTES else len(head)
    try:
        text = head[:cut].decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _utf8_problem(file, head, exc) from None
    for number, record in enumerate(csv.reader(io.StringIO(text, newline="")), start=1):
        if number == header_row:
            if not any(cell.strip() for cell in record):
                break
            return [cell.strip() for cell in record]
    raise InputError(
        Problem(
            file=file,
            problem=f"row {header_row} should hold the column headings but is empty or missing",
            fix="export the report with its heading row, or set 'header_row' to the row that "
            "holds the headings",
            row=header_row,
        )
    )


def _read_csv(
    path: Path,
    file: str,
    wanted: Mapping[str, Wanted],
    header_row: int,
    section: str,
    encoded: Collection[str],
) -> Export:
    headings = _csv_header(path, file, header_row)
    positions = _match(headings, wanted, file, header_row, section)
    names = [f"c{i}" for i in range(len(headings))]
    types = dict.fromkeys(names, TEXT)
    types.update({names[positions[role]]: DICTIONARY for role in encoded if role in positions})
    try:
        table = pa_csv.read_csv(
            path,
            read_options=pa_csv.ReadOptions(
                skip_rows=header_row, column_names=names, block_size=BLOCK_BYTES
            ),
            parse_options=pa_csv.ParseOptions(newlines_in_values=False, ignore_empty_lines=False),
            convert_options=pa_csv.ConvertOptions(
                column_types=types,
                include_columns=[names[i] for i in positions.values()],
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowException):
        return _read_csv_exactly(path, file, headings, positions, header_row)
    columns = {role: table.column(names[i]) for role, i in positions.items()}
    rows = np.arange(header_row + 1, header_row + 1 + table.num_rows, dtype=np.int64)
    return _finish(path, file, "csv", headings, positions, columns, rows)


def _read_csv_exactly(
    path: Path, file: str, headings: list[str], positions: Mapping[str, int], header_row: int
) -> Export:
    """The careful reader: every row counted as a spreadsheet shows it, bad rows reported."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _utf8_problem(file, data, exc) from None
    width = len(headings)
    cells: dict[str, list[str]] = {role: [] for role in positions}
    rows: list[int] = []
    problems: list[Problem] = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    number = 0
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(
                Problem(
                    file=file,
                    problem=f"the file cannot be read as CSV from here on ({exc})",
                    fix="check the quoting: a value that contains a comma or a quote must be "
                    "in double quotes, with any quote inside it doubled",
                    row=number + 1,  # the record that would not close
                )
            )
            break
        number += 1
        if number <= header_row or not record:
            continue
        if len(record) > width and any(cell.strip() for cell in record[width:]):
            problems.append(_width_problem(file, number, len(record), width))
            continue
        record += [""] * (width - len(record))  # short rows: missing cells are empty
        rows.append(number)
        for role, i in positions.items():
            cells[role].append(record[i])
    if problems:
        raise InputError(problems)
    columns = {role: pa.array(values, TEXT) for role, values in cells.items()}
    return _finish(path, file, "csv", headings, positions, columns, np.array(rows, np.int64))


def _width_problem(file: str, row: int, cells: int, width: int) -> Problem:
    return Problem(
        file=file,
        problem=f"the row has {cells} cells but the heading row has {width}",
        fix="put values that contain commas in double quotes, or remove the extra cells; "
        "exporting the report again as CSV usually does both",
        row=row,
    )


def _read_sheet(
    path: Path,
    file: str,
    wanted: Mapping[str, Wanted],
    header_row: int,
    sheet: str | None,
    section: str,
) -> Export:
    from python_calamine import CalamineError, CalamineWorkbook, PasswordError

    try:
        workbook = CalamineWorkbook.from_path(str(path))
        names = list(workbook.sheet_names)
        if sheet is not None and sheet not in names:
            raise InputError(
                Problem(
                    file=file,
                    problem=f"the workbook has no sheet named {sheet!r} (sheets: "
                    f"{', '.join(repr(n) for n in names)})",
                    fix=f"set 'sheet' in {section} to one of the workbook's sheet names, or to "
                    "null for the first sheet",
                    value=sheet,
                )
            )
        chosen = workbook.get_sheet_by_name(sheet) if sheet else workbook.get_sheet_by_index(0)
        grid = chosen.to_python(skip_empty_area=False)
    except PasswordError:
        raise InputError(
            Problem(file, "the workbook is password-protected", "save a copy without a password")
        ) from None
    except (CalamineError, OSError, ValueError) as exc:
        raise InputError(
            Problem(
                file=file,
                problem=f"the file cannot be read as a spreadsheet ({exc})",
                fix="open it in Excel or LibreOffice and save it again as .xlsx, or export CSV",
            )
        ) from None
    if len(grid) < header_row or not any(cell_text(c).strip() for c in grid[header_row - 1]):
        raise InputError(
            Problem(
                file=file,
                problem=f"row {header_row} should hold the column headings but is empty",
                fix="set 'header_row' to the row that holds the headings",
                row=header_row,
            )
        )
    headings = [cell_text(c).strip() for c in grid[header_row - 1]]
    positions = _match(headings, wanted, file, header_row, section)
    records = grid[header_row:]
    columns = {}
    for role, i in positions.items():
        columns[role] = pa.array([cell_text(r[i]) if i < len(r) else "" for r in records], TEXT)
    rows = np.arange(len(records), dtype=np.int64) + header_row + 1
    fmt = path.suffix.casefold().lstrip(".")
    return _finish(path, file, fmt, headings, positions, columns, rows)
