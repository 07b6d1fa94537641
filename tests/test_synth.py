"""The synthetic example data: deterministic, in the contract's layout, and realistic.

Figures here are computed with plain pandas straight from the CSVs, independently of the
package's own indicator code, so the example data is checked against the seed report
rather than against itself.
"""

from __future__ import annotations

import filecmp
import re
from pathlib import Path

import pandas as pd
import pytest

from wres_analysis.errors import InputError
from wres_analysis.inputs.ethnicity import CODE_GROUP, to_groups
from wres_analysis.paths import DATA_DIR
from wres_analysis.synth import DEFAULT_YEARS, synthetic_extracts, write_synthetic_data
from wres_analysis.synth.profiles import PROFILES

ORGS = tuple(PROFILES)
ORG_YEARS = [(org, year) for org in ORGS for year in DEFAULT_YEARS]
SENIOR_8B_UP = ("Band 8b", "Band 8c", "Band 8d", "Band 9", "VSM")
COLUMNS = {
    "workforce": ["staff_id", "ethnic_category", "pay_band", "clinical", "bank"],
    "recruitment": ["ethnic_category", "shortlisted", "appointed"],
    "disciplinary": ["ethnic_category", "entered"],
    "training": ["ethnic_category", "accessed"],
    "staff_survey": ["indicator", "group", "percentage", "respondents"],
    "board": ["member_id", "ethnic_category", "voting", "executive"],
    "risk_assessments": ["ethnic_category", "assessed"],  # optional, contract v1.1
}
RISK_SUPPLIED = {(o, y) for o in ("EXCCG", "EXHOSP", "EXMHCT") for y in (2020, 2021)}
CONTRACT_BANDS = {
    *(f"Band {n}" for n in range(1, 8)),
    *("Band 8a", "Band 8b", "Band 8c", "Band 8d", "Band 9", "VSM", "Other"),
    *("Medical: Consultant", "Medical: Non-consultant career grade", "Medical: Trainee grade"),
}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """All example organisations and years, default seed, written once for the module."""
    out = tmp_path_factory.mktemp("synth")
    write_synthetic_data(out)
    return out


def read(path: Path) -> pd.DataFrame:
    """A CSV as text, blanks kept as empty strings (as a careful user would read it)."""
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def groups(values: pd.Series) -> pd.Series:
    """White / BME / Unknown from the leading code (a sub-code by its first character);
    blank is Unknown."""
    first = values.str.strip().str.split(" ").str[0].str.upper()
    first = first.where((first.str.len() != 2) | (first == "99"), first.str[0])
    return first.map({**CODE_GROUP, "": "Unknown"})


def in_post(folder: Path) -> pd.DataFrame:
    """workforce.csv without bank-only rows, with a group column."""
    wf = read(folder / "workforce.csv")
    wf = wf[wf["bank"] != "true"].copy()
    wf["group"] = groups(wf["ethnic_category"])
    return wf


def summed(folder: Path, name: str, columns: list[str]) -> pd.DataFrame:
    """A flow file's counts summed per group."""
    frame = read(folder / f"{name}.csv")
    frame[columns] = frame[columns].astype(int)
    return frame.groupby(groups(frame["ethnic_category"]))[columns].sum()


def relative_likelihoods(folder: Path) -> dict[str, float]:
    """Indicators 2, 3 (single year) and 4 as published: ratios of group rates."""
    headcount = in_post(folder)["group"].value_counts()
    rec = summed(folder, "recruitment", ["shortlisted", "appointed"])
    appoint = rec["appointed"] / rec["shortlisted"]
    entered = summed(folder, "disciplinary", ["entered"])["entered"]
    accessed = summed(folder, "training", ["accessed"])["accessed"]
    white_entry = entered.get("White", 0) / headcount["White"]
    return {
        "2": appoint["White"] / appoint["BME"],
        "3": (entered.get("BME", 0) / headcount["BME"]) / white_entry if white_entry else None,
        "4": (accessed["White"] / headcount["White"]) / (accessed["BME"] / headcount["BME"]),
    }


# --- determinism -------------------------------------------------------------------------
def _files(root: Path) -> list[Path]:
    return sorted(p.relative_to(root) for p in root.rglob("*") if p.is_file())


def test_same_seed_gives_identical_bytes(generated: Path, tmp_path: Path) -> None:
    write_synthetic_data(tmp_path)
    assert _files(tmp_path) == _files(generated)
    for rel in _files(generated):
        assert (tmp_path / rel).read_bytes() == (generated / rel).read_bytes(), rel


