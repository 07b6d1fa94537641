"""Generated narrative: figures from the record, orientation, flags, gaps, disclosure."""

from __future__ import annotations

import copy
import datetime as dt

import pandas as pd

from tests.record_fixture import (
    REASON,
    absent,
    make_record,
    no_risk_file,
    published,
    uncomputable_rl,
    with_model_targets,
)
from wres_analysis.display import narrative
from wres_analysis.params import Organisation, YearParams


def _text(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs)


def test_workforce_sentence_with_share_and_counts() -> None:
    text = _text(narrative.workforce(make_record()))
    assert "BME staff make up 3.4% of the workforce (32 of 940 staff, headcount at " in text
    assert "31 March 2020" in text
    assert "7.9% (12 of 151) of clinical staff" in text
    assert "highest in clinical Band 5 (10.4%)" in text
    assert "Band 8c (non-clinical), VSM (non-clinical)" in text  # senior bands with no BME


def test_relative_likelihood_in_words_with_orientation_and_flag() -> None:
    text = _text(narrative.likelihood(make_record(), 2))
    assert "White applicants were 1.53 times as likely as BME applicants" in text
    assert "outside NHS England's non-adverse band of 0.80-1.25" in text
    assert "above 1.00 favours White applicants" in text
    assert "Of 120 White applicants shortlisted, 30 were appointed (25.0%)" in text
    three = _text(narrative.likelihood(make_record(), 3))
    assert "BME staff were 4.41 times as likely as White staff" in three
    assert "adverse for BME staff" in three
    assert "Method: two-year rolling average" in three
    four = _text(narrative.likelihood(make_record(), 4))
    assert "within NHS England's non-adverse band" in four


def test_below_one_reads_as_less_likely_and_zero_is_explained() -> None:
    record = make_record()
    record["indicators"]["4"]["relative_likelihood"] = 0.7
    record["indicators"]["4"]["outside_band"] = True
    expected = (
        "0.70 times as likely as BME staff to access non-mandatory training and CPD, that is, "
        "less likely."
    )
    assert expected in _text(narrative.likelihood(record, 4))
    record["indicators"]["3"]["relative_likelihood"] = 0.0
    zero = _text(narrative.likelihood(record, 3))
    assert "No BME staff entered the formal disciplinary process" in zero


def test_caveat_is_shown_next_to_the_figure() -> None:
    record = make_record()
    record["indicators"]["3"]["caveat"] = "Single year only: no 2019 disciplinary.csv was supplied"
    assert "**Caveat:** Single year only" in _text(narrative.likelihood(record, 3))


def test_uncomputable_relative_likelihood_gives_the_reason() -> None:
    text = _text(narrative.likelihood(uncomputable_rl(make_record()), 3))
    assert (
        "The relative likelihood cannot be computed: the White rate is zero, so there is "
        "nothing to compare against." in text
    )
    assert "0.00" not in text and "nan" not in text and "inf" not in text


def test_not_required_in_2020_with_the_reason() -> None:
    text = _text(narrative.survey(make_record()))
    assert text.startswith("**Not required in 2020.**")
    assert REASON in text
    assert narrative.availability(make_record(), 6).startswith("**Not required in 2020.**")


def test_not_available_when_the_file_is_absent() -> None:
    text = _text(narrative.likelihood(absent(make_record(), 2), 2))
    assert text == (
        "**Not available for 2020.** recruitment.csv was not supplied, so this indicator is "
        "not available."
    )
    assert "Not available" in _text(narrative.board(absent(make_record(), 9)))


def test_survey_percentages_and_which_way_is_better() -> None:
    text = _text(narrative.survey(make_record(survey=True)))
    assert "Indicator 5 (KF25)" in text
    assert "25.3% of White staff and 30.1% of BME staff, 4.8 percentage points higher" in text
    assert "14.8 percentage points lower for BME staff (a higher figure is better)" in text


def test_board_difference_in_words() -> None:
    text = _text(narrative.board(make_record()))
    assert "Voting members: 0.0% BME (0 of 12 members), against 3.4% of the workforce" in text
    assert "3.4 percentage points below the workforce's share (under-represented)" in text
    assert "0.6 percentage points above" in text


def test_published_narrative_does_not_reveal_suppressed_counts() -> None:
    record = published(make_record())
    two = _text(narrative.likelihood(record, 2))
    assert "[c] were appointed (rate not published)" in two
    assert "relative likelihood is not published, to protect small numbers [c]" in two
    assert " 9 " not in two and "16.4%" not in two and "1.53" not in two
    board = _text(narrative.board(record))
    assert "1 of 25" not in board and "4.0%" not in board
    workforce = _text(narrative.workforce(record))
    assert "10.4%" not in workforce  # clinical Band 5 share, suppressed


