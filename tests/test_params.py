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


# --- the strict loader ----------------------------------------------------------------------
def test_keys_that_differ_only_in_type_are_repeats(tmp_path):
    # YAML keeps both, but validation would read both as indicator 5 and keep one silently
    _write(tmp_path, "years/2020.yaml", "year: 2020\nsurvey_labels:\n  5: KF25\n  '5': KF26\n")
    with pytest.raises(InputError, match="lines 3 and 4"):
        load_year(2020, tmp_path)


def test_a_repeated_key_inside_a_list_item_names_both_lines(tmp_path):
    from wres_analysis.yamlio import parse_yaml

    text = "items:\n  - a: 1\n    b: 2\n  - a: 1\n    a: 3\n"
    with pytest.raises(InputError) as info:
        parse_yaml(text, "f.yaml")
    (problem,) = info.value.problems
    assert problem.line == 5 and "lines 4 and 5" in problem.problem


def test_the_same_key_in_different_mappings_is_fine(tmp_path):
    from wres_analysis.yamlio import parse_yaml

    data, lines = parse_yaml("a:\n  x: 1\nb:\n  x: 2\n", "f.yaml")
    assert data == {"a": {"x": 1}, "b": {"x": 2}}
    assert lines[("b", "x")] == 4


@pytest.mark.parametrize(
    ("name", "code"),
    [("years/2020.yaml", "year: 2020\n"), ("project.yaml", "published: true\n")],
)
def test_a_byte_order_mark_is_accepted(tmp_path, name, code):
    path = _write(tmp_path, name, "")
    path.write_bytes(b"\xef\xbb\xbf" + code.encode())
    loader = load_year if name.startswith("years") else load_project
    result = loader(2020, tmp_path) if loader is load_year else loader(tmp_path)
    assert result is not None


def test_organisation_codes_longer_than_64_characters_are_refused(tmp_path):
    from wres_analysis.params import check_org_code

    check_org_code("A" * 64, tmp_path)
    with pytest.raises(InputError, match="65 characters long"):
        check_org_code("A" * 65, tmp_path)
