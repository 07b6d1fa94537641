"""COVID-19 disparity context: reference figures, and staff risk assessments by group.

The reference figures (PHE, "Disparities in the risk and outcomes of COVID-19", June 2020,
as the model report cites them) ship as small CSVs under resources/, each row with its
source and caveats. ``risk_assessments.csv`` is optional organisation data (data contract
v1.1, docs/data-contract-v1.1.md): one row per member of staff, with whether they had a
COVID-19 risk assessment.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..errors import InputError, Problem
from ..inputs.columns import TextColumn
from ..inputs.csvio import read_table
from ..inputs.ethnicity import ACCEPTED_HELP, BME, GROUPS, WHITE
from ..inputs.schemas import ethnic_group, parse_bool
from ..paths import display_path
from ..textfiles import kind_problem, probe

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
    columns are ignored with a note in the log; rows left wholly blank are skipped. A
    broken link, a folder or an unreadable file at the path is an error, not "absent".
    """
    kind = probe(path)
    if kind == "missing":
        return None
    if kind != "file":
        raise InputError(kind_problem(path, kind, "the section will then say 'not available'"))
    table = read_table(path, "add the header row: ethnic_category,assessed")
    name = display_path(path)
    missing = [c for c in RISK_COLUMNS if c not in table]
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
    extra = [c for c in table.names if c not in RISK_COLUMNS]
    if extra:
        log.info("%s: ignored extra column(s) %s", name, ", ".join(extra))
    ethnicity, assessed = table["ethnic_category"], table["assessed"]
    problems = [
        Problem(
            name,
            "is not a known ethnic category",
            ACCEPTED_HELP,
            row=int(table.rows[i]),
            column="ethnic_category",
            value=value,
        )
        for i, value in _failures(ethnicity, lambda t: ethnic_group(t) is not None)
    ]
    problems += [
        Problem(
            name,
            "is not true or false",
            "write true if the member of staff had a COVID-19 risk assessment, otherwise false",
            row=int(table.rows[i]),
            column="assessed",
            value=value,
        )
        for i, value in _failures(assessed, lambda t: parse_bool(t) is not None)
    ]
    if problems:
        raise InputError(sorted(problems, key=lambda p: (p.row or 0, p.column or "")))
    codes, groups = ethnicity.mapped(ethnic_group)
    group_of_row = np.array(groups, dtype=object)[codes] if groups else np.array([], dtype=object)
    codes, flags = assessed.mapped(parse_bool)
    flag_of_row = np.array(flags, dtype=bool)[codes] if flags else np.array([], dtype=bool)
    return pd.DataFrame({"group": pd.Series(group_of_row, dtype=object), "assessed": flag_of_row})


def _failures(cells: TextColumn, ok: Callable[[str], bool]) -> list[tuple[int, str]]:
    """(position, value as typed) of every row whose cell fails ``ok``."""
    bad = cells.test(ok)
    return list(zip(bad.tolist(), cells.values_at(bad), strict=True))


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
