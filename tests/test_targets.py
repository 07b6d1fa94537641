"""Model Employer targets, pinned on the model report's organisation (hand-computed)."""

from __future__ import annotations

import json
import math

import pytest

from tests.model_org import model_record, with_values
from wres_analysis.figures.targets import (
    METHOD,
    TARGET_GROUPS,
    StatedTarget,
    compute_targets,
    group_counts,
    required_appointment_share,
)
from wres_analysis.params import Organisation, Targets, YearParams

ORG = Organisation(code="EXCCG", name="Example CCG", type="CCG", region="Midlands")
YEAR = YearParams(year=2020)  # report date 31 October 2020; target year 2028; turnover 10%
SHARE = 32 / 940 * 100  # 3.404255...%


def targets(record=None, year=YEAR, org=ORG, stated=()):
    return compute_targets(record or model_record(), year, org, stated)


def test_combined_senior_and_board_group_matches_the_model_report():
    g = targets()["groups"]["senior_8b_plus_and_board"]
    assert (g["headcount"], g["bme"]) == (249, 4)
    assert g["bme_pct"] == pytest.approx(1.6064257, rel=1e-7)  # the report's "0.016%" is 1.6%
    assert g["target_share_pct"] == pytest.approx(3.4042553, rel=1e-7)
    assert g["parity_target_people"] == pytest.approx(8.4765957, rel=1e-7)  # "8.5 people"
    assert g["parity_target_people_rounded_up"] == 9
    assert g["gap_people"] == 5


def test_governing_body_parity_is_one_person():
    g = targets()["groups"]["board"]
    assert (g["headcount"], g["bme"], g["bme_pct"]) == (25, 0, 0.0)
    assert g["parity_target_people"] == pytest.approx(0.8510638, rel=1e-7)
    assert g["parity_target_people_rounded_up"] == 1
    assert g["gap_people"] == 1


def test_stated_two_of_twenty_five_is_eight_percent_above_parity():
    stated = [StatedTarget(group="board", bme_people=2, stated_as="2 of the 25")]
    s = targets(stated=stated)["groups"]["board"]["stated_target"]
    assert s["share_of_current_headcount_pct"] == pytest.approx(8.0)
    assert s["relation"] == "above parity"
    assert s["difference_from_parity_people"] == 1
    assert s["gap_people"] == 2
    assert s["by_year"] == 2028


def test_stated_nine_in_five_years_is_at_parity_and_needs_a_higher_share():
    stated = [StatedTarget(group="senior_8b_plus_and_board", bme_people=9, by_year=2025)]
    s = targets(stated=stated)["groups"]["senior_8b_plus_and_board"]["stated_target"]
    assert s["relation"] == "at parity"
    # n = 5: (9 - 0.9^5 * 4) / (249 * (1 - 0.9^5)) = 6.63804 / 101.96799
    assert s["required_bme_appointment_share_pct"] == pytest.approx(6.5099253, rel=1e-7)


def test_required_appointment_share_by_2028():
    g = targets()["groups"]["senior_8b_plus_and_board"]
    # n = 8, 0.9^8 = 0.43046721: (9 - 1.72186884) / (249 * 0.56953279) = 0.0513218
    assert g["required_bme_appointment_share_pct"] == pytest.approx(5.1321790, rel=1e-7)
    assert g["vacancies_to_target_year"] == pytest.approx(8 * 0.1 * 249)
    assert g["bme_appointments_to_target_year"] == pytest.approx(0.051321790 * 199.2, rel=1e-6)


def test_required_share_reaches_the_target_when_simulated_year_by_year():
    share, note = required_appointment_share(249, 4, 9, 0.1, 8)
    assert note is None
    bme = 4.0
    for _ in range(8):
        bme = (1 - 0.1) * bme + share * 0.1 * 249
    assert bme == pytest.approx(9)


def test_band_groups_sum_clinical_and_non_clinical():
    groups = targets()["groups"]
    assert (groups["Band 8a"]["headcount"], groups["Band 8a"]["bme"]) == (84, 3)
    assert (groups["Band 8b"]["headcount"], groups["Band 8b"]["bme"]) == (101, 2)
    assert (groups["senior_8a_plus"]["headcount"], groups["senior_8a_plus"]["bme"]) == (308, 7)
    assert set(groups) == set(TARGET_GROUPS)


