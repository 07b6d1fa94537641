"""The fast path gives what the reference gives: rules vs pandera, totals vs DataFrames,
one run's params parsed once, and many organisations' records as each computed alone."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import wres_analysis.params as params_module
from wres_analysis.cli import main
from wres_analysis.figures import compute_record, compute_records, to_json
from wres_analysis.indicators.totals import totals_of_extracts, totals_of_validated
from wres_analysis.inputs.csvio import read_table
from wres_analysis.inputs.loading import load_extracts, read_validated
from wres_analysis.inputs.schemas import SPECS
from wres_analysis.params import clear_cache, load_organisations
from wres_analysis.paths import DATA_DIR, PARAMS_DIR

from .test_loading import GOOD, ORG, YEAR, write, write_good

# Cells that pass and fail the rules of every column, including the awkward ones.
POOL = {
    "staff_id": ["S1", "S2", " ", "", "S1 "],
    "member_id": ["M1", "", "M2"],
    "ethnic_category": ["A", "h", "Z Not Stated", "", "White", "Q", "X1", "99", "bame"],
    "pay_band": ["Band 5", "band 8A", "VSM", "Band 10", "", "8a"],
    "clinical": ["clinical", "Non Clinical", "medical", ""],
    "bank": ["true", "FALSE", "", "yes"],
    "disability": ["Yes", "no", "Not Declared", "", "maybe"],
    "shortlisted": ["0", "3", "-1", "x", "", "1.5", "12345678901", "1234567890123456789012"],
    "appointed": ["0", "1", "-2", "two", " 4 "],
    "entered": ["0", "1", "+2", "", "99999999999999999999"],
    "accessed": ["5", "-0", "three"],
    "indicator": ["5", "8", "9", " 6 ", "x"],
    "group": ["White", "bme", "BAME", "Unknown", ""],
    "percentage": ["23.5", "0", "100", "100.1", "-1", "30%", "nan", "inf"],
    "respondents": ["", "10", "-3", "many", "20000000"],
    "voting": ["true", "False", "Y", ""],
    "executive": ["TRUE", "no", ""],
}


@st.composite
def contract_file(draw) -> tuple[str, str]:
    """A random file of the contract: its name and text (every column present)."""
    spec = SPECS[draw(st.sampled_from(sorted(SPECS)))]
    columns = list(spec.columns)
    rows = draw(
        st.lists(st.tuples(*(st.sampled_from(POOL[c]) for c in columns)), min_size=1, max_size=12)
    )
    lines = [",".join(columns)] + [",".join(r) for r in rows]
    return spec.name, "\n".join(lines) + "\n"


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case=contract_file())
def test_rules_fail_exactly_the_cells_pandera_fails(tmp_path: Path, case) -> None:
    name, text = case
    spec = SPECS[name]
    path = tmp_path / f"{name}.csv"
    path.write_text(text, encoding="utf-8")
    table = read_table(path, "x", plain=spec.plain)
    ours = {
        (column, rule.name, int(table.rows[i]))
        for column, rules in spec.columns.items()
        for rule in rules
        for i in rule.failing(table[column])
    }
    frame = table.to_frame()
    try:
        spec.schema().validate(frame, lazy=True)
        reference: set = set()
    except Exception as exc:  # pandera.errors.SchemaErrors
        cases = exc.failure_cases  # type: ignore[attr-defined]
        reference = {
            (c["column"], c["check"], int(c["index"]) + 2)
            for _, c in cases.iterrows()
            if pd.notna(c["index"])
        }
    assert ours == reference


@pytest.mark.parametrize("org", ["EXCCG", "LTCCG", "EXHOSP", "EXMHCT"])
@pytest.mark.parametrize("year", [2019, 2020, 2021])
def test_totals_from_arrays_equal_totals_from_dataframes(org: str, year: int) -> None:
    validated = read_validated(DATA_DIR, org, year)
    assert totals_of_validated(validated) == totals_of_extracts(load_extracts(DATA_DIR, org, year))


def test_totals_agree_with_bank_staff_blank_rows_and_empty_files(tmp_path: Path) -> None:
    write_good(tmp_path, training="ethnic_category,accessed\n", board=GOOD["board"] + ",,,\n")
    write(
        tmp_path,
        "workforce",
        GOOD["workforce"] + ",,,,\nS8,D,Medical: Consultant,clinical,TRUE\nS9,K,VSM,clinical,\n",
    )
    validated = read_validated(tmp_path, ORG, YEAR)
    totals = totals_of_validated(validated)
    assert totals == totals_of_extracts(load_extracts(tmp_path, ORG, YEAR))
    assert totals.headcount == {"White": 2, "BME": 3, "Unknown": 2}
    assert totals.accessed == {"White": 0, "BME": 0, "Unknown": 0}


def test_params_are_parsed_once_while_the_file_is_unchanged(tmp_path, monkeypatch) -> None:
    calls = []
    real = params_module.parse_yaml
    monkeypatch.setattr(
        params_module, "parse_yaml", lambda text, file: calls.append(file) or real(text, file)
    )
    clear_cache()
    path = tmp_path / "organisations.yaml"
    path.write_text("organisations:\n  A1:\n    name: A\n    type: t\n    region: r\n")
    for _ in range(5):
        assert list(load_organisations(tmp_path)) == ["A1"]
    assert len(calls) == 1
    path.write_text("organisations:\n  B2:\n    name: B\n    type: t\n    region: r\n")
    assert list(load_organisations(tmp_path)) == ["B2"]
    assert len(calls) == 2


@pytest.mark.parametrize("workers", [1, 3])
def test_a_batch_gives_each_record_as_computed_alone_and_keeps_failures_apart(workers) -> None:
    orgs = ["LTCCG", "NOPE", "EXCCG", "LTCCG", "EXHOSP", "EXMHCT"]
    result = compute_records(DATA_DIR, orgs, 2021, workers=workers, published=True)
    assert list(result.records) == ["LTCCG", "EXCCG", "EXHOSP", "EXMHCT"] and not result.ok
    for org, record in result.records.items():
        assert to_json(record) == to_json(compute_record(DATA_DIR, org, 2021, published=True))
    (problem,) = result.failures["NOPE"].problems
    assert problem.file.endswith("NOPE/2021/workforce.csv")


def test_figures_with_several_orgs_prints_one_object_keyed_by_org(capsys) -> None:
    args = ["figures", "--data-dir", str(DATA_DIR), "--params-dir", str(PARAMS_DIR)]
    assert main([*args, "--org", "LTCCG", "--year", "2021", "--published"]) == 0
    single = capsys.readouterr().out
    assert main([*args, "--org", "LTCCG", "--org", "EXCCG", "--year", "2021", "--published"]) == 0
    both = json.loads(capsys.readouterr().out)
    assert list(both) == ["EXCCG", "LTCCG"]  # canonical JSON: keys sorted
    assert to_json(both["LTCCG"]) + "\n" == single


def test_figures_with_a_bad_org_among_several_prints_nothing(capsys, tmp_path) -> None:
    args = ["figures", "--data-dir", str(DATA_DIR), "--org", "LTCCG", "--org", "NOPE"]
    assert main([*args, "--year", "2020"]) == 1
    out, err = capsys.readouterr()
    assert out == "" and "NOPE/2020/workforce.csv" in err


def test_a_settled_params_file_is_not_read_again_until_it_changes(tmp_path, monkeypatch) -> None:
    reads = []
    real = params_module.read_input
    monkeypatch.setattr(
        params_module, "read_input", lambda path, **kw: reads.append(path) or real(path, **kw)
    )
    clear_cache()
    path = tmp_path / "organisations.yaml"
    path.write_text("organisations:\n  A1:\n    name: A\n    type: t\n    region: r\n")
    hour_ago = path.stat().st_mtime - 3600
    os.utime(path, (hour_ago, hour_ago))
    for _ in range(3):
        assert list(load_organisations(tmp_path)) == ["A1"]
    assert len(reads) == 1  # settled: the stat is enough
    time.sleep(0.05)  # past the file system's coarse clock tick, as any real edit is
    path.write_text("organisations:\n  B2:\n    name: B\n    type: t\n    region: r\n")
    os.utime(path, (hour_ago, hour_ago))  # same size and mtime: the change time still moves
    assert list(load_organisations(tmp_path)) == ["B2"]


def test_reading_the_two_years_at_once_gives_the_same_record_and_problems(tmp_path, monkeypatch):
    """A large organisation's previous year is read on a second thread: the record, and the
    problems of a bad previous-year file, are what reading one year after the other gives."""
    import wres_analysis.figures.sources as sources
    from wres_analysis.errors import InputError

    def outcome(data_dir: Path, org: str, year: int) -> str:
        try:
            return to_json(compute_record(data_dir, org, year, params_dir=PARAMS_DIR))
        except InputError as exc:
            return str(exc)

    alone = outcome(DATA_DIR, "EXCCG", 2021)
    data = tmp_path / "data"
    (data / "EXCCG").mkdir(parents=True)
    for year in (2020, 2021):
        (data / "EXCCG" / str(year)).symlink_to(DATA_DIR / "EXCCG" / str(year))
    bad = tmp_path / "bad"
    for year in (2020, 2021):
        folder = bad / "EXCCG" / str(year)
        folder.mkdir(parents=True)
        for f in (DATA_DIR / "EXCCG" / str(year)).iterdir():
            (folder / f.name).write_bytes(f.read_bytes())
    broken = bad / "EXCCG" / "2020" / "disciplinary.csv"
    broken.write_text(broken.read_text().replace("\n", "\nX,1\n", 1))
    one_then_other = outcome(bad, "EXCCG", 2021)
    monkeypatch.setattr(sources, "OVERLAP_FROM", -1)  # every organisation counts as large
    assert outcome(data, "EXCCG", 2021) == alone
    assert outcome(bad, "EXCCG", 2021) == one_then_other
    assert "disciplinary.csv" in one_then_other
