"""NHS ethnic categories to the WRES groups White / BME / Unknown.

White = A, B, C; BME = D-S (no I, O or Q); Unknown = Z (not stated), 99 (not known)
and blanks. ESR text such as ``A White - British`` counts by its leading code; files
already grouped may say ``White``, ``BME``/``BAME`` or ``Unknown``. Anything else is an
error, never silently Unknown.
"""

from __future__ import annotations

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

ACCEPTED_HELP = (
    "use an NHS ethnic category code (A-H, J-N, P, R, S, Z or 99), ESR text starting with "
    "the code and a space (e.g. 'A White - British'), a group label (White, BME, BAME, "
    "Unknown), or leave the cell empty if ethnicity was not recorded"
)


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
    return CODE_GROUP.get(upper.split(maxsplit=1)[0])


def to_groups(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Map a column to groups; returns (groups, invalid_mask). Vectorised over unique values."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    mapped = np.array([group_of(u) for u in uniques] + [UNKNOWN], dtype=object)
    # factorize marks missing values with -1, which indexes the trailing UNKNOWN
    groups = mapped[codes]
    invalid = pd.Series(pd.isna(groups) | (groups == None), index=values.index)  # noqa: E711
    return pd.Series(groups, index=values.index, dtype=object), invalid
