"""`wres import survey`: the NHS Staff Survey WRES breakdown to staff_survey.csv (indicators 5-8).

The benchmark data files have one row per organisation and one column per measure and
group, such as ``har_from_pat_eth_summary_1_2024``. Which suffix is White and which BME,
whether values are percentages or fractions, and the question behind each indicator
change between survey years and must be confirmed from the file's own labels: they are
set per survey year in params/import/survey.yaml and never assumed. A year, a group
mapping or a scale that is not set stops the import with the lines to add.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..errors import InputError, Problem
from ..paths import display_path
from .mapping import SurveyParams, SurveyYear, load_import_params, params_path
from .output import FileContent, check_destination, csv_bytes, write_import
from .reading import Export, Wanted, read_export
from .summary import ImportResult, ImportSummary, plural

OUTPUT = "staff_survey.csv"
GROUP_ORDER = ("White", "BME")


def _year_settings(params: SurveyParams, survey_year: int, params_file: str) -> SurveyYear:
    """The survey year's layout, with its groups and scale confirmed; else every gap at once."""
    settings = params.years.get(survey_year)
    if settings is None:
        known = ", ".join(str(y) for y in sorted(params.years)) or "none"
        raise InputError(
            Problem(
                file=params_file,
                problem=f"no column mapping for survey year {survey_year} (years mapped: {known})",
                fix=f"add a '{survey_year}:' entry under 'years:' with its groups, values and "
                "the columns of indicators 5-8, taken from the workbook's own labels "
                "(docs/importing.md shows one)",
                value=survey_year,
            )
        )
    problems = []
    if sorted(settings.groups.values()) != sorted(GROUP_ORDER):
        problems.append(
            Problem(
                file=params_file,
                problem=f"survey year {survey_year}: 'groups' must name one suffix for White "
                f"and one for BME (found {settings.groups or 'none'})",
                fix="read the workbook's notes or column labels to see which suffix is which, "
                f'then write under \'{survey_year}:\' the line `    groups: {{"1": White, '
                '"2": BME}` (with the suffixes the other way round if the labels say so)',
            )
        )
    if settings.values is None:
        problems.append(
            Problem(
                file=params_file,
                problem=f"survey year {survey_year}: 'values' is not set",
                fix=f"look at a value in the workbook, then write under '{survey_year}:' the "
                "line `    values: percent` (23.5 means 23.5%) or `    values: fraction` "
                "(0.235 means 23.5%)",
            )
        )
    missing = sorted({5, 6, 7, 8} - set(settings.indicators))
    if missing:
        problems.append(
            Problem(
                file=params_file,
                problem=f"survey year {survey_year}: no columns for indicator(s) "
                f"{', '.join(map(str, missing))}",
                fix="add each under 'indicators:' with its column name, e.g. "
                '`      8: {percentage: "q16b_eth_summary_{suffix}_2024"}`',
            )
        )
    if problems:
        raise InputError(problems)
    return settings


def _wanted(
    params: SurveyParams, settings: SurveyYear, survey_year: int, params_file: str
) -> dict[str, Wanted]:
    wanted = {}
    if params.org_column:
        wanted["org"] = Wanted(tuple(params.org_column))
    for indicator, columns in sorted(settings.indicators.items()):
        fix = (
            f"correct the column name of indicator {indicator} under 'years: {survey_year}: "
            f"indicators:' in {params_file} ({{suffix}} stands for each group's suffix), or "
            "set 'header_row' if the headings are on another row"
        )
        for suffix, group in settings.groups.items():
            wanted[f"{indicator} {group} percentage"] = Wanted(
                (columns.percentage.format(suffix=suffix),), fix=fix
            )
            if columns.respondents:
                wanted[f"{indicator} {group} respondents"] = Wanted(
                    (columns.respondents.format(suffix=suffix),), fix=fix
                )
    return wanted


def _org_row(export: Export, code: str, params_file: str) -> int:
    """The position of the organisation's row (exactly one)."""
    if "org" not in export.columns:
        if len(export) != 1:
            raise InputError(
                Problem(
                    export.file,
                    f"the file has {len(export)} rows and no organisation column is set",
                    f"set 'org_column' in {params_file} to the heading of the column holding "
                    "organisation codes",
                )
            )
        return 0
    codes = [c.strip().casefold() for c in export.columns["org"].to_pylist()]
    hits = [i for i, c in enumerate(codes) if c == code.strip().casefold()]
    if len(hits) == 1:
        return hits[0]
    heading = export.headings["org"]
    if hits:
        rows = ", ".join(str(export.rows[i]) for i in hits)
        raise InputError(
            Problem(
                export.file,
                f"organisation {code!r} has {len(hits)} rows ({rows})",
                "keep the organisation's own row only, or export the file again",
                column=heading,
                value=code,
            )
        )
    raise InputError(
        Problem(
            export.file,
            f"no row for organisation {code!r} in column '{heading}' ({len(export)} rows)",
            "give the organisation's code as the survey file writes it with --code",
            column=heading,
            value=code,
        )
    )


