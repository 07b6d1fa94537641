"""Clean interrupts: SIGINT and SIGTERM stop a run's workers and kernels, never orphan them.

Inside `signals_as_exceptions()` either signal raises `RunInterrupted` in the main thread.
Inside `signals_deferred()` as well, a signal is only noted, and raised where the code
says it is safe: an exception raised at an arbitrary point inside concurrent.futures
can leave a future's lock held, and the pool's manager thread then waits on it for ever
(the process never exits). `stop_descendants()` ends every process this one started
(worker processes and the kernels they started, which run in sessions of their own),
politely first, then by force.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from types import FrameType

import psutil

EXIT_STATUS = {signal.SIGINT: 130, signal.SIGTERM: 143}


class RunInterrupted(BaseException):
    """The run was stopped by a signal; `exit_status` is 130 (SIGINT) or 143 (SIGTERM)."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum
        self.exit_status = EXIT_STATUS.get(signum, 128 + signum)


_deferred: dict[str, int | None] = {"depth": 0, "signum": None}


def _raise(signum: int, _frame: FrameType | None) -> None:
    if _deferred["depth"]:
        _deferred["signum"] = signum
        return
    raise RunInterrupted(signum)


def raise_if_signalled() -> None:
    """Raise the RunInterrupted of a signal noted while signals were deferred."""
    signum = _deferred["signum"]
    if signum is not None:
        _deferred["signum"] = None
        raise RunInterrupted(signum)


@contextmanager
def signals_deferred() -> Iterator[None]:
    """Within the block a signal is noted, not raised; `raise_if_signalled()` raises it
    (and so does leaving the block). Has effect only inside `signals_as_exceptions()`."""
    _deferred["depth"] = (_deferred["depth"] or 0) + 1
    try:
        yield
    finally:
        _deferred["depth"] = (_deferred["depth"] or 1) - 1
    if not _deferred["depth"]:
        raise_if_signalled()


@contextmanager
def signals_as_exceptions() -> Iterator[None]:
    """Turn SIGINT and SIGTERM into RunInterrupted for the block (main thread only)."""
    previous = {sig: signal.signal(sig, _raise) for sig in EXIT_STATUS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def ignore_signals() -> None:
    """Let the parent decide: a worker ignores SIGINT (the terminal sends it to the whole
    group) and is stopped by its parent instead."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def stop_descendants(timeout: float = 5.0) -> list[int]:
    """Terminate every descendant process, then kill those still alive; returns their PIDs."""
    try:
        children = psutil.Process().children(recursive=True)
    except psutil.Error:
        return []
    for child in children:
        with suppress(psutil.Error):
            child.terminate()
    _, alive = psutil.wait_procs(children, timeout=timeout)
    for child in alive:
        with suppress(psutil.Error):
            child.kill()
    psutil.wait_procs(alive, timeout=timeout)
    return [c.pid for c in children]