def test_one_organisation_alone_equals_it_within_all(generated: Path, tmp_path: Path) -> None:
    written = write_synthetic_data(tmp_path, orgs=["EXHOSP"], years=[2021])
    assert {p.parent for p in written} == {tmp_path / "EXHOSP" / "2021"}
    for path in written:
        assert path.read_bytes() == (generated / "EXHOSP" / "2021" / path.name).read_bytes()


def test_another_seed_gives_other_data() -> None:
    a = synthetic_extracts("LTCCG", 2019, seed=1)["workforce"]
    b = synthetic_extracts("LTCCG", 2019, seed=2)["workforce"]
    assert not a.equals(b)


def test_files_are_utf8_with_newline_endings_and_no_leftovers(generated: Path) -> None:
    for rel in _files(generated):
        assert rel.suffix == ".csv", f"unexpected file {rel}"
        raw = (generated / rel).read_bytes()
        assert b"\r" not in raw and raw.endswith(b"\n")
        raw.decode("utf-8")


def test_committed_data_equals_a_fresh_regeneration(generated: Path) -> None:
    """data/ is generated, never hand-edited: regenerate with `wres synth` after changes."""
    for org in ORGS:
        committed = sorted(p.relative_to(DATA_DIR) for p in (DATA_DIR / org).rglob("*.csv"))
        fresh = sorted(p.relative_to(generated) for p in (generated / org).rglob("*.csv"))
        assert committed == fresh, f"data/{org} holds other files than `wres synth` writes"
    _, mismatch, errors = filecmp.cmpfiles(
        DATA_DIR, generated, [str(p) for p in _files(generated)], shallow=False
    )
    assert not mismatch and not errors, f"data/ differs from `wres synth`: {mismatch + errors}"


# --- layout and columns ------------------------------------------------------------------
@pytest.mark.parametrize(("org", "year"), ORG_YEARS)
def test_columns_are_exactly_the_contracts(generated: Path, org: str, year: int) -> None:
    folder = generated / org / str(year)
    expected = set(COLUMNS) - ({"staff_survey"} if year == 2020 else set())
    if (org, year) not in RISK_SUPPLIED:
        expected -= {"risk_assessments"}
    assert {p.stem for p in folder.glob("*.csv")} == expected
    for name in expected:
        assert list(read(folder / f"{name}.csv").columns) == COLUMNS[name], name


def test_survey_omitted_in_2020_only(generated: Path) -> None:
    for org in ORGS:
        assert not (generated / org / "2020" / "staff_survey.csv").exists()
        for year in (2019, 2021):
            survey = read(generated / org / str(year) / "staff_survey.csv")
            pairs = zip(survey["indicator"].astype(int), survey["group"], strict=True)
            assert sorted(pairs) == sorted((i, g) for i in (5, 6, 7, 8) for g in ("White", "BME"))
            assert survey["percentage"].astype(float).between(0, 100).all()


def test_stale_survey_is_removed_when_2020_is_rewritten(tmp_path: Path) -> None:
    folder = tmp_path / "LTCCG" / "2020"
    folder.mkdir(parents=True)
    (folder / "staff_survey.csv").write_text("old\n")
    written = write_synthetic_data(tmp_path, orgs=["LTCCG"], years=[2020])
    assert not (folder / "staff_survey.csv").exists()
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in written)


@pytest.mark.parametrize(("org", "year"), ORG_YEARS)
def test_values_follow_the_contract(generated: Path, org: str, year: int) -> None:
    folder = generated / org / str(year)
    wf = read(folder / "workforce.csv")
    assert wf["staff_id"].str.fullmatch(r"S[0-9a-f]{16}").all() and wf["staff_id"].is_unique
    assert wf["staff_id"].is_monotonic_increasing, "sorted by staff_id, as `wres import esr` writes"
    assert set(wf["pay_band"]) <= CONTRACT_BANDS
    assert set(wf["clinical"]) <= {"clinical", "non-clinical"}
    assert set(wf["bank"]) == {"true", "false"}, "a few bank-only rows exercise exclusion"
    assert 0 < (wf["bank"] == "true").mean() < 0.05
    board = read(folder / "board.csv")
    assert board["member_id"].str.fullmatch(r"M\d{2,}").all() and board["member_id"].is_unique
    assert set(board["voting"]) | set(board["executive"]) <= {"true", "false"}
    for name in ("workforce", "recruitment", "disciplinary", "training", "board"):
        _, invalid = to_groups(read(folder / f"{name}.csv")["ethnic_category"])
        assert not invalid.any(), name
    rec = read(folder / "recruitment.csv")[["shortlisted", "appointed"]].astype(int)
    assert (rec["appointed"] <= rec["shortlisted"]).all()
    headcount = in_post(folder)["group"].value_counts()
    accessed = summed(folder, "training", ["accessed"])["accessed"]
    assert (accessed <= headcount.reindex(accessed.index)).all()


