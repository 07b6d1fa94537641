"""Everything one figures record is computed from, read and checked together.

`read_record_inputs` reads what `compute_record` needs - the year's params, the
organisation's details, this year's extracts, the previous year's workforce and
disciplinary files (indicator 3), the optional COVID-19 risk assessments and the stated
targets of the action plan - and reports every problem in every one of them at once.
`wres validate` calls it too, so a folder that validates is one whose figures compute.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

import pandas as pd

from ..errors import InputError, Problem
from ..inputs.loading import Validated, read_validated
from ..params import Organisation, YearParams, check_org_code, load_organisation, load_year
from ..paths import PARAMS_DIR
from ..textfiles import probe
from .covid import RISK_FILE, load_risk_assessments
from .targets import StatedTarget

OVERLAP_FROM = 4 << 20  # bytes of last year's workforce.csv from which the years overlap
PREVIOUS_FILES = ("workforce", "disciplinary")  # the previous year's files indicator 3 uses
T = TypeVar("T")


@dataclass(frozen=True)
class RecordInputs:
    """The checked inputs of one organisation-year's figures record."""

    org: str
    year: int
    year_params: YearParams
    organisation: Organisation
    current: Validated
    previous: Validated
    risk_assessments: pd.DataFrame | None
    stated_targets: list[StatedTarget]
    plan: Path | None  # the action plan read for its stated targets, if there is one


def read_record_inputs(
    data_dir: Path, org: str, year: int, *, params_dir: Path = PARAMS_DIR
) -> RecordInputs:
    """Read and check every input of the record; raise one InputError listing every problem."""
    data_dir = Path(data_dir)
    check_org_code(org, data_dir)
    params = _attempt(lambda: load_year(year, params_dir))
    organisation = _attempt(lambda: load_organisation(org, params_dir))

    def read_previous() -> _Attempt[Validated]:
        return _attempt(
            lambda: read_validated(
                data_dir, org, year - 1, only=PREVIOUS_FILES, require_workforce=False
            )
        )

    if _file_size(data_dir / org / str(year - 1) / "workforce.csv") > OVERLAP_FROM:
        # a large organisation: the previous year is read on a second thread while this
        # year is, as each read leaves a core idle part of the time (checks and
        # standardising are single-threaded); small ones gain nothing, and many at once
        # (compute_records) already keep every core busy
        with ThreadPoolExecutor(max_workers=1) as pool:
            earlier = pool.submit(read_previous)
            current = _attempt(lambda: read_validated(data_dir, org, year))
            previous = earlier.result()
    else:
        current = _attempt(lambda: read_validated(data_dir, org, year))
        previous = read_previous()
    risk = _attempt(lambda: load_risk_assessments(data_dir / org / str(year) / RISK_FILE))
    plan = _attempt(lambda: _plan_path(params_dir, org, year))
    stated = _attempt(lambda: _stated_targets(plan.value)) if plan.value is not None else None
    attempts = [params, organisation, current, previous, risk, plan]
    problems = [p for a in [*attempts, *([stated] if stated else [])] for p in a.problems]
    if problems:
        raise InputError(problems)
    return RecordInputs(
        org=org,
        year=year,
        year_params=params.value,
        organisation=organisation.value,
        current=current.value,
        previous=previous.value,
        risk_assessments=risk.value,
        stated_targets=[] if stated is None else stated.value,
        plan=plan.value,
    )


@dataclass(frozen=True)
class _Attempt(Generic[T]):
    value: T
    problems: list[Problem]


def _file_size(path: Path) -> int:
    """The size of a file, 0 when it cannot be seen (reading it will say why)."""
    try:
        return path.stat().st_size
    except (OSError, ValueError):
        return 0


def _attempt(read: Callable[[], T]) -> _Attempt[T]:
    """The value read, or the problems that stopped it (value None)."""
    try:
        return _Attempt(read(), [])
    except InputError as exc:
        return _Attempt(None, exc.problems)  # type: ignore[arg-type]


def _plan_path(params_dir: Path, org: str, year: int) -> Path | None:
    """The organisation's action plan for the year, if it has one."""
    # Imported here: an action plan's schema uses figures.targets, so importing the actions
    # package while this package initialises would be circular.
    from ..actions import plan_path

    path = plan_path(params_dir, org, year)
    return None if probe(path) == "missing" else path


def _stated_targets(path: Path) -> list[StatedTarget]:
    """Targets the organisation stated in its action plan."""
    from ..actions import load_action_plan

    return list(load_action_plan(path).stated_targets)
