"""Benchmarking across organisations: peer groups, group statistics, the published rule,
one organisation's slice, and the national reference figures."""

from __future__ import annotations

import copy
import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wres_analysis.compare import (
    comparison_dataset,
    comparison_for,
    comparison_key,
    peer_group,
    read_dataset,
    write_dataset,
)
from wres_analysis.compare.dataset import COMPARED, FEW_NOTE, group_statistics, measure_key
from wres_analysis.compare.national import national_figure, national_figures
from wres_analysis.compare.slices import dataset_path
from wres_analysis.figures import compute_record
from wres_analysis.figures.trends import MEASURE_BY_KEY
from wres_analysis.params import Organisation
from wres_analysis.paths import DATA_DIR, PARAMS_DIR

BAND = (0.8, 1.25)
RL2 = "2.relative_likelihood"


# --- peer groups ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("acute trust", "acute"),
        ("Acute Foundation Trust", "acute"),
        ("teaching hospitals trust", "acute"),
        ("specialist trust", "acute"),
        ("mental health and community trust", "mental health and community"),
        ("Mental Health Trust", "mental health and community"),
        ("community trust", "mental health and community"),
        ("learning disabilities trust", "mental health and community"),
        ("ambulance trust", "ambulance"),
        ("Ambulance Service NHS Trust", "ambulance"),
        ("CCG", "commissioner"),
        ("clinical commissioning group", "commissioner"),
        ("CCGs (joint)", "commissioner"),
        ("integrated care board", "commissioner"),
        ("ICB", "commissioner"),
        ("CSU", "commissioner"),
        ("trust", "other"),
        ("organisation", "other"),
        ("picbo", "other"),  # "icb" must start a word
        ("", "other"),
    ],
)
def test_peer_group_of_free_text_types(text: str, group: str) -> None:
    assert peer_group(text) == group


def test_every_shipped_and_national_type_has_one_of_the_four_groups() -> None:
    from wres_analysis.params import load_organisations
    from wres_analysis.synth.national import TYPE_TEXT

    types = [o.type for o in load_organisations(PARAMS_DIR).values()] + list(TYPE_TEXT.values())
    groups = {peer_group(t) for t in types}
    assert groups == {"acute", "mental health and community", "ambulance", "commissioner"}


# --- group statistics -------------------------------------------------------------------------
def test_median_and_quartiles_by_hand() -> None:
    # Inclusive quartiles: position (n - 1) p, interpolated. [1, 2, 3, 4]: q1 at 0.75 -> 1.75,
    # median at 1.5 -> 2.5, q3 at 2.25 -> 3.25.
    stats = group_statistics([4.0, None, 1.0, 3.0, 2.0], "pct", BAND)
    assert stats == {"n": 4, "median": 2.5, "q1": 1.75, "q3": 3.25, "note": ""}
    # [1.1, 1.2, 1.3, 1.5, 2.0]: q1 at 1 -> 1.2, median 1.3, q3 at 3 -> 1.5.
    stats = group_statistics([2.0, 1.5, 1.3, 1.2, 1.1], "ratio", BAND)
    assert (stats["n"], stats["q1"], stats["median"], stats["q3"]) == (5, 1.2, 1.3, 1.5)
    assert stats["outside_band"] == 3  # 1.3, 1.5 and 2.0
    assert group_statistics([0.8, 1.25, 1.0], "ratio", BAND)["outside_band"] == 0  # edges in


@pytest.mark.parametrize("values", [[], [1.4], [1.4, None, 1.9], [None, None, None]])
def test_fewer_than_three_values_give_no_statistic(values: list[float | None]) -> None:
    stats = group_statistics(values, "ratio", BAND)
    assert stats["median"] is None and stats["q1"] is None and stats["q3"] is None
    assert stats["outside_band"] is None
    assert stats["note"] == FEW_NOTE
    assert stats["n"] == sum(v is not None for v in values)


def test_three_values_are_enough() -> None:
    assert group_statistics([1.0, 2.0, 3.0], "pct", BAND)["median"] == 2.0


