"""A validated file's standard columns, as arrays, and the DataFrame made from them.

Each contract file becomes a `Standard`: group, pay band and staff type as category codes
(White / BME / Unknown and the contract's bands and staff types, in their order), counts
as integers, flags as booleans, and the spreadsheet row of each record. Totals per group
are counted from the arrays directly; `frame()` builds the standard DataFrame only when
someone asks for it (`loading.load_extracts`).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from .bands import BANDS, STAFF_TYPES
from .columns import FIRST_ROW, RawTable, TextColumn
from .ethnicity import GROUPS
from .schemas import (
    canonical_band,
    canonical_staff_type,
    ethnic_group,
    parse_bank,
    parse_bool,
    parse_int,
    parse_number,
    parse_optional_int,
    survey_group,
)


def parsed_values(cells: TextColumn, parse: Callable[[str], object], dtype: str) -> np.ndarray:
    """A parser's result per row, run once per distinct value.

    Where it fails: NaN for a float dtype; 0 / False otherwise (only values of rows already
    refused, or left out as blank, fail once a file has passed its checks).
    """
    codes, parsed = cells.mapped(parse)
    missing = np.nan if dtype.startswith("float") else 0
    values = np.array([missing if v is None else v for v in parsed], dtype=dtype)
    return values[codes] if len(parsed) else np.zeros(len(codes), dtype=dtype)


_DTYPES: dict[tuple[str, ...], pd.CategoricalDtype] = {
    values: pd.CategoricalDtype(list(values)) for values in (GROUPS, BANDS, STAFF_TYPES)
}


class Standard:
    """A file's standardised columns as arrays (group, band and staff type as category codes;
    the survey's text and optional counts as lists), the spreadsheet rows they came from, and
    notes; `frame()` makes the DataFrame once."""

    def __init__(
        self,
        raw: RawTable,
        columns: dict[str, np.ndarray | pd.api.extensions.ExtensionArray],
        categories: dict[str, tuple[str, ...]] | None = None,
        keep: np.ndarray | None = None,
        notes: list[str] | None = None,
        dtypes: dict[str, str] | None = None,
    ):
        self.categories = categories or {}
        self.dtypes = dtypes or {}  # pandas dtype of columns held as lists
        self.rows = raw.rows if keep is None else raw.rows[keep]
        self.columns = columns if keep is None else {k: v[keep] for k, v in columns.items()}
        self.notes = notes or []
        self._frame: pd.DataFrame | None = None

    def totals(self, column: str | None = None) -> np.ndarray:
        """Per group (White, BME, Unknown): the sum of ``column``, or the number of rows."""
        weights = None if column is None else self.columns[column]
        totals = np.bincount(self.columns["group"], weights=weights, minlength=len(GROUPS))
        return totals.astype("int64")

    def frame(self, renumber: bool = False) -> pd.DataFrame:
        """The standard DataFrame: indexed by spreadsheet row - 2, or 0, 1, 2, ... if renumbered."""
        if self._frame is None:
            data = {
                name: pd.Categorical.from_codes(
                    values, dtype=_DTYPES[self.categories[name]], validate=False
                )
                if name in self.categories
                else pd.array(values, dtype=self.dtypes[name])
                if name in self.dtypes
                else values
                for name, values in self.columns.items()
            }
            self._frame = pd.DataFrame(data, index=_index(self.rows))
        if renumber and not isinstance(self._frame.index, pd.RangeIndex):
            return self._frame.reset_index(drop=True)
        return self._frame


def _index(rows: np.ndarray) -> pd.Index:
    """Spreadsheet row - 2 of each record: a RangeIndex when there are no gaps from 0."""
    if len(rows) == 0 or (rows[0] == FIRST_ROW and rows[-1] == FIRST_ROW + len(rows) - 1):
        return pd.RangeIndex(len(rows))
    return pd.Index(rows - FIRST_ROW)


def _codes(
    cells: TextColumn, parse: Callable[[str], str | None], categories: tuple[str, ...]
) -> np.ndarray:
    """Category codes (positions in ``categories``) of a validated text column."""
    codes, parsed = cells.mapped(parse)
    position = {c: i for i, c in enumerate(categories)}
    # a value that does not parse can only be one no longer used (a blank row left out)
    lookup = np.array([position.get(v, 0) for v in parsed], dtype=np.int8)  # type: ignore[arg-type]
    return lookup[codes] if len(parsed) else np.zeros(len(codes), dtype=np.int8)


def _groups(raw: RawTable) -> np.ndarray:
    return _codes(raw["ethnic_category"], ethnic_group, GROUPS)


def _ints(raw: RawTable, column: str) -> np.ndarray:
    return parsed_values(raw[column], parse_int, "int64")


def _bools(raw: RawTable, column: str, parse: Callable[[str], bool | None]) -> np.ndarray:
    return parsed_values(raw[column], parse, "bool")


def _workforce(raw: RawTable) -> Standard:
    columns = {
        "group": _groups(raw),
        "pay_band": _codes(raw["pay_band"], canonical_band, BANDS),
        "staff_type": _codes(raw["clinical"], canonical_staff_type, STAFF_TYPES),
    }
    categories = {"group": GROUPS, "pay_band": BANDS, "staff_type": STAFF_TYPES}
    if "bank" not in raw:
        return Standard(raw, columns, categories)
    bank = _bools(raw, "bank", parse_bank)
    excluded = int(bank.sum())
    if not excluded:
        return Standard(raw, columns, categories)
    note = f"workforce.csv: {excluded} bank-only row(s) excluded"
    return Standard(raw, columns, categories, keep=~bank, notes=[note])


def _counts(*names: str) -> Callable[[RawTable], Standard]:
    def standardise(raw: RawTable) -> Standard:
        columns = {"group": _groups(raw), **{n: _ints(raw, n) for n in names}}
        return Standard(raw, columns, {"group": GROUPS})

    return standardise


def _staff_survey(raw: RawTable) -> Standard:
    n = len(raw)
    respondents = (
        [parse_optional_int(v) for v in raw["respondents"].to_list()]
        if "respondents" in raw
        else [None] * n
    )
    columns = {
        "indicator": _ints(raw, "indicator"),
        "group": [survey_group(v) for v in raw["group"].to_list()],
        "percentage": parsed_values(raw["percentage"], parse_number, "float64"),
        "respondents": respondents,
    }
    return Standard(raw, columns, dtypes={"group": "str", "respondents": "Int64"})


def _board(raw: RawTable) -> Standard:
    columns = {
        "group": _groups(raw),
        "voting": _bools(raw, "voting", parse_bool),
        "executive": _bools(raw, "executive", parse_bool),
    }
    return Standard(raw, columns, {"group": GROUPS})


STANDARDISE: dict[str, Callable[[RawTable], Standard]] = {
    "workforce": _workforce,
    "recruitment": _counts("shortlisted", "appointed"),
    "disciplinary": _counts("entered"),
    "training": _counts("accessed"),
    "staff_survey": _staff_survey,
    "board": _board,
}
