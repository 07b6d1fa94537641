"""A seeded national dataset: about 220 fictional NHS organisations, for benchmarking at scale.

`national_profiles` invents the organisations; `write_national` writes their extracts for
2019-2021 (the same generators as the example data) and the params that go with them, so
that `wres run --data-dir DIR/data --params-dir DIR/params` runs them all.

The mix (`TYPE_COUNTS`, by NHS England region) is 125 acute trusts, 50 mental health and
community trusts, 10 ambulance trusts and 35 CCGs: 220 organisations, near the number that
reported WRES in 2020. Headcounts (in post, 2020) are drawn log-normally and kept within
`SIZES` (acute 2,000-20,000, mental health and community 1,500-8,000, ambulance
2,000-6,000, CCG 50-800), about 1.4 million staff in all, and grow by `GROWTH` a year. BME
shares follow the region (`REGION_BME_PCT`, London highest, the South West lowest) scaled
by type (`TYPE_BME_FACTOR`: ambulance trusts and CCGs employ fewer BME staff) with
organisation-level noise. Relative likelihoods scatter around levels near the national ones
(`RL_LEVELS`); each organisation drifts a little from year to year.

Every organisation's profile is drawn from its own generator, seeded by (seed, code), and
its extracts from the example data's per-file generators, so the same seed gives the same
bytes. Codes (AC001, MH001, AM001, CC001, ...) and names are invented; none is a real
organisation or person.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Collection, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from ..atomic import write_text_atomic
from ..paths import PARAMS_DIR
from .profiles import EXCCG, EXHOSP, EXMHCT, BoardSpec, Cell, OrgProfile, SurveySpec, Trend
from .write import DEFAULT_SEED, DEFAULT_YEARS, profile_extracts, write_extracts

REGIONS: tuple[str, ...] = (
    "North East and Yorkshire",
    "North West",
    "Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
)
ACUTE, MENTAL_HEALTH, AMBULANCE, CCG = "acute", "mental_health", "ambulance", "ccg"

# Organisations of each type in each region (in REGIONS order).
TYPE_COUNTS: dict[str, tuple[int, ...]] = {
    ACUTE: (22, 20, 22, 14, 17, 17, 13),  # 125
    MENTAL_HEALTH: (8, 7, 9, 6, 8, 7, 5),  # 50
    AMBULANCE: (2, 1, 2, 1, 1, 2, 1),  # 10
    CCG: (5, 5, 6, 4, 5, 6, 4),  # 35
}
CODE_PREFIX = {ACUTE: "AC", MENTAL_HEALTH: "MH", AMBULANCE: "AM", CCG: "CC"}
TYPE_TEXT = {
    ACUTE: "acute trust",
    MENTAL_HEALTH: "mental health and community trust",
    AMBULANCE: "ambulance trust",
    CCG: "CCG",
}
NAME_TEXT = {
    ACUTE: "Hospitals NHS Trust",
    MENTAL_HEALTH: "Health and Care NHS Trust",
    AMBULANCE: "Ambulance Service NHS Trust",
    CCG: "Clinical Commissioning Group",
}
# Headcount in post in 2020: log-normal (median, sigma), kept within (low, high).
SIZES: dict[str, tuple[float, float, int, int]] = {
    ACUTE: (8600, 0.5, 2000, 20000),
    MENTAL_HEALTH: (3800, 0.4, 1500, 8000),
    AMBULANCE: (4000, 0.3, 2000, 6000),
    CCG: (250, 0.6, 50, 800),
}
GROWTH = 0.02  # headcount grows 2% a year
# An acute trust's BME share (%) by region; other types scale it by TYPE_BME_FACTOR.
REGION_BME_PCT: dict[str, float] = dict(
    zip(REGIONS, (11.0, 15.0, 24.0, 21.0, 46.0, 20.0, 11.0), strict=True)
)
TYPE_BME_FACTOR = {ACUTE: 1.0, MENTAL_HEALTH: 0.9, AMBULANCE: 0.35, CCG: 0.75}
# Relative likelihoods: (median, spread as a log-normal sigma) across organisations.
RL_LEVELS = {2: (1.55, 0.18), 3: (1.20, 0.30), 4: (1.08, 0.12)}

# An ambulance trust: paramedics and emergency care assistants, and its control rooms.
_AMBULANCE_CELLS = (
    *(
        Cell("clinical", band, weight, rel)
        for band, (weight, rel) in {
            "Band 3": (180, 1.2),
            "Band 4": (90, 1.1),
            "Band 5": (200, 1.0),
            "Band 6": (380, 0.9),
            "Band 7": (90, 0.7),
            "Band 8a": (25, 0.5),
            "Band 8b": (8, 0.4),
            "Band 8c": (3, 0.35),
            "Band 8d": (2, 0.3),
            "VSM": (1, 0.3),
            "Medical: Consultant": (2, 2.0),
        }.items()
    ),
    *(
        Cell("non-clinical", band, weight, rel)
        for band, (weight, rel) in {
            "Band 2": (20, 1.1),
            "Band 3": (180, 1.4),
            "Band 4": (120, 1.2),
            "Band 5": (40, 0.9),
            "Band 6": (25, 0.8),
            "Band 7": (20, 0.7),
            "Band 8a": (15, 0.5),
            "Band 8b": (7, 0.4),
            "Band 8c": (4, 0.35),
            "Band 8d": (2, 0.3),
            "Band 9": (1, 0.3),
            "VSM": (6, 0.25),
            "Other": (5, 1.0),
        }.items()
    ),
)
_AMBULANCE_SURVEY = SurveySpec(
    base={5: (35.2, 33.8), 6: (26.1, 30.4), 7: (72.5, 60.3), 8: (9.8, 16.1)},
    drift={5: (0.3, 0.5), 6: (-0.4, -0.2), 7: (0.5, 0.8), 8: (-0.1, 0.2)},
    response_rate=0.40,
)
_AMBULANCE = dataclasses.replace(
    EXHOSP,
    code="AMBULANCE",
    name="ambulance trust",
    cells=_AMBULANCE_CELLS,
    survey=_AMBULANCE_SURVEY,
    disciplinary_rate=0.011,
    training_rate=0.30,
)
BASES: dict[str, OrgProfile] = {
    ACUTE: EXHOSP,
    MENTAL_HEALTH: EXMHCT,
    AMBULANCE: _AMBULANCE,
    CCG: dataclasses.replace(EXCCG, anchors={}, esr_share=0.5),
}
# Board seats (executives, voting executives, non-executives, voting non-executives).
BOARD_SEATS = {ACUTE: (7, 5, 7, 7), MENTAL_HEALTH: (6, 5, 7, 7), AMBULANCE: (6, 5, 6, 6)}
BOARD_SEATS[CCG] = (6, 5, 12, 10)


@dataclass(frozen=True)
class NationalOrg:
    """One organisation of the national dataset: its params entry and its profile."""

    code: str
    kind: str  # ACUTE, MENTAL_HEALTH, AMBULANCE or CCG
    region: str
    profile: OrgProfile

    @property
    def type_text(self) -> str:
        """Its `type` in organisations.yaml."""
        return TYPE_TEXT[self.kind]


def _rng(seed: int, code: str) -> np.random.Generator:
    digest = hashlib.sha256(f"wres-synth-national|{seed}|{code}".encode()).digest()
    return np.random.default_rng(int.from_bytes(digest[:16], "big"))


def _trend(rng: np.random.Generator, level: float, sigma: float, years: Sequence[int]) -> Trend:
    """An organisation's yearly values: its own level, with a small drift each year."""
    own = level * float(np.exp(rng.normal(0.0, sigma)))
    return Trend.of({y: own * float(np.exp(rng.normal(0.0, 0.04))) for y in years})


