"""Settings from params/ YAML: the single control panel. An unknown key is an error.

Files (all optional except where a command needs them):
- ``params/project.yaml``: how runs execute (kernel, timeout, workers).
- ``params/organisations.yaml``: each organisation's name, type, region, population share.
- ``params/years/<YEAR>.yaml``: the reporting year's rules and the organisations reporting.
- ``params/owners.yaml``: team names that look like people's names, allowed as action owners.

Each file is parsed and validated once per process while its bytes stay the same (a run over
hundreds of organisations reads ``organisations.yaml`` once); a changed file is read again.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import InputError, Problem
from .paths import PARAMS_DIR, display_path, report_settings_path
from .textfiles import decode_utf8, probe, read_input
from .yamlio import MAX_BYTES, line_for, load_yaml, parse_yaml, problem_at

ALL_INDICATORS: tuple[int, ...] = tuple(range(1, 10))
DOCS = "docs/params.md"
ORG_CODE_MAX = 64  # ODS codes have 3-6 characters; a folder name must stay well within limits
ORG_CODE_PATTERN = rf"^[A-Za-z0-9_-]{{1,{ORG_CODE_MAX}}}$"

_ORG_CODE = re.compile(ORG_CODE_PATTERN)


def check_org_code(org: str, where: Path) -> None:
    """An organisation code names folders: 1-64 letters, digits, '_' or '-'; else InputError.

    ``where`` is the folder the code would be looked up in (named in the message). A code
    that is too long is shown shortened, so the message stays readable.
    """
    if _ORG_CODE.fullmatch(org or ""):
        return
    fix = (
        "use only letters, digits, '_' and '-': the code is the name of the organisation's "
        "folder in the data folder (e.g. an ODS code such as RXX)"
    )
    if len(org) > ORG_CODE_MAX:
        problem = (
            f"the organisation code is {len(org)} characters long; codes have at most "
            f"{ORG_CODE_MAX}"
        )
        shown: str = f"{org[:20]}...{org[-5:]}"
        fix = "check the --org given: " + fix
    else:
        problem, shown = "the organisation code is not valid", org
    raise InputError(Problem(file=display_path(where), problem=problem, fix=fix, value=shown))


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


def _mapping(data: Any, path: Path, what: str) -> dict:
    """The top of a params file must be a mapping (an empty file counts as an empty one)."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError(
            Problem(display_path(path), f"must be a mapping of {what}", f"see {DOCS}", line=1)
        )
    return data


def _model_from(
    model: type[M], path: Path, data: Any, lines: dict[tuple, int], defaults: dict[str, Any]
) -> M:
    return _validate(model, {**defaults, **_mapping(data, path, "keys to values")}, path, lines)


def load_model(model: type[M], path: Path, defaults: dict[str, Any] | None = None) -> M:
    """Load and validate one YAML file against a model (defaults fill absent keys)."""
    data, lines = load_yaml(path)
    return _model_from(model, path, data, lines, defaults or {})


# --- cached loading: once per process while a file stays the same ---------------------------
_CACHE: dict[tuple[str, str], tuple[tuple, bytes, Any]] = {}
SETTLED_SECONDS = 2.0  # older than this, an unchanged stat means unchanged bytes
_LOCK = threading.RLock()  # re-entrant: a build may load another params file
T = TypeVar("T")


