"""Display tables from a hand-built record: formatting, missing figures, disclosure."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from tests.record_fixture import (
    absent,
    make_record,
    no_risk_file,
    published,
    uncomputable_rl,
    with_model_targets,
)
from wres_analysis.display import tables
from wres_analysis.params import YearParams


def _cells(frame: pd.DataFrame | None) -> list[str]:
    if frame is None:
        return []
    return [str(v) for v in frame.to_numpy().ravel()] + [str(c) for c in frame.columns]


def _all_tables(record: dict) -> list[pd.DataFrame | None]:
    year = YearParams(year=record["year"])
    return [
        tables.workforce_table(record),
        tables.bands_table(record, "clinical"),
        tables.bands_table(record, "non-clinical"),
        *(tables.likelihood_table(record, n) for n in (2, 3, 4)),
        *(tables.likelihood_summary(record, n) for n in (2, 3, 4)),
        tables.survey_table(record),
        tables.board_table(record),
        tables.settings_table(record, year),
        tables.data_sources_table(record, year),
        tables.risk_assessment_table(record),
    ]


VARIANTS = {
    "internal": make_record(),
    "survey": make_record(survey=True),
    "uncomputable": uncomputable_rl(make_record()),
    "absent": absent(make_record(), 2, 3, 4, 9),
    "published": published(make_record()),
}


@pytest.mark.parametrize("name", VARIANTS)
def test_every_cell_is_display_text_never_nan_none_or_inf(name: str) -> None:
    for frame in _all_tables(VARIANTS[name]):
        for cell in _cells(frame):
            assert isinstance(cell, str)
            assert cell.lower() not in {"nan", "none", "inf", "-inf", "null", ""}, (name, cell)
            assert "staff_id" not in cell and "member_id" not in cell


def test_workforce_table_counts_and_shares_rounded_for_display() -> None:
    frame = tables.workforce_table(make_record())
    bme = frame[frame["Ethnic group"] == "BME"].iloc[0]
    assert bme["All staff: headcount"] == "32"
    assert bme["All staff: share"] == "3.4%"
    assert bme["Clinical: headcount"] == "12"
    assert list(frame["Ethnic group"]) == ["White", "BME", "Unknown", "All staff"]


def test_bands_table_lists_bands_of_one_staff_type_then_comparison_rows() -> None:
    frame = tables.bands_table(make_record(), "clinical")
    assert list(frame["Pay band"]) == [
        "Band 5",
        "Band 7",
        "Band 8a",
        "All clinical staff",
        "Whole workforce",
    ]
    assert frame.iloc[0]["BME %"] == "10.4%"
    assert tables.bands_table(make_record(), "no such type") is None


def test_likelihood_tables_show_rates_and_the_relative_likelihood() -> None:
    record = make_record()
    frame = tables.likelihood_table(record, 2)
    white = frame[frame["Ethnic group"] == "White"].iloc[0]
    assert (white["Shortlisted"], white["Appointed"]) == ("120", "30")
    assert white["Appointed from shortlisting"] == "25.0%"
    unknown = frame[frame["Ethnic group"] == "Unknown"].iloc[0]
    assert "not used" in unknown["Appointed from shortlisting"]
    summary = tables.likelihood_summary(record, 2)
    values = dict(zip(summary["Measure"], summary["Value"], strict=True))
    assert values["Relative likelihood (White vs BME)"] == "1.53"
    assert values["Against the non-adverse band"] == "outside the non-adverse band 0.80-1.25"
    four = dict(zip(*tables.likelihood_summary(record, 4).T.to_numpy(), strict=True))
    assert four["Against the non-adverse band"] == "within the non-adverse band 0.80-1.25"


def test_fractional_two_year_mean_shows_one_decimal() -> None:
    frame = tables.likelihood_table(make_record(), 3)
    bme = frame[frame["Ethnic group"] == "BME"].iloc[0]
    assert bme["Entered formal disciplinary process"] == "0.5"


def test_uncomputable_relative_likelihood_shows_the_note_never_a_number() -> None:
    record = uncomputable_rl(make_record())
    summary = tables.likelihood_summary(record, 3)
    value = summary.iloc[0]["Value"]
    assert value.startswith("Cannot be computed: the White rate is zero")
    assert summary.iloc[2]["Value"] == "not assessed"


def test_indicator_methods_and_caveat_in_the_summary() -> None:
    record = make_record()
    record["indicators"]["3"]["caveat"] = "Single year only: no 2019 disciplinary.csv"
    rows = dict(zip(*tables.likelihood_summary(record, 3).T.to_numpy(), strict=True))
    assert rows["Years"] == "2019, 2020"
    assert rows["Method"].startswith("two-year rolling average")
    assert rows["Caveat"].startswith("Single year only")


def test_not_required_and_not_available_have_no_table_but_say_so_at_a_glance() -> None:
    record = absent(make_record(), 2, 9)
    assert tables.survey_table(record) is None
    assert tables.likelihood_table(record, 2) is None
    assert tables.board_table(record) is None
    brief = tables.summary_table({2020: record}).set_index("Indicator")["In brief"]
    assert brief.iloc[1] == "Not available: the input file was not supplied."
    assert brief.iloc[4] == "Not required in 2020."
    assert brief.iloc[8] == "Not available: the input file was not supplied."


def test_survey_table_when_present() -> None:
    frame = tables.survey_table(make_record(survey=True))
    row = frame[frame["Indicator"] == "5"].iloc[0]
    assert (row["Survey question"], row["White"], row["BME"]) == ("KF25", "25.3%", "30.1%")
    assert row["BME minus White"] == "+4.8 pp"


def test_board_table_difference_in_signed_percentage_points() -> None:
    frame = tables.board_table(make_record()).set_index("Board membership")
    assert frame.loc["Voting members", "Difference"] == "−3.4 pp"
    assert frame.loc["All members", "Difference"] == "+0.6 pp"
    assert frame.loc["Voting members", "Workforce BME share"] == "3.4%"


def test_published_suppressed_counts_read_less_than_threshold() -> None:
    record = published(make_record())
    frame = tables.likelihood_table(record, 2)
    bme = frame[frame["Ethnic group"] == "BME"].iloc[0]
    assert bme["Appointed"] == "[c]"
    assert bme["Appointed from shortlisting"] == "[c]"
    assert bme["Shortlisted"] == "55"  # not small: shown
    summary = tables.likelihood_summary(record, 2)
    assert summary.iloc[0]["Value"].startswith("[c]")
    band5 = tables.bands_table(record, "clinical").iloc[0]
    assert (band5["BME"], band5["BME %"], band5["Unknown"]) == ("[c]", "[c]", "[c]")
    board = tables.board_table(record).set_index("Board membership")
    assert board.loc["All members", "BME members"] == "[c]"
    everything = " ".join(c for f in _all_tables(record) for c in _cells(f))
    assert "4.0%" not in everything  # the suppressed board share


def test_threshold_comes_from_the_record() -> None:
    record = published(make_record())
    record["settings"]["disclosure_threshold"] = 5
    bme = tables.likelihood_table(record, 2).iloc[1]
    assert bme["Appointed"] == "[c]"


def test_settings_table_reads_every_choice_from_record_and_params() -> None:
    record = make_record()
    record["settings"]["rolling_method"] = "pooled"
    year = YearParams(year=2020, survey_labels={5: "KF25"})
    rows = dict(zip(*tables.settings_table(record, year).T.to_numpy(), strict=True))
    assert "pooled" in rows["Indicator 3 rolling average"]
    assert rows["Relative likelihood non-adverse band"] == "0.80-1.25"
    assert rows["Disclosure threshold"].startswith("counts below 10")
    assert rows["Workforce snapshot"] == "31 March 2020"
    assert "headcount" in rows["Counting basis"] and "FTE" in rows["Counting basis"]
    assert "bank" in rows["Bank staff"]
    grouping = rows["Ethnicity grouping (NHS ethnic category codes)"]
    assert "White: A, B, C" in grouping and "Z, 99" in grouping and "blank" in grouping
    assert rows["Indicators required this year"] == "1, 2, 3, 4, 9"
    assert rows["Staff survey question labels"] == "indicator 5: KF25"
    assert rows["This version"].startswith("internal")


def test_data_sources_table_marks_supplied_absent_and_not_required() -> None:
    record = absent(make_record(), 4)
    year = YearParams(year=2020, data_sources={"training": "LMS extract"})
    frame = tables.data_sources_table(record, year).set_index("File")
    assert frame.loc["workforce.csv", "Supplied"] == "yes"
    assert frame.loc["training.csv", "Supplied"].startswith("no")
    assert frame.loc["training.csv", "Source"] == "LMS extract"
    assert frame.loc["staff_survey.csv", "Supplied"] == "not required in 2020"


def test_targets_table_shows_the_seed_arithmetic() -> None:
    row = tables.targets_table(with_model_targets(make_record())).iloc[0]
    assert row["BME share"] == "1.6%"  # 4/249, not the seed's "0.016%"
    assert row["Parity target (people)"] == "8.5, i.e. 9"
    assert row["Gap (people)"] == "5"
    assert tables.targets_table(make_record()) is None


def test_targets_hidden_when_their_counts_are_suppressed() -> None:
    record = with_model_targets(make_record())
    record = published(record, ["targets.groups.senior_8b_plus_and_board.bme"])
    row = tables.targets_table(record).iloc[0]
    assert row["BME in post"] == "[c]"
    assert row["Parity target (people)"] == row["Gap (people)"] == "[c]"


def test_actions_display_keeps_reader_columns_and_flags_overdue() -> None:
    actions = pd.DataFrame(
        [
            {
                "id": "wres-01",
                "source_label": "WRES indicator 9",
                "indicators": "9",
                "action": "Advertise",
                "owner": "HR Team",
                "due": "2020-09-30",
                "status": "in progress",
                "overdue": True,
                "latest_update": "",
                "response": "ignored",
            },
        ]
    )
    shown = tables.actions_display(actions)
    assert list(shown.columns) == list(tables.ACTION_COLUMNS.values())
    assert shown.iloc[0]["Status"] == "in progress (overdue)"
    assert shown.iloc[0]["Responsible team"] == "HR Team"


def test_tables_are_accessible_html_with_escaped_cells_and_traced_figures() -> None:
    from wres_analysis.display.html_table import table_html
    from wres_analysis.display.record_view import traced

    record = traced(published(make_record()))
    table = tables.likelihood_table(record, 2)
    table.iloc[0, 0] = "White <script>alert(1)</script>"
    page = table_html(table, "Caption & more", ident="03-appointment-table-1")
    assert '<caption id="03-appointment-table-1">Caption &amp; more</caption>' in page
    assert 'role="region" aria-labelledby="03-appointment-table-1" tabindex="0"' in page
    assert '<th scope="col" role="columnheader">Ethnic group</th>' in page
    assert (
        '<th scope="row" role="rowheader">White &lt;script&gt;alert(1)&lt;/script&gt;</th>'
    ) in page
    columns = [str(c) for c in table.columns[1:]]  # each cell names its column, for phones
    assert re.findall(r'<td role="cell" data-label="([^"]*)"', page)[: len(columns)] == columns
    assert "<script>" not in page
    assert (
        '<span class="figure" data-figure="indicators.2.white.shortlisted" data-year="2020" '
        'data-format="count">120</span>'
    ) in page
    assert "[c]" in page  # hidden counts, never "<10"
    assert "\ue000" not in page and "\ue001" not in page and "\ue002" not in page

def test_risk_assessment_table_by_group() -> None:
    frame = tables.risk_assessment_table(make_record()).set_index("Ethnic group")
    assert frame.loc["BME", "Share risk-assessed"] == "90.6%"
    assert frame.loc["All staff", "Risk-assessed"] == "739"
    assert tables.risk_assessment_table(no_risk_file(make_record())) is None
    hidden = published(make_record(), ["covid.risk_assessments.bme.assessed"])
    assert (
        tables.risk_assessment_table(hidden).set_index("Ethnic group").loc["BME", "Risk-assessed"]
        == "[c]"
    )
