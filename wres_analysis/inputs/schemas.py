"""What each file of the data contract must hold: rules over the cells as typed.

Each column has rules: a test of one cell's text, what is wrong when it fails and how to
fix it. `check_columns` runs every rule of a file (every violation, not the first) once per
distinct value of each column, spreads the result to the rows, and turns the failures into
`Problem`s, at most `MAX_ROWS_SHOWN` per rule plus one summary line, so a wholly wrong
column stays readable. The value parsers here (bands, staff types, booleans, counts) also
standardise the values once they have passed.

`FileSpec.schema()` expresses the same rules as a pandera schema, the reference the tests
compare `check_columns` with. pandera is not used to validate files: it took about 7 ms per
file whatever its size, most of the time of a run over many small organisations.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..errors import Problem
from .bands import BANDS, STAFF_TYPES
from .columns import RawTable, TextColumn
from .ethnicity import ACCEPTED_HELP, BME, WHITE, group_of

if TYPE_CHECKING:
    import pandera.pandas as pandera

MAX_ROWS_SHOWN = 10  # per rule; the rest are summarised in one Problem
MAX_COUNT = 10_000_000  # more people than the NHS employs: a pasted identifier or date
DOCS = "docs/data-contract.md"


# --- value parsers: one cell's text to its standard value, None when invalid ---------------
# Memoised: the same few values (codes, bands, flags, small counts) recur in every file.
_memo = functools.lru_cache(maxsize=1 << 16)


def _band_key(text: str) -> str:
    return re.sub(r"\s+", "", text).casefold()


BAND_BY_KEY: dict[str, str] = {_band_key(band): band for band in BANDS}
STAFF_TYPE_BY_KEY: dict[str, str] = {re.sub(r"[\s_-]+", "", t): t for t in STAFF_TYPES}
SURVEY_GROUPS: dict[str, str] = {"WHITE": WHITE, "BME": BME, "BAME": BME}
INTEGER = re.compile(r"[+-]?\d{1,18}")  # fits in 64 bits
DIGITS = re.compile(r"[+-]?\d+")


@_memo
def canonical_band(text: str) -> str | None:
    """'band 8A' -> 'Band 8a': case and spaces do not matter; None if not a contract band."""
    return BAND_BY_KEY.get(_band_key(text))


@_memo
def canonical_staff_type(text: str) -> str | None:
    """'Clinical' -> 'clinical', 'Non Clinical' -> 'non-clinical'; None otherwise."""
    return STAFF_TYPE_BY_KEY.get(re.sub(r"[\s_-]+", "", text.casefold()))


@_memo
def parse_bool(text: str) -> bool | None:
    """'true'/'false' in any case; None otherwise."""
    return {"true": True, "false": False}.get(text.strip().casefold())


@_memo
def parse_bank(text: str) -> bool | None:
    """As parse_bool, but an empty cell means not bank staff."""
    return False if text.strip() == "" else parse_bool(text)


@_memo
def parse_int(text: str) -> int | None:
    """A whole number (sign allowed, so that negatives can be reported as such)."""
    stripped = text.strip()
    return int(stripped) if INTEGER.fullmatch(stripped) else None


@_memo
def parse_optional_int(text: str) -> int | None:
    """A whole number or an empty cell (both valid; empty gives None)."""
    return None if text.strip() == "" else parse_int(text)


@_memo
def parse_number(text: str) -> float | None:
    """A finite decimal number."""
    try:
        value = float(text.strip())
    except ValueError:
        return None
    return value if np.isfinite(value) else None


@_memo
def survey_group(text: str) -> str | None:
    """'White' or 'BME' (BAME accepted), any case."""
    return SURVEY_GROUPS.get(text.strip().upper())


def map_values(values: pd.Series, parse: Callable[[str], object]) -> pd.Series:
    """Apply a parser once per distinct value (fast on long, repetitive columns)."""
    codes, uniques = pd.factorize(values)
    parsed = np.array([parse(str(u)) for u in uniques] + [None], dtype=object)
    return pd.Series(parsed[codes], index=values.index, dtype=object)


# --- rules ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Rule:
    """One requirement on a column: a test of one cell's text, what is wrong and the fix.

    ``plain_ok`` is the same test over a whole column at once, for identifier columns of
    large files, whose values are nearly all distinct.
    """

    name: str
    problem: str
    fix: str
    ok: Callable[[str], bool]
    show_value: bool = True  # False for identifiers: name the row, never the value
    plain_ok: Callable[[TextColumn], np.ndarray] | None = None

    def failing(self, column: TextColumn) -> np.ndarray:
        """Positions of the rows whose cell breaks the rule."""
        if column.is_plain_arrow and self.plain_ok is not None:
            return np.flatnonzero(~self.plain_ok(column))
        return column.test(self.ok)

    def check(self) -> pandera.Check:
        """The rule as a pandera check (the reference implementation, for the tests)."""
        import pandera.pandas as pandera

        return pandera.Check(lambda s: s.map(self.ok).astype(bool), name=self.name)


def parses(parse: Callable[[str], object]) -> Callable[[str], bool]:
    """A rule test: the cell parses."""
    return lambda text: parse(text) is not None


def _in_range(parse: Callable[[str], Any], low: float, high: float | None) -> Callable[[str], bool]:
    """A rule test: unparseable cells pass (another rule reports them); others within range."""

    def ok(text: str) -> bool:
        value = parse(text)
        return value is None or (value >= low and (high is None or value <= high))

    return ok


@functools.lru_cache(maxsize=8192)
def ethnic_group(text: str) -> str | None:
    """The WRES group of one cell (White, BME, Unknown), None when not accepted (memoised:
    the same few values recur in every file)."""
    return group_of(text)


def _ethnicity_ok(text: str) -> bool:
    return ethnic_group(text) is not None


def _not_blank(text: str) -> bool:
    return text.strip() != ""


def _not_blank_array(column: TextColumn) -> np.ndarray:
    return column.filled().to_numpy(zero_copy_only=False)


def _too_many_digits(text: str) -> bool:
    stripped = text.strip()
    return DIGITS.fullmatch(stripped) is not None and INTEGER.fullmatch(stripped) is None


ETHNICITY = Rule("ethnicity", "is not an accepted ethnicity value", ACCEPTED_HELP, _ethnicity_ok)
BAND = Rule(
    "band",
    "unknown band",
    "use one of: " + ", ".join(BANDS) + " (case and spaces do not matter)",
    parses(canonical_band),
)
CLINICAL = Rule(
    "clinical",
    "unknown clinical value",
    "write clinical or non-clinical",
    parses(canonical_staff_type),
)
DISABILITY_VALUES = frozenset({"yes", "no", "not declared", ""})  # contract v1.2, for WDES
DISABILITY = Rule(
    "disability",
    "is not a disability value",
    "write yes, no or not declared, or leave the cell empty if it was not recorded",
    lambda t: t.strip().casefold() in DISABILITY_VALUES,
)
BANK = Rule(
    "bank",
    "is not true or false",
    "write true for bank-only staff and false (or leave the cell empty) for everyone else",
    parses(parse_bank),
)


def blank_id(column: str, what: str) -> Rule:
    """The identifier must be present."""
    return Rule(
        f"{column}_blank",
        f"{column} is empty",
        f"give every {what} a pseudonymised {column}, or delete the row if it is not a {what}",
        _not_blank,
        show_value=False,
        plain_ok=_not_blank_array,
    )


def boolean(column: str, meaning: str) -> Rule:
    """A true/false column."""
    return Rule(
        f"{column}_bool",
        "is not true or false",
        f"write true if {meaning}, otherwise false",
        parses(parse_bool),
    )


def _too_large(what: str, empty_ok: bool = False) -> Rule:
    parse = parse_optional_int if empty_ok else parse_int

    def ok(text: str) -> bool:
        if _too_many_digits(text):
            return False
        value = parse(text)
        return value is None or value <= MAX_COUNT

    return Rule(
        "too_large",
        f"is too large to be a number of {what} (more than {MAX_COUNT:,})",
        "check the cell: it may hold an identifier, a date or a total pasted into the wrong "
        "column; write the number of " + what,
        ok,
    )


def count(what: str) -> tuple[Rule, ...]:
    """A whole number of people, 0 or more."""
    return (
        Rule(
            "integer",
            "is not a whole number",
            f"write the number of {what} as a whole number such as 0, 1 or 25 (0 if none)",
            lambda t: parse_int(t) is not None or _too_many_digits(t),
        ),
        Rule(
            "negative",
            "is negative",
            f"a number of {what} cannot be below 0; correct it (0 if none)",
            _in_range(parse_int, 0, None),
        ),
        _too_large(what),
    )


RESPONDENTS = (
    Rule(
        "integer",
        "is not a whole number",
        "write the number of respondents in the group as a whole number, or leave the cell "
        "empty if it was not published",
        lambda t: t.strip() == "" or parse_int(t) is not None or _too_many_digits(t),
    ),
    Rule(
        "negative",
        "is negative",
        "a number of respondents cannot be below 0; correct it or leave the cell empty",
        _in_range(parse_optional_int, 0, None),
    ),
    _too_large("respondents", empty_ok=True),
)
SURVEY_INDICATOR = Rule(
    "indicator",
    "is not a staff survey WRES indicator",
    "write 5, 6, 7 or 8 (the WRES indicator number)",
    lambda t: t.strip() in ("5", "6", "7", "8"),
)
SURVEY_GROUP = Rule(
    "survey_group",
    "is not White or BME",
    "write White or BME (BAME is accepted); the survey breakdown has no Unknown row",
    parses(survey_group),
)
PERCENTAGE = (
    Rule(
        "number",
        "is not a number",
        "write the published percentage as a plain number from 0 to 100, without a % sign "
        "(e.g. 23.5)",
        parses(parse_number),
    ),
    Rule(
        "range",
        "is outside 0-100",
        "write the percentage as a number from 0 to 100 (23.5 for 23.5%)",
        _in_range(parse_number, 0, 100),
    ),
)


# --- file specifications -------------------------------------------------------------------
@dataclass(frozen=True)
class FileSpec:
    """A file of the contract: its columns (in order), their rules and the optional ones."""

    name: str
    columns: dict[str, tuple[Rule, ...]]
    optional: frozenset[str] = field(default_factory=frozenset)

    @property
    def filename(self) -> str:
        """The file's name in an organisation-year folder."""
        return f"{self.name}.csv"

    @functools.cached_property
    def required(self) -> tuple[str, ...]:
        """Columns that must be present."""
        return tuple(c for c in self.columns if c not in self.optional)

    def extra_columns(self, found: Sequence[str]) -> list[str]:
        """Columns in the file that the contract does not use (ignored, with a note)."""
        named = [c for c in found if c and c not in self.columns]
        unnamed = sum(1 for c in found if not c)
        return named + ([f"{unnamed} column(s) with no heading"] if unnamed else [])

    def schema(self) -> pandera.DataFrameSchema:
        """The pandera schema over the raw text: the reference for `check_columns`."""
        import pandera.pandas as pandera

        return pandera.DataFrameSchema(
            {
                column: pandera.Column(
                    None,
                    checks=[rule.check() for rule in rules],
                    required=column not in self.optional,
                    nullable=True,
                )
                for column, rules in self.columns.items()
            },
            strict=False,
            name=self.filename,
        )

    @functools.cached_property
    def plain(self) -> frozenset[str]:
        """Identifier columns: nearly every value distinct, so never encoded."""
        return frozenset(c for c, rules in self.columns.items() if any(r.plain_ok for r in rules))

    @functools.cached_property
    def coded(self) -> frozenset[str]:
        """Columns of codes, flags and counts: a few distinct values each."""
        return frozenset(self.columns) - self.plain


