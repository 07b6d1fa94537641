"""Ethnic category values for synthetic extracts: codes, ESR-style text and blanks.

Real extracts mix formats: ESR exports carry text such as ``A White - British``, other
systems carry the bare NHS code, and unrecorded ethnicity is often an empty cell. The
generator works on integer code indices (fast for a million rows) and turns them into
text only when writing. Category names follow the NHS Data Dictionary ETHNIC CATEGORY
(2001 census) list.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from ..inputs.ethnicity import BME, CODE_GROUP, UNKNOWN, WHITE

# (code, NHS Data Dictionary name); the order is the index space the generator uses.
CATEGORIES: tuple[tuple[str, str], ...] = (
    ("A", "White - British"),
    ("B", "White - Irish"),
    ("C", "White - Any other White background"),
    ("D", "Mixed - White and Black Caribbean"),
    ("E", "Mixed - White and Black African"),
    ("F", "Mixed - White and Asian"),
    ("G", "Mixed - Any other mixed background"),
    ("H", "Asian or Asian British - Indian"),
    ("J", "Asian or Asian British - Pakistani"),
    ("K", "Asian or Asian British - Bangladeshi"),
    ("L", "Asian or Asian British - Any other Asian background"),
    ("M", "Black or Black British - Caribbean"),
    ("N", "Black or Black British - African"),
    ("P", "Black or Black British - Any other Black background"),
    ("R", "Other Ethnic Groups - Chinese"),
    ("S", "Other Ethnic Groups - Any other ethnic group"),
    ("Z", "Not Stated"),
    ("99", "Not Known"),
)
BLANK = ""  # not recorded: an empty cell, which counts as Unknown

# Two-character local sub-codes (data contract v1.2): the first character is the national
# code, so each counts in its group. A share of the values of these codes is written so.
SUBCODES: dict[str, tuple[tuple[str, str], ...]] = {
    "C": (("CA", "White - English"), ("C3", "White - Any other white background")),
    "L": (("LK", "Asian - Unspecified"),),
    "P": (("PC", "Black - Nigerian"),),
    "S": (("SD", "Filipino"),),
}
SUBCODE_SHARE = 0.3

CODES: tuple[str, ...] = (*(code for code, _ in CATEGORIES), BLANK)
CODE_INDEX: dict[str, int] = {code: i for i, code in enumerate(CODES)}
BLANK_INDEX: int = CODE_INDEX[BLANK]
GROUP_ORDER: tuple[str, ...] = (WHITE, BME, UNKNOWN)

# Lookup tables from code index to the text written in each format.
_AS_CODE = np.array(CODES, dtype=object)
_AS_ESR = np.array([f"{code} {name}" for code, name in CATEGORIES] + [BLANK], dtype=object)

# Each code's WRES group as an index into GROUP_ORDER (blank is Unknown).
CODE_GROUP_INDEX: np.ndarray = np.array(
    [GROUP_ORDER.index(CODE_GROUP[c]) if c else GROUP_ORDER.index(UNKNOWN) for c in CODES]
)


def code_weights(weights: Mapping[str, float]) -> np.ndarray:
    """A probability vector over CODES from a {code: weight} mapping (one group's mix)."""
    vector = np.zeros(len(CODES))
    for code, weight in weights.items():
        vector[CODE_INDEX[code]] = weight
    return vector / vector.sum()


def sample_codes(rng: np.random.Generator, size: int, probabilities: np.ndarray) -> np.ndarray:
    """Draw `size` code indices from one group's mix."""
    return rng.choice(len(CODES), size=size, p=probabilities)


def render(
    rng: np.random.Generator, indices: np.ndarray, esr_share: float, per_row: bool = True
) -> np.ndarray:
    """Code indices as extract text: ESR text for a share of rows, bare codes for the rest.

    With ``per_row`` False the whole column takes the organisation's main format (ESR text
    when ``esr_share`` >= 0.5), as an aggregated report would. Blanks stay empty.
    """
    if not per_row:
        table = _AS_ESR if esr_share >= 0.5 else _AS_CODE
        return table[indices]
    if esr_share <= 0.0:
        return _AS_CODE[indices]
    if esr_share >= 1.0:
        return _AS_ESR[indices]
    as_esr = rng.random(indices.size) < esr_share
    return np.where(as_esr, _AS_ESR[indices], _AS_CODE[indices])


def with_subcodes(rng: np.random.Generator, indices: np.ndarray, texts: np.ndarray) -> np.ndarray:
    """Rendered values with some of them as sub-codes (``C3``, or ``C3 White - ...`` where the
    value is ESR text). Uses only ``rng``, so the other draws are untouched."""
    out = texts.copy()
    chosen = rng.random(indices.size) < SUBCODE_SHARE
    picks = rng.integers(0, 2, size=indices.size)
    for code, options in SUBCODES.items():
        rows = np.flatnonzero(chosen & (indices == CODE_INDEX[code]))
        for i in rows:
            sub, name = options[picks[i] % len(options)]
            out[i] = f"{sub} {name}" if " " in str(texts[i]) else sub
    return out
