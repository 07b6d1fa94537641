"""The importers' params (params/import/*.yaml) and lookups of values through them.

Each importer reads one YAML file: the column headings to look for, and tables from the
values an export holds to the values of the data contract. The shipped files hold the forms
in docs (real-extracts reference) as defaults. Nothing is guessed: a value in none of the
tables is reported (see `Unmapped`), with the exact line to add. Table keys are matched
ignoring case and repeated spaces; write them in double quotes, because YAML reads an
unquoted Yes, No, On or Off as true/false.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

from pydantic import AfterValidator, BeforeValidator, Field

from ..errors import InputError, Problem
from ..inputs.bands import BANDS
from ..inputs.ethnicity import group_of
from ..params import StrictModel, load_model
from ..paths import display_path
from .reading import Wanted

IMPORT_DIR = "import"
ContractBand = Literal[BANDS]  # type: ignore[valid-type]
StaffType = Literal["clinical", "non-clinical"]
StatusAction = Literal["count", "exclude"]
CategoryAction = Literal["count", "bank", "exclude"]
Disability = Literal["yes", "no", "not declared", ""]
Stage = Literal["applied", "shortlisted", "appointed"]


def value_key(text: object) -> str:
    """A value as looked up in a table: case and repeated spaces do not matter."""
    return " ".join(str(text).split()).casefold()


def _string_keys(value: Any) -> Any:
    """Tables must have text keys: YAML turns unquoted Yes/No/On/Off into true/false."""
    if isinstance(value, dict):
        for key in value:
            if not isinstance(key, str):
                raise ValueError(
                    f"the key {key!r} is not text: write it in double quotes (e.g. \"Yes\"), "
                    "because YAML reads an unquoted Yes, No, On or Off as true/false and "
                    "numbers as numbers"
                )
        keys: dict[str, str] = {}
        for key in value:
            other = keys.setdefault(value_key(key), key)
            if other != key and value[other] != value[key]:
                raise ValueError(
                    f"{other!r} and {key!r} are the same value (case and spaces do not "
                    "matter) but are mapped differently; keep one"
                )
    return value


class ImportParams(StrictModel):
    """What every importer's params file has: where the table starts in the export."""

    header_row: int = Field(1, ge=1, description="spreadsheet row of the column headings")
    sheet: str | None = Field(None, description="workbook sheet to read; null: the first")


def _ethnicity_targets(value: dict[str, str]) -> dict[str, str]:
    bad = [target for target in value.values() if group_of(target) is None]
    if bad:
        raise ValueError(
            f"{bad[0]!r} is not an accepted ethnicity value: map each local value to an NHS "
            "code (A-H, J-N, P, R, S, Z, 99), a sub-code such as C3, or White, BME or Unknown"
        )
    return value


def _suffix_keys(value: Any) -> Any:
    """Survey suffixes may be written as numbers (1: White); they are text in column names."""
    return {str(k): v for k, v in value.items()} if isinstance(value, dict) else value


T = TypeVar("T")
TextTable = Annotated[dict[str, T], BeforeValidator(_string_keys)]
EthnicityTable = Annotated[
    dict[str, str], BeforeValidator(_string_keys), AfterValidator(_ethnicity_targets)
]


def columns_wanted(columns: StrictModel, optional: frozenset[str]) -> dict[str, Wanted]:
    """A params `columns` section as the reader's Wanted specs (role -> headings)."""
    return {
        role: Wanted(tuple(names), required=role not in optional)
        for role, names in columns.model_dump().items()
        if names or role not in optional
    }


# --- ESR -------------------------------------------------------------------------------------
class EsrColumns(StrictModel):
    """Headings of an ESR workforce export, by role."""

    person: list[str]
    primary: list[str]
    status: list[str]
    category: list[str]
    ethnicity: list[str]
    pay_band: list[str]
    staff_group: list[str]
    disability: list[str] = Field(default_factory=list)


ESR_OPTIONAL = frozenset({"disability"})


class EsrParams(ImportParams):
    """params/import/esr.yaml."""

    columns: EsrColumns
    primary: TextTable[bool]
    statuses: TextTable[StatusAction]
    categories: TextTable[CategoryAction]
    staff_groups: TextTable[StaffType]
    pay_bands: TextTable[ContractBand] = Field(default_factory=dict)
    band_prefixes: list[str] = Field(default_factory=list)
    ethnicity: EthnicityTable = Field(default_factory=dict)
    disability: TextTable[Disability] = Field(default_factory=dict)


