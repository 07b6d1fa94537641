"""The accessible workbook: every sheet read back with openpyxl and checked against the record.

Each table sheet is restated here as a map from its rows and columns to paths in the
figures record (written independently of the package's builders), and every cell is held
to it: a figure is a numeric cell equal to the record's unrounded value (rates x 100, as
percentages), with the report's precision as its number format; a null figure is `[c]` in
the published edition exactly where disclosure control hid it, else `[x]` or `[z]`.
Internal and published editions of EXCCG 2020 (staff survey not required) and the internal
edition of EXCCG 2021 (survey figures present) are checked.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
from openpyxl.utils import range_boundaries

from wres_analysis.actions import actions_table, load_action_plan, plan_path
from wres_analysis.figures import compute_record
from wres_analysis.figures.trends import MEASURE_BY_KEY, indicator_series
from wres_analysis.inputs.bands import SENIOR_BANDS
from wres_analysis.params import load_year
from wres_analysis.paths import DATA_DIR, PARAMS_DIR
from wres_analysis.publish import NotebookInputs, write_report_workbook, write_workbook
from wres_analysis.publish.cells import Figures

ORG = "EXCCG"
NAME = "Exampleshire Clinical Commissioning Group (EXCCG)"
EDITIONS = [(2020, False), (2020, True), (2021, False)]
COUNT_KEYS = {
    "white",
    "bme",
    "unknown",
    "total",
    "shortlisted",
    "appointed",
    "entered",
    "headcount",
    "accessed",
    "members",
    "assessed",
    "white_respondents",
    "bme_respondents",
}
PCT, RATIO, COUNT, PP = "0.0", "0.00", "#,##0", "+0.0;-0.0;0.0"


def records(year: int, published: bool) -> tuple[dict, dict[int, dict]]:
    def one(y: int) -> dict:
        return compute_record(DATA_DIR, ORG, y, params_dir=PARAMS_DIR, published=published)

    return one(year), {y: one(y) for y in range(2019, year)}


@pytest.fixture(scope="module", params=EDITIONS, ids=lambda e: f"{e[0]}-{'pub' if e[1] else 'int'}")
def edition(request, tmp_path_factory) -> tuple[dict, dict[int, dict], openpyxl.Workbook, Path]:
    year, published = request.param
    record, earlier = records(year, published)
    folder = tmp_path_factory.mktemp("workbook")
    out = folder / f"wres-{year}-{ORG}.xlsx"
    write_report_workbook(out, org=ORG, year=year, published=published, inputs=inputs(folder))
    return record, earlier, openpyxl.load_workbook(out), out


def inputs(folder: Path) -> NotebookInputs:
    """The shipped data and params; outputs (no figures artefact there) in a scratch folder."""
    return NotebookInputs(DATA_DIR, PARAMS_DIR, folder / "outputs")


def table(ws) -> tuple[list[str], list[list[Any]], list[list[str]]]:
    """The sheet's one Excel table: headers, cell values and number formats by row."""
    [name] = ws.tables.keys()
    rows = list(ws[ws.tables[name].ref])
    headers = [c.value for c in rows[0]]
    return (
        headers,
        [[c.value for c in r] for r in rows[1:]],
        [[c.number_format for c in r] for r in rows[1:]],
    )


def get(record: dict, path: tuple) -> Any:
    node: Any = record
    for part in path:
        if isinstance(node, list):
            node = node[part] if isinstance(part, int) and part < len(node) else None
        elif isinstance(node, dict):
            node = node.get(str(part))
        else:
            return None
    return node


def hidden(record: dict, path: tuple) -> bool:
    """Hidden by disclosure control: listed as suppressed, or (published) a null count.

    A figure the record does not have at all (an indicator not required) is not hidden.
    """
    parent = get(record, path[:-1])
    if not record.get("published") or not isinstance(parent, dict) or path[-1] not in parent:
        return False
    dotted = ".".join(str(p) for p in path)
    return dotted in set(record["suppressed"]) or str(path[-1]) in COUNT_KEYS


