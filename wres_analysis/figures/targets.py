"""Model Employer targets: BME representation in leadership against a parity share.

NHS "A Model Employer" (2019) asks each organisation to set goals so that BME representation
in its leadership (AfC 8a and above, VSM, board) matches its overall workforce (or, if it
chooses, its local population), with trajectories to 2028. NHS England publishes no
calculator, so the method here is the project's own and `METHOD` states it for the
methodology appendix. Every number is unrounded; rounding is for display only.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import Field, field_validator

from ..inputs.bands import SENIOR_BANDS
from ..params import Organisation, StrictModel, YearParams

METHOD_ID = "turnover-flow-1"

METHOD = """\
Model Employer targets (project method; NHS England publishes no calculator).
1. Target share: the BME share of the whole workforce (indicator 1, unknown ethnicity kept
   in the denominator), or the organisation's local population BME share when the year's
   target basis is the local population and the organisation has recorded that share.
2. Parity target for a group of H people: target share x H people, unrounded; rounded up
   to whole people, because a share is only reached by whole appointments. The gap is the
   rounded-up target minus the BME people in post, never below zero.
3. Trajectory: H stays constant; each year a share t of posts falls vacant (the annual
   turnover rate set for the year), BME and other staff leaving at the same rate; every
   vacancy is filled and a constant share s of appointments goes to BME people. The BME
   headcount then moves as B(k+1) = (1 - t) B(k) + s t H, so after n years
   B(n) = (1 - t)^n B(0) + s H (1 - (1 - t)^n), with n = target year - report year.
   The share of appointments needed to reach the rounded-up target T by the target year is
   s = (T - (1 - t)^n B(0)) / (H (1 - (1 - t)^n)). Over the n years there are n t H
   vacancies, of which s n t H go to BME people.
4. If s would exceed 100%, turnover alone cannot reach the target in time: the report says
   so instead of printing an impossible share. If the target is met even with no further
   BME appointments, s is 0.