# --- the dataset -----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def base_records() -> dict[str, dict[str, Any]]:
    """The shipped organisations' 2020 records, internal and published."""
    out = {}
    for org in ("EXHOSP", "LTCCG"):
        for published in (False, True):
            out[f"{org}-{published}"] = compute_record(DATA_DIR, org, 2020, published=published)
    return out


def _org(code: str, kind: str, region: str) -> Organisation:
    return Organisation(code=code, name=f"Name of {code}", type=kind, region=region)


def _with_rl(record: dict[str, Any], code: str, rl: float | None) -> dict[str, Any]:
    copied = copy.deepcopy(record)
    copied["org"] = code
    copied["indicators"]["2"]["relative_likelihood"] = rl
    return copied


def _five(base: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Organisation]]:
    """Three acute trusts and two mental health trusts, in two regions."""
    spec = {
        "A1": ("acute trust", "North", 1.2),
        "A2": ("acute trust", "North", 1.5),
        "A3": ("acute trust", "South", 2.0),
        "M1": ("mental health trust", "North", 1.1),
        "M2": ("mental health trust", "South", 1.3),
    }
    records = {c: _with_rl(base, c, rl) for c, (_, _, rl) in spec.items()}
    orgs = {c: _org(c, kind, region) for c, (kind, region, _) in spec.items()}
    return records, orgs


def test_groups_by_hand(base_records: dict[str, Any]) -> None:
    records, orgs = _five(base_records["EXHOSP-False"])
    dataset = comparison_dataset(records, orgs, 2020, published=False)
    groups = dataset["groups"]
    assert list(groups) == [
        "peer:acute",
        "peer:mental health and community",
        "region:North",
        "region:South",
        "all",
    ]
    acute = groups["peer:acute"]["measures"][RL2]
    assert (acute["n"], acute["q1"], acute["median"], acute["q3"]) == (3, 1.35, 1.5, 1.75)
    assert groups["peer:mental health and community"]["measures"][RL2]["median"] is None
    north = groups["region:North"]["measures"][RL2]  # 1.1, 1.2, 1.5
    assert (north["median"], north["q1"], north["q3"]) == (1.2, 1.15, 1.35)
    everyone = groups["all"]["measures"][RL2]
    assert (everyone["n"], everyone["median"]) == (5, 1.3)
    assert dataset["organisations"]["A3"]["values"][RL2] == {
        "value": 2.0,
        "status": "value",
        "note": "",
    }


def test_a_null_figure_is_left_out_not_counted_as_zero(base_records: dict[str, Any]) -> None:
    records, orgs = _five(base_records["EXHOSP-False"])
    records["A1"] = _with_rl(records["A1"], "A1", None)
    stats = comparison_dataset(records, orgs, 2020, False)["groups"]["peer:acute"]["measures"]
    assert stats[RL2]["n"] == 2 and stats[RL2]["median"] is None


def test_the_slice_holds_only_what_the_section_shows(base_records: dict[str, Any]) -> None:
    records, orgs = _five(base_records["EXHOSP-False"])
    dataset = comparison_dataset(records, orgs, 2020, False)
    mine = comparison_for(dataset, "A1")
    assert (mine["peer_group"], mine["region"], mine["name"]) == ("acute", "North", "Name of A1")
    rl2 = next(m for m in mine["measures"] if m["key"] == RL2)
    assert rl2["value"] == 1.2
    assert rl2["peer"]["median"] == 1.5 and rl2["region"]["median"] == 1.2
    assert rl2["national"]["value"] == 1.61 and rl2["national"]["year"] == 2020
    assert [m["key"] for m in mine["measures"]] == [measure_key(*k) for k in COMPARED]
    text = json.dumps(mine)
    assert "A2" not in text and "M1" not in text  # no other organisation is named
    with pytest.raises(KeyError):
        comparison_for(dataset, "ZZZ")


