"""Change over time: each section's table of years, its chart and its sentences.

Hand-made records for 2019-2021 (tests/record_fixture.make_years): 2020 has no staff survey,
and the figures move so that every orientation gives improved, worsened and unchanged.
"""

from __future__ import annotations

import pytest

from tests.record_fixture import absent, make_record, make_years, published, set_values
from wres_analysis.display import charts, narrative, tables
from wres_analysis.display.narrative import NO_TREND

SECTIONS = [(1,), (2,), (3,), (4,), (5, 6, 7, 8), (9,)]


def text(paragraphs: list[str]) -> str:
    return "\n".join(paragraphs)


def row(table, label: str) -> dict[str, str]:
    found = table[table["Measure"] == label]
    assert len(found) == 1, (label, table["Measure"].tolist())
    return found.iloc[0].to_dict()


# --- only the current year -------------------------------------------------------------


@pytest.mark.parametrize("numbers", SECTIONS)
def test_one_year_says_there_is_no_trend_yet_and_shows_no_table_or_chart(numbers) -> None:
    records = {2021: make_record(survey=True, year=2021)}
    assert narrative.trend(records, *numbers) == [NO_TREND]
    assert NO_TREND == (
        "No earlier year's data is available for this organisation, so there is no trend yet."
    )
    assert tables.trend_table(records, *numbers) is None
    assert charts.trend_chart(records, *numbers) is None


# --- tables: one column per year ---------------------------------------------------------


@pytest.mark.parametrize("numbers", SECTIONS)
def test_tables_have_one_column_per_year(numbers) -> None:
    table = tables.trend_table(make_years(), *numbers)
    assert [c for c in table.columns if c.isdigit()] == ["2019", "2020", "2021"]
    assert table.map(lambda cell: isinstance(cell, str)).all().all()
    assert not table.isin(["nan", "inf", "None"]).any().any()


def test_two_years_only_gives_two_columns() -> None:
    records = make_years(years=(2020, 2021))
    table = tables.trend_table(records, 2)
    assert list(table.columns) == ["Measure", "2020", "2021"]


def test_workforce_table_by_year() -> None:
    table = tables.trend_table(make_years(), 1)
    assert row(table, "BME share of the workforce") == {
        "Measure": "BME share of the workforce",
        "2019": "3.0%",
        "2020": "3.4%",
        "2021": "3.4%",
    }
    assert row(table, "White share of the workforce")["2021"] == "90.0%"
    assert row(table, "Unknown-ethnicity share of the workforce")["2021"] == "6.6%"
    # Band 8a and above: clinical 8a (33), non-clinical 8b (110), 8c (65), VSM (45); 3 BME
    assert row(table, "BME staff in Band 8a and above")["2021"] == "3 of 253"
    assert row(table, "BME share of Band 8a and above")["2021"] == "1.2%"
    assert row(table, "Band 8a and above minus the workforce")["2019"] == "−1.8 pp"


def test_likelihood_table_by_year_with_band_rates_and_method() -> None:
    records = make_years()
    table = tables.trend_table(records, 2)
    rl = row(table, "Relative likelihood (White vs BME)")
    assert [rl[y] for y in ("2019", "2020", "2021")] == ["1.80", "1.60", "1.53"]
    band = row(table, "Against the non-adverse band 0.80-1.25")
    assert band["2021"] == "outside"
    assert row(table, "Appointed from shortlisting: BME")["2021"] == "16.4% (9 of 55)"
    four = tables.trend_table(records, 4)
    assert [row(four, "Against the non-adverse band 0.80-1.25")[y] for y in ("2019", "2020")] == [
        "outside",
        "within",
    ]
    three = tables.trend_table(records, 3)
    assert row(three, "Years of disciplinary data used")["2021"] == "2020 and 2021"
    assert row(three, "Method")["2021"] == "two-year mean of entries, current headcount"