5. Groups: each of Band 8a, 8b, 8c, 8d, 9 and VSM (clinical and non-clinical together);
   Band 8a and above; Band 8b and above plus every board member (the model report's
   combined group - an executive member who is also counted at VSM is counted twice,
   because the figures record cannot tell); and the board (all members)."""

TARGET_GROUPS: tuple[str, ...] = (
    *SENIOR_BANDS,
    "senior_8a_plus",
    "senior_8b_plus_and_board",
    "board",
)

GROUP_LABELS: dict[str, str] = {
    **{band: band for band in SENIOR_BANDS},
    "senior_8a_plus": "Band 8a and above",
    "senior_8b_plus_and_board": "Band 8b and above, and the board",
    "board": "Board (all members)",
}

GROUP_BANDS: dict[str, tuple[str, ...]] = {
    **{band: (band,) for band in SENIOR_BANDS},
    "senior_8a_plus": SENIOR_BANDS,
    "senior_8b_plus_and_board": SENIOR_BANDS[1:],
    "board": (),
}
GROUPS_WITH_BOARD: frozenset[str] = frozenset({"senior_8b_plus_and_board", "board"})

# Keys of a group block that a reader could turn back into the group's BME count or its
# headcount; disclosure control should null them when that count is suppressed.
BME_DERIVED_KEYS: tuple[str, ...] = (
    "bme_pct",
    "gap_people",
    "required_bme_appointment_share_pct",
    "bme_appointments_to_target_year",
    "stated_target",
)
HEADCOUNT_DERIVED_KEYS: tuple[str, ...] = (
    "parity_target_people",
    "parity_target_people_rounded_up",
    "gap_people",
    "required_bme_appointment_share_pct",
    "vacancies_to_target_year",
    "bme_appointments_to_target_year",
    "stated_target",
)

_SUPPRESSED = "counts are suppressed in this published record, so the target cannot be shown"


class StatedTarget(StrictModel):
    """A target the organisation has stated in words, e.g. "2 of the 25 members"."""

    group: str = Field(description="one of TARGET_GROUPS")
    bme_people: int = Field(ge=0, description="BME people the organisation aims to have")
    by_year: int | None = Field(None, description="year it aims to get there; default target year")
    stated_as: str = Field("", description="the plan's wording, for the reader")

    @field_validator("group")
    @classmethod
    def _known_group(cls, value: str) -> str:
        if value not in TARGET_GROUPS:
            raise ValueError(f"group must be one of {', '.join(TARGET_GROUPS)}")
        return value


def _ceil_people(people: float) -> int:
    """Round up to whole people, ignoring float noise (3.0000000001 stays 3)."""
    return math.ceil(round(people, 9))


def group_counts(
    record: Mapping[str, Any], group: str
) -> tuple[int | None, int | None, str | None]:
    """(headcount, BME) of a target group from a figures record, or Nones and the reason."""
    indicators = record.get("indicators", {})
    headcount, bme = 0, 0
    bands = GROUP_BANDS[group]
    for row in indicators.get("1", {}).get("bands", []):
        if row.get("band") in bands:
            if row.get("total") is None or row.get("bme") is None:
                return None, None, _SUPPRESSED
            headcount += row["total"]
            bme += row["bme"]
    if group in GROUPS_WITH_BOARD:
        board = indicators.get("9", {})
        if board.get("available") is False or "all" not in board:
            return None, None, "board.csv was not supplied, so the board cannot be counted"
        members, board_bme = board["all"].get("members"), board["all"].get("bme")
        if members is None or board_bme is None:
            return None, None, _SUPPRESSED
        headcount += members
        bme += board_bme
    return headcount, bme, None


def target_share(
    record: Mapping[str, Any], year_params: YearParams, organisation: Organisation
) -> dict[str, Any]:
    """The share every target aims at, which basis it came from, and why."""
    workforce_pct = record.get("indicators", {}).get("1", {}).get("overall", {}).get("bme_pct")
    population_pct = organisation.local_population_bme_pct
    requested = year_params.targets.basis
    out: dict[str, Any] = {
        "basis_requested": requested,
        "workforce_bme_pct": workforce_pct,
        "population_bme_pct": population_pct,
    }
    if requested == "population" and population_pct is not None:
        out.update(
            basis="population",
            target_share_pct=population_pct,
            basis_note="the BME share of the local population, as the organisation recorded it",
        )
    elif requested == "population":
        out.update(
            basis="workforce",
            target_share_pct=workforce_pct,
            basis_note=f"the year asks for the local population share, but {organisation.code} "
            "has not recorded one, so the workforce BME share (indicator 1) is used",
        )
    else:
        out.update(
            basis="workforce",
            target_share_pct=workforce_pct,
            basis_note="BME share of the whole workforce (indicator 1)",
        )
    if out["target_share_pct"] is None:
        out["note"] = "the workforce BME share is not available, so no target can be set"
    return out


def required_appointment_share(
    headcount: int, bme_now: int, target_people: int, turnover: float, years: int
) -> tuple[float | None, str | None]:
    """Fraction (0-1) of appointments that must be BME to reach the target (see METHOD)."""
    if years <= 0:
        return None, "the target year has already been reached, so there is no trajectory"
    remaining = (1 - turnover) ** years
    if remaining >= 1:  # no turnover: no vacancies
        if bme_now >= target_people:
            return 0.0, "no turnover is assumed; the target is already met"
        return None, "no turnover is assumed, so there are no vacancies to close the gap"
    share = (target_people - remaining * bme_now) / (headcount * (1 - remaining))
    if share > 1 + 1e-12:
        return None, (
            "the target cannot be reached by the target year through turnover alone: it "
            "would need more BME appointments than there are vacancies"
        )
    if share <= 0:
        return 0.0, "the target is met even with no further BME appointments"
    return share, None


def _trajectory(
    headcount: int, bme: int, target_people: int, turnover: float, years: int
) -> dict[str, Any]:
    share, note = required_appointment_share(headcount, bme, target_people, turnover, years)
    vacancies = max(years, 0) * turnover * headcount
    # The note key is always there (null when there is nothing to say), so a published
    # record that hides it does not give away that a note existed.
    return {
        "required_bme_appointment_share_pct": None if share is None else share * 100,
        "vacancies_to_target_year": vacancies,
        "bme_appointments_to_target_year": None if share is None else share * vacancies,
        "trajectory_note": note,
    }


def group_target(
    headcount: int | None,
    bme: int | None,
    share_pct: float | None,
    turnover: float,
    years: int,
    note: str | None = None,
) -> dict[str, Any]:
    """One group's counts, parity target, gap and the appointments share needed."""
    out: dict[str, Any] = {
        "headcount": headcount,
        "bme": bme,
        "bme_pct": None,
        "target_share_pct": share_pct,
        "parity_target_people": None,
        "parity_target_people_rounded_up": None,
        "gap_people": None,
        "required_bme_appointment_share_pct": None,
        "vacancies_to_target_year": None,
        "bme_appointments_to_target_year": None,
    }
    if headcount is None or bme is None:
        out["note"] = note or _SUPPRESSED
        return out
    if headcount == 0:
        out["note"] = "nobody is in this group, so no share or target can be computed"
        return out
    out["bme_pct"] = bme / headcount * 100
    if share_pct is None:
        out["note"] = "the target share is not available, so no target can be set"
        return out
    parity = share_pct / 100 * headcount
    rounded = _ceil_people(parity)
    out.update(
        parity_target_people=parity,
        parity_target_people_rounded_up=rounded,
        gap_people=max(0, rounded - bme),
        **_trajectory(headcount, bme, rounded, turnover, years),
    )
    return out


