"""Key messages written from the figures; numbers rounded only by display_format."""

from __future__ import annotations

import datetime as dt

from tests.model_org import model_record, with_values
from wres_analysis.actions import status_summary
from wres_analysis.actions.schema import Action, ActionPlan
from wres_analysis.display.format import pp_relation
from wres_analysis.display.messages import key_messages, stated_target_statement
from wres_analysis.figures.targets import StatedTarget, compute_targets
from wres_analysis.figures.trends import direction_of_change, indicator_series
from wres_analysis.params import Organisation, YearParams

ORG = Organisation(code="EXCCG", name="Example CCG", type="CCG", region="Midlands")


def _record_with_targets():
    record = model_record()
    stated = [StatedTarget(group="board", bme_people=2)]
    record["targets"] = compute_targets(record, YearParams(year=2020), ORG, stated)
    return record


def test_figures_messages_for_the_model_organisation():
    messages = key_messages(_record_with_targets())
    text = "\n".join(messages)
    assert messages[0] == (
        "BME staff make up 3.4% of the workforce (32 of 940); ethnicity is not known for 2.4%."
    )
    assert "non-clinical Band 9 (0.0%)" in text  # a largest gap
    assert (
        "White applicants were 1.61 times as likely as BME applicants to be appointed from "
        "shortlisting - outside the non-adverse range 0.80-1.25." in messages
    )
    assert "Indicator 3 could not be computed: the White rate is zero." in messages
    assert "within the non-adverse range" in text  # indicator 4: 1.10
    assert "Indicators 5-8 (NHS Staff Survey): Not required in 2020 because of COVID-19." in text
    assert "3.4 percentage points below the workforce share (3.4%)" in text
    assert (
        "1.6% BME now (4 of 249); parity at the 3.4% target share is 8.5 people, 9 rounded up, "
        "5 more than now; reaching it by 2028 needs about 5.1% of appointments" in text
    )
    assert (
        "2 BME people, 8.0% of the group - above parity, which at the 3.4% target share is 1."
        in text
    )


def test_commentary_first_then_trends_and_actions():
    r2019 = with_values(model_record(2019), **{"indicators.2.relative_likelihood": 1.40})
    trends = direction_of_change(indicator_series({2019: r2019, 2020: model_record()}))
    plan = ActionPlan(
        org="EXCCG",
        year=2020,
        actions=[
            Action.model_validate(
                {
                    "id": i,
                    "source": "wres-2",
                    "recommendation": "r",
                    "action": "a",
                    "owner": "HR Team",
                    "due": due,
                    "status": status,
                }
            )
            for i, due, status in [("a1", "2020-01-31", "in progress"), ("a2", "ongoing", "done")]
        ],
    )
    messages = key_messages(
        model_record(),
        trends=trends,
        action_summary=status_summary(plan, dt.date(2020, 10, 31)),
        commentary=["  Our own message.  ", ""],
    )
    assert messages[0] == "Our own message."
    assert "Worsened: RL of White vs BME appointment from shortlisting (2019 to 2020)." in messages
    assert (
        "Relative likelihoods outside the non-adverse range 0.80-1.25: indicator 2 in 2019, 2020."
        in messages
    )
    assert messages[-1] == (
        "The action plan has 2 actions: 1 done, 1 in progress and 0 not started. "
        "1 was overdue at 31 October 2020 (a1)."
    )


def test_survey_present_and_unavailable_indicators():
    record = with_values(
        model_record(),
        **{
            "indicators.6": {"required": True, "white_pct": 20.0, "bme_pct": 28.04},
            "indicators.7": {"required": True, "white_pct": 86.0, "bme_pct": 90.0},
            "indicators.2": {"available": False, "note": "recruitment.csv was not supplied"},
            "indicators.9": {"available": False},
        },
    )
    text = "\n".join(key_messages(record))
    assert "Indicator 2 is not available: recruitment.csv was not supplied." in text
    assert (
        "Staff survey: BME staff fared worse than White staff on indicator 6, harassment, "
        "bullying or abuse from staff: 28.0% BME against 20.0% White." in text
    )
    assert "indicator 7" not in text  # BME staff fared better there
    assert "board's voting membership" not in text


def test_published_record_with_suppressed_counts_still_speaks():
    record = with_values(model_record(), **{"indicators.1.overall.bme": None})
    assert key_messages(record)[0].startswith("BME staff make up 3.4% of the workforce;")


def test_display_helpers():
    assert pp_relation(-3.404) == "3.4 percentage points below"
    assert pp_relation(0.01) == "level with"
    assert stated_target_statement("Board", {"stated_target": {"note": "x"}}) is None


def test_a_ratio_on_small_numbers_says_so_in_the_key_messages():
    from wres_analysis.figures import compute_record
    from wres_analysis.paths import DATA_DIR

    ccg = " ".join(key_messages(compute_record(DATA_DIR, "EXCCG", 2020)))
    assert "to enter the formal disciplinary process" in ccg
    assert "Small numbers: one case would move it a long way." in ccg
    trust = key_messages(compute_record(DATA_DIR, "EXHOSP", 2020))
    appointment = next(m for m in trust if "appointed from shortlisting" in m)
    assert "Small numbers" not in appointment