def check(record: dict, cell: Any, fmt: str, path: tuple, want_fmt: str, scale: float = 1.0):
    """One cell against the figure at `path`."""
    value = get(record, path)
    where = ".".join(map(str, path))
    if isinstance(value, bool):
        assert cell == ("Yes" if value else "No"), where
    elif value is not None:
        assert isinstance(cell, int | float) and not isinstance(cell, bool), (where, cell)
        assert cell == pytest.approx(value * scale, rel=1e-12, abs=1e-12), where
        assert fmt == want_fmt, where
    elif hidden(record, path):
        assert cell == "[c]", where
    else:
        assert cell in ("[x]", "[z]"), (where, cell)


def check_grid(record, ws, rows: list[tuple[tuple, int]], columns: dict[str, tuple[str, str]]):
    """rows: (record path of the row, its index in the table); columns: header -> (key, format)."""
    headers, values, formats = table(ws)
    assert len(values) == len(rows)
    for base, i in rows:
        for header, (key, fmt) in columns.items():
            j = headers.index(header)
            check(record, values[i][j], formats[i][j], (*base, key), fmt)
    return headers, values


GROUPS = {
    "White (headcount)": ("white", COUNT),
    "BME (headcount)": ("bme", COUNT),
    "Unknown ethnicity (headcount)": ("unknown", COUNT),
    "All (headcount)": ("total", COUNT),
    "White (% of staff)": ("white_pct", PCT),
    "BME (% of staff)": ("bme_pct", PCT),
    "Unknown ethnicity (% of staff)": ("unknown_pct", PCT),
}


# --- structure ------------------------------------------------------------------------------
def test_cover_contents_and_notes_come_first_and_contents_links_every_table(edition):
    record, _, wb, _ = edition
    assert wb.sheetnames[:3] == ["Cover", "Contents", "Notes"]
    tables = wb.sheetnames[3:]
    assert tables == [
        "1a Workforce",
        "1b Pay bands",
        "2 Appointment",
        "3 Disciplinary",
        "4 Training",
        "2-4 Likelihood",
        "5-8 Staff survey",
        "9 Board",
        "Targets",
        "COVID-19",
        "Change over time",
        "Action plan",
    ]
    cover = " ".join(str(c.value) for c in wb["Cover"]["A"] if c.value)
    assert NAME in cover and f"WRES {record['year']}" in cover
    assert "[c]" in cover  # the symbols are explained up front
    assert ("Published edition" in cover) == record["published"]
    contents = wb["Contents"]
    linked = {c.value: c.hyperlink.location for c in contents["A"] if c.hyperlink is not None}
    assert linked == {name: f"'{name}'!A1" for name in tables}


def test_every_table_sheet_is_one_titled_table_with_no_empty_cell(edition):
    _, _, wb, _ = edition
    for ws in wb.worksheets[1:]:
        headers, values, _ = table(ws)
        assert ws["A1"].value and len(ws.title) <= 31
        assert all(h and "_" not in h for h in headers), headers  # no params keys shown
        assert all(v is not None and str(v).strip() for row in values for v in row), ws.title


def test_notes_explain_every_symbol_and_the_threshold_only_where_used(edition):
    record, _, wb, _ = edition
    _, notes, _ = table(wb["Notes"])
    text = {number: str(words) for number, words in notes}
    cited = set()
    for ws in wb.worksheets[3:]:
        line = next(c.value for c in ws["A"] if c.value and "Notes for this table" in c.value)
        cited |= {int(n) for n in re.findall(r"\[note (\d+)\]", line)}
    assert cited == set(text)  # every note cited, and every citation has its note
    everything = " ".join(text.values())
    assert "[x] not available" in everything and "[z] not applicable" in everything
    threshold = record["settings"]["disclosure_threshold"]
    confidential = [t for t in text.values() if t.startswith("[c]")]
    if record["published"]:
        [note] = confidential
        assert f"below {threshold}" in note and "disclosure control" in note
    else:
        assert not confidential and "Not for publication" in everything


# --- each sheet against the record ---------------------------------------------------------
def test_workforce_sheets_match_indicator_1(edition):
    record, _, wb, _ = edition
    base = ("indicators", "1")
    check_grid(
        record,
        wb["1a Workforce"],
        [
            ((*base, "overall"), 0),
            ((*base, "by_staff_type", "clinical"), 1),
            ((*base, "by_staff_type", "non-clinical"), 2),
        ],
        GROUPS,
    )
    bands = record["indicators"]["1"]["bands"]
    _, values = check_grid(
        record, wb["1b Pay bands"], [((*base, "bands", i), i) for i in range(len(bands))], GROUPS
    )
    assert [(r[0], r[1]) for r in values] == [
        (b["staff_type"].capitalize(), b["band"]) for b in bands
    ]


