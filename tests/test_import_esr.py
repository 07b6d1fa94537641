"""`wres import esr`: one row per person from one row per assignment, worked by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wres_analysis.importers import import_summaries, memory
from wres_analysis.importers.esr import import_esr
from wres_analysis.importers.esr_values import afc_band, pay_band
from wres_analysis.importers.mapping import Table
from wres_analysis.inputs.loading import load_extracts

from .importing import SALT, csv_rows, esr_file, import_params_fixture, problems_of, run_cli  # noqa: F401 (a fixture)

ORG, YEAR = "RXX", 2020


def imported(tmp_path: Path, import_params: Path, *rows: str, **kwargs) -> list[dict[str, str]]:
    """Import an export of these rows; workforce.csv as dicts (header keys)."""
    source = esr_file(tmp_path / "exports", *rows, **kwargs)
    import_esr(source, ORG, YEAR, data_dir=tmp_path / "data", params_dir=import_params)
    header, *body = csv_rows(tmp_path / "data" / ORG / str(YEAR) / "workforce.csv")
    return [dict(zip(header, row, strict=True)) for row in body]


def by_band(rows: list[dict[str, str]]) -> list[tuple[str, str, str, str]]:
    """(ethnic_category, pay_band, clinical, bank) of each row, sorted: ids are hashes."""
    return sorted((r["ethnic_category"], r["pay_band"], r["clinical"], r["bank"]) for r in rows)


# --- people, not assignments ------------------------------------------------------------------
def test_a_person_with_several_assignments_is_counted_once_from_the_primary(
    tmp_path, import_params
):
    rows = imported(
        tmp_path,
        import_params,
        # person 1: a substantive post (primary), a second post and a bank post
        "1,1-1,No,Active Assignment,Permanent,A,Band 3,Additional Clinical Services",
        "1,1-2,Yes,Active Assignment,Permanent,A,Band 6,Nursing and Midwifery Registered",
        "1,1-3,No,Active Assignment,Bank,A,Band 2,Estates and Ancillary",
        # person 2: one post, not flagged primary: nothing to choose between
        "2,2-1,No,Acting Up,Fixed Term Temp,H,Band 7,Administrative and Clerical",
    )
    assert by_band(rows) == [
        ("A", "Band 6", "clinical", "false"),
        ("H", "Band 7", "non-clinical", "false"),
    ]


def test_bank_only_people_are_marked_bank_and_left_out_of_the_headcount(tmp_path, import_params):
    rows = imported(
        tmp_path,
        import_params,
        "1,1-1,Yes,Active Assignment,Permanent,A,Band 5,Allied Health Professionals",
        "2,2-1,Yes,Active Assignment,Bank,H,Band 3,Additional Clinical Services",
        "2,2-2,No,Active Assignment,Bank,H,Band 2,Estates and Ancillary",
        "3,3-1,No,Active Assignment,Bank,M,Band 4,Additional Clinical Services",
        "3,3-2,Yes,Active Assignment,Permanent,M,Band 5,Nursing and Midwifery Registered",
    )
    assert by_band(rows) == [
        ("A", "Band 5", "clinical", "false"),
        ("H", "Band 3", "clinical", "true"),  # bank-only: band of the primary bank post
        ("M", "Band 5", "clinical", "false"),  # in post: the bank post is not looked at
    ]
    extracts = load_extracts(tmp_path / "data", ORG, YEAR)
    assert len(extracts.workforce) == 2  # the bank-only person is not in the headcount
    assert sorted(extracts.workforce["group"]) == ["BME", "White"]


def test_excluded_statuses_and_categories_do_not_count(tmp_path, import_params):
    rows = imported(
        tmp_path,
        import_params,
        # seconded out: the person is not in post
        "1,1-1,Yes,Out on External Secondment - Paid,Permanent,A,Band 5,Healthcare Scientists",
        # the primary is seconded out, the second post counts: in post through it
        "2,2-1,Yes,Out on External Secondment - Unpaid,Permanent,H,Band 8a,Healthcare Scientists",
        "2,2-2,No,Active Assignment,Permanent,H,Band 4,Administrative and Clerical",
    )
    assert by_band(rows) == [("H", "Band 4", "non-clinical", "false")]
    summary = import_summaries(tmp_path / "data", ORG, YEAR)[0]
    assert summary.counts["people"] == 1
    assert summary.counts["people_without_counted_assignment"] == 1
    assert summary.excluded == {
        "assignment status": {
            "Out on External Secondment - Paid": 1,
            "Out on External Secondment - Unpaid": 1,
        }
    }


def test_summary_says_what_the_import_did(tmp_path, import_params, capsys, monkeypatch):
    kept = []  # `wres import` tunes its process's malloc first (importers.memory)
    monkeypatch.setattr(memory, "keep_freed_memory", lambda: kept.append(True))
    source = esr_file(
        tmp_path,
        "1,1-1,Yes,Active Assignment,Permanent,A,Band 5,Students",
        "1,1-2,No,Active Assignment,Bank,A,Band 3,Students",
        "2,2-1,Yes,Active Assignment,Bank,B,Band 3,Students",
        "3,3-1,Yes,Active Assignment,Permanent,C,Band 4,Students",
        "3,3-2,No,Active Assignment,Permanent,C,Band 2,Students",
        ",,,,,,,",  # a blank row
    )
    code, out, _ = run_cli(
        ["import", "esr", str(source), "--org", ORG, "--year", str(YEAR),
         "--data-dir", str(tmp_path / "data"), "--params-dir", str(import_params)],
        capsys,
    )  # fmt: skip
    assert code == 0 and kept == [True]
    headline = "5 assignment rows → 3 people; 1 bank-only; 2 secondary assignments dropped"
    assert headline in out
    assert "1 blank row skipped" in out
    folder = tmp_path / "data" / ORG / str(YEAR)
    saved = json.loads((folder / "workforce.import.json").read_text(encoding="utf-8"))
    assert saved["lines"][0] == headline
    assert saved["counts"] == {
        "assignment_rows": 5,
        "bank_only_people": 1,
        "blank_rows_skipped": 1,
        "excluded_rows": 0,
        "people": 3,
        "people_in_post": 2,
        "people_without_counted_assignment": 0,
        "secondary_assignments_dropped": 2,
    }
    assert saved["source"] == "esr.csv" and saved["mapping"] == "esr.yaml"
    assert str(tmp_path) not in json.dumps(saved)  # no machine paths
    assert [s.output for s in import_summaries(tmp_path / "data", ORG, YEAR)] == ["workforce.csv"]


def test_a_summary_is_dropped_once_its_file_is_changed(tmp_path, import_params):
    imported(tmp_path, import_params, "1,1-1,Yes,Active,Permanent,A,Band 5,Students")
    folder = tmp_path / "data" / ORG / str(YEAR)
    assert len(import_summaries(tmp_path / "data", ORG, YEAR)) == 1
    (folder / "workforce.csv").write_text("staff_id,ethnic_category,pay_band,clinical\n")
    assert import_summaries(tmp_path / "data", ORG, YEAR) == []


# --- values -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "band"),
    [
        ("Band 5", "Band 5"),
        ("Review Body Band 5", "Band 5"),
        ("Agenda for Change Band 5", "Band 5"),
        ("NHS|XR05|Review Body Band 5", "Band 5"),
        ("Band 8 - Range A", "Band 8a"),
        ("Band 8A", "Band 8a"),
        ("band 8 range d", "Band 8d"),
        ("Review Body Band 8 - Range C", "Band 8c"),
        ("NHS|XR08B|Review Body Band 8 - Range B", "Band 8b"),
        ("Band 9", "Band 9"),
        ("Consultant", "Medical: Consultant"),
        ("Specialty Doctor", "Medical: Non-consultant career grade"),
        ("Associate Specialist", "Medical: Non-consultant career grade"),
        ("Foundation Year 1", "Medical: Trainee grade"),
        ("Specialty Registrar", "Medical: Trainee grade"),
        ("NHS|XM01|Consultant", "Medical: Consultant"),
        ("Very Senior Manager", "VSM"),
        ("VSM", "VSM"),
        ("Other", "Other"),
    ],
)
def test_every_pay_band_form_of_the_reference(tmp_path, import_params, text, band):
    rows = imported(tmp_path, import_params, f'1,1-1,Yes,Active,Permanent,A,"{text}",Students')
    assert rows[0]["pay_band"] == band


@pytest.mark.parametrize("text", ["Band 8", "Band 10", "Band 5A", "Band 9 - Range A", "8a", ""])
def test_band_text_that_is_no_band_is_not_read_as_one(text):
    assert afc_band(text, ["Review Body"]) is None
    assert pay_band(text, Table("pay_bands", {}, ""), ["Review Body"]) is None


@pytest.mark.parametrize(
    ("group", "clinical"),
    [
        ("Add Prof Scientific and Technic", "clinical"),
        ("Additional Clinical Services", "clinical"),
        ("Allied Health Professionals", "clinical"),
        ("Healthcare Scientists", "clinical"),
        ("Medical and Dental", "clinical"),
        ("Nursing and Midwifery Registered", "clinical"),
        ("Students", "clinical"),
        ("Administrative and Clerical", "non-clinical"),
        ("Estates and Ancillary", "non-clinical"),
        ("Nursing and Midwifery Registered|Staff Nurse", "clinical"),
        ("Estates and Ancillary|Porter", "non-clinical"),
        ("  administrative  AND clerical ", "non-clinical"),
    ],
)
def test_staff_group_mapping(tmp_path, import_params, group, clinical):
    rows = imported(tmp_path, import_params, f"1,1-1,Yes,Active,Permanent,A,Band 5,{group}")
    assert rows[0]["clinical"] == clinical


def test_ethnicity_is_carried_as_exported_or_as_mapped(tmp_path, import_params):
    mapping = import_params / "import" / "esr.yaml"
    text = mapping.read_text(encoding="utf-8").replace(
        "ethnicity: {}", 'ethnicity:\n  "White Irish": "B"'
    )
    mapping.write_text(text, encoding="utf-8")
    rows = imported(
        tmp_path,
        import_params,
        "1,1-1,Yes,Active,Permanent,C3 White - Any other white background,Band 5,Students",
        "2,2-1,Yes,Active,Permanent,white irish,Band 5,Students",
        "3,3-1,Yes,Active,Permanent,,Band 5,Students",
        "4,4-1,Yes,Active,Permanent,PC,Band 5,Students",
    )
    assert sorted(r["ethnic_category"] for r in rows) == [
        "",
        "B",
        "C3 White - Any other white background",
        "PC",
    ]


def test_the_disability_column_is_carried_when_present(tmp_path, import_params):
    header = "Employee Number,Primary Assignment,Assignment Status,Assignment Category,"
    header += "Ethnic Origin,Pay Band,Staff Group,Disability Flag"
    rows = imported(
        tmp_path,
        import_params,
        "1,Yes,Active,Permanent,A,Band 5,Students,Yes",
        "2,Yes,Active,Permanent,A,Band 6,Students,Not Declared",
        "3,Yes,Active,Permanent,A,Band 7,Students,",
        header=header,
    )
    assert sorted((r["pay_band"], r["disability"]) for r in rows) == [
        ("Band 5", "yes"),
        ("Band 6", "not declared"),
        ("Band 7", ""),
    ]
    assert load_extracts(tmp_path / "data", ORG, YEAR).notes == ()  # a known column, no note


def test_headings_are_matched_ignoring_case_spaces_and_underscores(tmp_path, import_params):
    header = "employee_number,PRIMARY ASSIGNMENT FLAG,status,Employee  Category,"
    header += "ethnic origin,GRADE,staff group,Job Title"
    rows = imported(
        tmp_path, import_params, "7,Y,Active,Permanent,H,Band 5,Students,Nurse", header=header
    )
    assert by_band(rows) == [("H", "Band 5", "clinical", "false")]


# --- identifiers ------------------------------------------------------------------------------
def test_person_numbers_never_reach_any_output(tmp_path, import_params, capsys):
    numbers = ["40917253", "58820431", "77314059"]
    source = esr_file(
        tmp_path,
        *(f"{n},{n}-1,Yes,Active,Permanent,A,Band 5,Students" for n in numbers),
        f"{numbers[0]},{numbers[0]}-2,No,Active,Bank,A,Band 3,Students",
    )
    argv = ["import", "esr", str(source), "--org", ORG, "--year", str(YEAR),
            "--data-dir", str(tmp_path / "data"), "--params-dir", str(import_params)]  # fmt: skip
    code, out, err = run_cli(argv, capsys)
    assert code == 0
    written = [p for p in (tmp_path / "data").rglob("*") if p.is_file()]
    assert {p.name for p in written} == {"workforce.csv", "workforce.import.json"}
    for text in [out, err, *(p.read_text(encoding="utf-8") for p in written)]:
        for secret in [*numbers, SALT]:
            assert secret not in text


def test_the_same_person_keeps_their_staff_id_from_year_to_year(tmp_path, import_params):
    first = esr_file(
        tmp_path / "2020",
        "12345678,12345678-1,Yes,Active,Permanent,A,Band 5,Students",
        "23456789,23456789-1,Yes,Active,Permanent,H,Band 6,Students",
    )
    second = esr_file(  # a year on: promoted, another colleague, leading zeros from a report
        tmp_path / "2021",
        "0012345678,12345678-1,Yes,Active,Permanent,A,Band 6,Students",
        "34567890,34567890-1,Yes,Active,Permanent,M,Band 4,Students",
    )
    data = tmp_path / "data"
    import_esr(first, ORG, 2020, data_dir=data, params_dir=import_params)
    import_esr(second, ORG, 2021, data_dir=data, params_dir=import_params)

    def ids(year: int) -> dict[str, str]:
        _, *rows = csv_rows(data / ORG / str(year) / "workforce.csv")
        return {row[1] + " " + row[2]: row[0] for row in rows}

    assert ids(2020)["A Band 5"] == ids(2021)["A Band 6"]
    assert len(set(ids(2020).values()) | set(ids(2021).values())) == 3


def test_another_salt_gives_other_staff_ids(tmp_path, import_params, monkeypatch):
    source = esr_file(tmp_path, "12345678,1,Yes,Active,Permanent,A,Band 5,Students")
    import_esr(source, ORG, 2020, data_dir=tmp_path / "a", params_dir=import_params)
    monkeypatch.setenv("WRES_IMPORT_SALT", "another-salt-just-as-long-as-the-first")
    import_esr(source, ORG, 2020, data_dir=tmp_path / "b", params_dir=import_params)
    a, b = (csv_rows(tmp_path / d / ORG / "2020" / "workforce.csv")[1][0] for d in "ab")
    assert a != b and len(a) == len(b) == 17 and a[0] == "S"


def test_a_salt_file_is_made_on_first_use_and_reused(tmp_path, import_params, monkeypatch, capsys):
    monkeypatch.delenv("WRES_IMPORT_SALT")
    source = esr_file(tmp_path, "12345678,1,Yes,Active,Permanent,A,Band 5,Students")
    argv = ["import", "esr", str(source), "--org", ORG, "--year", "2020",
            "--data-dir", str(tmp_path / "data"), "--params-dir", str(import_params)]  # fmt: skip
    code, _, err = run_cli(argv, capsys)
    salt_file = import_params / "import" / ".salt"
    assert code == 0 and salt_file.is_file() and (salt_file.stat().st_mode & 0o777) == 0o600
    assert "created a new salt" in err and salt_file.read_text().strip() not in err
    first = (tmp_path / "data" / ORG / "2020" / "workforce.csv").read_bytes()
    code, _, err = run_cli(argv, capsys)
    assert code == 0 and "salt" not in err
    assert (tmp_path / "data" / ORG / "2020" / "workforce.csv").read_bytes() == first


def test_a_short_salt_is_refused(tmp_path, import_params, monkeypatch):
    monkeypatch.setenv("WRES_IMPORT_SALT", "xyzzy")
    source = esr_file(tmp_path, "1,1,Yes,Active,Permanent,A,Band 5,Students")
    [problem] = problems_of(
        import_esr, source, ORG, 2020, data_dir=tmp_path / "data", params_dir=import_params
    )
    assert "too short" in problem.problem and "xyzzy" not in str(problem)
    assert not (tmp_path / "data").exists()
