"""Keep the memory of freed arrays for the next ones, in a process that imports a big export.

An import makes and drops many arrays of several MB each (a million rows' codes, keys and
line pieces). glibc's malloc gives every block above its mmap threshold pages of its own
and returns them to the kernel when the block is freed, and trims the heap's free top
likewise; the next array then faults its pages in again, one at a time. On the 2-core VM
of `scripts/bench_import.py` that was about 100 ms of system time in a 0.4 s import.
`keep_freed_memory` raises both thresholds (``mallopt``, glibc's documented tuning), so
freed blocks are reused. It is meant for a process that imports and then exits (`wres
import` calls it): the process keeps its peak memory until it ends.
"""

from __future__ import annotations

import ctypes
import ctypes.util

M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # <malloc.h>
MMAP_THRESHOLD = 32 << 20  # glibc's largest (HEAP_MAX_SIZE / 2 on 64-bit)
TRIM_THRESHOLD = 1 << 30


def keep_freed_memory() -> bool:
    """Raise glibc malloc's mmap and trim thresholds for this process. True if done;
    False where the C library has no ``mallopt`` (not glibc), which changes nothing."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(
        mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD)
    )
