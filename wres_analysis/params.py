"""Settings from params/ YAML: the single control panel. An unknown key is an error.

Files (all optional except where a command needs them):
- ``params/project.yaml``: how runs execute (kernel, timeout, workers).
- ``params/organisations.yaml``: each organisation's name, type, region, population share.
- ``params/years/<YEAR>.yaml``: the reporting year's rules and the organisations reporting.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import InputError, Problem
from .paths import PARAMS_DIR, display_path, report_settings_path
from .yamlio import line_for, load_yaml, problem_at

ALL_INDICATORS: tuple[int, ...] = tuple(range(1, 10))
ORG_CODE_PATTERN = r"^[A-Za-z0-9_-]+$"

RollingMethod = Literal["mean_entries_current_headcount", "pooled"]


class StrictModel(BaseModel):
    """A params model that refuses unknown keys."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class ProjectSettings(StrictModel):
    """How notebooks are executed and reports built."""

    kernel_name: str = "wres-analysis"
    execution_timeout_seconds: int = Field(600, gt=0)
    max_workers: int | None = Field(None, gt=0, description="None: one per CPU core")
    published: bool = Field(
        False, description="default mode of `wres run`: internal (all counts) or published"
    )


class Organisation(StrictModel):
    """An organisation that reports: who it is, for the title page and targets."""

    code: str = Field(pattern=ORG_CODE_PATTERN)
    name: str
    type: str = Field(description="trust, CCG, CSU, ...")
    region: str
    local_population_bme_pct: float | None = Field(None, ge=0, le=100)


class Disclosure(StrictModel):
    """Small-number rules for published output."""

    threshold: int = Field(10, ge=1, description="counts below this are suppressed")
    suppress_zero: bool = Field(False, description="treat 0 as a small count too")
    min_range: int = Field(
        3, ge=2, description="a hidden count keeps at least this many possible values"
    )
    board_exempt: bool = Field(
        False, description="publish board composition in full (board members are public)"
    )


class Targets(StrictModel):
    """Model Employer target settings."""

    target_year: int = 2028
    annual_turnover_rate: float = Field(0.10, ge=0, le=1)
    basis: Literal["workforce", "population"] = Field(
        "workforce", description="population uses the organisation's local population share"
    )


class YearParams(StrictModel):
    """The rules of one reporting year. Missing file: the defaults below."""

    year: int
    organisations: list[str] = Field(default_factory=list)
    snapshot_date: dt.date | None = None
    report_date: dt.date | None = None
    required_indicators: list[int] = Field(default_factory=lambda: list(ALL_INDICATORS))
    not_required_reason: str = ""
    survey_labels: dict[int, str] = Field(default_factory=dict)
    disciplinary_rolling_method: RollingMethod = "mean_entries_current_headcount"
    non_adverse_band: tuple[float, float] = (0.80, 1.25)
    disclosure: Disclosure = Field(default_factory=Disclosure)
    targets: Targets = Field(default_factory=Targets)
    data_sources: dict[str, str] = Field(default_factory=dict)

    @field_validator("required_indicators")
    @classmethod
    def _known_indicators(cls, value: list[int]) -> list[int]:
        unknown = sorted(set(value) - set(ALL_INDICATORS))
        if unknown:
            raise ValueError(f"indicators must be 1-9, got {unknown}")
        return sorted(set(value))

    @property
    def snapshot(self) -> dt.date:
        """Workforce snapshot date: 31 March of the year unless set."""
        return self.snapshot_date or dt.date(self.year, 3, 31)

    @property
    def report(self) -> dt.date:
        """Date the report speaks from (publication deadline): 31 October unless set."""
        return self.report_date or dt.date(self.year, 10, 31)


class ReportSettings(StrictModel):
    """One organisation's report for one year: params/orgs/<ORG>/<YEAR>/report.yaml."""

    board_asks: list[str] = Field(
        default_factory=list,
        description="what the board is asked to approve, one item each; shown on the front page",
    )


M = TypeVar("M", bound=BaseModel)


