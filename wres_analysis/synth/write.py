"""Seeded synthetic extracts in the data-contract layout: the shipped example data.

`write_synthetic_data` writes data/<org>/<year>/*.csv for the example organisations
(profiles in `synth.profiles`) or for a scale-test organisation of any size. Each
(organisation, year) draws from its own generator seeded by (seed, org, year), so one
organisation written alone is byte-identical to the same organisation written with the
others, and the same seed always gives the same bytes. Files are written to a temporary
name and renamed, so a folder never holds a half-written file.

The 2020 folders have no staff_survey.csv: NHS England did not take indicators 5-8 in
WRES 2020 (COVID-19), and the data says so by its absence.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from ..atomic import write_text_atomic
from ..errors import input_error
from ..inputs.extracts import FILES
from .board import board
from .esr import FILE_NAME as ESR_FILE
from .esr import LAYOUTS, SCALE_LAYOUT, esr_export
from .flows import disciplinary, recruitment, training
from .profiles import PROFILES, OrgProfile, profile_for
from .risk import COMPLETION, SUPPLIERS, risk_assessments, risk_generator
from .survey import staff_survey
from .workforce import People, Staffing, workforce

DEFAULT_YEARS: tuple[int, ...] = (2019, 2020, 2021)
DEFAULT_SEED = 2020
SURVEY_NOT_COLLECTED: frozenset[int] = frozenset({2020})
RISK_FILE = "risk_assessments"  # optional, data contract v1.1
ORG_CODE = re.compile(r"^[A-Za-z0-9_-]+$")

FlowMaker = Callable[[OrgProfile, int, Staffing, np.random.Generator], pd.DataFrame]
FLOWS: dict[str, FlowMaker] = {
    "recruitment": recruitment,
    "disciplinary": disciplinary,
    "training": training,
    "staff_survey": staff_survey,
}


def generators(seed: int, org: str, year: int) -> dict[str, np.random.Generator]:
    """One independent generator per file, derived only from (seed, org, year)."""
    digest = hashlib.sha256(f"wres-synth|{seed}|{org}|{year}".encode()).digest()
    root = np.random.SeedSequence(int.from_bytes(digest[:16], "big"))
    return dict(zip(FILES, (np.random.default_rng(s) for s in root.spawn(len(FILES))), strict=True))


def extra_generator(label: str, seed: int, org: str, year: int) -> np.random.Generator:
    """A generator of its own for draws added later (sub-codes, the ESR export), so that
    they leave every earlier draw, and so every other file, unchanged."""
    digest = hashlib.sha256(f"wres-synth-{label}|{seed}|{org}|{year}".encode()).digest()
    return np.random.default_rng(int.from_bytes(digest[:16], "big"))


def _people(
    org: str, year: int, seed: int, staff: int | None
) -> tuple[OrgProfile, People, Staffing, dict[str, np.random.Generator]]:
    return _people_of(profile_for(org, staff), year, seed)


def _people_of(
    profile: OrgProfile, year: int, seed: int
) -> tuple[OrgProfile, People, Staffing, dict[str, np.random.Generator]]:
    org = profile.code
    rngs = generators(seed, org, year)
    subcodes = extra_generator("subcodes", seed, org, year)
    people, staffing = workforce(profile, year, rngs["workforce"], subcodes)
    return profile, people, staffing, rngs


def synthetic_esr_export(
    org: str, year: int, seed: int = DEFAULT_SEED, staff: int | None = None
) -> pd.DataFrame:
    """The ESR workforce export (one row per assignment) behind the synthetic workforce.csv."""
    _, people, _, _ = _people(org, year, seed, staff)
    layout = LAYOUTS.get(org, SCALE_LAYOUT)
    return esr_export(people, layout, extra_generator("esr", seed, org, year))


def synthetic_extracts(
    org: str, year: int, seed: int = DEFAULT_SEED, staff: int | None = None
) -> dict[str, pd.DataFrame]:
    """One organisation-year's extracts as frames keyed by file stem (no survey in 2020)."""
    return profile_extracts(profile_for(org, staff), year, seed)


