"""The example organisations the synthetic data describes: shapes, totals and targets.

Each profile says how an organisation's staff spread over bands (relative weights), how
much likelier BME staff are in each band than on average, its yearly headline totals, the
relative likelihoods its flows should show (indicators 2-4), its survey results and its
board. `write.py` turns a profile into files. The numbers are invented but sit in the
ranges NHS organisations publish; none describes a real person.

- EXCCG, the model organisation: its 2020 totals reproduce the seed report exactly.
- LTCCG: a small CCG (~100 staff), so that disclosure control has work to do.
- EXHOSP: a mid-size acute trust (~3,000 staff, ~25% BME, far more among doctors).
- EXMHCT: a mental-health and community trust with a high indicator-3 ratio. Real trusts
  of this kind employ 5,000-8,000 people; it is shipped at ~2,500 to keep data/ small.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

# The seed report's "senior grades (8b and above)", used for the model organisation's target.
SEED_SENIOR_BANDS: tuple[str, ...] = ("Band 8b", "Band 8c", "Band 8d", "Band 9", "VSM")


@dataclass(frozen=True)
class Trend:
    """A yearly value: given for some years, extrapolated in a straight line for others."""

    points: tuple[tuple[int, float], ...]

    @classmethod
    def of(cls, values: Mapping[int, float]) -> Trend:
        """A trend through the given {year: value} points."""
        return cls(tuple(sorted(values.items())))

    @classmethod
    def flat(cls, value: float) -> Trend:
        """The same value every year."""
        return cls(((2020, value),))

    def at(self, year: int) -> float:
        """The value for `year` (linear extrapolation from the nearest two given years)."""
        known = dict(self.points)
        if year in known:
            return known[year]
        if len(self.points) == 1:
            return self.points[0][1]
        (y0, v0), (y1, v1) = self.points[:2] if year < self.points[0][0] else self.points[-2:]
        return v0 + (v1 - v0) * (year - y0) / (y1 - y0)


@dataclass(frozen=True)
class Cell:
    """A (staff type, band) cell: its relative headcount and BME propensity."""

    staff_type: str
    band: str
    weight: float
    bme_rel: float


@dataclass(frozen=True)
class Anchor:
    """Exact totals for one year (the model organisation's published facts)."""

    bme: int
    senior_total: int
    senior_bme: int


@dataclass(frozen=True)
class BoardSpec:
    """A board at 31 March: members by role, and how many are BME (in voting seats) or Unknown."""

    executive: int
    exec_voting: int
    non_executive: int
    nonexec_voting: int
    bme_exec: int = 0
    bme_nonexec: int = 0
    unknown: int = 0


@dataclass(frozen=True)
class SurveySpec:
    """Staff survey WRES breakdown: 2019 percentages per indicator and yearly drift."""

    base: Mapping[int, tuple[float, float]]  # indicator -> (White %, BME %)
    drift: Mapping[int, tuple[float, float]]  # indicator -> points per year (White, BME)
    response_rate: float


@dataclass(frozen=True)
class OrgProfile:
    """Everything the generator needs to write one organisation's extracts."""

    code: str
    name: str
    kind: Literal["CCG", "trust"]
    cells: tuple[Cell, ...]
    headcount: Trend
    bme_pct: Trend
    unknown_pct: Trend
    white_mix: Mapping[str, float]
    bme_mix: Mapping[str, float]
    unknown_mix: Mapping[str, float]  # "" is a blank cell
    esr_share: float  # share of values written as ESR text rather than bare codes
    recruitment_per_applicant: bool
    shortlisted_per_head: float
    bme_shortlist_factor: float  # BME share of shortlisted / BME share of workforce
    unknown_shortlist_share: float
    appoint_rate: float  # White appointed / White shortlisted
    disciplinary_rate: float  # White entering / White headcount, per year
    training_rate: float  # White accessing / White headcount
    rl2: Trend
    rl3: Trend
    rl4: Trend
    survey: SurveySpec
    board: Mapping[int, BoardSpec]
    bank_share: float = 0.01
    anchors: Mapping[int, Anchor] = field(default_factory=dict)

    def board_for(self, year: int) -> BoardSpec:
        """The board of `year`, or of the nearest year described."""
        nearest = min(self.board, key=lambda y: (abs(y - year), y))
        return self.board[nearest]


def _cells(staff_type: str, spec: Mapping[str, tuple[float, float]]) -> tuple[Cell, ...]:
    return tuple(Cell(staff_type, band, w, rel) for band, (w, rel) in spec.items())


# Survey shapes: CCG staff meet the public less (indicator 5 low); trusts near national.
_CCG_SURVEY = SurveySpec(
    base={5: (6.8, 8.9), 6: (16.2, 21.5), 7: (84.1, 71.3), 8: (4.9, 11.8)},
    drift={5: (-0.3, 0.4), 6: (-0.5, 0.6), 7: (0.6, -1.1), 8: (-0.2, 0.5)},
    response_rate=0.62,
)
_ACUTE_SURVEY = SurveySpec(
    base={5: (28.4, 27.6), 6: (24.9, 29.3), 7: (87.2, 70.4), 8: (6.3, 15.2)},
    drift={5: (0.4, -0.6), 6: (-0.4, -0.9), 7: (-0.3, 1.2), 8: (0.1, -0.7)},
    response_rate=0.46,
)
_MH_SURVEY = SurveySpec(
    base={5: (31.6, 33.4), 6: (19.8, 25.7), 7: (88.0, 74.6), 8: (6.1, 13.9)},
    drift={5: (-0.8, 1.1), 6: (0.3, 0.9), 7: (0.4, -0.8), 8: (-0.2, 0.8)},
    response_rate=0.51,
)

# A CCG: mostly non-clinical commissioning staff; a few nurses, GP clinical leads ("Other").
_CCG_CELLS = (
    *_cells(
        "non-clinical",
        {
            "Band 2": (8, 2.2),
            "Band 3": (55, 2.0),
            "Band 4": (105, 1.9),
            "Band 5": (105, 1.6),
            "Band 6": (110, 1.4),
            "Band 7": (115, 1.0),
            "Band 8a": (90, 0.8),
            "Band 8b": (75, 0.4),
            "Band 8c": (55, 0.35),
            "Band 8d": (35, 0.3),
            "Band 9": (14, 0.25),
            "VSM": (12, 0.2),
            "Other": (6, 1.5),
        },
    ),
    *_cells(
        "clinical",
        {
            "Band 5": (4, 1.5),
            "Band 6": (10, 1.4),
            "Band 7": (28, 1.1),
            "Band 8a": (22, 0.8),
            "Band 8b": (14, 0.45),
            "Band 8c": (9, 0.4),
            "Band 8d": (4, 0.3),
            "VSM": (3, 0.3),
            "Medical: Consultant": (2, 1.5),
            "Other": (8, 2.0),
        },
    ),
)

# An acute trust: nursing, medical (BME share high), estates and facilities, admin.
_ACUTE_CELLS = (
    *_cells(
        "clinical",
        {
            "Band 2": (300, 0.9),
            "Band 3": (160, 0.85),
            "Band 4": (80, 0.8),
            "Band 5": (480, 1.45),
            "Band 6": (330, 1.0),
            "Band 7": (210, 0.7),
            "Band 8a": (60, 0.45),
            "Band 8b": (20, 0.35),
            "Band 8c": (8, 0.3),
            "Band 8d": (4, 0.25),
            "Band 9": (1, 0.2),
            "VSM": (2, 0.3),
            "Medical: Consultant": (230, 1.9),
            "Medical: Non-consultant career grade": (60, 2.8),
            "Medical: Trainee grade": (220, 2.1),
        },
    ),
    *_cells(
        "non-clinical",
        {
            "Band 1": (10, 0.7),
            "Band 2": (240, 0.75),
            "Band 3": (200, 0.55),
            "Band 4": (140, 0.5),
            "Band 5": (80, 0.5),
            "Band 6": (55, 0.45),
            "Band 7": (45, 0.4),
            "Band 8a": (32, 0.35),
            "Band 8b": (16, 0.3),
            "Band 8c": (9, 0.25),
            "Band 8d": (5, 0.25),
            "Band 9": (3, 0.2),
            "VSM": (7, 0.2),
            "Other": (14, 0.6),
        },
    ),
)

# A mental-health and community trust: support workers, community nurses, psychologists.
_MH_CELLS = (
    *_cells(
        "clinical",
        {
            "Band 2": (40, 1.1),
            "Band 3": (330, 1.35),
            "Band 4": (150, 1.1),
            "Band 5": (320, 1.5),
            "Band 6": (400, 1.0),
            "Band 7": (280, 0.75),
            "Band 8a": (120, 0.6),
            "Band 8b": (45, 0.45),
            "Band 8c": (20, 0.4),
            "Band 8d": (8, 0.3),
            "Band 9": (2, 0.3),
            "VSM": (2, 0.3),
            "Medical: Consultant": (55, 2.5),
            "Medical: Non-consultant career grade": (40, 3.2),
            "Medical: Trainee grade": (35, 2.2),
        },
    ),
    *_cells(
        "non-clinical",
        {
            "Band 1": (5, 0.7),
            "Band 2": (90, 0.65),
            "Band 3": (160, 0.6),
            "Band 4": (150, 0.55),
            "Band 5": (70, 0.5),
            "Band 6": (50, 0.5),
            "Band 7": (40, 0.45),
            "Band 8a": (30, 0.4),
            "Band 8b": (14, 0.35),
            "Band 8c": (8, 0.3),
            "Band 8d": (5, 0.3),
            "Band 9": (2, 0.3),
            "VSM": (6, 0.25),
            "Other": (10, 0.6),
        },
    ),
)

_MIDLANDS_BME = {
    "D": 10, "E": 4, "F": 10, "G": 5, "H": 28, "J": 12, "K": 3,
    "L": 8, "M": 7, "N": 6, "P": 2, "R": 2, "S": 3,
}  # fmt: skip

_ACUTE_BME = {
    "D": 4, "E": 2, "F": 3, "G": 3, "H": 30, "J": 8, "K": 2,
    "L": 12, "M": 4, "N": 17, "P": 2, "R": 3, "S": 10,
}  # fmt: skip
_MH_BME = {
    "D": 7, "E": 4, "F": 4, "G": 4, "H": 15, "J": 8, "K": 2,
    "L": 6, "M": 12, "N": 25, "P": 5, "R": 2, "S": 6,
}  # fmt: skip

EXCCG = OrgProfile(
    code="EXCCG",
    name="Exampleshire CCG",
    kind="CCG",
    cells=_CCG_CELLS,
    headcount=Trend.of({2019: 921, 2020: 940, 2021: 958}),
    bme_pct=Trend.of({2019: 3.26, 2020: 3.40, 2021: 3.65}),
    unknown_pct=Trend.of({2019: 6.1, 2020: 4.8, 2021: 3.9}),
    # 2020 reproduces the seed report: 32 of 940 BME (3.4%); 224 at 8b+ with 4 BME, so
    # with the 25 governing body members 4 of 249 (target 3.4% x 249 = 8.5).
    anchors={
        2019: Anchor(bme=30, senior_total=219, senior_bme=3),
        2020: Anchor(bme=32, senior_total=224, senior_bme=4),
        2021: Anchor(bme=35, senior_total=229, senior_bme=5),
    },
    white_mix={"A": 88, "B": 2, "C": 10},
    bme_mix=_MIDLANDS_BME,
    unknown_mix={"Z": 45, "99": 25, "": 30},
    esr_share=1.0,
    recruitment_per_applicant=True,
    shortlisted_per_head=0.30,
    bme_shortlist_factor=2.4,
    unknown_shortlist_share=0.03,
    appoint_rate=0.32,
    disciplinary_rate=0.0022,
    training_rate=0.42,
    rl2=Trend.of({2019: 1.52, 2020: 1.44, 2021: 1.36}),
    rl3=Trend.flat(1.2),
    rl4=Trend.of({2019: 1.06, 2020: 1.12, 2021: 1.19}),
    survey=_CCG_SURVEY,
    board={
        2019: BoardSpec(7, 6, 17, 12, unknown=1),
        2020: BoardSpec(7, 6, 18, 13),
        2021: BoardSpec(7, 6, 18, 13, bme_nonexec=1),
    },
)

LTCCG = OrgProfile(
    code="LTCCG",
    name="Littleton CCG",
    kind="CCG",
    cells=_CCG_CELLS,
    headcount=Trend.of({2019: 96, 2020: 104, 2021: 111}),
    bme_pct=Trend.of({2019: 7.3, 2020: 7.7, 2021: 9.0}),
    unknown_pct=Trend.of({2019: 7.3, 2020: 5.8, 2021: 5.4}),
    white_mix={"A": 92, "B": 2, "C": 6},
    bme_mix={"D": 15, "F": 10, "H": 30, "J": 10, "L": 10, "M": 10, "N": 10, "S": 5},
    unknown_mix={"Z": 50, "99": 20, "": 30},
    esr_share=0.0,
    recruitment_per_applicant=True,
    shortlisted_per_head=0.55,
    bme_shortlist_factor=2.6,
    unknown_shortlist_share=0.04,
    appoint_rate=0.33,
    disciplinary_rate=0.008,
    training_rate=0.48,
    rl2=Trend.of({2019: 1.40, 2020: 1.55, 2021: 1.65}),
    rl3=Trend.flat(1.2),
    rl4=Trend.of({2019: 1.20, 2020: 1.12, 2021: 1.05}),
    survey=_CCG_SURVEY,
    board={
        2019: BoardSpec(5, 4, 7, 6, bme_nonexec=1),
        2020: BoardSpec(5, 4, 7, 6, bme_nonexec=1),
        2021: BoardSpec(5, 4, 7, 6),
    },
    bank_share=0.03,
)

EXHOSP = OrgProfile(
    code="EXHOSP",
    name="Exampleshire Hospitals NHS Trust",
    kind="trust",
    cells=_ACUTE_CELLS,
    headcount=Trend.of({2019: 2940, 2020: 3010, 2021: 3085}),
    bme_pct=Trend.of({2019: 23.8, 2020: 25.1, 2021: 26.6}),
    unknown_pct=Trend.of({2019: 3.5, 2020: 3.1, 2021: 2.8}),
    white_mix={"A": 83, "B": 2, "C": 15},
    bme_mix=_ACUTE_BME,
    unknown_mix={"Z": 50, "99": 30, "": 20},
    esr_share=0.0,
    recruitment_per_applicant=False,
    shortlisted_per_head=0.45,
    bme_shortlist_factor=1.5,
    unknown_shortlist_share=0.03,
    appoint_rate=0.36,
    disciplinary_rate=0.007,
    training_rate=0.36,
    rl2=Trend.of({2019: 1.58, 2020: 1.66, 2021: 1.49}),
    rl3=Trend.of({2019: 1.18, 2020: 1.27, 2021: 1.38}),
    rl4=Trend.of({2019: 1.14, 2020: 1.08, 2021: 1.03}),
    survey=_ACUTE_SURVEY,
    board={
        2019: BoardSpec(7, 5, 7, 7, bme_nonexec=1),
        2020: BoardSpec(7, 5, 7, 7, bme_exec=1, bme_nonexec=1),
        2021: BoardSpec(7, 5, 7, 7, bme_exec=1, bme_nonexec=1),
    },
)

EXMHCT = OrgProfile(
    code="EXMHCT",
    name="Exampleshire Health and Care NHS Trust",
    kind="trust",
    cells=_MH_CELLS,
    # A real trust of this kind employs 5,000-8,000; 2,500 keeps the shipped data small.
    headcount=Trend.of({2019: 2460, 2020: 2495, 2021: 2530}),
    bme_pct=Trend.of({2019: 17.1, 2020: 17.9, 2021: 18.8}),
    unknown_pct=Trend.of({2019: 6.5, 2020: 5.8, 2021: 5.2}),
    white_mix={"A": 90, "B": 2, "C": 8},
    bme_mix=_MH_BME,
    unknown_mix={"Z": 35, "99": 25, "": 40},
    esr_share=0.9,
    recruitment_per_applicant=False,
    shortlisted_per_head=0.40,
    bme_shortlist_factor=1.6,
    unknown_shortlist_share=0.04,
    appoint_rate=0.38,
    disciplinary_rate=0.009,
    training_rate=0.44,
    rl2=Trend.of({2019: 1.31, 2020: 1.40, 2021: 1.47}),
    rl3=Trend.of({2019: 1.85, 2020: 1.76, 2021: 1.64}),
    rl4=Trend.of({2019: 0.97, 2020: 1.04, 2021: 1.10}),
    survey=_MH_SURVEY,
    board={
        2019: BoardSpec(6, 5, 7, 7, bme_nonexec=1),
        2020: BoardSpec(6, 5, 7, 7, bme_nonexec=1),
        2021: BoardSpec(6, 5, 7, 7, bme_exec=1, bme_nonexec=1),
    },
    bank_share=0.015,
)

PROFILES: dict[str, OrgProfile] = {p.code: p for p in (EXCCG, LTCCG, EXHOSP, EXMHCT)}
SCALE_MODEL: OrgProfile = EXHOSP  # unknown codes with a headcount: a scaled acute trust


def profile_for(code: str, staff: int | None) -> OrgProfile:
    """The profile to generate for `code`: an example, scaled to `staff` when given.

    A code that is not an example organisation becomes a scale-test organisation modelled
    on the acute trust (same shares and ratios) with `staff` people in post.
    """
    base = PROFILES.get(code)
    if base is None:
        if staff is None:
            known = ", ".join(PROFILES)
            raise KeyError(f"{code!r} is not an example organisation ({known}); give a headcount")
        base = dataclasses.replace(SCALE_MODEL, code=code, name=f"Scale test {code}")
    if staff is None:
        return base
    return dataclasses.replace(base, headcount=Trend.flat(staff), anchors={})