def _validate(model: type[M], data: Any, path: Path, lines: dict[tuple, int]) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            key = ".".join(str(p) for p in loc) or "(top level)"
            if err["type"] == "extra_forbidden":
                problem, fix = (
                    f"unknown key '{key}'",
                    ("remove it or correct its spelling; see docs/params.md for the keys allowed"),
                )
            elif err["type"] == "missing":
                problem, fix = f"required key '{key}' is missing", "add it"
            else:
                problem, fix = f"key '{key}': {err['msg']}", "correct the value"
            problems.append(problem_at(path, lines, loc, err, problem, fix))
        raise InputError(problems) from None


def load_model(model: type[M], path: Path, defaults: dict[str, Any] | None = None) -> M:
    """Load and validate one YAML file against a model (defaults fill absent keys)."""
    data, lines = load_yaml(path)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError(
            Problem(display_path(path), "must be a mapping of keys to values", "see docs/params.md")
        )
    return _validate(model, {**(defaults or {}), **data}, path, lines)


def load_project(params_dir: Path = PARAMS_DIR) -> ProjectSettings:
    """Project run settings, or the defaults when params/project.yaml is absent."""
    path = params_dir / "project.yaml"
    return load_model(ProjectSettings, path) if path.exists() else ProjectSettings()


def load_year(year: int, params_dir: Path = PARAMS_DIR) -> YearParams:
    """A reporting year's rules; a year without a file gets the contract's defaults."""
    path = params_dir / "years" / f"{year}.yaml"
    if not path.exists():
        return YearParams(year=year)
    params = load_model(YearParams, path, defaults={"year": year})
    if params.year != year:
        raise InputError(
            Problem(
                display_path(path),
                f"says year {params.year}",
                f"set 'year: {year}'",
                line=1,
                value=params.year,
            )
        )
    return params


def load_report_settings(org: str, year: int, params_dir: Path = PARAMS_DIR) -> ReportSettings:
    """An organisation's report settings for a year; none set when the file is absent."""
    path = report_settings_path(params_dir, org, year)
    return load_model(ReportSettings, path) if path.exists() else ReportSettings()


def _file_identity(path: Path) -> tuple[str, int, int, int] | None:
    """What tells one version of a file from another: path, inode, size and change time."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return str(path.resolve()), stat.st_ino, stat.st_size, stat.st_mtime_ns


_ORGANISATIONS: dict[tuple[str, int, int, int], dict[str, Organisation]] = {}


def load_organisations(params_dir: Path = PARAMS_DIR) -> dict[str, Organisation]:
    """All registered organisations, keyed by code.

    The parsed file is kept for as long as the file is unchanged (same inode, size and
    modification time): a national organisations.yaml of 220 entries takes a quarter of a
    second to parse with line numbers, and every section notebook of every organisation
    reads it (a warm kernel keeps the parsed copy from one notebook to the next).
    """
    path = params_dir / "organisations.yaml"
    identity = _file_identity(path)
    if identity is None:
        return {}
    if identity not in _ORGANISATIONS:
        _ORGANISATIONS.clear()
        _ORGANISATIONS[identity] = _parse_organisations(path)
    return dict(_ORGANISATIONS[identity])


def _parse_organisations(path: Path) -> dict[str, Organisation]:
    data, lines = load_yaml(path)
    data = data or {}
    if not isinstance(data, dict) or set(data) - {"organisations"}:
        unknown = sorted(set(data) - {"organisations"}) if isinstance(data, dict) else []
        raise InputError(
            Problem(
                display_path(path),
                f"unknown top-level key(s) {unknown}",
                "the file holds one key, 'organisations', mapping codes to details",
                line=line_for(lines, (unknown[0],)) if unknown else 1,
            )
        )
    orgs = {}
    for code, details in (data.get("organisations") or {}).items():
        body = {"code": str(code), **(details or {})}
        sub_lines = {k[2:]: v for k, v in lines.items() if k[:2] == ("organisations", code)}
        orgs[str(code)] = _validate(Organisation, body, path, sub_lines)
    return orgs


def load_organisation(code: str, params_dir: Path = PARAMS_DIR) -> Organisation:
    """One organisation's details; an unregistered code gets a plain placeholder name."""
    orgs = load_organisations(params_dir)
    if code in orgs:
        return orgs[code]
    return Organisation(code=code, name=code, type="organisation", region="not recorded")
