"""Every kind of bad input: an InputError whose Problems name file, row, column, value, fix."""

from __future__ import annotations

import pytest

from wres_analysis.errors import InputError, Problem
from wres_analysis.inputs.ethnicity import ACCEPTED_HELP
from wres_analysis.inputs.loading import load_extracts
from wres_analysis.inputs.schemas import MAX_ROWS_SHOWN

from .test_loading import GOOD, ORG, YEAR, workforce_text, write, write_good


def problems(data_dir, **kwargs) -> list[Problem]:
    """The problems load_extracts reports for the data in data_dir."""
    with pytest.raises(InputError) as caught:
        load_extracts(data_dir, kwargs.pop("org", ORG), kwargs.pop("year", YEAR), **kwargs)
    found = caught.value.problems
    for p in found:  # every message says how to fix it
        assert p.fix and "Fix: " in str(p)
    return found


def only(found: list[Problem]) -> Problem:
    assert len(found) == 1, [str(p) for p in found]
    return found[0]


def assert_at(p: Problem, file: str, row: int | None, column: str | None, value: object) -> None:
    assert p.file.endswith(file), p.file
    assert (p.row, p.column, p.value) == (row, column, value), str(p)


# --- values --------------------------------------------------------------------------------
def test_invalid_ethnic_code(tmp_path):
    write(tmp_path, "workforce", workforce_text("S1,A,Band 5,clinical", "S2,Q,Band 5,clinical"))
    p = only(problems(tmp_path))
    assert_at(p, "workforce.csv", 3, "ethnic_category", "Q")
    assert p.fix == ACCEPTED_HELP
    assert "row 3" in str(p) and "'Q'" in str(p)


def test_ethnicity_text_without_a_code_is_not_silently_unknown(tmp_path):
    write_good(tmp_path, recruitment="ethnic_category,shortlisted,appointed\nWhite British,3,1\n")
    assert_at(only(problems(tmp_path)), "recruitment.csv", 2, "ethnic_category", "White British")


def test_missing_column_lists_the_columns_found(tmp_path):
    write_good(tmp_path, disciplinary="ethnicity,entered\nA,1\n")
    p = only(problems(tmp_path))
    assert_at(p, "disciplinary.csv", 1, "ethnic_category", None)
    assert "'ethnicity'" in p.problem and "'entered'" in p.problem
    assert "ethnic_category" in p.fix


def test_negative_count(tmp_path):
    write_good(tmp_path, disciplinary="ethnic_category,entered\nA,1\nH,-2\n")
    p = only(problems(tmp_path))
    assert_at(p, "disciplinary.csv", 3, "entered", "-2")
    assert "negative" in p.problem


@pytest.mark.parametrize("value", ["two", "1.5", "", "3 people"])
def test_non_integer_count(tmp_path, value):
    write_good(tmp_path, training=f"ethnic_category,accessed\nA,{value}\n")
    p = only(problems(tmp_path))
    assert_at(p, "training.csv", 2, "accessed", value)
    assert "whole number" in p.problem


def test_appointed_more_than_shortlisted_names_both_values(tmp_path):
    write_good(tmp_path, recruitment="ethnic_category,shortlisted,appointed\nA,10,3\nD,4,6\n")
    p = only(problems(tmp_path))
    assert_at(p, "recruitment.csv", 3, "appointed", "6")
    assert "6" in p.problem and "4" in p.problem and "shortlisted" in p.problem


def test_training_above_headcount_names_group_rows_sum_and_headcount(tmp_path):
    # GOOD workforce: 2 White, 2 BME, 2 Unknown in post (one White bank row excluded)
    write_good(tmp_path, training="ethnic_category,accessed\nA,2\nH,1\nB,1\nD,1\n")
    p = only(problems(tmp_path))
    assert_at(p, "training.csv", None, "accessed", 3)
    assert "White" in p.problem and "headcount of 2" in p.problem
    assert "2, 4" in p.problem  # the rows of the White group


