"""`wres import recruitment`, `survey` and `board`: worked examples and every bad input."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from wres_analysis.importers import import_summaries
from wres_analysis.importers.board import import_board
from wres_analysis.importers.recruitment import import_recruitment
from wres_analysis.importers.survey import import_survey
from wres_analysis.inputs.loading import load_extracts

from .importing import (
    SALT,
    csv_rows,
    import_params_fixture,  # noqa: F401 (a fixture)
    problems_of,
    run_cli,
    write,
)

ORG, YEAR = "RXX", 2021


def folder(tmp_path: Path) -> Path:
    return tmp_path / "data" / ORG / str(YEAR)


# --- recruitment -----------------------------------------------------------------------------
def recruit(tmp_path: Path, import_params: Path, text: str, name: str = "apps.csv") -> list:
    source = write(tmp_path / name, text)
    import_recruitment(source, ORG, YEAR, data_dir=tmp_path / "data", params_dir=import_params)
    return csv_rows(folder(tmp_path) / "recruitment.csv")


def test_furthest_stage_follows_the_wres_rules(tmp_path, import_params):
    rows = recruit(
        tmp_path,
        import_params,
        "Vacancy,Ethnic Origin,Furthest Stage\n"
        "V1,A,Applied\nV1,A,Shortlisted\nV1,A,Interviewed\nV1,A,Appointed\n"
        "V2,H Indian,Offered\nV2,H Indian,Appointed\nV2,LK,Not Shortlisted\nV3,,Shortlisted\n",
    )
    assert rows == [
        ["ethnic_category", "shortlisted", "appointed"],
        ["", "1", "0"],
        ["A", "3", "1"],  # shortlisted, interviewed and appointed all count as shortlisted
        ["H Indian", "2", "1"],  # offered but not appointed: shortlisted only
        ["LK", "0", "0"],
    ]
    extracts = load_extracts(tmp_path / "data", ORG, YEAR, only=("recruitment",))
    totals = extracts.recruitment.groupby("group")[["shortlisted", "appointed"]].sum()
    assert totals.loc["BME"].tolist() == [2, 1] and totals.loc["White"].tolist() == [3, 1]
    [summary] = import_summaries(tmp_path / "data", ORG, YEAR)
    assert summary.lines[0] == (
        "8 applications → 6 shortlisted, 2 appointed (2 applications not shortlisted)"
    )


def test_yes_no_columns_count_an_appointed_applicant_as_shortlisted(tmp_path, import_params):
    rows = recruit(
        tmp_path,
        import_params,
        "Ethnicity,Shortlisted,Appointed\n"
        "A,Yes,No\nA,Y,Yes\nA,No,Yes\nM,No,No\nM,Yes,\nM,,\n",  # withdrawn after shortlisting
    )
    assert rows[1:] == [["A", "3", "2"], ["M", "1", "0"]]
    summary = json.loads((folder(tmp_path) / "recruitment.import.json").read_text())
    assert summary["counts"]["appointed_not_marked_shortlisted"] == 1
    assert "1 applicant appointed but not marked shortlisted" in " ".join(summary["lines"])


def test_withdrawn_is_not_guessed(tmp_path, import_params):
    source = write(tmp_path / "a.csv", "Ethnicity,Stage\nA,Appointed\nB,Withdrawn\nC,Withdrawn\n")
    [problem] = problems_of(
        import_recruitment, source, ORG, YEAR, data_dir=tmp_path / "data", params_dir=import_params
    )
    assert (problem.row, problem.column, problem.value) == (3, "Stage", "Withdrawn")
    assert "2 rows (rows 3, 4)" in problem.problem
    assert '`  "Withdrawn": <applied | shortlisted | appointed>`' in problem.fix
    assert "under 'stages:'" in problem.fix and not (tmp_path / "data").exists()


def test_unmapped_recruitment_values_are_all_reported(tmp_path, import_params):
    source = write(tmp_path / "a.csv", "Ethnicity,Shortlisted,Appointed\nWhite British,Maybe,No\n")
    found = problems_of(
        import_recruitment, source, ORG, YEAR, data_dir=tmp_path / "data", params_dir=import_params
    )
    assert sorted((p.column, p.value) for p in found) == [
        ("Ethnicity", "White British"),
        ("Shortlisted", "Maybe"),
    ]


def test_a_layout_that_cannot_be_told_is_refused(tmp_path, import_params):
    source = write(tmp_path / "a.csv", "Ethnicity,Stage,Shortlisted,Appointed\nA,Shortlisted,Y,N\n")
    [problem] = problems_of(
        import_recruitment, source, ORG, YEAR, data_dir=tmp_path / "data", params_dir=import_params
    )
    assert "cannot tell the layout" in problem.problem and "layout: stage" in problem.fix


# --- staff survey ------------------------------------------------------------------------------
MEASURES = ("har_from_pat", "har_from_staff", "equal", "q16b")


def survey_workbook(tmp_path: Path, rows: list[list]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Trust code", *(f"{m}_eth_summary_{s}_2024" for m in MEASURES for s in (1, 2))])
    for row in rows:
        sheet.append(row)
    path = tmp_path / "survey.xlsx"
    workbook.save(path)
    return path


def confirm(import_params: Path, groups: str = '{"1": White, "2": BME}', values: str = "fraction"):
    mapping = import_params / "import" / "survey.yaml"
    text = mapping.read_text(encoding="utf-8")
    text = text.replace("groups: {}", f"groups: {groups}")
    text = text.replace("values: null", f"values: {values}")
    mapping.write_text(text, encoding="utf-8")


def test_survey_values_for_the_organisation_in_contract_form(tmp_path, import_params):
    confirm(import_params, groups='{2: White, 1: BME}')  # the labels said 2 is White here
    source = survey_workbook(
        tmp_path,
        [["RAA", *[0.5] * 8], ["rxx", 0.2834, 0.301, 0.22, 0.27, 0.55, 0.43, None, 0.09]],
    )
    result = import_survey(
        source, ORG, YEAR, survey_year=2024, data_dir=tmp_path / "data", params_dir=import_params
    )
    assert csv_rows(folder(tmp_path) / "staff_survey.csv") == [
        ["indicator", "group", "percentage", "respondents"],
        ["5", "White", "30.1", ""],
        ["5", "BME", "28.34", ""],
        ["6", "White", "27", ""],
        ["6", "BME", "22", ""],
        ["7", "White", "43", ""],
        ["7", "BME", "55", ""],
        ["8", "White", "9", ""],  # indicator 8 BME is empty in the file: not written
    ]
    assert "Empty in the survey file, so not written: 8 BME." in result.summary.lines
    loaded = load_extracts(tmp_path / "data", ORG, YEAR, only=("staff_survey",))
    assert len(loaded.staff_survey) == 7


def test_survey_groups_and_scale_are_never_assumed(tmp_path, import_params):
    source = survey_workbook(tmp_path, [["RXX", *[0.5] * 8]])
    found = problems_of(
        import_survey, source, ORG, YEAR, survey_year=2024, data_dir=tmp_path / "data",
        params_dir=import_params,
    )  # fmt: skip
    assert len(found) == 2
    assert "'groups' must name one suffix for White and one for BME" in found[0].problem
    assert 'groups: {"1": White, "2": BME}' in found[0].fix
    assert "'values' is not set" in found[1].problem and "values: fraction" in found[1].fix


def test_a_survey_year_without_a_mapping_is_refused(tmp_path, import_params):
    source = survey_workbook(tmp_path, [["RXX", *[0.5] * 8]])
    [problem] = problems_of(
        import_survey, source, ORG, YEAR, survey_year=2019, data_dir=tmp_path / "data",
        params_dir=import_params,
    )  # fmt: skip
    assert "no column mapping for survey year 2019" in problem.problem


@pytest.mark.parametrize(
    ("row", "code", "words"),
    [
        (["RXX", 1.5, *[0.5] * 7], "RXX", "is not a fraction from 0 to 1"),
        (["RXX", "n/a", *[0.5] * 7], "RXX", "is not a fraction"),
        (["RAB", *[0.5] * 8], "RXX", "no row for organisation 'RXX'"),
    ],
)
def test_bad_survey_values_are_reported(tmp_path, import_params, row, code, words):
    confirm(import_params)
    source = survey_workbook(tmp_path, [row])
    found = problems_of(
        import_survey, source, ORG, YEAR, survey_year=2024, code=code,
        data_dir=tmp_path / "data", params_dir=import_params,
    )  # fmt: skip
    assert words in found[0].problem
    assert not (tmp_path / "data").exists()


def test_percent_values_are_copied_as_published(tmp_path, import_params):
    confirm(import_params, values="percent")
    source = survey_workbook(tmp_path, [["RXX", 23.5, 30, 22, 27, 55, 43, 10, 9]])
    import_survey(
        source, ORG, YEAR, survey_year=2024, data_dir=tmp_path / "data", params_dir=import_params
    )
    assert csv_rows(folder(tmp_path) / "staff_survey.csv")[1] == ["5", "White", "23.5", ""]


# --- board -----------------------------------------------------------------------------------
REGISTER = (
    "Name,Role,Ethnic Origin,Voting,Role Type\n"
    "Ann Smith,Chair,A,Yes,Chair\n"
    "Bob Jones,Chief Executive,H,Yes,Executive Director\n"
    "Cat Lee,Associate NED,LK,No,Non-Executive Director\n"
)


def test_a_board_register_becomes_board_csv_without_names(tmp_path, import_params, capsys):
    source = write(tmp_path / "register.csv", REGISTER)
    argv = ["import", "board", str(source), "--org", ORG, "--year", str(YEAR),
            "--data-dir", str(tmp_path / "data"), "--params-dir", str(import_params)]  # fmt: skip
    code, out, err = run_cli(argv, capsys)
    assert code == 0 and "3 board members → 2 voting, 1 executive" in out
    header, *rows = csv_rows(folder(tmp_path) / "board.csv")
    assert header == ["member_id", "ethnic_category", "voting", "executive"]
    assert sorted(r[1:] for r in rows) == [
        ["A", "true", "false"],
        ["H", "true", "true"],
        ["LK", "false", "false"],
    ]
    assert all(r[0].startswith("M") and len(r[0]) == 17 for r in rows)
    board = load_extracts(tmp_path / "data", ORG, YEAR, only=("board",)).board
    assert board["voting"].sum() == 2 and board["executive"].sum() == 1
    for path in folder(tmp_path).iterdir():
        text = path.read_text(encoding="utf-8")
        assert not any(name in text for name in ("Ann", "Smith", "Bob", "Cat Lee", SALT))
    assert "Ann" not in out + err


def test_a_member_keeps_their_member_id_next_year(tmp_path, import_params):
    first = write(tmp_path / "2021.csv", REGISTER)
    second = write(tmp_path / "2022.csv", REGISTER.replace("Ann Smith", "ann  SMITH"))
    import_board(first, ORG, 2021, data_dir=tmp_path / "data", params_dir=import_params)
    import_board(second, ORG, 2022, data_dir=tmp_path / "data", params_dir=import_params)
    ids = [
        {r[1]: r[0] for r in csv_rows(tmp_path / "data" / ORG / str(y) / "board.csv")[1:]}
        for y in (2021, 2022)
    ]
    assert ids[0] == ids[1]


def test_bad_board_registers_are_reported_by_row_never_by_name(tmp_path, import_params):
    source = write(
        tmp_path / "register.csv",
        REGISTER + "Dan Fox,NED,A,Sometimes,Non-Executive Director\n"
        "ann smith,Chair,A,Yes,Chair\n,NED,A,Yes,Chair\n",
    )
    found = problems_of(
        import_board, source, ORG, YEAR, data_dir=tmp_path / "data", params_dir=import_params
    )
    assert [(p.row, p.column) for p in found] == [(5, "Voting"), (7, "Name"), (6, "Name")]
    assert '`  "Sometimes": <true | false>`' in found[0].fix
    assert "row 6 names the same member as row 2" in found[2].problem
    assert all("ann" not in str(p).lower() for p in found[1:])


def test_a_board_register_in_a_workbook(tmp_path, import_params):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for line in REGISTER.splitlines():
        sheet.append(line.split(","))
    workbook.save(tmp_path / "register.xlsx")
    import_board(
        tmp_path / "register.xlsx", ORG, YEAR, data_dir=tmp_path / "data", params_dir=import_params
    )
    assert len(csv_rows(folder(tmp_path) / "board.csv")) == 4


def test_a_survey_column_that_is_not_there_points_at_its_mapping(tmp_path, import_params):
    confirm(import_params)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    headings = [f"{m}_eth_summary_{s}_2024" for m in MEASURES for s in (1, 2)]
    headings[-1] = "q16b_eth_summ_2_2024"  # renamed in this year's file
    sheet.append(["Trust code", *headings])
    sheet.append(["RXX", *[0.5] * 8])
    workbook.save(tmp_path / "survey.xlsx")
    [problem] = problems_of(
        import_survey, tmp_path / "survey.xlsx", ORG, YEAR, survey_year=2024,
        data_dir=tmp_path / "data", params_dir=import_params,
    )  # fmt: skip
    assert "'q16b_eth_summary_2_2024'" in problem.problem and problem.row == 1
    assert "indicator 8 under 'years: 2024: indicators:'" in problem.fix