def _stamp(path: Path) -> tuple | None:
    """What identifies a file's version cheaply (None when it cannot be stat'ed)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def _cached(path: Path, absent: Callable[[], T], build: Callable[[Any, dict], T]) -> T:
    """build(data, lines) for the YAML at path, reused while the file is unchanged.

    A file whose inode, size and times are those seen last time, and were set more than
    `SETTLED_SECONDS` ago, is unchanged (a rewrite would set a new time); a younger file
    is compared byte for byte, since file-system clocks tick coarsely. ``absent()`` gives
    the value for a file that does not exist; a broken link, a folder or an unreadable file
    is an error, never "absent". Errors are not cached.
    """
    key = (build.__qualname__, str(path))
    stamp, hit = _stamp(path), _CACHE.get(key)
    if hit is not None and stamp == hit[0] and time.time_ns() - stamp[2] > SETTLED_SECONDS * 1e9:
        return hit[2]
    if probe(path) == "missing":
        return absent()
    raw = read_input(path, max_bytes=MAX_BYTES, absent_fix="without it the defaults apply")
    with _LOCK:  # threads of one batch starting together parse a file once, not each
        hit = _CACHE.get(key)
        if hit is not None and hit[1] == raw:
            _CACHE[key] = (stamp, raw, hit[2])
            return hit[2]
        data, lines = parse_yaml(decode_utf8(path, raw), display_path(path))
        value = build(data, lines)
        _CACHE[key] = (stamp, raw, value)
        return value


def clear_cache() -> None:
    """Forget every cached params file (tests; long-lived processes after edits)."""
    _CACHE.clear()


def load_project(params_dir: Path = PARAMS_DIR) -> ProjectSettings:
    """Project run settings, or the defaults when params/project.yaml is absent."""
    path = params_dir / "project.yaml"

    def project(data: Any, lines: dict) -> ProjectSettings:
        return _model_from(ProjectSettings, path, data, lines, {})

    return _cached(path, ProjectSettings, project)


def load_year(year: int, params_dir: Path = PARAMS_DIR) -> YearParams:
    """A reporting year's rules; a year without a file gets the contract's defaults."""
    path = params_dir / "years" / f"{year}.yaml"

    def year_params(data: Any, lines: dict) -> YearParams:
        params = _model_from(YearParams, path, data, lines, {"year": year})
        if params.year != year:
            raise InputError(
                Problem(
                    display_path(path),
                    f"says year {params.year}",
                    f"set 'year: {year}'",
                    line=line_for(lines, ("year",)),
                    value=params.year,
                )
            )
        return params

    return _cached(path, lambda: YearParams(year=year), year_params)


def load_report_settings(org: str, year: int, params_dir: Path = PARAMS_DIR) -> ReportSettings:
    """An organisation's report settings for a year; none set when the file is absent."""
    path = report_settings_path(params_dir, org, year)
    return load_model(ReportSettings, path) if path.exists() else ReportSettings()


def load_organisations(params_dir: Path = PARAMS_DIR) -> dict[str, Organisation]:
    """All registered organisations, keyed by code."""
    return dict(_registered(params_dir))


def _registered(params_dir: Path) -> dict[str, Organisation]:
    """The cached organisations (shared: not to be changed by callers)."""
    path = params_dir / "organisations.yaml"
    return _cached(path, dict, lambda data, lines: _organisations(path, data, lines))


def _organisations(path: Path, data: Any, lines: dict[tuple, int]) -> dict[str, Organisation]:
    data = _mapping(data, path, "one key, 'organisations'")
    unknown = sorted(str(k) for k in data if k != "organisations")
    if unknown:
        raise InputError(
            Problem(
                display_path(path),
                f"unknown top-level key(s) {unknown}",
                "the file holds one key, 'organisations', mapping codes to details",
                line=line_for(lines, (unknown[0],)),
            )
        )
    listed = data.get("organisations") or {}
    if not isinstance(listed, dict):
        raise InputError(
            Problem(
                display_path(path),
                "'organisations' must map each organisation code to its details",
                f"write 'CODE:' lines with name, type and region under it; see {DOCS}",
                line=line_for(lines, ("organisations",)),
            )
        )
    by_org: dict[object, dict[tuple, int]] = {}
    for key, line in lines.items():  # each organisation's lines, found in one pass
        if len(key) >= 2 and key[0] == "organisations":
            by_org.setdefault(key[1], {})[key[2:]] = line
    orgs: dict[str, Organisation] = {}
    problems: list[Problem] = []
    for code, details in listed.items():
        sub_lines = by_org.get(code, {})
        if details is not None and not isinstance(details, dict):
            problems.append(
                Problem(
                    display_path(path),
                    f"organisation '{code}' must have its details (name, type, region) "
                    "indented under it",
                    f"see the example in {DOCS}",
                    line=sub_lines.get(()),
                )
            )
            continue
        try:
            orgs[str(code)] = _validate(
                Organisation, {"code": str(code), **(details or {})}, path, sub_lines
            )
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return orgs


class OwnerSettings(StrictModel):
    """Action-plan owners that look like a person's name but are a team, role or body."""

    team_names: list[str] = Field(default_factory=list)


def load_owner_names(params_dir: Path = PARAMS_DIR) -> frozenset[str]:
    """Team names allowed as action owners although they look like people's names.

    From ``params/owners.yaml``; compared ignoring case and repeated spaces.
    """
    path = params_dir / "owners.yaml"

    def owners(data: Any, lines: dict) -> frozenset[str]:
        settings = _model_from(OwnerSettings, path, data, lines, {})
        return frozenset(" ".join(name.split()).casefold() for name in settings.team_names)

    return _cached(path, frozenset, owners)


def load_organisation(code: str, params_dir: Path = PARAMS_DIR) -> Organisation:
    """One organisation's details; an unregistered code gets a plain placeholder name."""
    orgs = _registered(params_dir)
    if code in orgs:
        return orgs[code]
    return Organisation(code=code, name=code, type="organisation", region="not recorded")