def test_training_above_headcount_single_row(tmp_path):
    write_good(tmp_path, training="ethnic_category,accessed\nZ,5\n")
    p = only(problems(tmp_path))
    assert_at(p, "training.csv", 2, "accessed", 5)
    assert "Unknown" in p.problem


def test_duplicate_staff_id_names_rows_never_the_id(tmp_path):
    write(
        tmp_path,
        "workforce",
        workforce_text(
            "P-SECRET-1,A,Band 5,clinical",
            "P2,A,Band 5,clinical",
            "P-SECRET-1,A,Band 5,clinical",
            " P2 ,A,Band 5,clinical",
        ),
    )
    found = problems(tmp_path)
    assert [(p.row, p.column, p.value) for p in found] == [
        (4, "staff_id", None),
        (5, "staff_id", None),
    ]
    assert "row 4 repeats the staff_id of row 2" in str(found[0])
    assert "row 5 repeats the staff_id of row 3" in str(found[1])
    assert "SECRET" not in str(InputError(found))


def test_blank_staff_id(tmp_path):
    write(tmp_path, "workforce", workforce_text("S1,A,Band 5,clinical", "  ,A,Band 5,clinical"))
    assert_at(only(problems(tmp_path)), "workforce.csv", 3, "staff_id", None)


def test_unknown_band(tmp_path):
    write(tmp_path, "workforce", workforce_text("S1,A,Band 10,clinical"))
    p = only(problems(tmp_path))
    assert_at(p, "workforce.csv", 2, "pay_band", "Band 10")
    assert p.problem == "unknown band" and "Band 8a" in p.fix


def test_unknown_clinical_value(tmp_path):
    write(tmp_path, "workforce", workforce_text("S1,A,Band 5,medical"))
    assert_at(only(problems(tmp_path)), "workforce.csv", 2, "clinical", "medical")


@pytest.mark.parametrize(
    ("name", "text", "row", "column", "value"),
    [
        (
            "workforce",
            "staff_id,ethnic_category,pay_band,clinical,bank\nS1,A,Band 5,clinical,yes\n",
            2,
            "bank",
            "yes",
        ),
        ("board", "member_id,ethnic_category,voting,executive\nM1,A,Y,false\n", 2, "voting", "Y"),
        ("board", "member_id,ethnic_category,voting,executive\nM1,A,true,\n", 2, "executive", ""),
    ],
)
def test_bad_boolean(tmp_path, name, text, row, column, value):
    write_good(tmp_path, **{name: text})
    p = only(problems(tmp_path))
    assert_at(p, f"{name}.csv", row, column, value)
    assert "true" in p.fix and "false" in p.fix


def test_duplicate_board_member(tmp_path):
    write_good(
        tmp_path,
        board="member_id,ethnic_category,voting,executive\nM1,A,true,true\nM1,H,true,false\n",
    )
    p = only(problems(tmp_path))
    assert_at(p, "board.csv", 3, "member_id", None)
    assert "row 2" in p.problem


# --- staff survey --------------------------------------------------------------------------
SURVEY = "indicator,group,percentage,respondents\n"


@pytest.mark.parametrize(
    ("row_text", "column", "value", "words"),
    [
        ("5,White,123.5,10", "percentage", "123.5", "outside 0-100"),
        ("5,White,-1,10", "percentage", "-1", "outside 0-100"),
        ("5,White,30%,10", "percentage", "30%", "not a number"),
        ("9,White,30,10", "indicator", "9", "indicator"),
        ("5,Unknown,30,10", "group", "Unknown", "White or BME"),
        ("5,White,30,-4", "respondents", "-4", "negative"),
        ("5,White,30,many", "respondents", "many", "whole number"),
        ("5,White,30,20000000", "respondents", "20000000", "too large"),
    ],
)
def test_survey_values(tmp_path, row_text, column, value, words):
    write_good(tmp_path, staff_survey=SURVEY + "6,BME,10,5\n" + row_text + "\n")
    p = only(problems(tmp_path))
    assert_at(p, "staff_survey.csv", 3, column, value)
    assert words in p.problem


