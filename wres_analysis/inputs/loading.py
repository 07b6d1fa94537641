"""Load and validate one organisation's extracts for one year (data contract v1).

`load_extracts` reads ``<data_dir>/<org>/<year>/<file>.csv``, checks every file against
the contract (all violations, each naming file, row, column, value and the fix), runs the
checks that span rows or files (duplicates, appointed <= shortlisted, training and
disciplinary entries within the headcount) and returns the standardised `Extracts` the
indicators are computed from. Paths that are there but cannot be read - a broken link, a
folder, a pipe, a file or folder without permission - are errors, never "not supplied".
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import InputError, Problem
from ..params import check_org_code
from ..paths import display_path
from ..textfiles import kind_problem, os_problem, probe
from .columns import FIRST_ROW, RawTable, TextColumn
from .csvio import read_table
from .ethnicity import GROUPS
from .extracts import FILES, Extracts
from .schemas import (
    SPECS,
    FileSpec,
    check_columns,
    parse_bank,
    parse_int,
    row_problems,
    survey_group,
)
from .standard import STANDARDISE, Standard, parsed_values

logger = logging.getLogger(__name__)

ROWS_LISTED = 20  # rows named in one aggregate message


@dataclass(frozen=True)
class Validated:
    """One organisation-year's files, read and checked: each file's standard columns as
    arrays (`Standard`) and the notes. `load_extracts` turns it into DataFrames."""

    org: str
    year: int
    files: dict[str, Standard]
    notes: tuple[str, ...] = ()


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
    validated = read_validated(data_dir, org, year, only=only, require_workforce=require_workforce)
    tables = {name: standard.frame(renumber=True) for name, standard in validated.files.items()}
    return Extracts(
        org=org,
        year=year,
        workforce=tables.get("workforce"),
        recruitment=tables.get("recruitment"),
        disciplinary=tables.get("disciplinary"),
        training=tables.get("training"),
        staff_survey=tables.get("staff_survey"),
        board=tables.get("board"),
        notes=validated.notes,
    )


def read_validated(
    data_dir: Path,
    org: str,
    year: int,
    *,
    only: Iterable[str] | None = None,
    require_workforce: bool = True,
) -> Validated:
    """As `load_extracts`, but the files' standard columns stay arrays (no DataFrames)."""
    names = _selected(only)
    data_dir = Path(data_dir)
    check_org_code(org, data_dir)
    folder = data_dir / org / str(year)
    workforce_needed = require_workforce and "workforce" in names
    kind = probe(folder)
    if kind == "missing":
        if workforce_needed:
            raise InputError(_missing_workforce(data_dir, org, year))
        logger.info("%s: no folder; nothing loaded", display_path(folder))
        return Validated(org=org, year=year, files={})
    if kind != "folder":
        raise InputError(
            kind_problem(folder, kind, f"make it the folder of {org}'s {year} extracts")
        )

    _log_unexpected_files(folder)
    notes: list[str] = []
    problems: list[Problem] = []
    loaded: dict[str, Standard] = {}
    for name in names:
        path = folder / SPECS[name].filename
        try:
            kind = probe(path)
            if kind == "missing":
                if name == "workforce" and workforce_needed:
                    problems.append(_missing_workforce(data_dir, org, year))
                else:
                    logger.info("%s absent: its section will show 'not available'", path.name)
                continue
            if kind != "file":
                raise InputError(
                    kind_problem(path, kind, "the section will then say 'not available'")
                )
            loaded[name] = _load_file(SPECS[name], path, year)
        except InputError as exc:
            problems += exc.problems
            continue
        notes += loaded[name].notes

    problems += _within_headcount_checks(loaded, folder, notes)
    if problems:
        raise InputError(problems)
    return Validated(org=org, year=year, files=loaded, notes=tuple(notes))


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