def test_met_target_needs_no_gap_and_keeps_share():
    g = targets()["groups"]["Band 8a"]  # 3 of 84; parity 2.86 -> 3
    assert g["gap_people"] == 0
    # staying at 3 of 84 needs the current share of appointments
    assert g["required_bme_appointment_share_pct"] == pytest.approx(3 / 84 * 100)


def test_infeasible_target_is_a_note_not_an_impossible_share():
    share, note = required_appointment_share(10, 0, 5, 0.1, 2)  # would need 263%
    assert share is None
    assert "cannot be reached" in note


def test_already_above_target_needs_zero_share():
    share, note = required_appointment_share(10, 8, 2, 0.1, 2)
    assert share == 0.0
    assert "met even with no further" in note


def test_no_turnover_and_past_target_year():
    assert required_appointment_share(10, 0, 1, 0.0, 5)[0] is None
    assert required_appointment_share(10, 1, 1, 0.0, 5)[0] == 0.0
    year = YearParams(year=2020, targets=Targets(target_year=2020))
    g = targets(year=year)["groups"]["board"]
    assert g["required_bme_appointment_share_pct"] is None
    assert "already been reached" in g["trajectory_note"]


def test_population_basis_uses_local_share_when_recorded():
    year = YearParams(year=2020, targets=Targets(basis="population"))
    org = ORG.model_copy(update={"local_population_bme_pct": 10.0})
    t = targets(year=year, org=org)
    assert (t["basis"], t["target_share_pct"]) == ("population", 10.0)
    assert t["groups"]["board"]["parity_target_people"] == pytest.approx(2.5)
    assert t["groups"]["board"]["parity_target_people_rounded_up"] == 3


def test_population_basis_without_a_share_falls_back_and_says_so():
    year = YearParams(year=2020, targets=Targets(basis="population"))
    t = targets(year=year)
    assert t["basis"] == "workforce"
    assert t["basis_requested"] == "population"
    assert "EXCCG has not recorded one" in t["basis_note"]
    assert t["target_share_pct"] == pytest.approx(SHARE)


def test_missing_board_and_suppressed_counts_give_notes():
    no_board = with_values(model_record(), **{"indicators.9": {"available": False}})
    t = targets(no_board)
    assert t["groups"]["board"]["gap_people"] is None
    assert "board.csv" in t["groups"]["senior_8b_plus_and_board"]["note"]
    assert t["groups"]["senior_8a_plus"]["gap_people"] == 4  # bands only: unaffected
    suppressed = with_values(model_record(), **{"indicators.1.bands.2.bme": None})
    headcount, bme, note = group_counts(suppressed, "Band 8b")
    assert (headcount, bme) == (None, None)
    assert "suppressed" in note


def test_empty_group_and_missing_workforce_share():
    g = targets()["groups"]  # no band in the record is missing, so drop Band 9
    assert g["Band 9"]["headcount"] == 13
    record = model_record()
    record["indicators"]["1"]["bands"] = [
        b for b in record["indicators"]["1"]["bands"] if b["band"] != "Band 9"
    ]
    assert "nobody" in targets(record)["groups"]["Band 9"]["note"]
    no_share = with_values(model_record(), **{"indicators.1.overall.bme_pct": None})
    t = targets(no_share)
    assert t["target_share_pct"] is None
    assert t["groups"]["board"]["parity_target_people"] is None


def test_result_is_plain_json_and_unrounded():
    text = json.dumps(targets(), allow_nan=False, sort_keys=True)
    assert "8.476595744680" in text
    assert not math.isnan(targets()["groups"]["VSM"]["parity_target_people"])


def test_method_is_printable_and_states_the_formula():
    assert "s = (T - (1 - t)^n B(0)) / (H (1 - (1 - t)^n))" in METHOD
    assert "rounded up" in METHOD


def test_unknown_stated_target_group_is_refused():
    with pytest.raises(ValueError, match="group must be one of"):
        StatedTarget(group="Band 7", bme_people=1)