def _percentage(text: str, scale: str) -> str | None:
    """A published value as the contract's percentage text (fractions times 100, exactly)."""
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        return None
    if not value.is_finite():
        return None
    if scale == "fraction":
        value *= 100
    if not 0 <= value <= 100:
        return None
    return format(value.normalize(), "f")


def _respondents(text: str) -> str | None:
    stripped = text.strip()
    if stripped == "":
        return ""
    try:
        value = Decimal(stripped)
    except InvalidOperation:
        return None
    whole = value.is_finite() and value == value.to_integral() and value >= 0
    return str(int(value)) if whole else None


def survey_rows(
    export: Export, settings: SurveyYear, code: str, survey_year: int, params_file: str
) -> tuple[FileContent, ImportSummary]:
    """staff_survey.csv (bytes) and the summary for one organisation; nothing written."""
    position = _org_row(export, code, params_file)
    row = int(export.rows[position])
    out: dict[str, list[str]] = {k: [] for k in ("indicator", "group", "percentage", "respondents")}
    problems, blank = [], []
    assert settings.values is not None
    top = 100 if settings.values == "percent" else 1
    for indicator in sorted(settings.indicators):
        for group in GROUP_ORDER:
            role = f"{indicator} {group} percentage"
            text = export.columns[role][position].as_py()
            if text.strip() == "":
                blank.append(f"{indicator} {group}")
                continue
            value = _percentage(text, settings.values)
            responded = ""
            if f"{indicator} {group} respondents" in export.columns:
                r_role = f"{indicator} {group} respondents"
                r_text = export.columns[r_role][position].as_py()
                responded = _respondents(r_text)
                if responded is None:
                    problems.append(
                        Problem(
                            export.file,
                            "is not a whole number of respondents",
                            "check the column mapping for this survey year",
                            row=row,
                            column=export.headings[r_role],
                            value=r_text,
                        )
                    )
            if value is None:
                problems.append(
                    Problem(
                        export.file,
                        f"is not a {settings.values} from 0 to {top}",
                        f"check 'values' and the columns of survey year {survey_year} in "
                        f"{params_file}; a suppressed value should be an empty cell",
                        row=row,
                        column=export.headings[role],
                        value=text,
                    )
                )
                continue
            out["indicator"].append(str(indicator))
            out["group"].append(group)
            out["percentage"].append(value)
            out["respondents"].append(responded or "")
    if problems:
        raise InputError(problems)
    scale = (
        "Values were fractions, multiplied by 100."
        if settings.values == "fraction"
        else "Values were percentages, copied as published."
    )
    lines = [
        f"1 organisation row of {len(export):,} → {plural(len(out['indicator']), 'value')} "
        f"for indicators 5-8 (survey year {survey_year})",
        scale,
    ]
    if blank:
        lines.append(f"Empty in the survey file, so not written: {', '.join(blank)}.")
    summary = ImportSummary(
        kind="survey",
        output=OUTPUT,
        source=export.name,
        source_format=export.format,
        mapping=Path(params_file).name,
        columns=dict(export.headings),
        counts={"rows_in_file": len(export), "values": len(out["indicator"]), "empty": len(blank)},
        lines=lines,
    )
    return csv_bytes(out), summary


def import_survey(
    source: Path,
    org: str,
    year: int,
    *,
    survey_year: int,
    code: str | None = None,
    data_dir: Path,
    params_dir: Path,
    mapping: Path | None = None,
) -> ImportResult:
    """Read a survey benchmark file and write data/<org>/<year>/staff_survey.csv."""
    folder = check_destination(data_dir, org, year)
    path = params_path("survey", params_dir, mapping)
    params = load_import_params(SurveyParams, path)
    params_file = display_path(path)
    settings = _year_settings(params, survey_year, params_file)
    export = read_export(
        source,
        _wanted(params, settings, survey_year, params_file),
        header_row=params.header_row,
        sheet=params.sheet,
        section=params_file,
    )
    data, summary = survey_rows(export, settings, code or org, survey_year, params_file)
    return ImportResult(write_import(folder, OUTPUT, data, summary), summary)