def test_slice_digest_changes_only_when_what_it_shows_changes(
    base_records: dict[str, Any],
) -> None:
    records, orgs = _five(base_records["EXHOSP-False"])
    before = comparison_dataset(records, orgs, 2020, False)
    # M2 is neither A1's peer nor in its region: A1's slice is unchanged. Nor is A3's: the
    # South (A3, M2) has fewer than 3 organisations, so it shows no statistic to change.
    records["M2"] = _with_rl(records["M2"], "M2", 3.3)
    after = comparison_dataset(records, orgs, 2020, False)
    assert comparison_key(after, "A1") == comparison_key(before, "A1")
    assert comparison_key(after, "A3") == comparison_key(before, "A3")
    # M1 is in A1's region (North: A1, A2, M1): its median moves, so A1's slice changes.
    records["M1"] = _with_rl(records["M1"], "M1", 1.4)
    moved = comparison_dataset(records, orgs, 2020, False)
    assert comparison_key(moved, "A1") != comparison_key(after, "A1")
    # A3 is A1's peer (acute: A1, A2, A3): the acute median moves too.
    records["A3"] = _with_rl(records["A3"], "A3", 1.0)
    again = comparison_dataset(records, orgs, 2020, False)
    assert comparison_key(again, "A1") != comparison_key(moved, "A1")


def test_dataset_json_is_deterministic_and_written_atomically(
    base_records: dict[str, Any], tmp_path: Path
) -> None:
    records, orgs = _five(base_records["EXHOSP-False"])
    first = write_dataset(tmp_path, 2020, False, comparison_dataset(records, orgs, 2020, False))
    text = first.read_text("utf-8")
    reordered = dict(reversed(list(records.items())))
    second = write_dataset(tmp_path, 2020, False, comparison_dataset(reordered, orgs, 2020, False))
    assert first == second == tmp_path / "2020" / "benchmark" / "dataset.json"
    assert second.read_text("utf-8") == text
    assert [p.name for p in first.parent.iterdir()] == ["dataset.json"]  # no temporary left
    assert read_dataset(tmp_path, 2020, False) == json.loads(text)
    assert read_dataset(tmp_path, 2020, True) is None  # the other edition has none
    assert dataset_path(tmp_path, 2020, True).parts[-4:] == (
        "published",
        "2020",
        "benchmark",
        "dataset.json",
    )


def test_an_edition_takes_only_its_own_records(base_records: dict[str, Any]) -> None:
    orgs = {"EXHOSP": _org("EXHOSP", "acute trust", "Midlands")}
    with pytest.raises(ValueError, match="published"):
        comparison_dataset({"EXHOSP": base_records["EXHOSP-False"]}, orgs, 2020, published=True)
    with pytest.raises(ValueError, match="internal"):
        comparison_dataset({"EXHOSP": base_records["EXHOSP-True"]}, orgs, 2020, published=False)
    with pytest.raises(ValueError, match="2021"):
        comparison_dataset({"EXHOSP": base_records["EXHOSP-False"]}, orgs, 2021, published=False)


def test_published_dataset_marks_hidden_figures(base_records: dict[str, Any]) -> None:
    """LTCCG's 2020 workforce has fewer than 10 BME staff: its published share is hidden."""
    record = base_records["LTCCG-True"]
    orgs = {"LTCCG": _org("LTCCG", "CCG", "Midlands")}
    values = comparison_dataset({"LTCCG": record}, orgs, 2020, True)["organisations"]["LTCCG"]
    assert record["indicators"]["1"]["overall"]["bme_pct"] is None
    assert values["values"]["1.workforce_bme_pct"] == {
        "value": None,
        "status": "hidden",
        "note": "not computed (suppressed or no data)",
    }
    assert values["values"]["5.bme_pct"]["status"] == "not_required"


def _path_value(record: dict[str, Any], key: str) -> Any:
    indicator, measure = key.split(".")
    m = MEASURE_BY_KEY[(int(indicator), measure)]
    node: Any = record["indicators"][indicator]
    for part in m.path:
        node = node.get(part) if isinstance(node, dict) else None
    return node


