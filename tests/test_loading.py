"""load_extracts on good data: standard frames, accepted variants, optional files, `only=`."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from wres_analysis.cli import main
from wres_analysis.inputs.loading import load_extracts

ORG, YEAR = "X", 2020

GOOD = {
    "workforce": (
        "staff_id,ethnic_category,pay_band,clinical,bank\n"
        "S1,A,Band 5,clinical,false\n"
        "S2,B,Band 6,non-clinical,false\n"
        "S3,H,Band 5,clinical,\n"
        "S4,M,Band 8a,non-clinical,false\n"
        "S5,Z,Band 2,clinical,false\n"
        "S6,99,VSM,non-clinical,false\n"
        "S7,C,Band 5,clinical,true\n"
    ),
    "recruitment": "ethnic_category,shortlisted,appointed\nA,10,3\nD,8,2\n,1,0\n",
    "disciplinary": "ethnic_category,entered\nA,1\nH,2\n",
    "training": "ethnic_category,accessed\nA,1\nH,2\n",
    "staff_survey": (
        "indicator,group,percentage,respondents\n5,White,23.5,120\n5,BME,30,40\n6,White,20.1,\n"
    ),
    "board": "member_id,ethnic_category,voting,executive\nM1,A,true,true\nM2,H,TRUE,False\n",
}


def write(data_dir: Path, name: str, text: str | bytes, org: str = ORG, year: int = YEAR) -> Path:
    """Write one file of the contract into data_dir/org/year/ (text as UTF-8, bytes as given)."""
    folder = data_dir / org / str(year)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (name if "." in name else f"{name}.csv")
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def write_good(data_dir: Path, **override: str) -> Path:
    """A complete valid set of files, with some replaced; returns data_dir."""
    for name, text in {**GOOD, **override}.items():
        write(data_dir, name, text)
    return data_dir


def workforce_text(*rows: str) -> str:
    return "staff_id,ethnic_category,pay_band,clinical\n" + "".join(r + "\n" for r in rows)


# --- the standard frames -----------------------------------------------------------------
def test_every_file_becomes_its_standard_frame(tmp_path):
    ex = load_extracts(write_good(tmp_path), ORG, YEAR)
    assert (ex.org, ex.year) == (ORG, YEAR)

    assert list(ex.workforce.columns) == ["group", "pay_band", "staff_type"]
    assert ex.workforce["group"].tolist() == ["White", "White", "BME", "BME", "Unknown", "Unknown"]
    assert ex.workforce["pay_band"].tolist()[:4] == ["Band 5", "Band 6", "Band 5", "Band 8a"]
    assert list(ex.workforce.index) == list(range(6))

    assert ex.recruitment.to_dict("list") == {
        "group": ["White", "BME", "Unknown"],
        "shortlisted": [10, 8, 1],
        "appointed": [3, 2, 0],
    }
    assert ex.recruitment["shortlisted"].dtype == np.int64
    assert ex.disciplinary["entered"].dtype == np.int64
    assert ex.training.to_dict("list") == {"group": ["White", "BME"], "accessed": [1, 2]}

    survey = ex.staff_survey
    assert list(survey.columns) == ["indicator", "group", "percentage", "respondents"]
    assert survey["indicator"].dtype == np.int64
    assert survey["percentage"].tolist() == [23.5, 30.0, 20.1]
    assert str(survey["respondents"].dtype) == "Int64"
    assert survey["respondents"].isna().tolist() == [False, False, True]

    assert ex.board.to_dict("list") == {
        "group": ["White", "BME"],
        "voting": [True, True],
        "executive": [True, False],
    }
    assert ex.board["voting"].dtype == bool
    assert "staff_id" not in ex.workforce.columns and "member_id" not in ex.board.columns


def test_esr_text_group_labels_and_blanks(tmp_path):
    write(
        tmp_path,
        "workforce",
        workforce_text(
            "S1,A White - British,Band 5,clinical",
            "S2,Z Not Stated,Band 5,clinical",
            "S3,white,Band 5,clinical",
            "S4,BAME,Band 5,clinical",
            "S5,bme,Band 5,clinical",
            "S6,,Band 5,clinical",
            "S7,  ,Band 5,clinical",
            "S8,h,Band 5,clinical",
            "S9,99,Band 5,clinical",
            "S10,Unknown,Band 5,clinical",
            "S11,M Black or Black British - Caribbean,Band 5,clinical",
        ),
    )
    groups = load_extracts(tmp_path, ORG, YEAR).workforce["group"].tolist()
    assert groups == [
        "White",
        "Unknown",
        "White",
        "BME",
        "BME",
        "Unknown",
        "Unknown",
        "BME",
        "Unknown",
        "Unknown",
        "BME",
    ]


def test_band_and_clinical_variants_are_canonicalised(tmp_path):
    write(
        tmp_path,
        "workforce",
        workforce_text(
            "S1,A,band 5,Clinical",
            "S2,A,BAND 8A,Non-Clinical",
            "S3,A, Band  8b ,non clinical",
            "S4,A,vsm,CLINICAL",
            "S5,A,medical: consultant,clinical",
            "S6,A,Medical:Trainee grade,clinical",
            "S7,A,other,clinical",
        ),
    )
    wf = load_extracts(tmp_path, ORG, YEAR).workforce
    assert wf["pay_band"].tolist() == [
        "Band 5",
        "Band 8a",
        "Band 8b",
        "VSM",
        "Medical: Consultant",
        "Medical: Trainee grade",
        "Other",
    ]
    assert (
        wf["staff_type"].tolist() == ["clinical", "non-clinical", "non-clinical"] + ["clinical"] * 4
    )


def test_bom_and_spaces_around_headings(tmp_path):
    text = " staff_id ,  ethnic_category,pay_band ,clinical\r\nS1,A,Band 5,clinical\r\n"
    write(tmp_path, "workforce", b"\xef\xbb\xbf" + text.encode("utf-8"))
    wf = load_extracts(tmp_path, ORG, YEAR).workforce
    assert wf.to_dict("list") == {
        "group": ["White"],
        "pay_band": ["Band 5"],
        "staff_type": ["clinical"],
    }


def test_extra_column_is_ignored_logged_and_noted(tmp_path, caplog):
    write(
        tmp_path,
        "workforce",
        "staff_id,ethnic_category,pay_band,clinical,job_title\nS1,A,Band 5,clinical,Nurse\n",
    )
    with caplog.at_level(logging.INFO, logger="wres_analysis.inputs.loading"):
        ex = load_extracts(tmp_path, ORG, YEAR)
    assert list(ex.workforce.columns) == ["group", "pay_band", "staff_type"]
    assert any("job_title" in note and "workforce.csv" in note for note in ex.notes)
    assert "job_title" in caplog.text


def test_trailing_empty_columns_from_a_spreadsheet_are_ignored(tmp_path):
    write(
        tmp_path,
        "workforce",
        "staff_id,ethnic_category,pay_band,clinical,,\nS1,A,Band 5,clinical,,\n",
    )
    ex = load_extracts(tmp_path, ORG, YEAR)
    assert len(ex.workforce) == 1
    assert ex.notes == ("workforce.csv: extra column(s) ignored: 2 column(s) with no heading",)


def test_bank_rows_are_excluded_counted_and_noted(tmp_path, caplog):
    write(
        tmp_path,
        "workforce",
        "staff_id,ethnic_category,pay_band,clinical,bank\n"
        "S1,A,Band 5,clinical,true\n"
        "S2,D,Band 5,clinical,TRUE\n"
        "S3,D,Band 5,clinical,\n"
        "S4,A,Band 5,clinical,False\n",
    )
    with caplog.at_level(logging.INFO, logger="wres_analysis.inputs.loading"):
        ex = load_extracts(tmp_path, ORG, YEAR)
    assert ex.workforce["group"].tolist() == ["BME", "White"]
    assert any("2 bank-only" in note for note in ex.notes)
    assert "2 bank-only" in caplog.text


def test_without_a_bank_column_everyone_counts(tmp_path):
    write(tmp_path, "workforce", workforce_text("S1,A,Band 5,clinical", "S2,D,Band 5,clinical"))
    ex = load_extracts(tmp_path, ORG, YEAR)
    assert len(ex.workforce) == 2
    assert not any("bank" in note for note in ex.notes)


@pytest.mark.parametrize("name", ["recruitment", "disciplinary", "training", "board"])
def test_header_only_optional_file_means_zero(tmp_path, name):
    header = GOOD[name].split("\n", 1)[0] + "\n"
    ex = load_extracts(write_good(tmp_path, **{name: header}), ORG, YEAR)
    frame = getattr(ex, name)
    assert frame is not None and len(frame) == 0
    if name == "disciplinary":
        assert frame.groupby("group")["entered"].sum().sum() == 0
        assert frame["entered"].dtype == np.int64
    assert any(f"{name}.csv" in note and "header only" in note for note in ex.notes)


def test_blank_rows_are_skipped_and_row_numbers_kept(tmp_path):
    from wres_analysis.errors import InputError

    write(tmp_path, "workforce", workforce_text("S1,A,Band 5,clinical", "", ",,,", "S2,?,Band 5,c"))
    with pytest.raises(InputError) as caught:
        load_extracts(tmp_path, ORG, YEAR)
    assert {p.row for p in caught.value.problems} == {5}

    write(tmp_path, "workforce", workforce_text("S1,A,Band 5,clinical", "", "S2,A,Band 5,clinical"))
    assert len(load_extracts(tmp_path, ORG, YEAR).workforce) == 2


def test_quoted_values_with_commas(tmp_path):
    write(tmp_path, "workforce", workforce_text('S1,"M Black, Caribbean",Band 5,clinical'))
    assert load_extracts(tmp_path, ORG, YEAR).workforce["group"].tolist() == ["BME"]


def test_survey_without_respondents_column(tmp_path):
    write_good(tmp_path, staff_survey="indicator,group,percentage\n7,White,80\n7,BAME,70.5\n")
    survey = load_extracts(tmp_path, ORG, YEAR).staff_survey
    assert survey["group"].tolist() == ["White", "BME"]
    assert survey["respondents"].isna().all() and str(survey["respondents"].dtype) == "Int64"


# --- which files ---------------------------------------------------------------------------
def test_missing_optional_files_are_none(tmp_path):
    write(tmp_path, "workforce", GOOD["workforce"])
    ex = load_extracts(tmp_path, ORG, YEAR)
    assert ex.workforce is not None
    for name in ("recruitment", "disciplinary", "training", "staff_survey", "board"):
        assert getattr(ex, name) is None and not ex.available(name)


def test_only_reads_the_files_asked_for(tmp_path):
    write_good(tmp_path, recruitment="not even a csv,\n1,2,3,4\n")  # not read, so no error
    ex = load_extracts(tmp_path, ORG, YEAR, only=("workforce", "disciplinary"))
    assert ex.workforce is not None and ex.disciplinary is not None
    assert ex.recruitment is None and ex.training is None and ex.board is None


def test_only_without_workforce_does_not_require_it(tmp_path):
    write(tmp_path, "disciplinary", GOOD["disciplinary"])
    ex = load_extracts(tmp_path, ORG, YEAR, only=["disciplinary"])
    assert ex.workforce is None and len(ex.disciplinary) == 2


def test_unknown_name_in_only_is_a_programming_error(tmp_path):
    with pytest.raises(ValueError, match="discipline"):
        load_extracts(write_good(tmp_path), ORG, YEAR, only=["discipline"])


def test_previous_year_absent_gives_all_none(tmp_path):
    write_good(tmp_path)
    ex = load_extracts(
        tmp_path, ORG, YEAR - 1, only=("workforce", "disciplinary"), require_workforce=False
    )
    assert ex.year == YEAR - 1
    assert all(getattr(ex, name) is None for name in GOOD)


def test_workforce_not_required_and_absent_gives_none(tmp_path):
    write(tmp_path, "disciplinary", GOOD["disciplinary"])
    ex = load_extracts(tmp_path, ORG, YEAR, require_workforce=False)
    assert ex.workforce is None and len(ex.disciplinary) == 2


def test_training_without_workforce_is_noted_not_checked(tmp_path):
    write(tmp_path, "training", "ethnic_category,accessed\nA,1000\n")
    ex = load_extracts(tmp_path, ORG, YEAR, only=["training"])
    assert ex.training["accessed"].tolist() == [1000]
    assert any("not checked against the headcount" in note for note in ex.notes)


def test_unexpected_file_in_the_folder_is_logged(tmp_path, caplog):
    write_good(tmp_path)
    write(tmp_path, "Recruitment.xlsx", b"PK")
    with caplog.at_level(logging.INFO, logger="wres_analysis.inputs.loading"):
        ex = load_extracts(tmp_path, ORG, YEAR)
    assert "Recruitment.xlsx" in caplog.text
    assert not any("Recruitment.xlsx" in note for note in ex.notes)


# --- command line ---------------------------------------------------------------------------
def test_cli_validate_good_data(tmp_path, capsys):
    write_good(tmp_path)
    status = main(["validate", "--data-dir", str(tmp_path), "--org", ORG, "--year", str(YEAR)])
    out = capsys.readouterr().out
    assert status == 0
    assert "workforce" in out and "6 rows OK" in out


def test_cli_validate_bad_file_names_the_row(tmp_path, capsys):
    write_good(tmp_path, disciplinary="ethnic_category,entered\nA,1\nA,-2\n")
    status = main(["validate", "--data-dir", str(tmp_path), "--org", ORG, "--year", str(YEAR)])
    err = capsys.readouterr().err
    assert status == 1
    assert "disciplinary.csv" in err and "row 3" in err and "'-2'" in err and "Fix:" in err


# --- speed ---------------------------------------------------------------------------------
def test_a_large_workforce_loads_quickly(tmp_path):
    n = 200_000
    rng = np.random.default_rng(1)
    frame = pd.DataFrame(
        {
            "staff_id": [f"P{i:07d}" for i in range(n)],
            "ethnic_category": rng.choice(["A", "B Irish", "H", "M", "Z", "", "99"], n),
            "pay_band": rng.choice(["Band 5", "band 6", "Band 8a", "VSM"], n),
            "clinical": rng.choice(["clinical", "non-clinical"], n),
            "bank": rng.choice(["false", "", "true"], n),
        }
    )
    folder = tmp_path / ORG / str(YEAR)
    folder.mkdir(parents=True)
    frame.to_csv(folder / "workforce.csv", index=False)
    start = time.perf_counter()
    ex = load_extracts(tmp_path, ORG, YEAR)
    elapsed = time.perf_counter() - start
    assert len(ex.workforce) == int((frame["bank"] != "true").sum())
    assert elapsed < 5, f"200,000 rows took {elapsed:.2f} s"  # about 0.3 s on 2 cores
