"""Hand-computed worked examples for every indicator, with orientation and edge cases."""

from __future__ import annotations

import pytest

from tests import frames
from wres_analysis.indicators.board import indicator_9
from wres_analysis.indicators.likelihood import indicator_2, indicator_3, indicator_4
from wres_analysis.indicators.representation import indicator_1
from wres_analysis.indicators.survey import survey_indicator

BAND = (0.80, 1.25)

# 100 staff: 70 White, 20 BME, 10 Unknown.
WORKFORCE = frames.workforce(
    [
        ("White", "Band 5", "clinical", 40),
        ("BME", "Band 5", "clinical", 15),
        ("Unknown", "Band 5", "clinical", 5),
        ("White", "Band 8a", "non-clinical", 30),
        ("BME", "Band 8a", "non-clinical", 5),
        ("Unknown", "Band 8a", "non-clinical", 5),
    ]
)


def test_indicator_1_shares_keep_unknown_in_the_denominator():
    result = indicator_1(WORKFORCE)
    overall = result["overall"]
    assert (overall["white"], overall["bme"], overall["unknown"], overall["total"]) == (
        70,
        20,
        10,
        100,
    )
    assert overall["bme_pct"] == pytest.approx(20.0)
    assert overall["unknown_pct"] == pytest.approx(10.0)
    # Band 8a non-clinical: 5 BME of 40 = 12.5%
    band_8a = next(r for r in result["bands"] if r["band"] == "Band 8a")
    assert band_8a["staff_type"] == "non-clinical"
    assert band_8a["bme_pct"] == pytest.approx(12.5)
    assert result["by_staff_type"]["clinical"]["bme_pct"] == pytest.approx(25.0)  # 15/60


def test_indicator_1_orders_bands_by_staff_type_then_contract_band_order():
    wf = frames.workforce(
        [
            ("White", "VSM", "non-clinical", 1),
            ("White", "Band 9", "clinical", 1),
            ("White", "Band 2", "non-clinical", 1),
            ("White", "Band 7", "clinical", 1),
            ("BME", "Medical: Consultant", "clinical", 1),
        ]
    )
    order = [(r["staff_type"], r["band"]) for r in indicator_1(wf)["bands"]]
    assert order == [
        ("clinical", "Band 7"),
        ("clinical", "Band 9"),
        ("clinical", "Medical: Consultant"),
        ("non-clinical", "Band 2"),
        ("non-clinical", "VSM"),
    ]


def test_indicator_2_white_over_bme_and_unknown_left_out():
    # White 200 shortlisted, 50 appointed (0.25); BME 100 shortlisted, 10 appointed (0.10)
    recruitment = frames.counts(
        {
            "group": ["White", "BME", "Unknown"],
            "shortlisted": [200, 100, 40],
            "appointed": [50, 10, 30],
        }
    )
    result = indicator_2(recruitment, BAND)
    assert result["white"]["rate"] == pytest.approx(0.25)
    assert result["bme"]["rate"] == pytest.approx(0.10)
    assert result["relative_likelihood"] == pytest.approx(2.5)  # >1: White favoured
    assert result["outside_band"] is True
    assert result["unknown"] == {"shortlisted": 40, "appointed": 30}


def test_indicator_2_zero_bme_appointments_cannot_be_computed():
    recruitment = frames.counts(
        {"group": ["White", "BME"], "shortlisted": [10, 5], "appointed": [2, 0]}
    )
    result = indicator_2(recruitment, BAND)
    assert result["relative_likelihood"] is None
    assert "BME rate is zero" in result["note"]
    assert result["outside_band"] is None


def test_indicator_2_zero_denominators_say_why():
    recruitment = frames.counts({"group": ["White"], "shortlisted": [10], "appointed": [2]})
    result = indicator_2(recruitment, BAND)
    assert result["bme"]["rate"] is None
    assert result["relative_likelihood"] is None
    assert "no BME" in result["note"]


def _disciplinary(white: int, bme: int, unknown: int = 0):
    return frames.counts({"group": ["White", "BME", "Unknown"], "entered": [white, bme, unknown]})


def test_indicator_3_single_year_is_bme_over_white_with_caveat():
    # BME 4/20 = 0.2; White 7/70 = 0.1 -> 2.0
    result = indicator_3(_disciplinary(7, 4, 3), WORKFORCE, 2020, BAND)
    assert result["relative_likelihood"] == pytest.approx(2.0)
    assert result["years"] == [2020]
    assert "Single year" in result["caveat"]
    assert result["unknown"]["entered"] == 3.0


