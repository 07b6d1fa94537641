"""`wres import board`: the board register (CSV or a workbook) to board.csv (indicator 9).

One row per board member at 31 March. The member's name (or whatever identifies them) is
never copied: ``member_id`` is its salted hash (`pseudonym`, case and spacing of the name
ignored), stable from year to year under the same salt. Voting and executive values go
through the ``voting`` and ``executive`` tables; rows come out sorted by member_id.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ..errors import InputError, Problem
from ..inputs.schemas import row_problems
from ..paths import display_path
from .mapping import (
    CHOOSE,
    ETHNICITY_ADVICE,
    ETHNICITY_CHOICES,
    BoardParams,
    Table,
    columns_wanted,
    ethnicity_value,
    load_import_params,
    params_path,
)
from .output import FileContent, check_destination, csv_bytes, write_import
from .pseudonym import BOARD_DOMAIN, Salt, digests, load_salt, name_key, prefixed_hex
from .reading import Export, read_export
from .summary import ImportResult, ImportSummary, plural
from .unmapped import encode, take, unmapped_problems

OUTPUT = "board.csv"


def board_rows(
    export: Export, params: BoardParams, params_file: str, salt: Salt
) -> tuple[FileContent, ImportSummary]:
    """board.csv (bytes) and the summary from one register; nothing written."""
    problems: list[Problem] = []
    tables = {
        "voting": Table("voting", params.voting, "<true | false>"),
        "executive": Table("executive", params.executive, "<true | false>"),
        "ethnicity": Table("ethnicity", params.ethnicity, ETHNICITY_CHOICES),
    }

    def mapped(role: str, resolve, what: str, advice: str = CHOOSE) -> np.ndarray:
        coded = encode(export.columns[role])
        targets = coded.lookup(resolve)
        known = np.array([t is not None for t in targets], dtype=bool)
        problems.extend(
            unmapped_problems(
                export,
                role,
                coded,
                known,
                None,
                what=what,
                table=tables[role],
                params_file=params_file,
                advice=advice,
            )
        )
        return take(targets, coded.codes)

    ethnicity = mapped(
        "ethnicity",
        lambda v: ethnicity_value(v, tables["ethnicity"]),
        "ethnicity",
        ETHNICITY_ADVICE,
    )
    voting = mapped("voting", tables["voting"].get, "voting value")
    executive = mapped("executive", tables["executive"].get, "executive value")
    names = [name_key(n) for n in export.columns["member"].to_pylist()]
    heading = export.headings["member"]
    blank = [int(export.rows[i]) for i, n in enumerate(names) if not n]
    problems += row_problems(
        export.file,
        heading,
        blank,
        None,
        "the member is not named",
        f"give every member's name (or identifier) in '{heading}', or delete the row if it is "
        "not a member",
    )
    first: dict[str, int] = {}
    repeats = []
    for i, name in enumerate(names):
        if name and first.setdefault(name, i) != i:
            repeats.append((int(export.rows[i]), int(export.rows[first[name]])))
    problems += row_problems(
        export.file,
        heading,
        [r for r, _ in repeats],
        None,
        [f"row {r} names the same member as row {f}" for r, f in repeats],
        "list each member once: delete the repeated row",
    )
    if problems:
        raise InputError(problems)
    hashes = digests(names, salt, BOARD_DOMAIN)
    order = np.argsort(hashes, kind="stable")
    flags = np.array(["false", "true"], dtype=object)
    data = csv_bytes(
        {
            "member_id": prefixed_hex(hashes[order], "M"),
            "ethnic_category": ethnicity[order],
            "voting": flags[voting[order].astype(bool).astype(int)],
            "executive": flags[executive[order].astype(bool).astype(int)],
        }
    )
    n = len(names)
    n_voting, n_exec = int(voting.astype(bool).sum()), int(executive.astype(bool).sum())
    lines = [f"{plural(n, 'board member')} → {n_voting:,} voting, {n_exec:,} executive"]
    if export.skipped_blank:
        lines.append(f"{plural(export.skipped_blank, 'blank row')} skipped.")
    summary = ImportSummary(
        kind="board",
        output=OUTPUT,
        source=export.name,
        source_format=export.format,
        mapping=Path(params_file).name,
        columns=dict(export.headings),
        counts={
            "members": n,
            "voting": n_voting,
            "executive": n_exec,
            "blank_rows_skipped": export.skipped_blank,
        },
        lines=lines,
    )
    return data, summary


def import_board(
    source: Path,
    org: str,
    year: int,
    *,
    data_dir: Path,
    params_dir: Path,
    mapping: Path | None = None,
    salt_file: Path | None = None,
) -> ImportResult:
    """Read a board register and write data/<org>/<year>/board.csv and its summary."""
    folder = check_destination(data_dir, org, year)
    path = params_path("board", params_dir, mapping)
    params = load_import_params(BoardParams, path)
    params_file = display_path(path)
    salt = load_salt(params_dir, salt_file)
    export = read_export(
        source,
        columns_wanted(params.columns, frozenset()),
        header_row=params.header_row,
        sheet=params.sheet,
        section=params_file,
    )
    if len(export) == 0:
        raise InputError(
            Problem(
                export.file,
                "the register has a heading row but no members",
                "add one row per board member at 31 March",
            )
        )
    data, summary = board_rows(export, params, params_file, salt)
    notes = [note for note in [salt.save_if_new()] if note]
    return ImportResult(write_import(folder, OUTPUT, data, summary), summary, notes)