def _board(rng: np.random.Generator, kind: str, bme_share: float) -> dict[int, BoardSpec]:
    executive, exec_voting, non_executive, nonexec_voting = BOARD_SEATS[kind]
    share = min(0.9, bme_share * 0.7)  # boards are less diverse than their workforces
    boards = {}
    for year in DEFAULT_YEARS:
        boards[year] = BoardSpec(
            executive,
            exec_voting,
            non_executive,
            nonexec_voting,
            bme_exec=int(rng.binomial(exec_voting, share)),
            bme_nonexec=int(rng.binomial(nonexec_voting, share)),
            unknown=int(rng.binomial(1, 0.15)),
        )
    return boards


def _survey(rng: np.random.Generator, base: SurveySpec) -> SurveySpec:
    shifted = {
        n: (white + rng.normal(0, 2.0), bme + rng.normal(0, 2.5))
        for n, (white, bme) in base.base.items()
    }
    rate = float(np.clip(base.response_rate + rng.normal(0, 0.06), 0.2, 0.8))
    return dataclasses.replace(base, base=shifted, response_rate=rate)


def _profile(code: str, kind: str, region: str, number: int, seed: int) -> OrgProfile:
    rng = _rng(seed, code)
    median, sigma, low, high = SIZES[kind]
    size = float(np.clip(median * np.exp(rng.normal(0.0, sigma)), low, high))
    bme = REGION_BME_PCT[region] * TYPE_BME_FACTOR[kind] * float(np.exp(rng.normal(0.0, 0.25)))
    bme = float(np.clip(bme, 1.0, 75.0))
    unknown = float(rng.uniform(1.5, 8.0))
    years = DEFAULT_YEARS
    base = BASES[kind]
    return dataclasses.replace(
        base,
        code=code,
        name=f"{region} {NAME_TEXT[kind]} {number:03d}",
        headcount=Trend.of({y: size * (1 + GROWTH) ** (y - 2020) for y in years}),
        bme_pct=Trend.of({y: bme * (1 + 0.03 * (y - 2020)) for y in years}),
        unknown_pct=Trend.of({y: unknown * (1 - 0.1 * (y - 2020)) for y in years}),
        rl2=_trend(rng, *RL_LEVELS[2], years),
        rl3=_trend(rng, *RL_LEVELS[3], years),
        rl4=_trend(rng, *RL_LEVELS[4], years),
        appoint_rate=float(np.clip(base.appoint_rate * np.exp(rng.normal(0, 0.1)), 0.1, 0.6)),
        training_rate=float(np.clip(base.training_rate * np.exp(rng.normal(0, 0.15)), 0.1, 0.7)),
        survey=_survey(rng, base.survey),
        board=_board(rng, kind, bme / 100),
        recruitment_per_applicant=kind == CCG,
    )