def test_survey_duplicate_indicator_and_group(tmp_path):
    write_good(tmp_path, staff_survey=SURVEY + "5,BME,10,5\n5,White,12,9\n5,BAME,11,5\n")
    p = only(problems(tmp_path))
    assert_at(p, "staff_survey.csv", 4, "group", "BAME")
    assert "row 2" in p.problem


# --- files ---------------------------------------------------------------------------------
@pytest.mark.parametrize("content", [b"", b"\n\n", b"\xef\xbb\xbf", b"  \r\n"])
def test_empty_optional_file(tmp_path, content):
    write_good(tmp_path)
    write(tmp_path, "board", content)
    p = only(problems(tmp_path))
    assert_at(p, "board.csv", 1, None, None)
    assert "empty" in p.problem
    assert "remove the file" in p.fix and "header row" in p.fix and "not available" in p.fix


def test_empty_workforce_file_asks_for_header_and_rows(tmp_path):
    write(tmp_path, "workforce", b"")
    p = only(problems(tmp_path))
    assert_at(p, "workforce.csv", 1, None, None)
    assert "staff_id" in p.fix and "remove" not in p.fix


def test_header_only_workforce_is_an_error(tmp_path):
    write(tmp_path, "workforce", workforce_text())
    p = only(problems(tmp_path))
    assert p.file.endswith("workforce.csv") and "no staff rows" in p.problem


def test_workforce_with_only_bank_staff_is_an_error(tmp_path):
    text = "staff_id,ethnic_category,pay_band,clinical,bank\nS1,A,Band 5,clinical,true\n"
    write(tmp_path, "workforce", text)
    p = only(problems(tmp_path))
    assert_at(p, "workforce.csv", None, "bank", None)
    assert "bank-only" in p.problem


def test_missing_workforce_names_the_expected_path(tmp_path):
    write(tmp_path, "recruitment", GOOD["recruitment"])
    p = only(problems(tmp_path))
    assert p.file.endswith(f"{ORG}/{YEAR}/workforce.csv")
    assert "missing" in p.problem and "recruitment.csv" in p.problem
    assert f"{ORG}/{YEAR}/workforce.csv" in p.fix and f"31 March {YEAR}" in p.fix


def test_missing_year_folder_lists_the_years_found(tmp_path):
    write(tmp_path, "workforce", GOOD["workforce"], year=2019)
    p = only(problems(tmp_path))
    assert p.file.endswith(f"{ORG}/{YEAR}/workforce.csv") and "2019" in p.problem


@pytest.mark.parametrize("org", ["", "../X", "X Y", "X/2020"])
def test_invalid_organisation_code(tmp_path, org):
    p = only(problems(write_good(tmp_path), org=org))
    assert p.value == org and "organisation code" in p.problem


def test_not_utf8_names_the_row(tmp_path):
    text = workforce_text("S1,A,Band 5,clinical", "S2,A,Band 5,clinical - caf\xe9")
    write(tmp_path, "workforce", text.encode("cp1252"))
    p = only(problems(tmp_path))
    assert_at(p, "workforce.csv", 3, None, None)
    assert "UTF-8" in p.problem and "UTF-8" in p.fix


def test_row_with_too_many_cells(tmp_path):
    write(
        tmp_path, "workforce", workforce_text("S1,A,Band 5,clinical", "S2,M, Black,Band 5,clinical")
    )
    p = only(problems(tmp_path))
    assert_at(p, "workforce.csv", 3, None, None)
    assert "5 cells" in p.problem and "quotes" in p.fix


def test_repeated_heading(tmp_path):
    write_good(tmp_path, disciplinary="ethnic_category,entered,entered\nA,1,2\n")
    p = only(problems(tmp_path))
    assert_at(p, "disciplinary.csv", 1, "entered", None)
    assert "columns 2 and 3" in p.problem