def _listing(folder: Path) -> list[os.DirEntry]:
    """The entries of a folder (hidden ones left out); an unreadable folder is an InputError."""
    try:
        with os.scandir(folder) as entries:
            return sorted((e for e in entries if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError as exc:
        raise InputError(os_problem(folder, exc)) from None


def _missing_workforce(data_dir: Path, org: str, year: int) -> Problem:
    """workforce.csv is required: say where it was expected and what was found instead."""
    folder = data_dir / org / str(year)
    path = folder / "workforce.csv"
    if probe(folder) == "folder":
        others = [e.name for e in _listing(folder)]
        found = f"the folder holds: {', '.join(others)}" if others else "the folder is empty"
    elif probe(data_dir / org) == "folder":
        years = [e.name for e in _listing(data_dir / org) if e.is_dir()]
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
    for entry in _listing(folder):
        try:
            is_file = entry.is_file()
        except OSError:  # pragma: no cover - reported when the file itself is read
            continue
        if is_file and entry.name not in expected:
            logger.info(
                "%s: not one of the data contract v1 files (%s); not read here",
                entry.name,
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


def _load_file(spec: FileSpec, path: Path, year: int) -> Standard:
    """Read, check and standardise one (regular) file."""
    file = display_path(path)
    raw = read_table(path, _empty_fix(spec, year), plain=spec.plain, coded=spec.coded)
    notes = []
    extras = spec.extra_columns(raw.names)
    if extras:
        notes.append(f"{spec.filename}: extra column(s) ignored: {', '.join(extras)}")
        logger.info("%s", notes[-1])
    problems = check_columns(raw, spec, file)
    if all(c in raw for c in spec.required):
        problems += CROSS_CHECKS.get(spec.name, _no_cross_check)(raw, file, year)
    if problems:
        raise InputError(problems)
    if raw.empty:
        notes.append(f"{spec.filename}: header only, no rows (counted as zero)")
    standard = STANDARDISE[spec.name](raw)
    for note in standard.notes:
        logger.info("%s", note)
    standard.notes[:0] = notes
    return standard


def _no_cross_check(raw: RawTable, file: str, year: int) -> list[Problem]:
    return []


# --- checks across rows ----------------------------------------------------------------------
def duplicate_rows(keys: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(rows, first_rows): spreadsheet rows whose key already appeared, and where it first did.

    ``keys`` is indexed by spreadsheet row - 2.
    """
    repeated = keys.duplicated(keep="first").to_numpy()
    if not repeated.any():
        return np.array([], dtype="int64"), np.array([], dtype="int64")
    codes, _ = pd.factorize(keys)
    _, first_position = np.unique(codes, return_index=True)  # codes run 0..k-1
    labels = keys.index.to_numpy(dtype="int64")
    first_label = labels[first_position[codes]]
    return labels[repeated] + FIRST_ROW, first_label[repeated] + FIRST_ROW


def _has_repeats(ids: TextColumn) -> bool:
    """Whether any identifier (spaces around it ignored, blanks left out) appears twice.

    Large columns are sorted, not hashed: pyarrow sorts a million short strings several
    times faster than it builds their hash table; a column already in order is not sorted
    again.
    """
    if not ids.is_plain_arrow:
        seen: set[str] = set()
        for value in ids.to_list():
            key = value.strip()
            if key in seen:
                return True
            if key:
                seen.add(key)
        return False
    import pyarrow.compute as pc

    present = ids.stripped().filter(ids.filled())
    if len(present) < 2:
        return False
    if pc.all(pc.less(present[:-1], present[1:])).as_py():  # in order: all distinct
        return False
    ordered = present.take(pc.sort_indices(present))
    return bool(pc.any(pc.equal(ordered[1:], ordered[:-1])).as_py())


def _unique_id(raw: RawTable, file: str, column: str, what: str) -> list[Problem]:
    """Repeated identifiers: name both rows, never the identifier itself."""
    cells = raw[column]
    if not _has_repeats(cells):
        return []
    ids = pd.Series(cells.to_list(), index=raw.rows - FIRST_ROW, dtype="str").str.strip()
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


def _workforce_checks(raw: RawTable, file: str, year: int) -> list[Problem]:
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
    if "bank" in raw:
        _, bank = raw["bank"].mapped(parse_bank)
        if all(b is True for b in bank):
            problems.append(
                Problem(
                    file=file,
                    problem="every row is marked bank-only, so no staff in post remain",
                    fix="bank is true only for bank-only staff: set it to false (or leave it "
                    "empty) for everyone in post",
                    column="bank",
                )
            )
    return problems


def _recruitment_checks(raw: RawTable, file: str, year: int) -> list[Problem]:
    shortlisted = parsed_values(raw["shortlisted"], parse_int, "float64")
    appointed = parsed_values(raw["appointed"], parse_int, "float64")
    # rows with an unreadable or negative number are reported by the column rules instead
    over = (appointed > shortlisted) & (shortlisted >= 0)
    positions = np.flatnonzero(over)
    return row_problems(
        file,
        "appointed",
        raw.rows[positions],
        raw["appointed"].values_at(positions),
        [
            f"appointed ({a:.0f}) is more than shortlisted ({s:.0f}) on the same row"
            for a, s in zip(appointed[over], shortlisted[over], strict=True)
        ],
        "only shortlisted applicants can be appointed, so appointed cannot exceed shortlisted; "
        "correct one of the two numbers",
    )


def _survey_checks(raw: RawTable, file: str, year: int) -> list[Problem]:
    first_row: dict[tuple[str, str], int] = {}
    rows, values, texts = [], [], []
    typed = raw["group"].to_list()
    for row, indicator, group_text in zip(
        raw.rows.tolist(), raw["indicator"].to_list(), typed, strict=True
    ):
        key = (indicator.strip(), survey_group(group_text))
        if key[0] not in ("5", "6", "7", "8") or key[1] is None:
            continue  # reported by the column rules
        if key in first_row:
            rows.append(row)
            values.append(group_text)
            texts.append(
                f"indicator {key[0]}, group {key[1]} already appears on row {first_row[key]}"
            )
        else:
            first_row[key] = row
    return row_problems(
        file,
        "group",
        rows,
        values,
        texts,
        "keep one row per indicator and group (White and BME for each of 5-8); delete the "
        "repeated row",
    )


def _board_checks(raw: RawTable, file: str, year: int) -> list[Problem]:
    return _unique_id(raw, file, "member_id", "board member")


CROSS_CHECKS: dict[str, Callable[[RawTable, str, int], list[Problem]]] = {
    "workforce": _workforce_checks,
    "recruitment": _recruitment_checks,
    "staff_survey": _survey_checks,
    "board": _board_checks,
}


# --- checks across files ---------------------------------------------------------------------
HEADCOUNT_CHECKS: dict[str, tuple[str, str]] = {
    # file: (count column, what it counts, for the fix)
    "training": ("accessed", "staff in post who accessed non-mandatory training or CPD"),
    "disciplinary": (
        "entered",
        "staff who entered a formal disciplinary investigation (a rate above 100% is impossible)",
    ),
}


def _within_headcount_checks(
    loaded: dict[str, Standard], folder: Path, notes: list[str]
) -> list[Problem]:
    """Training and disciplinary counts per group against the same year's headcount."""
    problems: list[Problem] = []
    for name, (column, what) in HEADCOUNT_CHECKS.items():
        if name not in loaded:
            continue
        if "workforce" not in loaded:
            notes.append(f"{name}.csv: not checked against the headcount (no workforce.csv read)")
            continue
        counted, staff = loaded[name].totals(column), loaded["workforce"].totals()
        if (counted <= staff).all():
            continue
        problems += within_headcount(
            loaded[name].frame(),
            loaded["workforce"].frame(),
            display_path(folder / f"{name}.csv"),
            column,
            what,
            headcount=staff,
        )
    return problems


def training_within_headcount(
    training: pd.DataFrame, workforce: pd.DataFrame, file: str
) -> list[Problem]:
    """Staff accessing training, summed per group, cannot exceed the group's headcount."""
    return within_headcount(training, workforce, file, *HEADCOUNT_CHECKS["training"])


def group_totals(frame: pd.DataFrame, column: str | None = None) -> np.ndarray:
    """Per-group totals of a count column (row counts when None), in GROUPS order."""
    groups = frame["group"]
    if isinstance(groups.dtype, pd.CategoricalDtype) and tuple(groups.cat.categories) == GROUPS:
        codes = groups.cat.codes.to_numpy()
        if column is None:
            return np.bincount(codes, minlength=len(GROUPS))
        weights = frame[column].to_numpy(dtype="int64")
        return np.bincount(codes, weights=weights, minlength=len(GROUPS)).astype("int64")
    if column is None:
        counts = groups.value_counts()
    else:
        counts = frame.groupby("group", observed=True)[column].sum()
    return np.array([int(counts.get(g, 0)) for g in GROUPS], dtype="int64")


def within_headcount(
    frame: pd.DataFrame,
    workforce: pd.DataFrame,
    file: str,
    column: str,
    what: str,
    headcount: np.ndarray | None = None,
) -> list[Problem]:
    """A count of people, summed per group, cannot exceed the group's headcount.

    ``frame`` is indexed by spreadsheet row - 2 (as loaded, before the index is reset);
    ``headcount`` is `group_totals(workforce)` when already counted.
    """
    totals = group_totals(frame, column)
    if headcount is None:
        headcount = group_totals(workforce)
    problems = []
    for i, group in enumerate(GROUPS):  # three groups: not a loop over staff rows
        total, staff = int(totals[i]), int(headcount[i])
        if total <= staff:
            continue
        labels = frame.index[(frame["group"] == group).to_numpy()]
        rows = [int(label) + FIRST_ROW for label in labels]
        listed = ", ".join(str(r) for r in rows[:ROWS_LISTED])
        more = f" and {len(rows) - ROWS_LISTED} more" if len(rows) > ROWS_LISTED else ""
        problems.append(
            Problem(
                file=file,
                problem=f"the {group} group's {column} values add up to {total}, more than its "
                f"headcount of {staff} in workforce.csv (bank staff excluded); rows of the "
                f"{group} group: {listed}{more}",
                fix=f"{column} counts {what}, so it cannot exceed the group's headcount: check "
                "the ethnic_category of these rows and that both files cover the same "
                "organisation and year",
                row=rows[0] if len(rows) == 1 else None,
                column=column,
                value=total,
            )
        )
    return problems
