"""Small random organisations for disclosure tests, built by the package's own indicators.

`small_record(org)` turns a few counts into a full internal figures record (indicators 1-9,
targets, COVID-19 risk assessments) through `compute_indicators`, `compute_targets` and
`risk_assessment_shares`, without writing CSV files. `small_orgs()` is the hypothesis
strategy: random bands and staff types, groups, flows, survey respondents and a board.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from hypothesis import strategies as st

from wres_analysis.figures.covid import risk_assessment_shares
from wres_analysis.figures.record import compute_indicators, settings_of
from wres_analysis.figures.targets import compute_targets
from wres_analysis.inputs.extracts import Extracts
from wres_analysis.params import Disclosure, Organisation, YearParams

GROUPS = ("White", "BME", "Unknown")
BANDS = ("Band 3", "Band 5", "Band 7", "Band 8a", "Band 8b", "VSM")
YEAR = 2021
ORG = Organisation(code="SMALL", name="Small", type="trust", region="test")


def _frame(counts: dict[str, int], **columns: Any) -> pd.DataFrame:
    groups = np.repeat(GROUPS, [counts.get(g, 0) for g in GROUPS])
    return pd.DataFrame({"group": groups, **{k: v for k, v in columns.items()}})


def _workforce(rows: list[tuple[str, str, int, int, int]]) -> pd.DataFrame:
    parts = [
        pd.DataFrame({"group": [g] * n, "pay_band": band, "staff_type": staff_type})
        for staff_type, band, *counts in rows
        for g, n in zip(GROUPS, counts, strict=True)
        if n
    ]
    return pd.concat(parts, ignore_index=True)


def _per_group(values: dict[str, tuple[int, ...]], *names: str) -> pd.DataFrame:
    return pd.DataFrame(
        [{"group": g, **dict(zip(names, values[g], strict=True))} for g in GROUPS if g in values]
    )


def small_record(org: dict[str, Any], disclosure: Disclosure | None = None) -> dict[str, Any]:
    """A full internal record of one small organisation (see `small_orgs` for the keys)."""
    params = YearParams(year=YEAR, disclosure=disclosure or Disclosure())
    workforce = _workforce(org["bands"])
    survey = None
    if org["respondents"] is not None:
        survey = pd.DataFrame(
            [
                {"indicator": n, "group": g, "percentage": 20.0 + n, "respondents": r}
                for n in (5, 6, 7, 8)
                for g, r in zip(("White", "BME"), org["respondents"], strict=True)
            ]
        )
    board = pd.DataFrame(org["board"], columns=["group", "voting", "executive"])
    extracts = Extracts(
        org="SMALL",
        year=YEAR,
        workforce=workforce,
        recruitment=_per_group(org["recruitment"], "shortlisted", "appointed"),
        disciplinary=_per_group({g: (e,) for g, e in org["entered"].items()}, "entered"),
        training=_per_group({g: (a,) for g, a in org["accessed"].items()}, "accessed"),
        staff_survey=survey,
        board=board if len(board) else None,
    )
    previous = Extracts(
        org="SMALL",
        year=YEAR - 1,
        workforce=None,
        disciplinary=_per_group({g: (e,) for g, e in org["entered_before"].items()}, "entered"),
    )
    record: dict[str, Any] = {
        "contract": 1,
        "org": "SMALL",
        "year": YEAR,
        "indicators": compute_indicators(extracts, params, previous),
        "settings": settings_of(params),
        "notes": [],
        "published": False,
        "suppressed": [],
    }
    risk = org.get("risk")
    if risk is None:
        record["covid"] = {"risk_assessments": {"available": False, "note": "absent"}}
    else:
        frame = pd.DataFrame(
            [(g, True) for g in GROUPS for _ in range(risk[g][1])]
            + [(g, False) for g in GROUPS for _ in range(risk[g][0] - risk[g][1])],
            columns=["group", "assessed"],
        )
        record["covid"] = {"risk_assessments": {"available": True, **risk_assessment_shares(frame)}}
    record["targets"] = compute_targets(record, params, ORG)
    return record


small = st.integers(0, 14)


@st.composite
def _band_rows(draw: st.DrawFn) -> list[tuple[str, str, int, int, int]]:
    rows = []
    for staff_type in ("clinical", "non-clinical"):
        for band in draw(st.lists(st.sampled_from(BANDS), max_size=3, unique=True)):
            counts = draw(st.tuples(st.integers(0, 40), small, small))
            if sum(counts) == 0:
                counts = (1, 0, 0)
            rows.append((staff_type, band, *counts))
    if not rows:
        rows.append(("clinical", "Band 5", 12, 3, 1))
    return rows


@st.composite
def small_orgs(draw: st.DrawFn, risk: bool | None = None) -> dict[str, Any]:
    """A random small organisation: 1-6 band rows, flows, survey respondents and a board."""
    bands = draw(_band_rows())
    headcount = {g: sum(r[2 + i] for r in bands) for i, g in enumerate(GROUPS)}
    recruitment = {}
    for g in GROUPS:
        shortlisted = draw(st.integers(0, 30))
        recruitment[g] = (shortlisted, draw(st.integers(0, shortlisted)))
    org = {
        "bands": bands,
        "recruitment": recruitment,
        "entered": {g: draw(st.integers(0, 6)) for g in GROUPS},
        "entered_before": {g: draw(st.integers(0, 6)) for g in GROUPS},
        "accessed": {g: draw(st.integers(0, headcount[g])) for g in GROUPS},
        "respondents": draw(st.none() | st.tuples(st.integers(0, 30), st.integers(0, 30))),
        "board": draw(
            st.lists(st.tuples(st.sampled_from(GROUPS), st.booleans(), st.booleans()), max_size=8)
        ),
    }
    with_risk = draw(st.booleans()) if risk is None else risk
    if with_risk:
        org["risk"] = {}
        for g in GROUPS:
            people = draw(st.integers(0, 25))
            org["risk"][g] = (people, draw(st.integers(0, people)))
    return org