def test_single_year_disciplinary_method_is_shown() -> None:
    records = make_years()
    records[2019] = set_values(
        records[2019], {"indicators.3.method_key": "single", "indicators.3.years": [2019]}
    )
    three = tables.trend_table(records, 3)
    assert row(three, "Years of disciplinary data used")["2019"] == "2019"
    assert row(three, "Method")["2019"] == "one year only (no earlier data)"
    assert "The 2019 figure used a single year's entries" in text(narrative.trend(records, 3))


def test_survey_table_shows_2020_as_not_required() -> None:
    table = tables.trend_table(make_years(), 5, 6, 7, 8)
    assert len(table) == 8  # White and BME for each of indicators 5-8
    assert set(table["2020"]) == {"not required"}
    assert table.columns[0] == "Indicator" and set(table["Indicator"]) == {"5", "6", "7", "8"}
    bme5 = table[(table["Indicator"] == "5") & (table["Measure"].str.startswith("BME staff: "))]
    assert bme5.iloc[0][["2019", "2021"]].tolist() == ["33.0%", "30.1%"]


def test_board_table_by_year() -> None:
    table = tables.trend_table(make_years(), 9)
    assert row(table, "Voting members: minus the workforce")["2019"] == "−10.0 pp"
    assert row(table, "Voting members: BME share")["2021"] == "0.0%"
    assert row(table, "Workforce BME share")["2019"] == "3.0%"


def test_a_year_without_the_file_reads_not_available() -> None:
    records = make_years()
    records[2019] = absent(records[2019], 9)
    table = tables.trend_table(records, 9)
    assert row(table, "Voting members: BME share")["2019"] == "not available"
    assert "has no earlier" not in text(narrative.trend(records, 9))  # 2020 still compares


# --- sentences: improved / worsened / unchanged by orientation ---------------------------


def test_relative_likelihood_towards_parity_improves() -> None:
    said = text(narrative.trend(make_years(), 2))
    assert (
        "The relative likelihood of appointment from shortlisting (White vs BME applicants) "
        "improved between 2019 and 2021 (1.80 to 1.53, closer to parity, 1.00), and improved "
        "between 2020 and 2021 (1.60 to 1.53)."
    ) in said
    assert "Years outside the non-adverse band 0.80-1.25: 2019, 2020 and 2021." in said


def test_relative_likelihood_below_one_and_mixed_directions() -> None:
    said = text(narrative.trend(make_years(), 4))
    # 0.70 -> 0.75 is closer to 1.00; 0.90 -> 0.75 further from it
    assert "improved between 2019 and 2021 (0.70 to 0.75, closer to parity, 1.00)" in said
    assert "worsened between 2020 and 2021 (0.90 to 0.75, further from parity, 1.00)" in said
    assert "Years outside the non-adverse band 0.80-1.25: 2019 and 2021; within it: 2020." in said


def test_unchanged_within_the_display_precision() -> None:
    said = text(narrative.trend(make_years(), 3))  # 1.10, 1.10, 1.102
    assert "was unchanged: 1.10 in 2019, 2020 and 2021." in said
    assert "No year lay outside the non-adverse band 0.80-1.25" in said


def test_band_edges_are_equally_far_from_parity() -> None:
    records = make_years(
        years=(2020, 2021),
        values={
            2020: {"indicators.2.relative_likelihood": 1.25},
            2021: {"indicators.2.relative_likelihood": 0.80},
        },
    )
    said = text(narrative.trend(records, 2))
    assert "was unchanged between 2020 and 2021 (1.25 to 0.80, as far from parity as before)" in (
        said
    )
    assert "No year lay outside the non-adverse band 0.80-1.25: 2020 and 2021" in said