SPECS: dict[str, FileSpec] = {
    spec.name: spec
    for spec in (
        FileSpec(
            "workforce",
            {
                "staff_id": (blank_id("staff_id", "person"),),
                "ethnic_category": (ETHNICITY,),
                "pay_band": (BAND,),
                "clinical": (CLINICAL,),
                "bank": (BANK,),
                "disability": (DISABILITY,),
            },
            frozenset({"bank", "disability"}),
        ),
        FileSpec(
            "recruitment",
            {
                "ethnic_category": (ETHNICITY,),
                "shortlisted": count("shortlisted applicants"),
                "appointed": count("appointed applicants"),
            },
        ),
        FileSpec(
            "disciplinary",
            {
                "ethnic_category": (ETHNICITY,),
                "entered": count("staff entering a formal disciplinary investigation"),
            },
        ),
        FileSpec(
            "training",
            {
                "ethnic_category": (ETHNICITY,),
                "accessed": count("staff who accessed non-mandatory training or CPD"),
            },
        ),
        FileSpec(
            "staff_survey",
            {
                "indicator": (SURVEY_INDICATOR,),
                "group": (SURVEY_GROUP,),
                "percentage": PERCENTAGE,
                "respondents": RESPONDENTS,
            },
            frozenset({"respondents"}),
        ),
        FileSpec(
            "board",
            {
                "member_id": (blank_id("member_id", "board member"),),
                "ethnic_category": (ETHNICITY,),
                "voting": (boolean("voting", "the member has a vote on the board"),),
                "executive": (boolean("executive", "the member is an executive director"),),
            },
        ),
    )
}


