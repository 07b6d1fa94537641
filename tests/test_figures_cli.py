"""`wres figures` on the shipped example data: headline facts, determinism, errors."""

from __future__ import annotations

import json
import shutil

import pytest

from wres_analysis.cli import main
from wres_analysis.paths import DATA_DIR, PARAMS_DIR

MODEL_ORG = "EXCCG"


def _figures(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["figures", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_model_organisation_headline_facts(capsys):
    code, out, _ = _figures(
        capsys, "--data-dir", str(DATA_DIR), "--org", MODEL_ORG, "--year", "2020"
    )
    assert code == 0
    record = json.loads(out)
    assert record["contract"] == 1 and record["org"] == MODEL_ORG and record["year"] == 2020
    indicators = record["indicators"]
    assert round(indicators["1"]["overall"]["bme_pct"], 1) == 3.4
    board = indicators["9"]["all"]
    assert (board["members"], board["bme"]) == (25, 0)
    assert round(board["difference_pp"], 1) == -3.4
    for number in "5678":
        assert indicators[number]["required"] is False
        assert (
            "not required" in indicators[number]["note"]
            or "did not require" in (indicators[number]["note"])
        )
    assert indicators["3"]["caveat"] is not None or indicators["3"]["years"] == [2019, 2020]


def test_output_is_byte_identical_and_free_of_machine_paths(capsys):
    args = ("--data-dir", str(DATA_DIR), "--org", "EXHOSP", "--year", "2021")
    first = _figures(capsys, *args)[1]
    second = _figures(capsys, *args)[1]
    assert first == second
    assert str(DATA_DIR) not in first and "/work" not in first
    assert json.loads(first)["indicators"]["3"]["years"] == [2020, 2021]


def test_published_record_has_the_same_shape_with_small_counts_null(capsys):
    args = ("--data-dir", str(DATA_DIR), "--org", "LTCCG", "--year", "2020")
    internal = json.loads(_figures(capsys, *args)[1])
    published = json.loads(_figures(capsys, *args, "--published")[1])
    assert published["published"] is True and published["suppressed"]

    def keys(node, prefix=""):
        if isinstance(node, dict):
            return {k for key, v in node.items() for k in keys(v, f"{prefix}.{key}")} | {prefix}
        if isinstance(node, list):
            return {k for i, v in enumerate(node) for k in keys(v, f"{prefix}.{i}")}
        return {prefix}

    assert keys(internal["indicators"]) == keys(published["indicators"])
    for path in published["suppressed"]:
        node = published
        for part in path.split("."):
            node = node[int(part)] if isinstance(node, list) else node[part]
        assert node is None


def test_bad_input_exits_non_zero_with_nothing_on_stdout(capsys, tmp_path):
    target = tmp_path / MODEL_ORG / "2020"
    shutil.copytree(DATA_DIR / MODEL_ORG / "2020", target)
    lines = (target / "workforce.csv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[3].split(",")
    cells[header.index("ethnic_category")] = "Q"
    lines[3] = ",".join(cells)
    (target / "workforce.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = _figures(
        capsys, "--data-dir", str(tmp_path), "--org", MODEL_ORG, "--year", "2020"
    )
    assert code != 0
    assert out == ""
    assert "workforce.csv" in err and "row 4" in err and "'Q'" in err and "Fix:" in err


def test_bad_params_key_exits_non_zero_naming_file_and_key(capsys, tmp_path):
    params = tmp_path / "params"
    shutil.copytree(PARAMS_DIR, params)
    year_file = params / "years" / "2020.yaml"
    year_file.write_text(year_file.read_text() + "disclosure_treshold: 5\n")
    code, out, err = _figures(
        capsys,
        "--data-dir",
        str(DATA_DIR),
        "--params-dir",
        str(params),
        "--org",
        MODEL_ORG,
        "--year",
        "2020",
    )
    assert code != 0 and out == ""
    assert "2020.yaml" in err and "disclosure_treshold" in err and "line" in err


def test_missing_organisation_folder_is_a_clear_error(capsys, tmp_path):
    code, out, err = _figures(
        capsys, "--data-dir", str(tmp_path), "--org", "NOPE", "--year", "2020"
    )
    assert code != 0 and out == ""
    assert "workforce.csv" in err


@pytest.mark.parametrize("argv", [["--help"], ["figures", "--help"], ["synth", "--help"]])
def test_help_teaches(argv, capsys):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 0
    assert "usage: wres" in capsys.readouterr().out


def test_ratios_on_few_events_are_flagged_as_small_numbers(capsys):
    def record(org: str) -> dict:
        args = ("--data-dir", str(DATA_DIR), "--org", org, "--year", "2020")
        return json.loads(_figures(capsys, *args)[1])["indicators"]

    ccg, trust = record(MODEL_ORG), record("EXHOSP")
    assert ccg["3"]["small_numbers"] is True  # a CCG has a case or two a year
    assert trust["2"]["small_numbers"] is False
    assert trust["2"]["bme"]["appointed"] >= 10 and trust["2"]["white"]["appointed"] >= 10


def test_small_numbers_caveat_is_written_beside_the_ratio():
    from wres_analysis.display.narrative import likelihood
    from wres_analysis.figures import compute_record

    text = " ".join(likelihood(compute_record(DATA_DIR, MODEL_ORG, 2020), 3))
    assert "Small numbers:" in text and "fewer than 10" in text
    trust = " ".join(likelihood(compute_record(DATA_DIR, "EXHOSP", 2020), 2))
    assert "Small numbers:" not in trust