# --- reporting all of it, but not too much of it -----------------------------------------------
def test_every_violation_in_every_file_is_reported_together(tmp_path):
    write_good(
        tmp_path,
        recruitment="ethnic_category,shortlisted,appointed\nQ,1,0\nA,x,0\n",
        board="member_id,ethnic_category,voting,executive\nM1,A,maybe,true\n",
    )
    found = problems(tmp_path)
    assert [(p.file.rsplit("/", 1)[-1], p.row, p.column) for p in found] == [
        ("recruitment.csv", 2, "ethnic_category"),
        ("recruitment.csv", 3, "shortlisted"),
        ("board.csv", 2, "voting"),
    ]


def test_a_wholly_wrong_column_is_summarised(tmp_path):
    rows = [f"S{i},X{i % 3},Band 5,clinical" for i in range(50)]
    write(tmp_path, "workforce", workforce_text(*rows))
    found = problems(tmp_path)
    assert len(found) == MAX_ROWS_SHOWN + 1
    assert [p.row for p in found[:MAX_ROWS_SHOWN]] == list(range(2, 2 + MAX_ROWS_SHOWN))
    summary = found[-1]
    assert summary.row is None and summary.column == "ethnic_category"
    assert f"{50 - MAX_ROWS_SHOWN} more row(s)" in summary.problem
    assert "'X1'" in summary.problem and summary.fix == ACCEPTED_HELP


def test_unclosed_quote_names_the_row_it_starts_on(tmp_path):
    write(tmp_path, "workforce", workforce_text("S1,A,Band 5,clinical", 'S2,"A,Band 5,clinical'))
    p = only(problems(tmp_path))
    assert_at(p, "workforce.csv", 3, None, None)
    assert "double quotes" in p.fix


def test_semicolon_separated_file_gets_a_hint(tmp_path):
    write_good(tmp_path, disciplinary="ethnic_category;entered\nA;1\n")
    found = problems(tmp_path)
    assert [p.column for p in found] == ["ethnic_category", "entered"]
    assert all("comma-separated" in p.fix for p in found)
    assert "'ethnic_category;entered'" in found[0].problem


# --- implausible sizes ---------------------------------------------------------------------------
@pytest.mark.parametrize("value", ["10000001", "1234567890123456", "9" * 5000])
def test_a_count_too_large_to_be_people_says_so(tmp_path, value):
    write_good(tmp_path, training=f"ethnic_category,accessed\nA,{value}\n")
    p = only(problems(tmp_path))
    assert_at(p, "training.csv", 2, "accessed", value)
    assert "too large" in p.problem and "10,000,000" in p.problem


def test_ten_million_is_still_a_count(tmp_path):
    write_good(tmp_path, recruitment="ethnic_category,shortlisted,appointed\nA,10000000,1\n")
    assert load_extracts(tmp_path, ORG, YEAR).recruitment["shortlisted"].tolist() == [10_000_000]


def test_disciplinary_entries_above_the_headcount_name_group_rows_and_totals(tmp_path):
    # GOOD workforce: 2 White, 2 BME, 2 Unknown in post
    write_good(tmp_path, disciplinary="ethnic_category,entered\nA,1\nH,2\nD,1\n")
    p = only(problems(tmp_path))
    assert_at(p, "disciplinary.csv", None, "entered", 3)
    assert "BME" in p.problem and "headcount of 2" in p.problem and "3, 4" in p.problem
    assert "100%" in p.fix


def test_disciplinary_without_workforce_is_noted_not_checked(tmp_path):
    write(tmp_path, "disciplinary", "ethnic_category,entered\nA,40\n")
    ex = load_extracts(tmp_path, ORG, YEAR, only=["disciplinary"])
    assert any("disciplinary.csv: not checked against the headcount" in n for n in ex.notes)
