"""Writing a publication file whole or not at all: build it beside its target, then rename."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..atomic import FILE_MODE


@contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """A temporary path beside `path` to write to; renamed to `path` when the block succeeds.

    A writer that fails (or is interrupted) leaves the old `path`, if any, untouched.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=path.suffix)
    os.close(fd)
    staged = Path(tmp)
    try:
        yield staged
        os.chmod(staged, FILE_MODE)
        os.replace(staged, path)
    finally:
        staged.unlink(missing_ok=True)


def file_stem(org: str, year: int) -> str:
    """wres-<year>-<org>: the name the report's PDF and workbook share."""
    return f"wres-{year}-{org}"


def report_file_paths(report_dir: Path, org: str, year: int) -> tuple[Path, Path]:
    """Where a report's PDF and workbook go."""
    stem = file_stem(org, year)
    return report_dir / f"{stem}.pdf", report_dir / f"{stem}.xlsx"


def report_files_present(report_dir: Path, org: str, year: int) -> bool:
    """Whether a built report has its PDF and its workbook beside it."""
    return all(path.is_file() for path in report_file_paths(report_dir, org, year))