# --- pandera failures to Problems ----------------------------------------------------------
def row_problems(
    file: str,
    column: str | None,
    rows: Sequence[int],
    values: Sequence[object] | None,
    problem: str | Sequence[str],
    fix: str,
) -> list[Problem]:
    """One Problem per row, the first MAX_ROWS_SHOWN only, then a summary of the rest.

    ``values`` None: the rows are named but their values are not shown (identifiers).
    ``problem`` may be one text for all rows or one per row.
    """
    texts = [problem] * len(rows) if isinstance(problem, str) else list(problem)
    shown = [
        Problem(
            file=file,
            problem=texts[i],
            fix=fix,
            row=int(rows[i]),
            column=column,
            value=None if values is None else values[i],
        )
        for i in range(min(len(rows), MAX_ROWS_SHOWN))
    ]
    rest = len(rows) - len(shown)
    if rest <= 0:
        return shown
    more_rows = ", ".join(str(int(r)) for r in rows[MAX_ROWS_SHOWN : MAX_ROWS_SHOWN + 20])
    etc = ", ..." if rest > 20 else ""
    other = ""
    if values is not None:
        distinct = list(dict.fromkeys(values[MAX_ROWS_SHOWN:]))
        listed = ", ".join(repr(v) for v in distinct[:5])
        other = f"; values include {listed}{', ...' if len(distinct) > 5 else ''}"
    summary = problem if isinstance(problem, str) else "the same kind of problem"
    shown.append(
        Problem(
            file=file,
            problem=f"{rest:,} more row(s) with this problem ({summary}): rows {more_rows}{etc}"
            f"{other}",
            fix=fix,
            column=column,
        )
    )
    return shown