LIKELIHOOD_COLUMNS = {
    2: {
        "Shortlisted": ("shortlisted", COUNT),
        "Appointed": ("appointed", COUNT),
        "Appointed from shortlisting (%)": ("rate", PCT),
    },
    3: {
        "Headcount": ("headcount", COUNT),
        "Entered formal disciplinary process (yearly average)": ("entered", "#,##0.0"),
        "Rate of entry (%)": ("rate", PCT),
    },
    4: {
        "Headcount": ("headcount", COUNT),
        "Accessed non-mandatory training or CPD": ("accessed", COUNT),
        "Rate of access (%)": ("rate", PCT),
    },
}


@pytest.mark.parametrize("number", [2, 3, 4])
def test_likelihood_sheets_match_indicators_2_to_4(edition, number):
    record, _, wb, _ = edition
    sheet = {2: "2 Appointment", 3: "3 Disciplinary", 4: "4 Training"}[number]
    headers, values, formats = table(wb[sheet])
    columns = LIKELIHOOD_COLUMNS[number]
    assert headers == ["Ethnic group", *columns]
    assert [r[0] for r in values] == ["White", "BME", "Unknown"]
    for i, group in enumerate(("white", "bme", "unknown")):
        for header, (key, fmt) in columns.items():
            j = headers.index(header)
            if group == "unknown" and key == "rate":
                assert values[i][j] == "[z]"  # left out of the comparison
                continue
            scale = 100.0 if key == "rate" else 1.0
            path = ("indicators", str(number), group, key)
            check(record, values[i][j], formats[i][j], path, fmt, scale)


def test_relative_likelihood_sheet(edition):
    record, _, wb, _ = edition
    headers, values, formats = table(wb["2-4 Likelihood"])
    low, high = record["settings"]["non_adverse_band"]
    threshold = record["settings"]["disclosure_threshold"]
    for i, n in enumerate((2, 3, 4)):
        row = dict(zip(headers, values[i], strict=True))
        path = ("indicators", str(n), "relative_likelihood")
        j = headers.index("Relative likelihood")
        check(record, values[i][j], formats[i][j], path, RATIO)
        assert (row["Non-adverse band: lower limit"], row["Non-adverse band: upper limit"]) == (
            low,
            high,
        )
        outside = record["indicators"][str(n)]["outside_band"]
        want = {True: "Yes", False: "No"}.get(outside, "[c]" if hidden(record, path) else "[x]")
        assert row["Outside the non-adverse band"] == want
        small = record["indicators"][str(n)]["small_numbers"]
        # the flag itself would tell a reader a count is small: hidden with the counts
        want_small = {True: "Yes", False: "No"}.get(small, "[c]")
        assert row[f"Fewer than {threshold} White or BME events"] == want_small


def test_survey_sheet(edition):
    record, _, wb, _ = edition
    columns = {
        "White (% of respondents)": ("white_pct", PCT),
        "BME (% of respondents)": ("bme_pct", PCT),
        "BME minus White (percentage points)": ("difference_pp", PP),
        "White respondents": ("white_respondents", COUNT),
        "BME respondents": ("bme_respondents", COUNT),
    }
    _, values = check_grid(
        record,
        wb["5-8 Staff survey"],
        [(("indicators", str(n)), n - 5) for n in (5, 6, 7, 8)],
        columns,
    )
    for i, n in enumerate((5, 6, 7, 8)):
        block = record["indicators"][str(n)]
        if block["required"] is False:
            assert set(values[i][1:2] + values[i][3:]) == {"[z]"}  # not required this year
        else:
            assert values[i][1] == block["label"]
            assert all(isinstance(v, int | float) for v in values[i][3:])


def test_board_sheet(edition):
    record, _, wb, _ = edition
    columns = {
        "Members": ("members", COUNT),
        "White members": ("white", COUNT),
        "BME members": ("bme", COUNT),
        "Unknown ethnicity members": ("unknown", COUNT),
        "BME (% of members)": ("bme_pct", PCT),
        "BME share minus the workforce BME share (percentage points)": ("difference_pp", PP),
    }
    rows = [(("indicators", "9", key), i) for i, key in enumerate(("voting", "executive", "all"))]
    headers, values = check_grid(record, wb["9 Board"], rows, columns)
    j = headers.index("Workforce BME (% of staff)")
    for row in values:
        check(record, row[j], PCT, ("indicators", "9", "workforce_bme_pct"), PCT)


