"""One run of a year and edition at a time: a lock file that dies with its holder.

`fcntl.flock` on outputs/<edition>/<year>/.run.lock: the kernel releases it when the holding
process exits, however it exits, so a crashed run never leaves the year locked. A second
run waits for the first (saying so) or, with `wait=False`, refuses with a clear message.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import InputError, Problem
from ..paths import display_path

LOCK_NAME = ".run.lock"


class RunLocked(InputError):
    """Another run of the same year and edition holds the lock."""


def _holder(fd: int) -> str:
    try:
        text = os.pread(fd, 64, 0).decode("ascii", "replace").strip()
    except OSError:
        return "another process"
    return f"process {text}" if text.isdigit() else "another process"


@contextmanager
def run_lock(
    folder: Path, what: str, *, wait: bool = True, say: Callable[[str], None] = print
) -> Iterator[None]:
    """Hold the lock of `folder` (created if needed) for the duration of the block."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            if not wait:
                raise RunLocked(
                    Problem(
                        display_path(path),
                        f"{what} is already running ({holder})",
                        "wait for it to finish, or run again without --no-wait to queue "
                        "behind it",
                    )
                ) from None
            say(f"waiting for {what} already running ({holder}) to finish ...")
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        yield
    finally:
        os.close(fd)  # closing releases the lock
