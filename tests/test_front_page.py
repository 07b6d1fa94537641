"""The front page: the nine indicators this year against last, and what matters most.

Worked on `record_fixture.make_years` (2019-2021; see TREND_VALUES there): RL 2 falls
1.80 -> 1.60 -> 1.53, RL 4 is 0.70 -> 0.90 -> 1.08, the board's voting gap -10.0 -> -5.0 ->
-3.4 pp, and 2020 has no staff survey.
"""

from __future__ import annotations

import math

import pytest

from tests.record_fixture import make_years, published, set_values
from wres_analysis.display import narrative, tables
from wres_analysis.display.figure_markup import plain
from wres_analysis.display.record_view import traced
from wres_analysis.figures.summary import indicator_summary, priorities


@pytest.fixture
def years() -> dict[int, dict]:
    return make_years()


def headline(years: dict, n: int, year: int = 2021):
    return next(h for h in indicator_summary(years, year) if h.indicator == n)


def test_each_headline_against_the_last_year_that_has_it(years):
    rl2 = headline(years, 2)
    assert rl2.value == pytest.approx((30 / 120) / (9 / 55))  # 2021: make_record's own 1.53
    assert (rl2.previous_year, rl2.previous_value) == (2020, 1.60)
    assert (rl2.movement, rl2.direction) == ("fell", "improved")  # closer to 1.00
    assert rl2.within_band is False
    rl4 = headline(years, 4)
    assert rl4.value == 0.75 and rl4.within_band is False and rl4.direction == "worsened"
    survey5 = headline(years, 5)  # no survey in 2020: compared with 2019
    assert survey5.previous_year == 2019 and survey5.direction == "improved"  # 33.0 -> 30.1
    board = headline(years, 9)
    assert (board.previous_value, board.direction) == (-5.0, "improved")
    assert headline(years, 9, 2019).movement is None  # nothing earlier to compare with


def test_a_hidden_or_not_required_figure_has_no_value_and_says_why(years):
    years[2021] = published(years[2021], ["indicators.2.relative_likelihood"])
    rl2 = headline(years, 2)
    assert rl2.value is None and rl2.movement is None and rl2.note
    assert headline(years, 5, 2020).value is None  # not required in 2020


def test_priorities_rank_by_size_and_persistence(years):
    found = priorities(years, 2021, limit=9)
    kinds = [(p.indicator, p.kind) for p in found]
    assert (2, "likelihood") in kinds and (4, "likelihood") in kinds
    rl4 = next(p for p in found if p.indicator == 4)
    # 0.75 is outside the band for 2021 only (0.90 in 2020 was inside): persistence 1
    assert rl4.persistence == 1
    assert rl4.size == pytest.approx(abs(math.log(0.75)) / math.log(1.25))
    rl2 = next(p for p in found if p.indicator == 2)
    assert rl2.persistence == 3  # 1.80, 1.60, 1.53: outside the band every year
    assert rl2.score == pytest.approx(rl2.size * 2)  # three years running counts double
    assert [p.score for p in found] == sorted((p.score for p in found), reverse=True)


def test_a_likelihood_on_small_numbers_weighs_no_more_than_the_band_edge(years):
    years[2021] = set_values(years[2021], {"indicators.3.relative_likelihood": 0.05})
    years[2021]["indicators"]["3"]["small_numbers"] = True
    rl3 = next(p for p in priorities(years, 2021, limit=9) if p.indicator == 3)
    assert rl3.size == 1.0  # |ln 0.05| / ln 1.25 would be 13.4


def test_the_summary_table_reads_this_year_last_year_change_and_band(years):
    table = tables.summary_table(years)
    assert list(table.columns) == [
        "Indicator",
        "2021",
        "Last year (2020)",
        "Change",
        "Within 0.80-1.25?",
        "In brief",
    ]
    row = table.set_index("Indicator").loc[
        "2. Appointment from shortlisting: relative likelihood, White vs BME applicants"
    ]
    assert (row["2021"], row["Last year (2020)"]) == ("1.53", "1.60")
    assert row["Change"] == "improved ↓ 0.07"
    assert row["Within 0.80-1.25?"] == "no: outside 0.80-1.25"
    assert row["In brief"].startswith("White applicants were 1.53 times as likely")
    survey = table.set_index("Indicator").iloc[4]
    assert survey["Last year (2020)"] == "33.0% (2019)"  # from the year that has it
    assert survey["Change"] == "improved ↓ 2.9 pp"  # percentage points, not per cent


def test_summary_figures_carry_their_path_when_traced(years):
    shown = tables.summary_table({y: traced(r) for y, r in years.items()})
    cell = shown.iloc[1]["2021"]
    assert plain(cell) == "1.53" and "trend.2.relative_likelihood" in cell


def test_what_matters_says_it_with_people_and_persistence(years):
    said = [plain(s) for s in narrative.what_matters(years)]
    rl2 = next(s for s in said if "appointed from shortlisting" in s)
    assert "9 of 55 BME applicants and 30 of 120 White applicants" in rl2
    assert "for the third year running" in rl2
    assert narrative.front.running(1) == "" and narrative.front.running(2).endswith(
        "second year running"
    )


def test_board_asks_are_kept_as_written_and_escaped_where_shown():
    from wres_analysis.display.sanitise import safe_markdown

    asks = narrative.board_asks(["  Approve the plan <script>x</script>  ", "", "Note it"])
    assert asks == ["Approve the plan <script>x</script>", "Note it"]
    assert "<script>" not in safe_markdown("\n".join(f"- {a}" for a in asks))
