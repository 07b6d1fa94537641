"""params/ YAML: defaults, unknown keys as errors with file and line, shipped files valid."""

from __future__ import annotations

import pytest

from wres_analysis.errors import InputError
from wres_analysis.params import (
    load_organisation,
    load_organisations,
    load_project,
    load_year,
)
from wres_analysis.paths import PARAMS_DIR


def _write(root, relative, text):
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_year_without_a_file_uses_the_contract_defaults(tmp_path):
    params = load_year(2030, tmp_path)
    assert params.required_indicators == list(range(1, 10))
    assert params.disciplinary_rolling_method == "mean_entries_current_headcount"
    assert params.disclosure.threshold == 10
    assert params.snapshot.isoformat() == "2030-03-31"


def test_unknown_key_is_an_error_naming_file_key_and_line(tmp_path):
    _write(tmp_path, "years/2020.yaml", "year: 2020\nrolling_method: pooled\n")
    with pytest.raises(InputError) as info:
        load_year(2020, tmp_path)
    problem = info.value.problems[0]
    assert problem.file.endswith("years/2020.yaml")
    assert problem.line == 2
    assert "unknown key 'rolling_method'" in problem.problem
    assert "Fix:" in str(info.value)


def test_nested_unknown_key_and_bad_value_are_both_reported(tmp_path):
    _write(
        tmp_path,
        "years/2021.yaml",
        "year: 2021\ndisclosure:\n  threshold: 10\n  treshold: 5\n"
        "disciplinary_rolling_method: median\n",
    )
    with pytest.raises(InputError) as info:
        load_year(2021, tmp_path)
    by_line = {p.line: p for p in info.value.problems}
    assert "disclosure.treshold" in by_line[4].problem
    assert by_line[5].value == "median"


def test_year_mismatch_is_an_error(tmp_path):
    _write(tmp_path, "years/2020.yaml", "year: 2019\n")
    with pytest.raises(InputError, match="set 'year: 2020'"):
        load_year(2020, tmp_path)


def test_indicator_numbers_are_checked(tmp_path):
    _write(tmp_path, "years/2020.yaml", "year: 2020\nrequired_indicators: [1, 2, 10]\n")
    with pytest.raises(InputError, match="indicators must be 1-9"):
        load_year(2020, tmp_path)


def test_organisation_unknown_key_points_at_its_line(tmp_path):
    _write(
        tmp_path,
        "organisations.yaml",
        "organisations:\n  X1:\n    name: X\n    type: CCG\n    region: R\n    colour: red\n",
    )
    with pytest.raises(InputError) as info:
        load_organisations(tmp_path)
    assert info.value.problems[0].line == 6
    assert "colour" in info.value.problems[0].problem


def test_unregistered_organisation_still_gets_figures(tmp_path):
    assert load_organisation("ZZZ", tmp_path).name == "ZZZ"


def test_invalid_yaml_names_the_line(tmp_path):
    _write(tmp_path, "project.yaml", "kernel_name: a\n  bad: [\n")
    with pytest.raises(InputError) as info:
        load_project(tmp_path)
    assert info.value.problems[0].line is not None


def test_shipped_params_are_valid():
    project = load_project(PARAMS_DIR)
    assert project.kernel_name == "wres-analysis"
    orgs = load_organisations(PARAMS_DIR)
    for year in (2019, 2020, 2021):
        params = load_year(year, PARAMS_DIR)
        assert set(params.organisations) <= set(orgs)
    assert load_year(2020, PARAMS_DIR).required_indicators == [1, 2, 3, 4, 9]
    assert "COVID-19" in load_year(2020, PARAMS_DIR).not_required_reason


def test_impossible_date_names_its_line(tmp_path):
    _write(tmp_path, "years/2020.yaml", "year: 2020\nreport_date: 2020-13-01\n")
    with pytest.raises(InputError) as info:
        load_year(2020, tmp_path)
    problem = info.value.problems[0]
    assert problem.line == 2 and problem.value == "2020-13-01"
