"""Bad ESR exports and mappings: every problem at once, with the line to add; nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from wres_analysis.importers.esr import import_esr

from .importing import esr_file, import_params_fixture, problems_of, run_cli, write  # noqa: F401 (a fixture)

ORG, YEAR = "RXX", 2020
GOOD = "1,1-1,Yes,Active Assignment,Permanent,A,Band 5,Students"


def attempt(tmp_path: Path, import_params: Path, source: Path) -> list:
    return problems_of(
        import_esr, source, ORG, YEAR, data_dir=tmp_path / "data", params_dir=import_params
    )


def test_every_unmapped_value_is_listed_with_count_rows_and_the_line_to_add(
    tmp_path, import_params
):
    source = esr_file(
        tmp_path,
        GOOD,
        "2,2-1,Yes,Maternity Leave,Permanent,A,Band 5,Students",
        "3,3-1,Yes,Active,Honorary,A,Band 5,Students",
        "4,4-1,P,Active,Permanent,A,Band 5,Students",
        "5,5-1,Yes,Active,Permanent,White Irish,Band 10,Nursing",
        "6,6-1,Yes,Active,Permanent,White Irish,Band 10,Nursing",
        "7,7-1,Yes,Active,Permanent,White Irish,Band 5,Nursing",
    )
    found = {(p.column, p.value): p for p in attempt(tmp_path, import_params, source)}
    assert set(found) == {
        ("Assignment Status", "Maternity Leave"),
        ("Assignment Category", "Honorary"),
        ("Primary Assignment", "P"),
        ("Pay Band", "Band 10"),
        ("Staff Group", "Nursing"),
        ("Ethnic Origin", "White Irish"),
    }
    status = found[("Assignment Status", "Maternity Leave")]
    assert status.row == 3 and "1 row (row 3)" in status.problem
    assert "under 'statuses:' in" in status.fix and "params/import/esr.yaml" in status.fix
    assert '`  "Maternity Leave": <count | exclude>`' in status.fix
    assert '`  "Honorary": <count | bank | exclude>`' in found[
        ("Assignment Category", "Honorary")
    ].fix
    assert '`  "P": <true | false>`' in found[("Primary Assignment", "P")].fix
    band = found[("Pay Band", "Band 10")]
    assert band.row == 6 and "2 rows (rows 6, 7)" in band.problem
    assert '`  "Band 10": "<a band of the data contract>"`' in band.fix
    group = found[("Staff Group", "Nursing")]
    assert "3 rows (rows 6, 7, 8)" in group.problem
    assert '`  "Nursing": <clinical | non-clinical>`' in group.fix
    ethnicity = found[("Ethnic Origin", "White Irish")]
    assert "under 'ethnicity:'" in ethnicity.fix and '"White Irish": "<an NHS code' in ethnicity.fix
    assert not (tmp_path / "data").exists()


def test_the_line_to_add_works_when_added(tmp_path, import_params):
    source = esr_file(tmp_path, GOOD, "2,2-1,Yes,Career Break,Permanent,A,Band 5,Students")
    [problem] = attempt(tmp_path, import_params, source)
    line = problem.fix.split("`")[1].replace("<count | exclude>", "exclude")
    mapping = import_params / "import" / "esr.yaml"
    text = mapping.read_text(encoding="utf-8")
    mapping.write_text(text.replace("statuses:\n", "statuses:\n" + line + "\n"), encoding="utf-8")
    import_esr(source, ORG, YEAR, data_dir=tmp_path / "data", params_dir=import_params)
    assert (tmp_path / "data" / ORG / str(YEAR) / "workforce.csv").is_file()


def test_values_of_excluded_rows_need_no_mapping(tmp_path, import_params):
    source = esr_file(
        tmp_path, GOOD, "2,2-1,No,Out on External Secondment - Paid,Permanent,??,Band 99,Odd"
    )
    import_esr(source, ORG, YEAR, data_dir=tmp_path / "data", params_dir=import_params)


def test_failure_keeps_the_previous_file_and_leaves_no_partial_file(
    tmp_path, import_params, capsys
):
    good = esr_file(tmp_path, GOOD, name="good.csv")
    import_esr(good, ORG, YEAR, data_dir=tmp_path / "data", params_dir=import_params)
    folder = tmp_path / "data" / ORG / str(YEAR)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    bad = esr_file(tmp_path, GOOD, "2,2-1,Yes,Active,Permanent,A,Band 11,Students", name="bad.csv")
    argv = ["import", "esr", str(bad), "--org", ORG, "--year", str(YEAR),
            "--data-dir", str(tmp_path / "data"), "--params-dir", str(import_params)]  # fmt: skip
    code, out, err = run_cli(argv, capsys)
    assert code == 1 and out == ""
    assert "Traceback" not in err and "'Band 11'" in err and "bad.csv, row 3" in err
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_two_primary_assignments_are_reported_by_rows_never_by_person(tmp_path, import_params):
    source = esr_file(
        tmp_path,
        "31415926,31415926-1,Yes,Active,Permanent,A,Band 5,Students",
        "31415926,31415926-2,Yes,Active,Permanent,A,Band 6,Students",
        "27182818,27182818-1,No,Active,Permanent,A,Band 5,Students",
        "27182818,27182818-2,No,Active,Fixed Term Temp,A,Band 6,Students",
        "16180339,16180339-1,Yes,Active,Permanent,A,Band 5,Students",
        "16180339,16180339-2,Yes,Active,Bank,A,Band 6,Students",  # a bank post: not a candidate
    )
    found = attempt(tmp_path, import_params, source)
    assert [(p.row, p.column) for p in found] == [
        (2, "Primary Assignment"),
        (4, "Primary Assignment"),
    ]
    assert "rows 2, 3 are counted assignments of the same person, and 2 are" in found[0].problem
    assert "rows 4, 5" in found[1].problem and "none is marked primary" in found[1].problem
    for text in map(str, found):
        assert "31415926" not in text and "27182818" not in text


def test_a_person_with_an_unmapped_row_is_not_judged_yet(tmp_path, import_params):
    source = esr_file(
        tmp_path,
        "1,1-1,Yes,Active,Permanent,A,Band 5,Students",
        "1,1-2,Yes,Sabbatical,Permanent,A,Band 5,Students",
    )
    [problem] = attempt(tmp_path, import_params, source)
    assert problem.value == "Sabbatical"


def test_an_empty_person_number_is_named_by_row(tmp_path, import_params):
    source = esr_file(tmp_path, GOOD, ",x,Yes,Active,Permanent,A,Band 5,Students")
    [problem] = attempt(tmp_path, import_params, source)
    assert (problem.row, problem.column) == (3, "Employee Number")
    assert "person number is empty" in problem.problem


def test_missing_columns_are_all_reported_with_the_line_to_add(tmp_path, import_params):
    source = write(
        tmp_path / "esr.csv",
        "Emp No,Primary Assignment,Assignment Status,Assignment Category,Ethnicity,Pay Band,"
        "Staff Group\n1,Yes,Active,Permanent,A,Band 5,Students\n",
    )
    found = attempt(tmp_path, import_params, source)
    assert [p.row for p in found] == [1, 1]
    person, ethnicity = found
    assert "no column for person" in person.problem and "'Emp No'" in person.problem
    assert "columns: person:" in person.fix
    assert '"Employee Number", "Unique NHS Identifier", "Person Number", "<the heading' in (
        person.fix
    )
    assert "no column for ethnicity" in ethnicity.problem


def test_headings_below_title_rows_are_read_with_header_row(tmp_path, import_params):
    source = write(
        tmp_path / "esr.csv",
        "ESR BI report: staff in post\n"  # the title rows of a BI report
        "Run on 31/03/2020\n"
        + "Employee Number,Primary Assignment,Assignment Status,Assignment Category,"
        "Ethnic Origin,Pay Band,Staff Group\n1,Yes,Active,Permanent,A,Band 5,Students\n",
    )
    found = attempt(tmp_path, import_params, source)
    assert found[0].row == 1 and "header_row" in found[0].fix
    mapping = import_params / "import" / "esr.yaml"
    text = mapping.read_text(encoding="utf-8").replace("header_row: 1 ", "header_row: 3 ")
    mapping.write_text(text, encoding="utf-8")
    import_esr(source, ORG, YEAR, data_dir=tmp_path / "data", params_dir=import_params)


@pytest.mark.parametrize(
    ("text", "row", "words"),
    [
        (GOOD + "\n2,2-1,Yes,Active,Permanent,A,Band 5,Students,extra\n", 3, "9 cells"),
        (GOOD + '\n2,2-1,Yes,Active,Permanent,"A,Band 5,Students\n', 3, "cannot be read as CSV"),
    ],
)
def test_a_malformed_row_is_reported_by_its_row(tmp_path, import_params, text, row, words):
    from .importing import ESR_HEADER

    source = write(tmp_path / "esr.csv", ESR_HEADER + "\n" + text)
    [problem] = attempt(tmp_path, import_params, source)
    assert problem.row == row and words in problem.problem


def test_blank_lines_and_short_rows_keep_the_spreadsheet_row_numbers(tmp_path, import_params):
    from .importing import ESR_HEADER

    source = write(
        tmp_path / "esr.csv",
        ESR_HEADER + "\n" + GOOD + "\n\n2,2-1,Yes,Active,Permanent,A,Band 99\n",
    )
    found = attempt(tmp_path, import_params, source)
    assert [(p.row, p.column, p.value) for p in found] == [
        (4, "Pay Band", "Band 99"),
        (4, "Staff Group", ""),
    ]


def test_text_that_is_not_utf8_is_reported_by_row(tmp_path, import_params):
    from .importing import ESR_HEADER

    source = tmp_path / "esr.csv"
    source.write_bytes((ESR_HEADER + "\n" + GOOD + "\n").encode() + "2,2,Yes,Active,Permanent,"
                       "B Irish caf\xe9,Band 5,Students\n".encode("cp1252"))  # fmt: skip
    [problem] = attempt(tmp_path, import_params, source)
    assert problem.row == 3 and "not UTF-8" in problem.problem and "CSV UTF-8" in problem.fix


@pytest.mark.parametrize(
    ("yaml_text", "words"),
    [
        ("statuses:\n  Yes: count\n", "double quotes"),
        ('statuses:\n  "Active": counted\n', "statuses"),
        ('ethnicity:\n  "White Irish": "Irish"\n', "not an accepted ethnicity value"),
        ('pay_bands:\n  "Band X": "Band 10"\n', "pay_bands"),
        ("colour: blue\n", "unknown key 'colour'"),
    ],
)
def test_a_bad_mapping_is_refused_with_its_line(tmp_path, import_params, yaml_text, words):
    mapping = import_params / "import" / "esr.yaml"
    mapping.write_text(yaml_text, encoding="utf-8")  # the other keys keep their defaults
    found = attempt(tmp_path, import_params, esr_file(tmp_path, GOOD))
    assert any(words in str(p) and p.line for p in found), [str(p) for p in found]


def test_a_mapping_key_given_twice_is_refused_naming_both_lines(tmp_path, import_params):
    mapping = import_params / "import" / "esr.yaml"
    text = mapping.read_text(encoding="utf-8")
    mapping.write_text(text + 'statuses:\n  "Active Assignment": counted\n', encoding="utf-8")
    found = attempt(tmp_path, import_params, esr_file(tmp_path, GOOD))
    assert any("statuses" in str(p) and "lines" in str(p) for p in found), [str(p) for p in found]


def test_a_missing_mapping_file_says_where_to_get_one(tmp_path, import_params):
    (import_params / "import" / "esr.yaml").unlink()
    [problem] = attempt(tmp_path, import_params, esr_file(tmp_path, GOOD))
    assert "mapping file is missing" in problem.problem and "params/import" in problem.fix


def test_bad_options_exit_1_without_a_traceback(tmp_path, import_params, capsys):
    source = esr_file(tmp_path, GOOD)
    for argv, words in [
        (["--org", "bad code", "--year", "2020"], "organisation code"),
        (["--org", ORG, "--year", "2020", "--mapping", str(tmp_path / "none.yaml")], "missing"),
    ]:
        code, _, err = run_cli(["import", "esr", str(source), *argv], capsys)
        assert code == 1 and words in err and "Traceback" not in err
    options = ["--org", ORG, "--year", "2020", "--params-dir", str(import_params)]
    code, _, err = run_cli(["import", "esr", str(tmp_path / "no.csv"), *options], capsys)
    assert code == 1 and "does not exist" in err
    code, _, err = run_cli(["import", "esr", str(esr_file(tmp_path, GOOD, name="x.pdf")),
                            *options], capsys)  # fmt: skip
    assert code == 1 and "cannot read files of type '.pdf'" in err


def test_an_export_with_no_rows_is_refused(tmp_path, import_params):
    from .importing import ESR_HEADER

    [problem] = attempt(tmp_path, import_params, write(tmp_path / "e.csv", ESR_HEADER + "\n"))
    assert "no assignment rows" in problem.problem


def test_an_export_with_no_one_in_post_is_refused(tmp_path, import_params):
    source = esr_file(
        tmp_path,
        "1,1-1,Yes,Active,Bank,A,Band 3,Students",
        "2,2-1,Yes,Out on External Secondment - Paid,Permanent,A,Band 5,Students",
    )
    [problem] = attempt(tmp_path, import_params, source)
    assert "no one is in post" in problem.problem and not (tmp_path / "data").exists()