def national_profiles(seed: int = DEFAULT_SEED) -> list[NationalOrg]:
    """Every organisation of the national dataset, by type then region (see the module)."""
    orgs = []
    for kind, counts in TYPE_COUNTS.items():
        number = 0
        for region, count in zip(REGIONS, counts, strict=True):
            for _ in range(count):
                number += 1
                code = f"{CODE_PREFIX[kind]}{number:03d}"
                profile = _profile(code, kind, region, number, seed)
                orgs.append(NationalOrg(code, kind, region, profile))
    return orgs


def _write_org(args: tuple[OrgProfile, Path, tuple[int, ...], int]) -> int:
    profile, data_dir, years, seed = args
    written = 0
    for year in years:
        frames = profile_extracts(profile, year, seed)
        written += len(write_extracts(data_dir / profile.code / str(year), frames))
    return written


def organisations_yaml(orgs: Sequence[NationalOrg]) -> str:
    """params/organisations.yaml for the national dataset."""
    entries = {
        o.code: {"name": o.profile.name, "type": o.type_text, "region": o.region} for o in orgs
    }
    header = "# The synthetic national dataset (wres synth --national): invented organisations.\n"
    return header + yaml.safe_dump({"organisations": entries}, sort_keys=False, width=100)


def year_yaml(year: int, codes: Sequence[str], params_dir: Path = PARAMS_DIR) -> str:
    """The project's rules for `year` (params/years/<YEAR>.yaml) listing the national codes."""
    source = params_dir / "years" / f"{year}.yaml"
    rules: dict[str, Any] = yaml.safe_load(source.read_text("utf-8")) if source.is_file() else {}
    rules = {"year": year, **(rules or {}), "organisations": list(codes)}
    header = f"# WRES {year} for the synthetic national dataset: the project's rules, its list.\n"
    return header + yaml.safe_dump(rules, sort_keys=False, width=100)


def write_national(
    out_dir: Path,
    seed: int = DEFAULT_SEED,
    years: Sequence[int] = DEFAULT_YEARS,
    workers: int = 1,
    params_dir: Path = PARAMS_DIR,
    only: Collection[str] | None = None,
) -> tuple[list[NationalOrg], int]:
    """Write out_dir/data/<org>/<year>/*.csv and out_dir/params/; (organisations, files).

    `workers` > 1 writes organisations in parallel processes (the bytes are the same).
    `only` limits the organisations written (and listed in the params) to those codes;
    each is exactly as in the whole dataset.
    """
    out_dir = Path(out_dir)
    orgs = [o for o in national_profiles(seed) if only is None or o.code in only]
    data_dir = out_dir / "data"
    jobs = [(o.profile, data_dir, tuple(years), seed) for o in orgs]
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            files = sum(pool.map(_write_org, jobs, chunksize=4))
    else:
        files = sum(_write_org(job) for job in jobs)
    params = out_dir / "params"
    write_text_atomic(params / "organisations.yaml", organisations_yaml(orgs))
    codes = [o.code for o in orgs]
    for year in years:
        write_text_atomic(params / "years" / f"{year}.yaml", year_yaml(year, codes, params_dir))
    project = params_dir / "project.yaml"
    if project.is_file():
        write_text_atomic(params / "project.yaml", project.read_text("utf-8"))
    return orgs, files