def _missing_column(file: str, column: str, found: Sequence[str]) -> Problem:
    """A required column is absent: list what was found and suggest a likely match."""
    listed = ", ".join(repr(c) for c in found) or "none"
    lowered = {c.casefold(): c for c in found}
    close = difflib.get_close_matches(column, list(lowered), n=1, cutoff=0.5)
    hint = f" (is {lowered[close[0]]!r} meant to be {column!r}? rename it)" if close else ""
    if any(";" in c or "\t" in c for c in found):
        hint = "; the file seems to use ';' or tabs between values: save it comma-separated"
    return Problem(
        file=file,
        problem=f"required column '{column}' is missing (columns found: {listed})",
        fix=f"add a column headed '{column}'{hint}; see {DOCS}",
        row=1,
        column=column,
    )


def check_columns(table: RawTable, spec: FileSpec, file: str) -> list[Problem]:
    """Every missing column and every cell that breaks a column rule, as Problems."""
    found = list(table.names)
    problems = [_missing_column(file, c, found) for c in spec.required if c not in table]
    for column, rules in spec.columns.items():
        if column not in table:
            continue
        cells = table[column]
        for rule in rules:
            bad = rule.failing(cells)
            if len(bad) == 0:
                continue
            rows = table.rows[bad].tolist()
            values = cells.values_at(bad) if rule.show_value else None
            problems += row_problems(file, column, rows, values, rule.problem, rule.fix)
    return problems
