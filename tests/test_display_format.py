"""Display formatting: the one module that rounds figures for the report, and its rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.record_fixture import absent, make_record, published
from wres_analysis.display import format as display_format
from wres_analysis.display.format import (
    fmt_band,
    fmt_count,
    fmt_date,
    fmt_decimal,
    fmt_missing,
    fmt_pct,
    fmt_pp,
    fmt_rate,
    fmt_rl,
    fmt_small,
    pp_relation,
)
from wres_analysis.display.record_view import RecordView

PACKAGE = Path(display_format.__file__).parent
# Modules that turn figures into text (all of wres_analysis/display/ but format.py itself):
# none of them may round on its own.
DISPLAY_MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p != Path(display_format.__file__))
ROUNDING = re.compile(r":,?\.\d+[f%]|\bround\(")


def test_formatting_helpers() -> None:
    assert fmt_pct(3.4042553) == "3.4%"
    assert fmt_rl(1.5277777) == "1.53"
    assert fmt_rate(0.25) == "25.0%"
    assert fmt_pp(-3.404) == "−3.4 pp"
    assert fmt_pp(0.04) == "0.0 pp"
    assert fmt_count(1234) == "1,234"
    assert fmt_count(2.5) == "2.5"
    assert fmt_date("2020-03-31") == "31 March 2020"


def test_the_other_rules_each_written_once() -> None:
    assert fmt_count(3010, grouped=False) == "3010"  # how the key messages write counts
    assert fmt_count(8.476, grouped=False) == "8.5"
    assert fmt_count(9.0, grouped=False) == "9"
    assert fmt_decimal(8.476595) == "8.5"  # an unrounded parity target
    assert fmt_decimal(1234.5, 0, grouped=True) == "1,234"  # PHE rates per 100,000
    assert fmt_pct(50.0, places=0) == "50%"
    assert fmt_band((0.8, 1.25)) == "0.80-1.25"
    assert fmt_small(10) == "[c]"


def test_what_stands_in_for_a_null_figure() -> None:
    assert fmt_missing(hidden=True, count=True, threshold=10) == "[c]"
    assert fmt_missing(hidden=True, count=False, threshold=10) == "[c]"
    assert fmt_missing(hidden=False, count=True, threshold=10) == "not available"
    assert fmt_missing(hidden=False, count=False, threshold=10) == "not computable"


@pytest.mark.parametrize(
    ("value", "expected"),
    [(-3.404, "3.4 percentage points below"), (2.06, "2.1 percentage points above")],
)
def test_pp_relation_in_words(value: float, expected: str) -> None:
    assert pp_relation(value) == expected
    assert pp_relation(0.04) == pp_relation(-0.04) == "level with"
    assert pp_relation(-0.04, "higher", "lower", "the same") == "the same"
    assert pp_relation(1.25, "higher", "lower", "the same") == "1.2 percentage points higher"


def test_record_view_says_why_an_indicator_has_no_figure() -> None:
    view = RecordView(absent(make_record(), 2))
    assert view.missing_text(1) is None
    assert view.missing_text(2) == "not available"
    assert view.missing_text(5) == "not required in 2020"


def test_record_view_difference_or_the_note_beside_it() -> None:
    record = make_record(survey=True)
    assert RecordView(record).pp_or_note("indicators", 5, "difference_pp") == "+4.8 pp"
    record["indicators"]["5"]["difference_pp"] = None
    record["indicators"]["5"]["note"] = "no BME respondents"
    assert RecordView(record).pp_or_note("indicators", 5, "difference_pp") == "No BME respondents"
    hidden = published(make_record(), ["indicators.9.voting.difference_pp"])
    assert RecordView(hidden).pp_or_note("indicators", 9, "voting", "difference_pp") == "[c]"


@pytest.mark.parametrize("path", DISPLAY_MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_display_modules_do_not_round_on_their_own(path: Path) -> None:
    found = [
        f"{path.relative_to(PACKAGE)}:{i}: {line.strip()}"
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if ROUNDING.search(line)
    ]
    assert not found, "round for display in display/format.py only:\n" + "\n".join(found)