def evaluate_stated_target(
    stated: StatedTarget,
    block: Mapping[str, Any],
    turnover: float,
    report_year: int,
    default_year: int,
) -> dict[str, Any]:
    """What a stated target means against the group's headcount and its parity target."""
    out: dict[str, Any] = {
        "bme_people": stated.bme_people,
        "by_year": stated.by_year or default_year,
        "stated_as": stated.stated_as,
    }
    headcount, bme = block.get("headcount"), block.get("bme")
    parity_up = block.get("parity_target_people_rounded_up")
    if not headcount or bme is None or parity_up is None:
        out["note"] = block.get("note") or "the group's figures are not available"
        return out
    if stated.bme_people > parity_up:
        relation = "above parity"
    elif stated.bme_people == parity_up:
        relation = "at parity"
    else:
        relation = "below parity"
    out.update(
        share_of_current_headcount_pct=stated.bme_people / headcount * 100,
        parity_target_people_rounded_up=parity_up,
        difference_from_parity_people=stated.bme_people - parity_up,
        relation=relation,
        gap_people=max(0, stated.bme_people - bme),
    )
    years = out["by_year"] - report_year
    if stated.bme_people > headcount:
        out.update(
            required_bme_appointment_share_pct=None,
            vacancies_to_target_year=None,
            bme_appointments_to_target_year=None,
            trajectory_note="the stated target is larger than the group itself",
        )
    else:
        trajectory = _trajectory(headcount, bme, stated.bme_people, turnover, years)
        out.update(trajectory)
    return out


def compute_targets(
    record: Mapping[str, Any],
    year_params: YearParams,
    organisation: Organisation,
    stated_targets: Iterable[StatedTarget] = (),
) -> dict[str, Any]:
    """Model Employer targets for every leadership group of one figures record (see METHOD).

    `stated_targets` (e.g. from the action plan) are evaluated against the group they name.
    """
    settings = year_params.targets
    report_year = year_params.report.year
    years = settings.target_year - report_year
    basis = target_share(record, year_params, organisation)
    groups: dict[str, Any] = {}
    for group in TARGET_GROUPS:
        headcount, bme, note = group_counts(record, group)
        block = group_target(
            headcount, bme, basis["target_share_pct"], settings.annual_turnover_rate, years, note
        )
        groups[group] = {
            "label": GROUP_LABELS[group],
            "bands": list(GROUP_BANDS[group]),
            "includes_board": group in GROUPS_WITH_BOARD,
            **block,
        }
    for stated in stated_targets:
        groups[stated.group]["stated_target"] = evaluate_stated_target(
            stated,
            groups[stated.group],
            settings.annual_turnover_rate,
            report_year,
            settings.target_year,
        )
    return {
        "method": METHOD_ID,
        **basis,
        "target_year": settings.target_year,
        "report_year": report_year,
        "years_to_target": years,
        "annual_turnover_rate": settings.annual_turnover_rate,
        "groups": groups,
    }