def test_survey_orientation_lower_and_higher_is_better() -> None:
    said = text(narrative.trend(make_years(), 5, 6, 7, 8))
    assert "Indicator 5, staff reporting harassment, bullying or abuse from patients" in said
    assert (
        "(lower is better): for BME staff it improved between 2019 and 2021 (33.0% to 30.1%)"
        in (said)
    )
    assert "for BME staff it worsened between 2019 and 2021 (25.0% to 27.5%)" in said  # ind. 6
    assert (
        "(higher is better): for BME staff it improved between 2019 and 2021 (65.0% to 71.2%)"
        in (said)
    )
    assert "for White staff it was unchanged: 25.3% in 2019 and 2021" in said
    # 2020 had no survey: the comparison skips it and says so
    assert "between 2020" not in said
    assert "Indicators 5-8 were not required in 2020" in said


def test_no_survey_in_the_current_year_says_so_once() -> None:
    records = make_years(years=(2019, 2020))
    assert narrative.trend(records, 5, 6, 7, 8) == [
        "Indicators 5-8 (NHS Staff Survey) were not required in 2020, so there is no 2020 "
        "figure to compare and no direction of change is given; the table and chart show the "
        "earlier years' figures."
    ]
    assert set(tables.trend_table(records, 5, 6, 7, 8)["2020"]) == {"not required"}
    assert "2019 33.0%, 2020 not required" in charts.trend_chart(records, 5, 6, 7, 8).alt


def test_board_gap_towards_zero_improves() -> None:
    said = narrative.trend(make_years(), 9)
    assert said[0] == (
        "The gap between the BME share of voting members and the workforce's improved between "
        "2019 and 2021 (−10.0 pp to −3.4 pp, closer to the workforce share), and improved "
        "between 2020 and 2021 (−5.0 pp to −3.4 pp)."
    )
    assert said[1].startswith(
        "The gap between the BME share of executive members and the workforce's worsened "
        "between 2019 and 2021 (−2.0 pp to −3.4 pp, further from the workforce share)"
    )


def test_workforce_share_has_no_better_direction() -> None:
    said = narrative.trend(make_years(), 1)
    assert said[0] == (
        "The BME share of the workforce rose between 2019 and 2021 (3.0% to 3.4%), and was "
        "unchanged between 2020 and 2021 (3.4% in both years)."
    )
    assert "improved" not in said[0] and "worsened" not in said[0]
    assert "worsened between 2019 and 2021 (−1.8 pp to −2.2 pp" in said[2]  # the senior gap


# --- published records: a suppressed figure never enters a trend -------------------------


def test_suppressed_latest_figure_is_named_not_compared() -> None:
    # every year published; only 2021 hides RL 2 (built on 9 BME appointments)
    records = {year: published(r, [] if year < 2021 else None) for year, r in make_years().items()}
    said = text(narrative.trend(records, 2))
    assert (
        "has no 2021 figure (not published, to protect small numbers [c]), so no direction of "
        "change is given."
    ) in said
    assert "No relative likelihood for 2021 (not published, to protect small numbers [c])." in said
    assert "1.53" not in said and "improved" not in said and "worsened" not in said
    table = tables.trend_table(records, 2)
    rl = row(table, "Relative likelihood (White vs BME)")
    assert rl["2021"] == "[c]" and rl["2020"] == "1.60"
    assert row(table, "Appointed from shortlisting: BME")["2021"] == "[c] ([c] of 55)"
    chart = charts.trend_chart(records, 2)
    assert "2021 [c]" in chart.alt and "1.53" not in chart.alt
    assert "16.4%" not in text(table["2021"].tolist()) + chart.alt


def test_suppressed_board_figure_in_every_view() -> None:
    records = {year: published(r) for year, r in make_years().items()}  # all members hidden
    said = narrative.trend(records, 9)
    assert "all board members and the workforce's has no 2021 figure (not published" in said[2]
    table = tables.trend_table(records, 9)
    assert set(row(table, "All members: minus the workforce").values()) == {
        "All members: minus the workforce",
        "[c]",
    }
    chart = charts.trend_chart(records, 9)
    assert "all board members: 2019 [c], 2020 [c], 2021 [c]" in chart.alt
    assert "+0.6 pp" not in chart.alt and "4.0%" not in chart.alt