def test_ethnicity_formats_are_mixed_as_in_real_extracts(generated: Path) -> None:
    def values(org: str) -> pd.Series:
        return read(generated / org / "2020" / "workforce.csv")["ethnic_category"]

    code = r"[A-Z][A-Z0-9]?|99"  # a national code or a two-character sub-code (contract v1.2)
    assert values("EXCCG").str.contains(" ").sum() > 0.9 * (values("EXCCG") != "").sum()
    assert values("LTCCG").str.fullmatch(code + "|").all()
    assert values("EXHOSP").str.fullmatch(code + "|").all()
    mixed = values("EXMHCT")
    assert mixed.str.contains(" ").any() and mixed.str.fullmatch(code).any()
    for org in ORGS:
        assert (values(org) == "").any(), f"{org}: some blanks, as real extracts have"
    subcodes = {v.split(" ")[0] for org in ORGS for v in values(org) if len(v.split(" ")[0]) == 2}
    assert {"CA", "C3", "LK", "PC", "SD"} <= subcodes | {"99"}, "sub-codes as ESR carries them"


def test_recruitment_layouts(generated: Path) -> None:
    for org in ("EXCCG", "LTCCG"):
        rec = read(generated / org / "2020" / "recruitment.csv")
        assert set(rec["shortlisted"]) == {"1"} and set(rec["appointed"]) == {"0", "1"}
    for org in ("EXHOSP", "EXMHCT"):
        rec = read(generated / org / "2020" / "recruitment.csv")
        assert rec["ethnic_category"].is_unique and rec["shortlisted"].astype(int).max() > 1


# --- the model organisation: the seed report's 2019/20 facts ----------------------------
def test_model_organisation_2020_reproduces_the_seed_report(generated: Path) -> None:
    folder = generated / "EXCCG" / "2020"
    wf = in_post(folder)
    total, bme = len(wf), int((wf["group"] == "BME").sum())
    assert round(bme / total * 100, 1) == 3.4  # workforce BME share, unknowns in denominator
    board = read(folder / "board.csv")
    board_bme = int((groups(board["ethnic_category"]) == "BME").sum())
    assert (len(board), board_bme) == (25, 0)
    assert (board["voting"] == "true").sum() == 19 and (board["executive"] == "true").sum() == 7
    senior = wf[wf["pay_band"].isin(SENIOR_8B_UP)]
    senior_bme = int((senior["group"] == "BME").sum())
    assert (len(senior), senior_bme) == (224, 4)
    people, people_bme = len(senior) + len(board), senior_bme + board_bme
    assert (people, people_bme) == (249, 4)
    assert round(people_bme / people * 100, 1) == 1.6
    assert round(bme / total * people, 1) == 8.5  # parity target 3.4% x 249


def test_model_organisation_other_years_are_close_but_not_identical(generated: Path) -> None:
    shares = {}
    for year in DEFAULT_YEARS:
        wf = in_post(generated / "EXCCG" / str(year))
        shares[year] = (wf["group"] == "BME").mean() * 100
    assert shares[2019] != shares[2020] != shares[2021]
    assert all(2.5 < share < 4.5 for share in shares.values())
    board_2021 = read(generated / "EXCCG" / "2021" / "board.csv")
    assert (groups(board_2021["ethnic_category"]) == "BME").sum() == 1


# --- realism -----------------------------------------------------------------------------
@pytest.mark.parametrize(("org", "year"), ORG_YEARS)
def test_relative_likelihoods_in_published_ranges(generated: Path, org: str, year: int) -> None:
    folder = generated / org / str(year)
    rl = relative_likelihoods(folder)
    assert 1.2 <= rl["2"] <= 1.8
    assert 0.9 <= rl["4"] <= 1.3
    if PROFILES[org].kind == "trust":
        assert 0.8 <= rl["3"] <= 2.0
    else:
        # A CCG has 0-3 cases a year: no ratio of rates can sit in a published range
        # (one BME case among ~30 BME staff needs >13 White cases), so only the size is
        # checked; the report suppresses such figures.
        assert summed(folder, "disciplinary", ["entered"])["entered"].sum() <= 3
    if org == "EXMHCT":
        assert rl["3"] >= 1.55, "mental-health trusts typically show a high indicator 3 ratio"