def profile_extracts(
    profile: OrgProfile, year: int, seed: int = DEFAULT_SEED
) -> dict[str, pd.DataFrame]:
    """The extracts of any profile (an example's, or one of `synth.national`'s) for a year."""
    org = profile.code
    profile, people, staffing, rngs = _people_of(profile, year, seed)
    frames: dict[str, pd.DataFrame] = {"workforce": people.frame}  # person-number order
    for name, make in FLOWS.items():
        if name == "staff_survey" and year in SURVEY_NOT_COLLECTED:
            continue
        frames[name] = make(profile, year, staffing, rngs[name])
    frames["board"] = board(profile, year, rngs["board"])
    if org in SUPPLIERS and year in COMPLETION:
        frames[RISK_FILE] = risk_assessments(
            frames["workforce"], year, risk_generator(seed, org, year)
        )
    frames["workforce"] = people.workforce_csv_frame()  # sorted by staff_id, as imported
    return {name: frames[name] for name in (*FILES, RISK_FILE) if name in frames}


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    """Write a CSV (UTF-8, "\\n" line ends) through a temporary file renamed into place."""
    return write_text_atomic(path, frame.to_csv(index=False, lineterminator="\n"))


def _check_arguments(orgs: Sequence[str], years: Sequence[int], staff: int | None) -> None:
    """Refuse bad options with a message saying how to put them right."""
    where = "wres synth"
    for org in orgs:
        if not ORG_CODE.match(org):
            fix = "use letters, digits, _ and - only, e.g. EXCCG"
            raise input_error(
                where, "not a valid organisation code", fix, column="--org", value=org
            )
        if org not in PROFILES and staff is None:
            problem = f"not an example organisation ({', '.join(PROFILES)})"
            fix = "name an example organisation, or give --staff N for a scale-test organisation"
            raise input_error(where, problem, fix, column="--org", value=org)
    for year in years:
        if not 1000 <= int(year) <= 9999:
            raise input_error(
                where, "not a four-digit year", "e.g. 2020", column="--year", value=year
            )
    if staff is not None and staff < 1:
        fix = "e.g. --staff 100000"
        raise input_error(
            where, "a headcount must be at least 1", fix, column="--staff", value=staff
        )


def write_synthetic_data(
    out_dir: Path,
    orgs: list[str] | None = None,
    years: list[int] | None = None,
    seed: int = DEFAULT_SEED,
    staff: int | None = None,
    export_format: str = "contract",
) -> list[Path]:
    """Write seeded synthetic extracts under out_dir/<org>/<year>/ and return the files written.

    Defaults: the four example organisations, years 2019-2021. With `staff`, each
    organisation is scaled to that many staff in post; a code that is not an example
    becomes a scale-test organisation modelled on the acute trust. A contract file this
    run does not write (the 2020 survey) is removed from the folder, so that each folder
    holds exactly one run's output. ``export_format="esr"`` writes instead the raw ESR
    workforce export (`synth.esr`) that `wres import esr` turns into workforce.csv.
    """
    orgs = list(dict.fromkeys(orgs or PROFILES))
    years = list(dict.fromkeys(years or DEFAULT_YEARS))
    _check_arguments(orgs, years, staff)
    written: list[Path] = []
    for org in orgs:
        for year in years:
            folder = Path(out_dir) / org / str(year)
            if export_format == "esr":
                export = synthetic_esr_export(org, year, seed=seed, staff=staff)
                written.append(write_csv(export, folder / ESR_FILE))
                continue
            frames = synthetic_extracts(org, year, seed=seed, staff=staff)
            written += write_extracts(folder, frames)
    return written


def write_extracts(folder: Path, frames: dict[str, pd.DataFrame]) -> list[Path]:
    """Write one organisation-year's frames as CSVs, removing contract files not among them."""
    written = [write_csv(frame, folder / f"{name}.csv") for name, frame in frames.items()]
    for name in {*FILES, RISK_FILE} - set(frames):
        (folder / f"{name}.csv").unlink(missing_ok=True)
    return written