def test_hidden_workforce_share_reads_as_not_published() -> None:
    record = published(make_record(), ["indicators.1.overall.bme", "indicators.1.overall.bme_pct"])
    text = _text(narrative.workforce(record))
    assert "The number and share of BME staff are not published" in text
    assert "32" not in text


def test_introduction_and_version_note() -> None:
    org = Organisation(code="EXCCG", name="Example CCG", type="CCG", region="Midlands")
    text = _text(narrative.introduction(make_record(), org, YearParams(year=2020)))
    assert "Example CCG (CCG, Midlands)" in text and "31 October 2020" in text
    assert narrative.version_note(make_record()).startswith("Internal version")
    assert "[c]" in narrative.version_note(published(make_record()))


def test_methodology_states_the_choices_from_the_record() -> None:
    record = make_record()
    record["settings"]["rolling_method"] = "pooled"
    text = _text(narrative.methodology(record, YearParams(year=2020)))
    assert "both years pooled" in text
    assert "headcount, not full-time equivalent" in text
    assert "below 10" in text
    assert "3 bank-only rows excluded" in text


def _targets() -> dict:
    return with_model_targets(make_record())


def test_targets_in_words() -> None:
    text = _text(narrative.targets(_targets()))
    assert "4 BME of 249 (1.6%). Parity at 3.4% means 8.5 people, i.e. 9: a gap of 5." in text
    hidden = published(_targets(), ["targets.groups.senior_8b_plus_and_board.bme"])
    text = _text(narrative.targets(hidden))
    assert "not published" in text and "8.5" not in text
    assert "not in the figures record" in _text(narrative.targets(make_record()))


def test_action_plan_summary() -> None:
    summary = {
        "total": 3,
        "by_status": {"not started": 1, "in progress": 1, "done": 1},
        "overdue": ["wres-03"],
        "overdue_count": 1,
        "report_date": dt.date(2020, 10, 31).isoformat(),
    }
    text = _text(narrative.action_plan(summary))
    assert "3 actions: 1 not started, 1 in progress, 1 done" in text
    assert "At 31 October 2020, 1 is overdue (wres-03)" in text
    assert "No action plan" in _text(narrative.action_plan(None))


def test_covid_reference_in_words() -> None:
    diagnosis = pd.DataFrame(
        {
            "ethnic_group": ["Black", "Black", "White", "White"],
            "sex": ["Female", "Male", "Female", "Male"],
            "value": [486, 649, 220, 224],
            "period": ["to June 2020"] * 4,
        }
    )
    mortality = pd.DataFrame(
        {
            "ethnic_group": ["Bangladeshi", "Chinese", "Indian"],
            "relative_risk_low": [2.0, 1.1, 1.1],
            "relative_risk_high": [2.0, 1.5, 1.5],
            "comparator": ["White British"] * 3,
            "adjusted_for": ["sex, age, deprivation and region"] * 3,
        }
    )
    text = _text(narrative.covid(diagnosis, mortality))
    assert "Black ethnic groups (486 in females, 649 in males)" in text
    assert "Bangladeshi: around 2.0 times the risk" in text
    assert "Chinese, Indian: between 10% and 50% higher" in text


def test_narrative_does_not_change_the_record() -> None:
    record = published(make_record())
    before = copy.deepcopy(record)
    for n in (2, 3, 4):
        narrative.likelihood(record, n)
    narrative.workforce(record)
    narrative.board(record)
    assert record == before


def test_risk_assessments_in_words() -> None:
    text = _text(narrative.risk_assessments(make_record()))
    assert text.startswith("90.6% (29 of 32) of BME staff had a COVID-19 risk assessment")
    assert "against 80.4% (680 of 846) of White staff" in text
    assert "10.2 percentage points higher for BME staff" in text
    missing = _text(narrative.risk_assessments(no_risk_file(make_record())))
    assert missing.startswith("**Not available for 2020.** risk_assessments.csv was not")
    hidden = published(
        make_record(),
        ["covid.risk_assessments.bme.assessed", "covid.risk_assessments.bme.assessed_pct"],
    )
    text = _text(narrative.risk_assessments(hidden))
    assert "The share of BME staff with a risk assessment is not published" in text
    assert "29" not in text and "10.2" not in text