@pytest.mark.parametrize(("org", "year"), ORG_YEARS)
def test_workforce_shape(generated: Path, org: str, year: int) -> None:
    wf = in_post(generated / org / str(year))
    share = wf["group"].value_counts(normalize=True) * 100
    assert 2 <= share["Unknown"] <= 8
    expected_size = {"EXCCG": (900, 1000), "LTCCG": (80, 120), "EXHOSP": (2800, 3200)}
    low, high = expected_size.get(org, (2300, 2700))
    assert low <= len(wf) <= high
    if org in ("EXHOSP", "EXMHCT"):
        medical = wf["pay_band"].str.startswith("Medical")
        senior = wf["pay_band"].isin(["Band 8a", *SENIOR_8B_UP])
        overall = (wf["group"] == "BME").mean()
        assert (wf.loc[medical, "group"] == "BME").mean() > 1.5 * overall
        assert (wf.loc[senior, "group"] == "BME").mean() < overall


def test_trends_move_both_ways(generated: Path) -> None:
    """Across 2019-2021 some ratios improve and some worsen, as real trends do."""
    directions = set()
    for org in ORGS:
        rls = [relative_likelihoods(generated / org / str(y)) for y in DEFAULT_YEARS]
        for key in ("2", "4"):
            directions.add(rls[-1][key] > rls[0][key])
    assert directions == {True, False}


# --- scaling and options -----------------------------------------------------------------
@pytest.mark.parametrize(("org", "staff"), [("BIG", 10_000), ("LTCCG", 500), ("EXCCG", 37)])
def test_staff_gives_the_requested_headcount(tmp_path: Path, org: str, staff: int) -> None:
    write_synthetic_data(tmp_path, orgs=[org], years=[2020], staff=staff)
    wf = in_post(tmp_path / org / "2020")
    assert len(wf) == staff
    assert read(tmp_path / org / "2020" / "workforce.csv")["staff_id"].is_unique


def test_scale_organisation_keeps_the_acute_trusts_ratios(tmp_path: Path) -> None:
    write_synthetic_data(tmp_path, orgs=["BIG"], years=[2020], staff=100_000)
    wf = in_post(tmp_path / "BIG" / "2020")
    assert round((wf["group"] == "BME").mean() * 100, 1) == PROFILES["EXHOSP"].bme_pct.at(2020)
    rl = relative_likelihoods(tmp_path / "BIG" / "2020")
    assert 1.2 <= rl["2"] <= 1.8 and 0.8 <= rl["3"] <= 2.0 and 0.9 <= rl["4"] <= 1.3


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"orgs": ["NOTANORG"]}, "scale-test"),
        ({"orgs": ["bad code"], "staff": 10}, "organisation code"),
        ({"orgs": ["BIG"], "staff": 0}, "at least 1"),
        ({"years": [20]}, "four-digit"),
    ],
)
def test_bad_options_are_refused_clearly(tmp_path: Path, kwargs: dict, message: str) -> None:
    with pytest.raises(InputError, match=message):
        write_synthetic_data(tmp_path, **kwargs)
    assert not any(tmp_path.iterdir())


def test_cli_writes_and_lists_folders(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from wres_analysis.cli import main

    assert main(["synth", "--out", str(tmp_path), "--org", "LTCCG", "--year", "2021"]) == 0
    out = capsys.readouterr().out
    assert "wrote 6 files in 1 folders" in out
    assert re.search(r"LTCCG/2021", out)


# --- the loader --------------------------------------------------------------------------
def test_every_example_loads_through_the_loader(generated: Path) -> None:
    loading = pytest.importorskip(
        "wres_analysis.inputs.loading",
        reason="wres_analysis.inputs.loading (the data-contract loader) is not in the package yet",
    )
    for org, year in ORG_YEARS:
        extracts = loading.load_extracts(generated, org, year)
        assert len(extracts.workforce) == len(in_post(generated / org / str(year)))
        assert (extracts.staff_survey is None) == (year == 2020)