def test_a_chart_with_every_year_suppressed_is_left_out() -> None:
    hidden = [
        "indicators.2.bme.appointed",
        "indicators.2.bme.rate",
        "indicators.2.relative_likelihood",
    ]
    records = {year: published(r, hidden) for year, r in make_years().items()}
    assert charts.trend_chart(records, 2) is None
    assert "No relative likelihood for 2019, 2020 and 2021 (not published" in text(
        narrative.trend(records, 2)
    )


# --- charts: alt text names the years and values; PNGs are reproducible ------------------


def test_rl_trend_chart_alt_text() -> None:
    alt = charts.trend_chart(make_years(), 4).alt
    assert alt.startswith("Line chart of the relative likelihood of access to non-mandatory")
    assert "non-adverse band 0.80-1.25 shaded and parity at 1.00" in alt
    assert "2019 0.70 (outside band); 2020 0.90 (within band); 2021 0.75 (outside band)." in alt


def test_workforce_survey_and_board_chart_alt_text() -> None:
    records = make_years()
    workforce = charts.trend_chart(records, 1).alt
    assert "Whole workforce: 2019 3.0%, 2020 3.4%, 2021 3.4%" in workforce
    assert "Band 8a and above: 2019 1.2%, 2020 1.2%, 2021 1.2%" in workforce
    survey = charts.trend_chart(records, 5, 6, 7, 8).alt
    assert "indicator 5 (lower is better): White staff: 2019 25.3%, 2020 not required" in survey
    assert "BME staff: 2019 65.0%, 2020 not required, 2021 71.2%" in survey
    board = charts.trend_chart(records, 9).alt
    assert "voting members: 2019 −10.0 pp (0.0% against 3.0%), 2020 −5.0 pp" in board


@pytest.mark.parametrize("numbers", SECTIONS)
def test_trend_charts_are_byte_for_byte_reproducible(numbers) -> None:
    records = make_years()
    first = charts.trend_chart(records, *numbers).png()
    assert first == charts.trend_chart(records, *numbers).png()
    assert b"Software" not in first and b"matplotlib" not in first


# --- COVID-19: the reference figures set against this workforce -------------------------


def test_covid_workforce_mix_sentence_table_and_chart() -> None:
    from wres_analysis.figures.covid import load_diagnosis_rates

    record = make_record()
    said = narrative.workforce_at_risk(record, load_diagnosis_rates())
    assert said == [
        "BME staff — the groups the review found at higher risk — are 3.4% of this workforce "
        "(32 people) and 7.9% of clinical staff, who had the most contact with patients; among "
        "non-clinical staff the share is 2.5%. In the review, the diagnosis rate in Black "
        "groups was up to 2.9 times that in White groups (649 against 224 per 100,000, males)."
    ]
    table = tables.workforce_mix_table(record)
    assert table["Staff"].tolist() == ["Whole workforce", "Clinical staff", "Non-clinical staff"]
    assert table.iloc[1].to_dict() == {
        "Staff": "Clinical staff",
        "Headcount": "151",
        "White": "86.1% (130)",
        "BME": "7.9% (12)",
        "Unknown": "6.0% (9)",
    }
    alt = charts.workforce_mix_chart(record).alt
    assert "Whole workforce 3.4%; Clinical staff 7.9%; Non-clinical staff 2.5%" in alt


def test_covid_workforce_mix_hides_a_suppressed_share() -> None:
    hidden = [
        "indicators.1.by_staff_type.clinical.bme",
        "indicators.1.by_staff_type.clinical.bme_pct",
    ]
    record = published(make_record(), hidden)
    said = text(narrative.workforce_at_risk(record))
    assert "The BME share of clinical staff is not published, to protect small numbers [c]." in said
    assert "7.9%" not in said
    assert tables.workforce_mix_table(record).iloc[1]["BME"] == "[c] ([c])"
    assert "Clinical staff [c]" in charts.workforce_mix_chart(record).alt