def test_targets_sheet_hides_what_the_report_hides(edition):
    record, _, wb, _ = edition
    groups = record["targets"]["groups"]
    headers, values, formats = table(wb["Targets"])
    assert [r[0] for r in values] == [g["label"] for g in groups.values()]
    year = record["targets"]["target_year"]
    columns = {
        "Headcount": ("headcount", COUNT),
        "BME in post (headcount)": ("bme", COUNT),
        "BME (% of the group)": ("bme_pct", PCT),
        "Target BME share (%)": ("target_share_pct", PCT),
        "Parity target (people)": ("parity_target_people", "#,##0.0"),
        "Parity target rounded up (people)": ("parity_target_people_rounded_up", COUNT),
        "Gap to the parity target (people)": ("gap_people", COUNT),
        f"Vacancies expected by {year}": ("vacancies_to_target_year", "#,##0.0"),
        f"BME appointments needed by {year}": ("bme_appointments_to_target_year", "#,##0.0"),
        "BME share of appointments needed (%)": ("required_bme_appointment_share_pct", PCT),
    }
    derived = {
        "parity_target_people",
        "parity_target_people_rounded_up",
        "gap_people",
        "bme_appointments_to_target_year",
        "required_bme_appointment_share_pct",
    }
    for i, (name, group) in enumerate(groups.items()):
        counts_hidden = record["published"] and (group["bme"] is None or group["headcount"] is None)
        for header, (key, fmt) in columns.items():
            j = headers.index(header)
            if counts_hidden and key in derived:
                # the parity target, gap and trajectory would give the hidden count away
                assert values[i][j] == "[c]", (name, key)
            else:
                check(record, values[i][j], formats[i][j], ("targets", "groups", name, key), fmt)


def test_covid_sheet(edition):
    record, _, wb, _ = edition
    columns = {
        "Headcount": ("headcount", COUNT),
        "Risk-assessed (headcount)": ("assessed", COUNT),
        "Risk-assessed (% of staff)": ("assessed_pct", PCT),
    }
    base = ("covid", "risk_assessments")
    rows = [((*base, key), i) for i, key in enumerate(("white", "bme", "unknown", "all"))]
    check_grid(record, wb["COVID-19"], rows, columns)


TREND_FORMATS = {"pct": PCT, "rate": PCT, "ratio": RATIO, "pp": PP}


def trend_symbol(record: dict, indicator: int, path: tuple) -> str:
    """Why a year has no figure for a trend measure."""
    if not path:  # Band 8a and above: built from the pay-band counts
        bands = record["indicators"]["1"]["bands"]
        senior = [b for b in bands if b["band"] in SENIOR_BANDS]
        counts_hidden = any(b["total"] is None or b["bme"] is None for b in senior)
        return "[c]" if record["published"] and counts_hidden else "[x]"
    if hidden(record, ("indicators", str(indicator), *path)):
        return "[c]"
    return "[z]" if record["indicators"][str(indicator)].get("required") is False else "[x]"


def test_change_over_time_has_a_row_per_figure_and_year(edition):
    record, earlier, wb, _ = edition
    records = {**earlier, record["year"]: record}
    headers, values, formats = table(wb["Change over time"])
    assert headers == ["Indicator", "Measure", "Year", "Value"]
    series = indicator_series(records)
    assert len(values) == len(series)
    assert sorted({r[2] for r in values}) == list(range(2019, record["year"] + 1))
    for (indicator, _, year, cell), fmt, row in zip(
        values, formats, series.itertuples(), strict=True
    ):
        assert (int(indicator), year) == (row.indicator, row.year)
        measure = MEASURE_BY_KEY[(row.indicator, row.measure)]
        if math.isnan(row.value):
            assert cell == trend_symbol(records[year], row.indicator, measure.path), row
            continue
        scale = 100.0 if measure.kind == "rate" else 1.0
        assert cell == pytest.approx(row.value * scale, rel=1e-12)
        assert fmt[3] == TREND_FORMATS[measure.kind]


