"""The bytes behind a pyarrow text array, as numpy views (no copy).

The CSV readers look at cells' first and last bytes and search them for quotes; the
importers write gathered lines straight from the array's data. Both need the offsets
(32-bit for ``string``, 64-bit for ``large_string``) and the data buffer of the values
in view, whatever the array's own offset.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa


def value_offsets(strings: pa.Array) -> np.ndarray:
    """Where each value starts in the data buffer, and where the last ends (len + 1)."""
    width = np.int64 if pa.types.is_large_string(strings.type) else np.int32
    offsets = np.frombuffer(strings.buffers()[1], dtype=width)
    return offsets[strings.offset : strings.offset + len(strings) + 1]


def text_bytes(strings: pa.Array) -> np.ndarray:
    """The UTF-8 bytes of all values of a string array, back to back (uint8)."""
    data = strings.buffers()[2]
    if data is None or len(strings) == 0:
        return np.zeros(0, dtype=np.uint8)
    offsets = value_offsets(strings)
    return np.frombuffer(data, dtype=np.uint8)[offsets[0] : offsets[-1]]
