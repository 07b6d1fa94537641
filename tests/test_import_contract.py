"""Data contract v1.2: ethnicity sub-codes everywhere, and the optional disability column."""

from __future__ import annotations

import pandas as pd
import pytest

from wres_analysis.errors import InputError
from wres_analysis.inputs.ethnicity import group_of, to_groups
from wres_analysis.inputs.loading import load_extracts

from .test_loading import ORG, YEAR, workforce_text, write, write_good


@pytest.mark.parametrize(
    ("value", "group"),
    [
        ("CA", "White"),  # White English
        ("C3", "White"),  # White unspecified
        ("c3", "White"),  # any case
        ("C3 White - Any other white background", "White"),
        ("CA White - English", "White"),
        ("LK", "BME"),  # Asian unspecified
        ("LK Asian - Unspecified", "BME"),
        ("PC", "BME"),  # Black Nigerian
        ("SD", "BME"),
        ("GF", "BME"),
        ("ZA", "Unknown"),  # a sub-code of Z, not stated
        ("99", "Unknown"),  # stays "not known"
        ("A", "White"),
        ("H Indian", "BME"),
    ],
)
def test_sub_codes_count_as_their_first_character(value, group):
    assert group_of(value) == group


@pytest.mark.parametrize(
    "value",
    [
        "NA",  # "not available", not a sub-code of N (no national N sub-codes)
        "NK",  # "not known"
        "NS Not stated",
        "I1",  # no I, O or Q in the NHS list
        "OA",
        "QB",
        "X1",
        "9",
        "98",
        "C33",  # three characters
        "LKX Asian",
        "C-3",
    ],
)
def test_other_two_character_values_stay_errors(value):
    assert group_of(value) is None


def test_a_workforce_file_with_sub_codes_loads_with_hand_counted_groups(tmp_path):
    write(
        tmp_path,
        "workforce",
        workforce_text(
            "S1,CA,Band 5,clinical",
            "S2,C3 White - Any other white background,Band 5,clinical",
            "S3,LK,Band 6,clinical",
            "S4,PC Black - Nigerian,Band 6,non-clinical",
            "S5,SD,Band 7,non-clinical",
            "S6,99,Band 7,non-clinical",
            "S7,B,Band 7,non-clinical",
        ),
    )
    workforce = load_extracts(tmp_path, ORG, YEAR).workforce
    assert workforce["group"].value_counts().to_dict() == {"White": 3, "BME": 3, "Unknown": 1}


def test_sub_codes_are_accepted_in_every_file(tmp_path):
    write_good(
        tmp_path,
        recruitment="ethnic_category,shortlisted,appointed\nLK,3,1\nC3,4,2\n",
        disciplinary="ethnic_category,entered\nPC,1\n",
        training="ethnic_category,accessed\nCA,1\n",
        board="member_id,ethnic_category,voting,executive\nM1,SD,true,false\n",
    )
    extracts = load_extracts(tmp_path, ORG, YEAR)
    assert extracts.recruitment.groupby("group")["shortlisted"].sum().to_dict() == {
        "BME": 3,
        "White": 4,
    }
    assert list(extracts.board["group"]) == ["BME"]


def test_an_n_sub_code_is_an_error_naming_row_and_value(tmp_path):
    write(tmp_path, "workforce", workforce_text("S1,A,Band 5,clinical", "S2,NK,Band 5,clinical"))
    with pytest.raises(InputError) as caught:
        load_extracts(tmp_path, ORG, YEAR)
    [problem] = caught.value.problems
    assert (problem.row, problem.column, problem.value) == (3, "ethnic_category", "NK")
    assert "sub-code" in problem.fix


def test_to_groups_maps_a_column_with_sub_codes():
    groups, invalid = to_groups(pd.Series(["C3", "LK", "", "NA"]))
    assert list(groups[:3]) == ["White", "BME", "Unknown"] and list(invalid) == [0, 0, 0, 1]


def test_the_disability_column_is_optional_and_checked(tmp_path):
    header = "staff_id,ethnic_category,pay_band,clinical,disability\n"
    rows = "S1,A,Band 5,clinical,yes\nS2,A,Band 5,clinical,Not Declared\nS3,A,Band 5,clinical,\n"
    write(tmp_path, "workforce", header + rows)
    extracts = load_extracts(tmp_path, ORG, YEAR)
    assert len(extracts.workforce) == 3 and extracts.notes == ()
    write(tmp_path, "workforce", header + rows + "S4,A,Band 5,clinical,maybe\n")
    with pytest.raises(InputError) as caught:
        load_extracts(tmp_path, ORG, YEAR)
    [problem] = caught.value.problems
    assert (problem.row, problem.column, problem.value) == (5, "disability", "maybe")
    assert "not declared" in problem.fix
