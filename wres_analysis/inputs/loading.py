"""Load and validate one organisation's extracts for one year (data contract v1).

`load_extracts` reads ``<data_dir>/<org>/<year>/<file>.csv``, checks every file against
the contract (all violations, each naming file, row, column, value and the fix), runs the
checks that span rows or files (duplicates, appointed <= shortlisted, training within
headcount) and returns the standardised `Extracts` the indicators are computed from.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import InputError, Problem
from ..params import check_org_code
from ..paths import display_path
from .csvio import FIRST_ROW, read_csv_text
from .ethnicity import GROUPS, to_groups
from .extracts import FILES, Extracts
from .schemas import (
    SPECS,
    FileSpec,
    canonical_band,
    canonical_staff_type,
    check_columns,
    map_values,
    parse_bank,
    parse_bool,
    parse_int,
    parse_number,
    parse_optional_int,
    row_problems,
    survey_group,
)

logger = logging.getLogger(__name__)

ROWS_LISTED = 20  # rows named in one aggregate message


def load_extracts(
    data_dir: Path,
    org: str,
    year: int,
    *,
    only: Iterable[str] | None = None,
    require_workforce: bool = True,
) -> Extracts:
    """Read and validate the files of ``data_dir/org/year``; raise InputError on bad input.

    ``only`` restricts the files read (others are None). With ``require_workforce`` False a
    missing year folder or workforce.csv gives None instead of an error (e.g. the previous
    year for indicator 3's rolling average). Every problem in every file is reported at once.
    """
    names = _selected(only)
    data_dir = Path(data_dir)
    check_org_code(org, data_dir)
    folder = data_dir / org / str(year)
    workforce_needed = require_workforce and "workforce" in names
    if not folder.is_dir():
        if workforce_needed:
            raise InputError(_missing_workforce(data_dir, org, year))
        logger.info("%s: no folder; nothing loaded", display_path(folder))
        return Extracts(org=org, year=year, workforce=None)

    _log_unexpected_files(folder)
    notes: list[str] = []
    problems: list[Problem] = []
    frames: dict[str, pd.DataFrame] = {}
    for name in names:
        path = folder / SPECS[name].filename
        if not path.exists():
            if name == "workforce" and workforce_needed:
                problems.append(_missing_workforce(data_dir, org, year))
            else:
                logger.info("%s absent: its section will show 'not available'", path.name)
            continue
        try:
            frames[name], file_notes = _load_file(SPECS[name], path, year)
        except InputError as exc:
            problems += exc.problems
            continue
        notes += file_notes

    if "training" in frames and "workforce" in frames:
        problems += training_within_headcount(
            frames["training"], frames["workforce"], display_path(folder / "training.csv")
        )
    elif "training" in frames:
        notes.append("training.csv: not checked against the headcount (no workforce.csv read)")
    if problems:
        raise InputError(problems)
    tables = {name: frame.reset_index(drop=True) for name, frame in frames.items()}
    return Extracts(
        org=org,
        year=year,
        workforce=tables.get("workforce"),
        recruitment=tables.get("recruitment"),
        disciplinary=tables.get("disciplinary"),
        training=tables.get("training"),
        staff_survey=tables.get("staff_survey"),
        board=tables.get("board"),
        notes=tuple(notes),
    )


# --- folder level --------------------------------------------------------------------------
def _selected(only: Iterable[str] | None) -> tuple[str, ...]:
    """The contract files to read, in contract order."""
    if only is None:
        return FILES
    wanted = {only} if isinstance(only, str) else set(only)
    unknown = sorted(wanted - set(FILES))
    if unknown:
        raise ValueError(f"unknown file name(s) {unknown} in only=; choose from {list(FILES)}")
    return tuple(name for name in FILES if name in wanted)


def _missing_workforce(data_dir: Path, org: str, year: int) -> Problem:
    """workforce.csv is required: say where it was expected and what was found instead."""
    folder = data_dir / org / str(year)
    path = folder / "workforce.csv"
    if folder.is_dir():
        others = sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))
        found = f"the folder holds: {', '.join(others)}" if others else "the folder is empty"
    elif (data_dir / org).is_dir():
        years = sorted(p.name for p in (data_dir / org).iterdir() if p.is_dir())
        found = (
            f"there is no folder for {year}; years found for {org}: {', '.join(years) or 'none'}"
        )
    else:
        found = f"there is no folder for organisation {org} in {display_path(data_dir)}"
    return Problem(
        file=display_path(path),
        problem=f"workforce.csv is missing and is required ({found})",
        fix=f"put the workforce extract (one row per person in post at 31 March {year}) at "
        f"{display_path(path)}, or check the data folder, organisation code and year given",
    )


def _log_unexpected_files(folder: Path) -> None:
    """Log files this loader does not read, so a misnamed file is noticed (not an error:
    other modules may read further files from the same folder)."""
    expected = {SPECS[name].filename for name in FILES}
    for path in sorted(folder.iterdir()):
        if path.is_file() and not path.name.startswith(".") and path.name not in expected:
            logger.info(
                "%s: not one of the data contract v1 files (%s); not read here",
                path.name,
                ", ".join(sorted(expected)),
            )


# --- one file ------------------------------------------------------------------------------
def _empty_fix(spec: FileSpec, year: int) -> str:
    columns = ", ".join(spec.columns)
    if spec.name == "workforce":
        return f"add the header row ({columns}) and one row per person in post at 31 March {year}"
    return (
        f"add the header row ({columns}), or remove the file: the section will then show "
        "'not available'"
    )


def _load_file(spec: FileSpec, path: Path, year: int) -> tuple[pd.DataFrame, list[str]]:
    """Read, check and standardise one file; index kept as spreadsheet row - 2."""
    file = display_path(path)
    raw = read_csv_text(path, _empty_fix(spec, year))
    notes = []
    extras = spec.extra_columns(list(raw.columns))
    if extras:
        notes.append(f"{spec.filename}: extra column(s) ignored: {', '.join(extras)}")
        logger.info("%s", notes[-1])
    problems = check_columns(raw, spec, file)
    present = set(raw.columns)
    if set(spec.required) <= present:
        problems += CROSS_CHECKS.get(spec.name, _no_cross_check)(raw, file, year)
    if problems:
        raise InputError(problems)
    if raw.empty:
        notes.append(f"{spec.filename}: header only, no rows (counted as zero)")
    frame, more_notes = STANDARDISE[spec.name](raw)
    for note in more_notes:
        logger.info("%s", note)
    return frame, notes + more_notes


def _no_cross_check(raw: pd.DataFrame, file: str, year: int) -> list[Problem]:
    return []


# --- checks across rows ----------------------------------------------------------------------
def duplicate_rows(keys: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(rows, first_rows): spreadsheet rows whose key already appeared, and where it first did."""
    repeated = keys.duplicated(keep="first").to_numpy()
    if not repeated.any():
        return np.array([], dtype="int64"), np.array([], dtype="int64")
    codes, _ = pd.factorize(keys)
    _, first_position = np.unique(codes, return_index=True)  # codes run 0..k-1
    labels = keys.index.to_numpy(dtype="int64")
    first_label = labels[first_position[codes]]
    return labels[repeated] + FIRST_ROW, first_label[repeated] + FIRST_ROW


def _unique_id(raw: pd.DataFrame, file: str, column: str, what: str) -> list[Problem]:
    """Repeated identifiers: name both rows, never the identifier itself."""
    ids = raw[column].str.strip()
    rows, first = duplicate_rows(ids[ids != ""])
    return row_problems(
        file,
        column,
        rows,
        None,
        [f"row {r} repeats the {column} of row {f}" for r, f in zip(rows, first, strict=True)],
        f"each {what} appears once: delete the repeated row, or give each {what} their own "
        f"{column}",
    )


def _workforce_checks(raw: pd.DataFrame, file: str, year: int) -> list[Problem]:
    if raw.empty:
        return [
            Problem(
                file=file,
                problem="the file has a header but no staff rows",
                fix=f"add one row per person in post at 31 March {year}; workforce.csv is "
                "required for every indicator",
            )
        ]
    problems = _unique_id(raw, file, "staff_id", "person")
    if "bank" in raw.columns and map_values(raw["bank"], parse_bank).eq(True).all():
        problems.append(
            Problem(
                file=file,
                problem="every row is marked bank-only, so no staff in post remain",
                fix="bank is true only for bank-only staff: set it to false (or leave it empty) "
                "for everyone in post",
                column="bank",
            )
        )
    return problems


def _recruitment_checks(raw: pd.DataFrame, file: str, year: int) -> list[Problem]:
    shortlisted = pd.to_numeric(map_values(raw["shortlisted"], parse_int), errors="coerce")
    appointed = pd.to_numeric(map_values(raw["appointed"], parse_int), errors="coerce")
    # rows with an unreadable or negative number are reported by the column rules instead
    over = ((appointed > shortlisted) & (shortlisted >= 0)).to_numpy()
    rows = raw.index.to_numpy()[over] + FIRST_ROW
    return row_problems(
        file,
        "appointed",
        rows,
        raw["appointed"].to_numpy()[over].tolist(),
        [
            f"appointed ({a:.0f}) is more than shortlisted ({s:.0f}) on the same row"
            for a, s in zip(appointed[over], shortlisted[over], strict=True)
        ],
        "only shortlisted applicants can be appointed, so appointed cannot exceed shortlisted; "
        "correct one of the two numbers",
    )


def _survey_checks(raw: pd.DataFrame, file: str, year: int) -> list[Problem]:
    indicator = raw["indicator"].str.strip()
    group = map_values(raw["group"], survey_group)
    valid = indicator.isin(["5", "6", "7", "8"]) & group.notna()
    keys = indicator[valid] + " " + group[valid].astype(str)
    rows, first = duplicate_rows(keys)
    values = raw.loc[rows - FIRST_ROW, "group"].tolist()
    texts = [
        f"indicator {k.split()[0]}, group {k.split()[1]} already appears on row {f}"
        for k, f in zip(keys.loc[rows - FIRST_ROW], first, strict=True)
    ]
    return row_problems(
        file,
        "group",
        rows,
        values,
        texts,
        "keep one row per indicator and group (White and BME for each of 5-8); delete the "
        "repeated row",
    )


def _board_checks(raw: pd.DataFrame, file: str, year: int) -> list[Problem]:
    return _unique_id(raw, file, "member_id", "board member")


CROSS_CHECKS: dict[str, Callable[[pd.DataFrame, str, int], list[Problem]]] = {
    "workforce": _workforce_checks,
    "recruitment": _recruitment_checks,
    "staff_survey": _survey_checks,
    "board": _board_checks,
}


def training_within_headcount(
    training: pd.DataFrame, workforce: pd.DataFrame, file: str
) -> list[Problem]:
    """Staff accessing training, summed per group, cannot exceed the group's headcount."""
    accessed = training.groupby("group")["accessed"].sum()
    headcount = workforce["group"].value_counts()
    problems = []
    for group in GROUPS:  # three groups: not a loop over staff rows
        total, staff = int(accessed.get(group, 0)), int(headcount.get(group, 0))
        if total <= staff:
            continue
        labels = training.index[training["group"] == group]
        rows = [int(label) + FIRST_ROW for label in labels]
        listed = ", ".join(str(r) for r in rows[:ROWS_LISTED])
        more = f" and {len(rows) - ROWS_LISTED} more" if len(rows) > ROWS_LISTED else ""
        problems.append(
            Problem(
                file=file,
                problem=f"the {group} group's accessed values add up to {total}, more than its "
                f"headcount of {staff} in workforce.csv (bank staff excluded); rows of the "
                f"{group} group: {listed}{more}",
                fix="accessed counts staff in post who accessed non-mandatory training or CPD, "
                "so it cannot exceed the group's headcount: check the ethnic_category of these "
                "rows and that both files cover the same organisation and year",
                row=rows[0] if len(rows) == 1 else None,
                column="accessed",
                value=total,
            )
        )
    return problems


# --- standardised tables -----------------------------------------------------------------------
def _groups(raw: pd.DataFrame) -> pd.Series:
    return to_groups(raw["ethnic_category"])[0].astype("str")


def _ints(raw: pd.DataFrame, column: str) -> pd.Series:
    return map_values(raw[column], parse_int).astype("int64")


def _workforce(raw: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    frame = pd.DataFrame(
        {
            "group": _groups(raw),
            "pay_band": map_values(raw["pay_band"], canonical_band).astype("str"),
            "staff_type": map_values(raw["clinical"], canonical_staff_type).astype("str"),
        }
    )
    if "bank" not in raw.columns:
        return frame, []
    bank = map_values(raw["bank"], parse_bank).astype(bool)
    excluded = int(bank.sum())
    notes = [f"workforce.csv: {excluded} bank-only row(s) excluded"] if excluded else []
    return frame[~bank], notes


def _recruitment(raw: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    frame = pd.DataFrame(
        {
            "group": _groups(raw),
            "shortlisted": _ints(raw, "shortlisted"),
            "appointed": _ints(raw, "appointed"),
        }
    )
    return frame, []


def _disciplinary(raw: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    return pd.DataFrame({"group": _groups(raw), "entered": _ints(raw, "entered")}), []


def _training(raw: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    return pd.DataFrame({"group": _groups(raw), "accessed": _ints(raw, "accessed")}), []


def _staff_survey(raw: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    if "respondents" in raw.columns:
        respondents = map_values(raw["respondents"], parse_optional_int).astype("Int64")
    else:
        respondents = pd.Series(pd.NA, index=raw.index, dtype="Int64")
    frame = pd.DataFrame(
        {
            "indicator": _ints(raw, "indicator"),
            "group": map_values(raw["group"], survey_group).astype("str"),
            "percentage": map_values(raw["percentage"], parse_number).astype("float64"),
            "respondents": respondents,
        }
    )
    return frame, []


def _board(raw: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    frame = pd.DataFrame(
        {
            "group": _groups(raw),
            "voting": map_values(raw["voting"], parse_bool).astype(bool),
            "executive": map_values(raw["executive"], parse_bool).astype(bool),
        }
    )
    return frame, []


STANDARDISE: dict[str, Callable[[pd.DataFrame], tuple[pd.DataFrame, list[str]]]] = {
    "workforce": _workforce,
    "recruitment": _recruitment,
    "disciplinary": _disciplinary,
    "training": _training,
    "staff_survey": _staff_survey,
    "board": _board,
}
