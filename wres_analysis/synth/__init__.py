"""Seeded synthetic extracts in the data-contract layout: the shipped example data.

`write` writes them (`write_synthetic_data`); `profiles` describes the example
organisations; `workforce`, `board`, `flows` (recruitment, disciplinary, training),
`survey` and `risk` draw each file; `ethnicity` and `counts` are the shared sampling helpers.
"""

from __future__ import annotations

from .write import DEFAULT_SEED, DEFAULT_YEARS, synthetic_extracts, write_synthetic_data

__all__ = ["DEFAULT_SEED", "DEFAULT_YEARS", "synthetic_extracts", "write_synthetic_data"]
