"""The run log: one line per event, appended by the batch and by its worker processes."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path


def append_log(path: Path, message: str) -> None:
    """Append one timestamped line; a single O_APPEND write, so processes do not interleave."""
    path.parent.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S")
    lines = "".join(f"{stamp} {line}\n" for line in message.splitlines() or [""])
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, lines.encode("utf-8"))
    finally:
        os.close(fd)