PATHED = [measure_key(*k) for k in COMPARED if MEASURE_BY_KEY[k].path]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    hidden=st.lists(
        st.lists(st.sampled_from(PATHED), unique=True, max_size=len(PATHED)),
        min_size=3,
        max_size=7,
    ),
    regions=st.lists(st.sampled_from(["North", "South"]), min_size=7, max_size=7),
)
def test_published_dataset_never_holds_a_figure_the_record_hid(
    base_records: dict[str, Any], hidden: list[list[str]], regions: list[str]
) -> None:
    """Null any published figures at random: the dataset has no value for them, and every
    group statistic counts exactly the organisations that published the figure."""
    base = base_records["EXHOSP-True"]
    records, orgs = {}, {}
    for i, keys in enumerate(hidden):
        code = f"T{i}"
        record = copy.deepcopy(base)
        record["org"] = code
        for key in keys:
            indicator, _ = key.split(".")
            m = MEASURE_BY_KEY[(int(indicator), key.split(".")[1])]
            parent = record["indicators"][indicator]
            for part in m.path[:-1]:
                parent = parent[part]
            parent[m.path[-1]] = None
        records[code] = record
        orgs[code] = _org(code, "acute trust", regions[i])
    dataset = comparison_dataset(records, orgs, 2020, published=True)
    for code, record in records.items():
        for key in PATHED:
            shown = dataset["organisations"][code]["values"][key]["value"]
            if _path_value(record, key) is None:
                assert shown is None, (code, key)
    for group in dataset["groups"].values():
        for key in PATHED:
            published = [c for c in group["members"] if _path_value(records[c], key) is not None]
            stats = group["measures"][key]
            assert stats["n"] == len(published)
            if len(published) < 3:
                assert stats["median"] is None
            else:
                values = sorted(float(_path_value(records[c], key)) for c in published)
                assert values[0] <= stats["q1"] <= stats["median"] <= stats["q3"] <= values[-1]


# --- national figures ------------------------------------------------------------------------
def test_national_figures_have_sources_and_take_the_latest_earlier_year() -> None:
    figures = national_figures()
    assert figures and all(f.source.startswith("NHS England") for f in figures)
    assert all(not math.isnan(f.value) for f in figures)
    assert national_figure(2, "relative_likelihood", 2020).value == 1.61
    found = national_figure(3, "relative_likelihood", 2020)
    assert (found.value, found.year) == (1.24, 2018)  # none published for 2019 or 2020
    assert national_figure(3, "relative_likelihood", 2015) is None  # never a later year
    assert national_figure(1, "workforce_bme_pct", 2022).value == 24.2
    assert national_figure(9, "all_bme_pct", 2022).value == 13.2
    assert national_figure(4, "relative_likelihood", 2023) is None


def test_an_unregistered_organisation_is_other_with_no_region(
    base_records: dict[str, Any],
) -> None:
    record = _with_rl(base_records["EXHOSP-False"], "NEW", 1.4)
    dataset = comparison_dataset({"NEW": record}, {}, 2020, False)
    own = dataset["organisations"]["NEW"]
    assert (own["peer_group"], own["region"], own["name"]) == ("other", "not recorded", "NEW")


def test_commissioners_are_told_the_national_figures_are_for_trusts(
    base_records: dict[str, Any],
) -> None:
    from wres_analysis.display import narrative

    records, orgs = _five(base_records["EXHOSP-False"])
    orgs["M1"] = _org("M1", "CCG", "North")
    dataset = comparison_dataset(records, orgs, 2020, False)
    said = " ".join(narrative.comparison(records["M1"], comparison_for(dataset, "M1")))
    assert "none is published for commissioners" in said
    said = " ".join(narrative.comparison(records["A1"], comparison_for(dataset, "A1")))
    assert "commissioners" not in said and "Name of A1" in said
    points = narrative.comparison_points(records["A1"], comparison_for(dataset, "A1"))
    # A1's 1.20 against the acute median 1.50 (IQR 1.35 to 1.75): lowest quarter, closer.
    assert "in the lowest quarter of acute trusts and closer to parity than" in points[0]
    assert "within the non-adverse band 0.80-1.25" in points[0]
    assert "national figure 1.61 in 2020" in points[0]