def test_indicator_3_rolling_mean_of_entries_over_current_headcount():
    # mean entries: White (7+21)/2 = 14 -> 14/70 = 0.2; BME (4+2)/2 = 3 -> 3/20 = 0.15 -> 0.75
    result = indicator_3(
        _disciplinary(7, 4),
        WORKFORCE,
        2021,
        BAND,
        previous_disciplinary=_disciplinary(21, 2),
    )
    assert result["white"]["entered"] == pytest.approx(14.0)
    assert result["bme"]["rate"] == pytest.approx(0.15)
    assert result["relative_likelihood"] == pytest.approx(0.75)
    assert result["years"] == [2020, 2021]
    assert result["caveat"] is None
    assert result["entered_by_year"]["2020"] == {"white": 21, "bme": 2, "unknown": 0}


def test_indicator_3_pooled_uses_both_headcounts():
    # previous workforce: 30 White, 10 BME. White (7+21)/(70+30)=0.28, BME (4+2)/(20+10)=0.2
    previous_wf = frames.workforce(
        [("White", "Band 5", "clinical", 30), ("BME", "Band 5", "clinical", 10)]
    )
    result = indicator_3(
        _disciplinary(7, 4),
        WORKFORCE,
        2021,
        BAND,
        method="pooled",
        previous_disciplinary=_disciplinary(21, 2),
        previous_workforce=previous_wf,
    )
    assert result["white"]["headcount"] == 100
    assert result["relative_likelihood"] == pytest.approx(0.2 / 0.28)
    assert "pooled" in result["method"]


def test_indicator_3_pooled_without_previous_workforce_falls_back_to_single_year():
    result = indicator_3(
        _disciplinary(7, 4),
        WORKFORCE,
        2021,
        BAND,
        method="pooled",
        previous_disciplinary=_disciplinary(21, 2),
    )
    assert result["years"] == [2021]
    assert "workforce.csv" in result["caveat"]


def test_indicator_3_no_white_entries_cannot_be_computed():
    result = indicator_3(_disciplinary(0, 2), WORKFORCE, 2020, BAND)
    assert result["relative_likelihood"] is None
    assert "White rate is zero" in result["note"]


def test_indicator_4_white_over_bme():
    # White 35/70 = 0.5; BME 8/20 = 0.4 -> 1.25 (on the band's edge: not outside)
    training = frames.counts({"group": ["White", "BME", "Unknown"], "accessed": [35, 8, 9]})
    result = indicator_4(training, WORKFORCE, BAND)
    assert result["relative_likelihood"] == pytest.approx(1.25)
    assert result["outside_band"] is False
    assert result["unknown"] == {"accessed": 9, "headcount": 10}


def test_survey_indicator_values_and_not_required():
    survey = frames.counts(
        {
            "indicator": [5, 5],
            "group": ["White", "BME"],
            "percentage": [25.5, 30.25],
            "respondents": [400, 100],
        }
    )
    result = survey_indicator(survey, 5, required=True, label="KF25", not_required_reason="")
    assert (result["white_pct"], result["bme_pct"]) == (25.5, 30.25)
    assert result["difference_pp"] == pytest.approx(4.75)
    not_required = survey_indicator(None, 6, False, None, "COVID-19: not required in 2020")
    assert not_required["required"] is False
    assert not_required["note"] == "COVID-19: not required in 2020"
    absent = survey_indicator(None, 7, True, "KF21", "")
    assert absent["available"] is False


def test_indicator_9_difference_in_points_for_each_membership():
    # workforce 20% BME; board: 10 members, 1 BME voting exec, 9 White (6 voting, 3 exec)
    board = frames.board(
        [
            ("BME", True, True, 1),
            ("White", True, False, 6),
            ("White", False, True, 3),
        ]
    )
    result = indicator_9(board, 20.0)
    assert result["all"]["bme_pct"] == pytest.approx(10.0)
    assert result["all"]["difference_pp"] == pytest.approx(-10.0)
    assert result["voting"]["members"] == 7
    assert result["voting"]["difference_pp"] == pytest.approx(100 / 7 - 20)
    assert result["executive"]["bme_pct"] == pytest.approx(25.0)


def test_indicator_9_empty_subset_says_why():
    board = frames.board([("White", True, False, 3)])
    result = indicator_9(board, 5.0)
    assert result["executive"]["bme_pct"] is None
    assert "no executive board members" in result["executive"]["note"]
