"""Reading an input file safely: every way a read can fail becomes a `Problem`, never a traceback.

Inputs are extracts (CSV), params (YAML) and commentary (Markdown). Before anything parses
them, `read_input` checks that the path is a regular file (not a folder, a pipe or a broken
link), that it is no larger than its reader allows, and reads it; permission and other
operating-system errors become a Problem naming the file and saying what to do.
`decode_utf8` turns the bytes into text, or names the row or line holding a byte that is not
UTF-8, with the same wording for every kind of file. `probe` classifies a path without
raising, for code that treats a missing file as "not supplied".
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Literal

from .errors import InputError, Problem
from .paths import display_path

BOM = b"\xef\xbb\xbf"
UTF8_FIX = (
    "save the file as UTF-8: in Excel choose 'CSV UTF-8 (Comma delimited)'; other tools "
    "have an encoding option on export"
)
TEXT_UTF8_FIX = (
    "save the file as UTF-8: in your text editor choose the UTF-8 encoding when saving "
    "(Notepad: Save as > Encoding > UTF-8; VS Code: 'Save with Encoding' > UTF-8)"
)

Kind = Literal["missing", "file", "folder", "broken link", "special"]


def os_problem(path: Path, exc: OSError, doing: str = "read") -> Problem:
    """An operating-system error on `path` as a Problem saying what happened and what to do."""
    code = exc.errno
    file = display_path(path)
    if code in (errno.EACCES, errno.EPERM):
        return Problem(
            file,
            f"cannot be {doing}: permission denied",
            "ask whoever manages the folder for access (to the file and every folder above "
            "it), or copy the file somewhere you may open it",
        )
    if code == errno.ENAMETOOLONG:
        return Problem(
            file,
            "the path is too long for the file system",
            "use a shorter organisation code or folder name",
        )
    if code == errno.ELOOP:
        return Problem(
            file,
            "is a symbolic link that leads round in a loop",
            "point the link at the real file, or replace it with the file itself",
        )
    if code == errno.EISDIR:
        return Problem(file, "is a folder, not a file", "put the file itself at this path")
    if code == errno.ENOSPC:
        return Problem(
            file, f"cannot be {doing}: the disk is full", "free some space, then run again"
        )
    if code == errno.EROFS:
        return Problem(
            file,
            f"cannot be {doing}: the file system is read-only",
            "choose a folder you may write to, or ask for write access",
        )
    reason = exc.strerror or type(exc).__name__
    return Problem(
        file,
        f"cannot be {doing} ({reason})",
        "check that the disk or network share is available and try again",
    )


def probe(path: Path) -> Kind:
    """What is at `path`: missing, a regular file, a folder, a broken link or something else.

    A path whose parent is not a folder counts as missing. Errors other than "not there"
    (permission denied on a folder, a name too long, a loop of links) raise an InputError.
    """
    try:
        mode = os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        try:
            return "broken link" if os.path.islink(path) else "missing"
        except OSError as exc:  # pragma: no cover - islink swallows most errors itself
            raise InputError(os_problem(path, exc)) from None
    except OSError as exc:
        raise InputError(os_problem(path, exc)) from None
    except ValueError:  # e.g. a NUL character in the path
        raise InputError(
            Problem(display_path(path), "is not a valid path", "check the names given")
        ) from None
    if stat.S_ISREG(mode):
        return "file"
    return "folder" if stat.S_ISDIR(mode) else "special"


def kind_problem(path: Path, kind: Kind, absent_fix: str = "") -> Problem:
    """Why a path is not what it should be (a readable file, or for kind "file" a folder).

    ``absent_fix`` says what happens without it, for the advice to remove a broken link.
    """
    file = display_path(path)
    if kind == "broken link":
        try:
            target = os.readlink(path)
        except OSError:  # pragma: no cover - it was a link a moment ago
            target = "?"
        remove = f"remove the link ({absent_fix})" if absent_fix else "remove the link"
        return Problem(
            file,
            f"is a symbolic link to {target!r}, which does not exist",
            f"point the link at the real file, or {remove}",
        )
    if kind == "folder":
        return Problem(file, "is a folder, not a file", "put the file itself at this path")
    if kind == "file":
        return Problem(file, "is a file, not a folder", absent_fix or "make it a folder")
    if kind == "special":
        return Problem(
            file,
            "is not a regular file (it is a pipe, socket or device)",
            "put an ordinary file at this path",
        )
    return Problem(file, "is missing", absent_fix or "create it")


def read_input(path: Path, *, max_bytes: int | None = None, absent_fix: str = "") -> bytes:
    """The bytes of a regular file, or an InputError saying why it cannot be read.

    ``max_bytes`` refuses larger files before reading them (params and commentary are small;
    a huge one is a mistake or an attack).
    """
    kind = probe(path)
    if kind != "file":
        raise InputError(kind_problem(path, kind, absent_fix))
    try:
        with open(path, "rb") as handle:
            if max_bytes is None:
                return handle.read()
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(os_problem(path, exc)) from None
    if len(data) > max_bytes:
        raise InputError(
            Problem(
                display_path(path),
                f"is larger than the {max_bytes:,} bytes allowed for this kind of file",
                "check that it is the right file; params and commentary files are short text",
            )
        )
    return data


def read_head(path: Path, whole_up_to: int, head: int = 65536) -> tuple[bytes, int]:
    """A regular file's bytes, whole when it is at most ``whole_up_to`` bytes long, else its
    first ``head`` bytes; and its length. An InputError says why it cannot be read (as
    `read_input`): a large file is then left to a reader that takes it from disk without
    a copy in Python."""
    kind = probe(path)
    if kind != "file":
        raise InputError(kind_problem(path, kind))
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            return handle.read() if size <= whole_up_to else handle.read(head), size
    except OSError as exc:
        raise InputError(os_problem(path, exc)) from None


def _not_text(data: bytes) -> str | None:
    """What the bytes are when they are clearly not a text file at all."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "the file is UTF-16 text (Excel's 'Unicode Text'), not UTF-8"
    if data.startswith(b"PK\x03\x04"):
        return "the file is a zip archive, such as an Excel workbook (.xlsx), not text"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "the file is an old Excel workbook (.xls), not text"
    return None


def decode_utf8(
    path: Path, data: bytes, *, unit: Literal["row", "line"] = "line", fix: str = TEXT_UTF8_FIX
) -> str:
    """UTF-8 text without a byte-order mark; otherwise an InputError naming the row or line.

    ``unit`` says how the position is named: spreadsheet "row" for CSV, "line" for text.
    """
    binary = _not_text(data)
    if binary:
        raise InputError(Problem(display_path(path), binary, fix, **{unit: 1}))
    start = len(BOM) if data.startswith(BOM) else 0
    try:
        return data[start:].decode("utf-8")
    except UnicodeDecodeError as exc:
        at = exc.start + start
        where = data.count(b"\n", 0, at) + 1
        bad = data[at : exc.end + start].hex(" ")
        raise InputError(
            Problem(
                display_path(path),
                f"the file is not UTF-8 text (byte(s) {bad} cannot be read)",
                fix,
                **{unit: where},
            )
        ) from None


def read_text(
    path: Path,
    *,
    max_bytes: int | None,
    unit: Literal["row", "line"] = "line",
    fix: str = TEXT_UTF8_FIX,
) -> str:
    """`read_input` then `decode_utf8`: a text file's contents, or a Problem."""
    return decode_utf8(path, read_input(path, max_bytes=max_bytes), unit=unit, fix=fix)
