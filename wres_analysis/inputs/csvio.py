"""Read a data-contract CSV as text, exactly as the user typed it.

Every cell stays a string (nothing is guessed or converted), so that error messages can
quote values verbatim. The frame's index is the spreadsheet row minus 2 (the header is
row 1, the first record row 2); rows whose cells are all empty are dropped without
renumbering the others. Unreadable files raise `InputError` naming the file and the row.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd

from ..errors import InputError, Problem
from ..paths import display_path

FIRST_ROW = 2  # spreadsheet row of the first record (index 0)
BOM = b"\xef\xbb\xbf"
UTF8_FIX = (
    "save the file as UTF-8: in Excel choose 'CSV UTF-8 (Comma delimited)'; other tools "
    "have an encoding option on export"
)


def row_of(index: object) -> int:
    """The spreadsheet row of a frame index label (as read by `read_csv_text`)."""
    return int(index) + FIRST_ROW  # type: ignore[call-overload]


def _check_utf8(path: Path, data: bytes) -> None:
    """Undecodable bytes are an error naming the row they sit on."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        row = data.count(b"\n", 0, exc.start) + 1
        bad = data[exc.start : exc.end].hex(" ")
        raise InputError(
            Problem(
                file=display_path(path),
                problem=f"the file is not UTF-8 text (byte(s) {bad} cannot be read)",
                fix=UTF8_FIX,
                row=row,
            )
        ) from None


def _header(path: Path, frame: pd.DataFrame, empty_fix: str) -> list[str]:
    """Column names of the first row, surrounding spaces removed; duplicates are an error."""
    file = display_path(path)
    names = [] if frame.empty else [str(name).strip() for name in frame.iloc[0]]
    if not any(names):
        blank_top = len(frame) > 1
        raise InputError(
            Problem(
                file=file,
                problem="row 1 must be the header row, but it is empty"
                if blank_top
                else "the file is empty (no header row)",
                fix="delete the empty rows above the header" if blank_top else empty_fix,
                row=1,
            )
        )
    problems = []
    seen: dict[str, int] = {}
    for position, name in enumerate(names, start=1):
        if name and name in seen:
            problems.append(
                Problem(
                    file=file,
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


def _parse_error(path: Path, exc: Exception) -> InputError:
    """A pandas tokenizer error as a Problem with the row it names."""
    message = str(exc).strip()
    file = display_path(path)
    match = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", message)
    if match:
        expected, row, saw = (int(g) for g in match.groups())
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


def read_csv_text(path: Path, empty_fix: str) -> pd.DataFrame:
    """All cells of a CSV as strings; index = spreadsheet row - 2; blank rows dropped.

    ``empty_fix`` is the advice given when the file has no header row (it differs between
    the required workforce file and the optional ones).
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(
            Problem(
                file=display_path(path),
                problem=f"the file cannot be read ({exc.strerror or exc})",
                fix="check that it is a readable file, not a folder, and that you may open it",
            )
        ) from None
    _check_utf8(path, data)
    start = len(BOM) if data.startswith(BOM) else 0
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
        grid = pd.DataFrame()
    except (pd.errors.ParserError, csv.Error) as exc:
        raise _parse_error(path, exc) from None
    names = _header(path, grid, empty_fix)
    frame = grid.iloc[1:].fillna("")
    frame.columns = names
    frame.index = pd.RangeIndex(len(frame))
    return _drop_blank_rows(frame)


def _drop_blank_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows whose every cell is empty (blank lines, ',,,' from spreadsheets) are not records."""
    if frame.empty:
        return frame
    first = frame.iloc[:, 0].str.strip() == ""
    if not first.any():
        return frame
    candidates = frame[first]
    blank = pd.Series(True, index=candidates.index)
    for position in range(1, candidates.shape[1]):
        blank &= candidates.iloc[:, position].str.strip() == ""
    return frame.drop(index=blank.index[blank])
