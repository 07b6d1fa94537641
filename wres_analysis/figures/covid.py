"""COVID-19 disparity context: reference figures, and staff risk assessments by group.

The reference figures (PHE, "Disparities in the risk and outcomes of COVID-19", June 2020,
as the model report cites them) ship as small CSVs under resources/, each row with its
source and caveats. ``risk_assessments.csv`` is optional organisation data (data contract
v1.1, docs/data-contract-v1.1.md): one row per member of staff, with whether they had a
COVID-19 risk assessment.
"""

from __future__ import annotations

import logging
from importlib.resources import files
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import InputError, Problem
from ..inputs.csvio import read_csv_text, row_of
from ..inputs.ethnicity import ACCEPTED_HELP, BME, GROUPS, WHITE, to_groups
from ..inputs.schemas import parse_bool
from ..paths import display_path

log = logging.getLogger(__name__)

DIAGNOSIS_FILE = "covid_reference.csv"
MORTALITY_FILE = "covid_mortality_reference.csv"
RISK_FILE = "risk_assessments.csv"
RISK_COLUMNS: tuple[str, ...] = ("ethnic_category", "assessed")


def _resource(name: str) -> pd.DataFrame:
    with files("wres_analysis").joinpath("resources", name).open("rb") as handle:
        return pd.read_csv(handle, encoding="utf-8")


def load_diagnosis_rates() -> pd.DataFrame:
    """Age-standardised COVID-19 diagnosis rates per 100,000 by ethnic group and sex.

    Columns: measure, ethnic_group, sex, value, unit, period, source, caveats.
    """
    return _resource(DIAGNOSIS_FILE)


def load_mortality_risk() -> pd.DataFrame:
    """Relative risk of death among confirmed cases compared with White British, as a range.

    Columns: ethnic_group, relative_risk_low, relative_risk_high, comparator, adjusted_for,
    period, source, caveats. Where the review gives one range for several groups, each
    group carries that range (see caveats).
    """
    return _resource(MORTALITY_FILE)


def load_risk_assessments(path: Path) -> pd.DataFrame | None:
    """The optional risk-assessment file as columns (group, assessed); None if absent.

    Each row is one member of staff: ``ethnic_category`` (as in every extract) and
    ``assessed`` (true or false, any case, as every true/false column of the contract).
    Bad values raise an InputError naming the file, row, column, value and fix; extra
    columns are ignored with a note in the log; rows left wholly blank are skipped.
    """
    if not path.exists():
        return None
    frame = read_csv_text(path, "add the header row: ethnic_category,assessed")
    name = display_path(path)
    missing = [c for c in RISK_COLUMNS if c not in frame.columns]
    if missing:
        raise InputError(
            [
                Problem(
                    name,
                    f"required column '{column}' is missing",
                    f"add a '{column}' column; the header must have {', '.join(RISK_COLUMNS)}",
                    row=1,
                    column=column,
                )
                for column in missing
            ]
        )
    extra = [c for c in frame.columns if c not in RISK_COLUMNS]
    if extra:
        log.info("%s: ignored extra column(s) %s", name, ", ".join(extra))
    groups, invalid = to_groups(frame["ethnic_category"])
    assessed = frame["assessed"].map(parse_bool)
    problems = [
        Problem(
            name,
            "is not a known ethnic category",
            ACCEPTED_HELP,
            row=row_of(i),
            column="ethnic_category",
            value=frame.at[i, "ethnic_category"],
        )
        for i in frame.index[invalid.to_numpy()]
    ]
    problems += [
        Problem(
            name,
            "is not true or false",
            "write true if the member of staff had a COVID-19 risk assessment, otherwise false",
            row=row_of(i),
            column="assessed",
            value=frame.at[i, "assessed"],
        )
        for i in frame.index[assessed.isna().to_numpy()]
    ]
    if problems:
        raise InputError(sorted(problems, key=lambda p: (p.row or 0, p.column or "")))
    return pd.DataFrame({"group": groups, "assessed": assessed.astype(bool)}).reset_index(drop=True)


def _share(headcount: int, assessed: int) -> dict[str, Any]:
    block: dict[str, Any] = {"headcount": headcount, "assessed": assessed}
    if headcount:
        block["assessed_pct"] = assessed / headcount * 100
    else:
        block.update(assessed_pct=None, note="no staff in this group")
    return block


def risk_assessment_shares(frame: pd.DataFrame) -> dict[str, Any]:
    """Share of staff risk-assessed in each group (White, BME, Unknown) and overall.

    Percentages are 0-100 and unrounded; ``bme_minus_white_pp`` is the BME share minus the
    White share in percentage points (null, with a note, when either cannot be computed).
    """
    out: dict[str, Any] = {}
    for group in GROUPS:
        subset = frame.loc[frame["group"] == group, "assessed"]
        out[group.lower()] = _share(len(subset), int(subset.sum()))
    out["all"] = _share(len(frame), int(frame["assessed"].sum()))
    white, bme = out[WHITE.lower()]["assessed_pct"], out[BME.lower()]["assessed_pct"]
    if white is None or bme is None:
        out["bme_minus_white_pp"] = None
        out["note"] = "the BME or White group has no staff, so the two cannot be compared"
    else:
        out["bme_minus_white_pp"] = bme - white
    return out
