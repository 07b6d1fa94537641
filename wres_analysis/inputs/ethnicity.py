"""NHS ethnic categories to the WRES groups White / BME / Unknown.

White = A, B, C; BME = D-S (no I, O or Q); Unknown = Z (not stated), 99 (not known)
and blanks. ESR text such as ``A White - British`` counts by its leading code; files
already grouped may say ``White``, ``BME``/``BAME`` or ``Unknown``. Anything else is an
error, never silently Unknown.

Data contract v1.2 adds two-character local sub-codes whose first character is the
national code (``CA``, ``C3`` White; ``LK``, ``PC``, ``SD`` BME; ``ZA`` Unknown), bare or
leading ESR text (``C3 White - Any other white background``). ``99`` stays "not known".
Sub-codes of ``N`` are refused: no national sub-code starts with N, and ``NA``, ``NK``,
``NS`` are common abbreviations for "not available / known / stated", which would
otherwise count silently as Black African.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

WHITE, BME, UNKNOWN = "White", "BME", "Unknown"
GROUPS: tuple[str, ...] = (WHITE, BME, UNKNOWN)

CODE_GROUP: dict[str, str] = {
    **{c: WHITE for c in "ABC"},
    **{c: BME for c in "DEFGHJKLMNPRS"},
    "Z": UNKNOWN,
    "99": UNKNOWN,
}
LABEL_GROUP: dict[str, str] = {"WHITE": WHITE, "BME": BME, "BAME": BME, "UNKNOWN": UNKNOWN}
# A national code letter (not N) followed by one letter or digit for local use.
SUBCODE = re.compile(r"[A-HJ-MPRSZ][A-Z0-9]")

ACCEPTED_HELP = (
    "use an NHS ethnic category code (A-H, J-N, P, R, S, Z or 99) or a two-character "
    "sub-code starting with one (e.g. C3, LK), ESR text starting with the code and a space "
    "(e.g. 'A White - British'), a group label (White, BME, BAME, Unknown), or leave the "
    "cell empty if ethnicity was not recorded"
)


def code_group(code: str) -> str | None:
    """The group of one code as written (upper case): national, sub-code or None."""
    group = CODE_GROUP.get(code)
    if group is None and SUBCODE.fullmatch(code):
        return CODE_GROUP[code[0]]
    return group


def group_of(value: object) -> str | None:
    """The WRES group of one value, or None when the value is not valid."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return UNKNOWN
    text = str(value).strip()
    if text == "":
        return UNKNOWN
    upper = text.upper()
    if upper in LABEL_GROUP:
        return LABEL_GROUP[upper]
    return code_group(upper.split(maxsplit=1)[0])


def to_groups(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Map a column to groups; returns (groups, invalid_mask). Vectorised over unique values."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    mapped = np.array([group_of(u) for u in uniques] + [UNKNOWN], dtype=object)
    # factorize marks missing values with -1, which indexes the trailing UNKNOWN
    groups = mapped[codes]
    invalid = pd.Series(pd.isna(groups) | (groups == None), index=values.index)  # noqa: E711
    return pd.Series(groups, index=values.index, dtype=object), invalid