def test_only_the_published_edition_has_hidden_cells(edition):
    """Where each [c] goes is checked cell by cell above; here: none at all when internal."""
    record, _, wb, _ = edition
    symbols = {
        v for ws in wb.worksheets[3:] for row in table(ws)[1] for v in row if isinstance(v, str)
    }
    assert ("[c]" in symbols) == bool(record["published"])
    if record["published"]:
        assert any(p.startswith("indicators.1.bands.") for p in record["suppressed"])


def test_action_plan_sheet_is_the_plan_as_written(edition):
    record, _, wb, _ = edition
    year = record["year"]
    plan = actions_table(load_action_plan(plan_path(PARAMS_DIR, ORG, year)), load_year(year).report)
    headers, values, _ = table(wb["Action plan"])
    assert headers[0] == "Action" and headers[-2:] == ["Latest update", "Date of the latest update"]
    assert [r[0] for r in values] == list(plan["id"])
    for row, action in zip(values, plan.itertuples(), strict=True):
        shown = dict(zip(headers, row, strict=True))
        assert shown["Latest update"] == (action.latest_update or "[x]")
        assert shown["Status"] == action.status
        assert shown["Overdue at the report date"] == ("Yes" if action.overdue else "No")


# --- safety and reproducibility --------------------------------------------------------------
def test_text_is_never_a_formula_nor_a_note_reference(tmp_path):
    record, _ = records(2020, True)
    actions = pd.DataFrame(
        [
            {
                "id": "x-1",
                "source_label": '=HYPERLINK("http://example.com","click")',
                "indicators": "1",
                "recommendation": "see $$edition$$ here",
                "response": "",
                "action": "+1+1",
                "owner": "@SUM(A1)",
                "due": "ongoing",
                "status": "in progress",
                "overdue": False,
                "latest_update": "",
                "latest_update_date": None,
            }
        ]
    )
    out = write_workbook(
        record, tmp_path / "w.xlsx", organisation_name="Org $$edition$$", actions=actions
    )
    ws = openpyxl.load_workbook(out)["Action plan"]
    assert ws["A2"].value == "Org $ $edition$ $, WRES 2020. Published edition."
    headers, [row], _ = table(ws)
    shown = dict(zip(headers, row, strict=True))
    assert shown["Answers"] == '=HYPERLINK("http://example.com","click")'
    _, _, _, last_row = range_boundaries(ws.tables["action_plan"].ref)
    assert ws.cell(row=last_row, column=2).data_type == "s"  # text, not a formula
    assert shown["What will be done"] == "+1+1" and shown["Responsible team"] == "@SUM(A1)"
    assert "[note" not in shown["Recommendation"] and "edition" in shown["Recommendation"]
    assert shown["Response"] == "[x]" and shown["Latest update"] == "[x]"


def test_same_record_gives_the_same_bytes(edition, tmp_path):
    record, _, _, first = edition
    again = write_report_workbook(
        tmp_path / first.name,
        org=ORG,
        year=record["year"],
        published=record["published"],
        inputs=inputs(tmp_path),
    )
    assert again.read_bytes() == first.read_bytes()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary file


def test_cell_rules_by_hand():
    """Figures.cell on a hand-made published record: each rule once."""
    record = {
        "published": True,
        "settings": {"disclosure_threshold": 10},
        "suppressed": ["indicators.2.bme.rate"],
        "indicators": {
            "2": {
                "white": {"appointed": 78, "rate": 0.25},
                "bme": {"appointed": None, "rate": None, "shortlisted": None},
                "outside_band": True,
            }
        },
    }
    fig = Figures(record)
    assert fig.cell("indicators", "2", "white", "appointed", kind="count") == 78
    assert fig.cell("indicators", "2", "white", "rate", kind="rate") == 25.0  # a percentage
    assert fig.cell("indicators", "2", "bme", "rate", kind="rate") == "[c]"  # listed
    assert fig.cell("indicators", "2", "bme", "shortlisted", kind="count") == "[c]"  # null count
    assert fig.cell("indicators", "2", "white", "shortlisted", kind="count") == "[x]"  # absent
    assert fig.cell("indicators", "9", "all", "bme", kind="count", missing="[z]") == "[z]"
    assert fig.cell("indicators", "2", "outside_band", kind="text") == "Yes"
    internal = Figures({**record, "published": False})
    assert internal.cell("indicators", "2", "bme", "rate", kind="rate") == "[x]"