# --- recruitment -----------------------------------------------------------------------------
class RecruitmentColumns(StrictModel):
    """Headings of an application-level recruitment export."""

    ethnicity: list[str]
    stage: list[str] = Field(default_factory=list)
    shortlisted: list[str] = Field(default_factory=list)
    appointed: list[str] = Field(default_factory=list)


class RecruitmentParams(ImportParams):
    """params/import/recruitment.yaml."""

    layout: Literal["auto", "stage", "flags"] = "auto"
    columns: RecruitmentColumns
    stages: TextTable[Stage] = Field(default_factory=dict)
    flags: TextTable[bool] = Field(default_factory=dict)
    ethnicity: EthnicityTable = Field(default_factory=dict)


# --- staff survey ----------------------------------------------------------------------------
class SurveyIndicator(StrictModel):
    """Column names of one indicator; ``{suffix}`` stands for a group's suffix."""

    percentage: str
    respondents: str | None = None


class SurveyYear(StrictModel):
    """One survey year's layout: which suffix is which group, and the indicators' columns."""

    groups: Annotated[dict[str, Literal["White", "BME"]], BeforeValidator(_suffix_keys)] = Field(
        default_factory=dict
    )
    values: Literal["percent", "fraction"] | None = None
    indicators: dict[Literal[5, 6, 7, 8], SurveyIndicator]


class SurveyParams(ImportParams):
    """params/import/survey.yaml."""

    org_column: list[str] = Field(default_factory=list)
    years: dict[int, SurveyYear] = Field(default_factory=dict)


# --- board -----------------------------------------------------------------------------------
class BoardColumns(StrictModel):
    """Headings of a board register."""

    member: list[str]
    ethnicity: list[str]
    voting: list[str]
    executive: list[str]


class BoardParams(ImportParams):
    """params/import/board.yaml."""

    columns: BoardColumns
    voting: TextTable[bool]
    executive: TextTable[bool]
    ethnicity: EthnicityTable = Field(default_factory=dict)


# --- loading ---------------------------------------------------------------------------------
P = TypeVar("P", bound=ImportParams)
KIND_FILE: dict[str, str] = {
    "esr": "esr.yaml",
    "recruitment": "recruitment.yaml",
    "survey": "survey.yaml",
    "board": "board.yaml",
}


def params_path(kind: str, params_dir: Path, override: Path | None = None) -> Path:
    """Where an importer's params file is: --mapping FILE, else params/import/<kind>.yaml."""
    return override if override is not None else params_dir / IMPORT_DIR / KIND_FILE[kind]


def load_import_params(model: type[P], path: Path) -> P:
    """Load and check one importer's params file (unknown keys are errors with their line)."""
    if not path.is_file():
        raise InputError(
            Problem(
                file=display_path(path),
                problem="the importer's mapping file is missing",
                fix="copy the project's params/import/ files into your params folder (they hold "
                "the defaults), or give the file with --mapping",
            )
        )
    return load_model(model, path)


# --- lookups ---------------------------------------------------------------------------------
class Table:
    """A params table for lookups: value text -> target, case and spaces ignored."""

    def __init__(self, section: str, entries: Mapping[str, object], choices: str):
        self.section = section
        self.choices = choices  # the placeholder shown in the line to add, e.g. <count|exclude>
        self._by_key = {value_key(k): v for k, v in entries.items()}

    def get(self, text: str) -> object | None:
        """The target of a value, or None when the table does not list it."""
        return self._by_key.get(value_key(text))

    def __contains__(self, text: str) -> bool:
        return value_key(text) in self._by_key

    def line_to_add(self, text: str) -> str:
        """The YAML line that would map this value (the choice left for the analyst)."""
        key = text.strip().replace("\\", "\\\\").replace('"', '\\"')
        return f'  "{key}": {self.choices}'


ETHNICITY_CHOICES = '"<an NHS code such as A, H or C3, or White / BME / Unknown>"'
ETHNICITY_ADVICE = (
    "and replace the part in <> with the accepted value it stands for (docs/data-contract.md)"
)
CHOOSE = "and replace the part in <> with one of the choices shown"


def ethnicity_value(text: str, table: Table) -> str | None:
    """The value an importer writes: a mapped local value, or the export's own text when the
    data contract accepts it (codes, sub-codes and ESR text stay as they are); None when
    neither (reported as unmapped)."""
    mapped = table.get(text)
    if mapped is not None:
        return str(mapped)
    stripped = text.strip()
    return stripped if group_of(stripped) is not None else None
