"""What each file of the data contract must hold, as pandera schemas over the raw text.

Each column has rules: a vectorised test of the cells as typed, what is wrong when it
fails and how to fix it. `check_columns` runs a file's pandera schema lazily (every
violation, not the first) and turns the failure cases into `Problem`s, at most
`MAX_ROWS_SHOWN` per rule plus one summary line, so a wholly wrong column stays readable.
The value parsers here (bands, staff types, booleans, counts) also standardise the
values once they have passed.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pandera.pandas as pa

from ..errors import Problem
from .bands import BANDS, STAFF_TYPES
from .csvio import FIRST_ROW
from .ethnicity import ACCEPTED_HELP, BME, WHITE, to_groups

MAX_ROWS_SHOWN = 10  # per rule; the rest are summarised in one Problem
DOCS = "docs/data-contract.md"


# --- value parsers: one cell's text to its standard value, None when invalid ---------------
def _band_key(text: str) -> str:
    return re.sub(r"\s+", "", text).casefold()


BAND_BY_KEY: dict[str, str] = {_band_key(band): band for band in BANDS}
STAFF_TYPE_BY_KEY: dict[str, str] = {re.sub(r"[\s_-]+", "", t): t for t in STAFF_TYPES}
SURVEY_GROUPS: dict[str, str] = {"WHITE": WHITE, "BME": BME, "BAME": BME}
INTEGER = re.compile(r"[+-]?\d{1,15}")


def canonical_band(text: str) -> str | None:
    """'band 8A' -> 'Band 8a': case and spaces do not matter; None if not a contract band."""
    return BAND_BY_KEY.get(_band_key(text))


def canonical_staff_type(text: str) -> str | None:
    """'Clinical' -> 'clinical', 'Non Clinical' -> 'non-clinical'; None otherwise."""
    return STAFF_TYPE_BY_KEY.get(re.sub(r"[\s_-]+", "", text.casefold()))


def parse_bool(text: str) -> bool | None:
    """'true'/'false' in any case; None otherwise."""
    return {"true": True, "false": False}.get(text.strip().casefold())


def parse_bank(text: str) -> bool | None:
    """As parse_bool, but an empty cell means not bank staff."""
    return False if text.strip() == "" else parse_bool(text)


def parse_int(text: str) -> int | None:
    """A whole number (sign allowed, so that negatives can be reported as such)."""
    stripped = text.strip()
    return int(stripped) if INTEGER.fullmatch(stripped) else None


def parse_optional_int(text: str) -> int | None:
    """A whole number or an empty cell (both valid; empty gives None)."""
    return None if text.strip() == "" else parse_int(text)


def parse_number(text: str) -> float | None:
    """A finite decimal number."""
    try:
        value = float(text.strip())
    except ValueError:
        return None
    return value if np.isfinite(value) else None


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
    """One requirement on a column: a vectorised test, what is wrong and the fix."""

    name: str
    problem: str
    fix: str
    ok: Callable[[pd.Series], pd.Series]
    show_value: bool = True  # False for identifiers: name the row, never the value

    def check(self) -> pa.Check:
        """The rule as a pandera check (element-wise results, vectorised)."""
        return pa.Check(self.ok, name=self.name)


def parses(parse: Callable[[str], object]) -> Callable[[pd.Series], pd.Series]:
    """A rule test: the cell parses."""
    return lambda s: map_values(s, parse).notna()


def _in_range(
    parse: Callable[[str], object], low: float, high: float | None
) -> Callable[[pd.Series], pd.Series]:
    """A rule test: unparseable cells pass (another rule reports them); others within range."""

    def ok(s: pd.Series) -> pd.Series:
        values = pd.to_numeric(map_values(s, parse), errors="coerce")
        inside = values >= low if high is None else values.between(low, high)
        return values.isna() | inside

    return ok


def _ethnicity_ok(s: pd.Series) -> pd.Series:
    return ~to_groups(s)[1]


def _not_blank(s: pd.Series) -> pd.Series:
    return s.str.strip() != ""


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
    lambda s: s.str.strip().str.casefold().isin(DISABILITY_VALUES),
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
    )


def boolean(column: str, meaning: str) -> Rule:
    """A true/false column."""
    return Rule(
        f"{column}_bool",
        "is not true or false",
        f"write true if {meaning}, otherwise false",
        parses(parse_bool),
    )


def count(what: str) -> tuple[Rule, ...]:
    """A whole number of people, 0 or more."""
    return (
        Rule(
            "integer",
            "is not a whole number",
            f"write the number of {what} as a whole number such as 0, 1 or 25 (0 if none)",
            parses(parse_int),
        ),
        Rule(
            "negative",
            "is negative",
            f"a number of {what} cannot be below 0; correct it (0 if none)",
            _in_range(parse_int, 0, None),
        ),
    )


RESPONDENTS = (
    Rule(
        "integer",
        "is not a whole number",
        "write the number of respondents in the group as a whole number, or leave the cell "
        "empty if it was not published",
        lambda s: (s.str.strip() == "") | parses(parse_int)(s),
    ),
    Rule(
        "negative",
        "is negative",
        "a number of respondents cannot be below 0; correct it or leave the cell empty",
        _in_range(parse_optional_int, 0, None),
    ),
)
SURVEY_INDICATOR = Rule(
    "indicator",
    "is not a staff survey WRES indicator",
    "write 5, 6, 7 or 8 (the WRES indicator number)",
    lambda s: s.str.strip().isin(["5", "6", "7", "8"]),
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

    @property
    def required(self) -> tuple[str, ...]:
        """Columns that must be present."""
        return tuple(c for c in self.columns if c not in self.optional)

    def extra_columns(self, found: Sequence[str]) -> list[str]:
        """Columns in the file that the contract does not use (ignored, with a note)."""
        named = [c for c in found if c and c not in self.columns]
        unnamed = sum(1 for c in found if not c)
        return named + ([f"{unnamed} column(s) with no heading"] if unnamed else [])

    def schema(self) -> pa.DataFrameSchema:
        """The pandera schema over the raw text (no dtype checks: every cell is a string)."""
        return pa.DataFrameSchema(
            {
                column: pa.Column(
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


def check_columns(frame: pd.DataFrame, spec: FileSpec, file: str) -> list[Problem]:
    """Every missing column and every cell that breaks a column rule, as Problems."""
    try:
        spec.schema().validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
    else:
        return []
    found = [str(c) for c in frame.columns]
    problems: list[Problem] = []
    missing = cases[cases["check"] == "column_in_dataframe"]
    problems += [_missing_column(file, str(c), found) for c in missing["failure_case"]]
    located = cases["index"].notna()
    for column, rules in spec.columns.items():
        for rule in rules:
            hits = cases[located & (cases["column"] == column) & (cases["check"] == rule.name)]
            if hits.empty:
                continue
            hits = hits.sort_values("index")
            rows = (hits["index"].astype("int64") + FIRST_ROW).tolist()
            values = hits["failure_case"].tolist() if rule.show_value else None
            problems += row_problems(file, column, rows, values, rule.problem, rule.fix)
    known = {r.name for rules in spec.columns.values() for r in rules}
    unexpected = (cases["check"] != "column_in_dataframe") & ~(located & cases["check"].isin(known))
    for _, case in cases[unexpected].iterrows():  # not expected; never silent
        problems.append(
            Problem(
                file=file,
                problem=f"failed check {case['check']!r} ({case['failure_case']})",
                fix=f"see {DOCS}",
                column=None if pd.isna(case["column"]) else str(case["column"]),
            )
        )
    return problems
