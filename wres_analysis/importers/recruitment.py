"""`wres import recruitment`: an application-level export (TRAC, NHS Jobs) to recruitment.csv.

One row per application, in one of two layouts (``layout`` in the params; ``auto`` picks
the one whose columns the export has):

- ``stage``: a furthest-stage column; the ``stages`` table says which stage each value is
  (applied, shortlisted or appointed; interviewed and offered are shortlisted);
- ``flags``: yes/no columns for shortlisted and appointed; the ``flags`` table reads them.

WRES indicator 2 counts applicants shortlisted and those appointed from shortlisting: an
applicant appointed also counts as shortlisted (even if the export does not say so), and
one who withdrew after shortlisting stays shortlisted, not appointed. The file written
has one row per ethnic category value (counts summed), which the data contract accepts.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ..errors import InputError, Problem
from ..paths import display_path
from .mapping import (
    CHOOSE,
    ETHNICITY_ADVICE,
    ETHNICITY_CHOICES,
    RecruitmentParams,
    Table,
    columns_wanted,
    ethnicity_value,
    load_import_params,
    params_path,
)
from .output import FileContent, check_destination, csv_bytes, write_import
from .reading import Export, read_export
from .summary import ImportResult, ImportSummary, plural
from .unmapped import encode, take, unmapped_problems

OUTPUT = "recruitment.csv"
STAGE_RANK = {"applied": 0, "shortlisted": 1, "appointed": 2}


def _layout(export: Export, params: RecruitmentParams, params_file: str) -> str:
    """stage or flags: as set, or (auto) the one whose columns the export has."""
    has = set(export.columns)
    flags = {"shortlisted", "appointed"}
    auto = params.layout == "auto"
    if params.layout == "stage" or (auto and "stage" in has and not has & flags):
        needed, layout = {"stage"}, "stage"
    elif params.layout == "flags" or (auto and flags <= has and "stage" not in has):
        needed, layout = flags, "flags"
    else:
        found = ", ".join(sorted(has - {"ethnicity"})) or "neither"
        raise InputError(
            Problem(
                file=export.file,
                problem=f"cannot tell the layout: the export has {found} of the stage column "
                "and the shortlisted and appointed columns",
                fix=f"set 'layout: stage' (a furthest-stage column) or 'layout: flags' (yes/no "
                f"columns) in {params_file}, and the column headings under 'columns:'",
                row=params.header_row,
            )
        )
    missing = sorted(needed - has)
    if missing:
        raise InputError(
            [
                Problem(
                    file=export.file,
                    problem=f"layout {layout} needs a column for {role}, and none of the headings "
                    f"{getattr(params.columns, role)} is in row {params.header_row}",
                    fix=f"add the export's heading to 'columns: {role}:' in {params_file}",
                    row=params.header_row,
                )
                for role in missing
            ]
        )
    return layout


def recruitment_counts(
    export: Export, params: RecruitmentParams, params_file: str
) -> tuple[FileContent, ImportSummary]:
    """recruitment.csv (bytes) and the summary from one export; nothing written."""
    layout = _layout(export, params, params_file)
    problems: list[Problem] = []
    ethnicity_table = Table("ethnicity", params.ethnicity, ETHNICITY_CHOICES)

    def mapped(role: str, resolve, what: str, table: Table, advice: str = CHOOSE) -> np.ndarray:
        coded = encode(export.columns[role])
        targets = coded.lookup(resolve)
        known = np.array([t is not None for t in targets], dtype=bool)
        found = unmapped_problems(
            export, role, coded, known, None, what=what, table=table, params_file=params_file,
            advice=advice,
        )  # fmt: skip
        problems.extend(found)
        return take(targets, coded.codes)

    ethnicity = mapped(
        "ethnicity",
        lambda v: ethnicity_value(v, ethnicity_table),
        "ethnicity",
        ethnicity_table,
        ETHNICITY_ADVICE,
    )
    corrected = 0
    if layout == "stage":
        stages = Table("stages", params.stages, "<applied | shortlisted | appointed>")
        stage = mapped("stage", stages.get, "stage", stages)
        rank = np.array([STAGE_RANK.get(s, -1) for s in stage], dtype=np.int64)
        shortlisted, appointed = rank >= 1, rank == 2
    else:
        flags = Table("flags", params.flags, "<true | false>")
        short_flag = mapped("shortlisted", flags.get, "shortlisted value", flags)
        appoint_flag = mapped("appointed", flags.get, "appointed value", flags)
        appointed = appoint_flag == True  # noqa: E712 (object array of True/False/None)
        marked = short_flag == True  # noqa: E712
        corrected = int((appointed & ~marked).sum())
        shortlisted = marked | appointed
    if problems:
        raise InputError(problems)
    if len(export) == 0:
        raise InputError(
            Problem(
                export.file,
                "the export has a heading row but no applications",
                "export the report for the year (1 April to 31 March); if there really were no "
                "applications, write recruitment.csv by hand with its header row only",
            )
        )
    values, codes = np.unique(ethnicity.astype(str), return_inverse=True)
    short_sum = np.bincount(codes, weights=shortlisted, minlength=values.size).astype(np.int64)
    hired_sum = np.bincount(codes, weights=appointed, minlength=values.size).astype(np.int64)
    data = csv_bytes(
        {
            "ethnic_category": values.astype(object),
            "shortlisted": short_sum.astype(str),
            "appointed": hired_sum.astype(str),
        }
    )
    n, n_short, n_hired = len(export), int(shortlisted.sum()), int(appointed.sum())
    lines = [
        f"{plural(n, 'application')} → {n_short:,} shortlisted, {n_hired:,} appointed "
        f"({plural(n - n_short, 'application')} not shortlisted)",
        "An applicant appointed counts as shortlisted; one who withdrew after shortlisting "
        "stays shortlisted, not appointed.",
        f"Read from the {'furthest-stage column' if layout == 'stage' else 'yes/no columns'}; "
        f"counts summed per ethnic category value ({plural(values.size, 'row')} written).",
    ]
    if corrected:
        lines.append(
            f"{plural(corrected, 'applicant')} appointed but not marked shortlisted counted as "
            "shortlisted."
        )
    if export.skipped_blank:
        lines.append(f"{plural(export.skipped_blank, 'blank row')} skipped.")
    summary = ImportSummary(
        kind="recruitment",
        output=OUTPUT,
        source=export.name,
        source_format=export.format,
        mapping=Path(params_file).name,
        columns=dict(export.headings),
        counts={
            "applications": n,
            "shortlisted": n_short,
            "appointed": n_hired,
            "appointed_not_marked_shortlisted": corrected,
            "blank_rows_skipped": export.skipped_blank,
        },
        lines=lines,
    )
    return data, summary


def import_recruitment(
    source: Path,
    org: str,
    year: int,
    *,
    data_dir: Path,
    params_dir: Path,
    mapping: Path | None = None,
) -> ImportResult:
    """Read an application-level export and write data/<org>/<year>/recruitment.csv."""
    folder = check_destination(data_dir, org, year)
    path = params_path("recruitment", params_dir, mapping)
    params = load_import_params(RecruitmentParams, path)
    params_file = display_path(path)
    wanted = columns_wanted(params.columns, frozenset({"stage", "shortlisted", "appointed"}))
    export = read_export(
        source, wanted, header_row=params.header_row, sheet=params.sheet, section=params_file
    )
    data, summary = recruitment_counts(export, params, params_file)
    return ImportResult(write_import(folder, OUTPUT, data, summary), summary)
