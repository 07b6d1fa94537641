"""`wres synth --national`: about 220 seeded organisations of every type and region."""

from __future__ import annotations

import filecmp
from collections import Counter
from pathlib import Path

import pytest

from wres_analysis.cli import main
from wres_analysis.compare import peer_group
from wres_analysis.figures import compute_record
from wres_analysis.params import load_organisations, load_year
from wres_analysis.synth.national import (
    REGIONS,
    SIZES,
    national_profiles,
    organisations_yaml,
    write_national,
)

SMALL = ("CC001", "CC035")  # two CCGs: quick to write


@pytest.fixture(scope="module")
def orgs() -> list:
    return national_profiles(seed=2020)


def test_about_220_organisations_of_every_type_and_region(orgs: list) -> None:
    assert len(orgs) == 220
    assert len({o.code for o in orgs}) == 220
    assert Counter(o.kind for o in orgs) == {
        "acute": 125,
        "mental_health": 50,
        "ambulance": 10,
        "ccg": 35,
    }
    assert {o.region for o in orgs} == set(REGIONS) and len(REGIONS) == 7
    groups = Counter(peer_group(o.type_text) for o in orgs)
    assert groups == {
        "acute": 125,
        "mental health and community": 50,
        "ambulance": 10,
        "commissioner": 35,
    }


def test_sizes_are_realistic(orgs: list) -> None:
    for o in orgs:
        low, high = SIZES[o.kind][2:]
        assert low <= o.profile.headcount.at(2020) <= high, o.code
    total = sum(round(o.profile.headcount.at(2020)) for o in orgs)
    assert 1_300_000 <= total <= 1_500_000


def test_bme_shares_follow_the_region(orgs: list) -> None:
    """London's acute trusts employ a larger BME share than the South West's."""

    def mean(region: str) -> float:
        acute = [o for o in orgs if o.kind == "acute" and o.region == region]
        shares = [o.profile.bme_pct.at(2020) for o in acute]
        return sum(shares) / len(shares)

    assert mean("London") > 2 * mean("South West")


def test_same_seed_same_organisations_and_another_seed_differs(orgs: list) -> None:
    again = national_profiles(seed=2020)
    assert organisations_yaml(again) == organisations_yaml(orgs)
    assert [o.profile for o in again] == [o.profile for o in orgs]
    other = national_profiles(seed=7)
    assert [o.profile.headcount for o in other] != [o.profile.headcount for o in orgs]


def test_same_seed_same_bytes_and_runnable_params(tmp_path: Path) -> None:
    one, files = write_national(tmp_path / "one", only=SMALL)
    write_national(tmp_path / "two", only=SMALL, workers=2)
    assert [o.code for o in one] == list(SMALL)
    assert files == 2 * (6 + 5 + 6)  # six files a year; five in 2020 (no staff survey)
    compared = filecmp.dircmp(tmp_path / "one", tmp_path / "two")
    assert _identical(compared)
    params = tmp_path / "one" / "params"
    assert load_year(2020, params).organisations == list(SMALL)
    assert load_organisations(params)["CC001"].type == "CCG"
    record = compute_record(tmp_path / "one" / "data", "CC001", 2020, params_dir=params)
    assert record["indicators"]["1"]["overall"]["total"] == round(
        one[0].profile.headcount.at(2020)
    )


def _identical(compared: filecmp.dircmp) -> bool:
    same = not (compared.left_only or compared.right_only or compared.diff_files)
    for name in compared.common_files:  # dircmp compares by stat: check the bytes
        left, right = Path(compared.left) / name, Path(compared.right) / name
        same = same and left.read_bytes() == right.read_bytes()
    return same and all(_identical(sub) for sub in compared.subdirs.values())


def test_national_never_writes_into_the_shipped_data(capsys: pytest.CaptureFixture) -> None:
    from wres_analysis.paths import DATA_DIR

    assert main(["synth", "--national", "--out", str(DATA_DIR)]) == 1
    err = capsys.readouterr().err
    assert "overwrite the shipped example data" in err and "--out" in err


def test_national_refuses_options_that_do_not_apply(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    assert main(["synth", "--national", "--out", str(tmp_path), "--org", "EXCCG"]) == 1
    assert "--org does not apply" in capsys.readouterr().err
    assert not any(tmp_path.iterdir())
