"""Analyst commentary: placeholders filled from the record, errors that point at the line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.record_fixture import absent, make_record, published, uncomputable_rl
from wres_analysis.display.commentary import (
    PLACEHOLDERS,
    commentary_path,
    load_commentary,
    placeholders,
    render_commentary,
)
from wres_analysis.errors import InputError
from wres_analysis.paths import PARAMS_DIR, PROJECT_ROOT
from wres_analysis.sections import SECTION_BY_SLUG

VARIANTS = [
    make_record(),
    make_record(survey=True),
    uncomputable_rl(make_record()),
    absent(make_record(), 2, 3, 4, 9),
    published(make_record()),
]


@pytest.mark.parametrize("record", VARIANTS)
def test_every_placeholder_always_has_display_text(record: dict) -> None:
    values = placeholders(record)
    assert list(values) == list(PLACEHOLDERS)
    for name, value in values.items():
        assert isinstance(value, str) and value, name
        assert value.lower() not in {"none", "nan", "inf", "null"}, name


def test_values_are_formatted_for_display() -> None:
    values = placeholders(make_record())
    assert values["workforce_bme_pct"] == "3.4%"
    assert values["workforce_bme"] == "32"
    assert values["i2_rl"] == "1.53"
    assert values["i2_assessment"] == "outside the non-adverse band 0.80-1.25"
    assert values["i3_bme_entered"] == "0.5"
    assert values["i3_years"] == "2019 and 2020"
    assert values["board_difference_pp"] == "−3.4 pp"
    assert values["board_all_difference_pp"] == "+0.6 pp"
    assert values["i5_white_pct"] == "not required in 2020"
    assert values["snapshot_date"] == "31 March 2020"
    assert values["non_adverse_band"] == "0.80-1.25"


def test_missing_and_suppressed_figures_say_so() -> None:
    assert placeholders(uncomputable_rl(make_record()))["i3_rl"].startswith("Cannot be computed")
    assert placeholders(absent(make_record(), 2))["i2_rl"] == "not available"
    values = placeholders(published(make_record()))
    assert values["i2_bme_appointed"] == "[c]"
    assert values["i2_bme_rate"] == "[c]"
    assert values["i2_rl"].startswith("[c]")
    assert values["board_all_bme"] == "[c]"


def test_render_fills_placeholders() -> None:
    text = "BME staff: {{ workforce_bme_pct }} ({{ workforce_bme }} of {{ workforce_total }})."
    assert render_commentary(text, placeholders(make_record()), "x.md") == (
        "BME staff: 3.4% (32 of 940)."
    )


def test_unknown_placeholder_names_file_line_and_known_names() -> None:
    text = "First line.\n\nThe board is {{ board_bme_share }} BME.\n"
    with pytest.raises(InputError) as caught:
        render_commentary(text, placeholders(make_record()), "params/orgs/X/2020/commentary/a.md")
    message = str(caught.value)
    assert "params/orgs/X/2020/commentary/a.md, line 3" in message
    assert "unknown placeholder 'board_bme_share'" in message
    assert "board_bme_pct" in message and "workforce_bme_pct" in message  # known names listed
    problem = caught.value.problems[0]
    assert (problem.line, problem.file) == (3, "params/orgs/X/2020/commentary/a.md")


def test_every_unknown_placeholder_is_reported() -> None:
    text = "{{ nope }}\n{{ year }}\n{% if other %}x{% endif %}\n"
    with pytest.raises(InputError) as caught:
        render_commentary(text, placeholders(make_record()), "c.md")
    lines = {(p.problem, p.line) for p in caught.value.problems}
    assert lines == {("unknown placeholder 'nope'", 1), ("unknown placeholder 'other'", 3)}


def test_template_syntax_error_points_at_the_line() -> None:
    with pytest.raises(InputError) as caught:
        render_commentary("ok\n{{ year \n", {"year": "2020"}, "c.md")
    assert caught.value.problems[0].line == 2
    assert "c.md, line 2" in str(caught.value)


def test_attribute_of_a_placeholder_is_an_input_error() -> None:
    with pytest.raises(InputError, match=r"c\.md"):
        render_commentary("{{ year.nope }}", {"year": "2020"}, "c.md")


def test_load_commentary_reads_the_file_or_returns_none(tmp_path: Path) -> None:
    record = make_record()
    assert load_commentary(record, "03-appointment", tmp_path) is None
    path = commentary_path("EXCCG", 2020, "03-appointment", tmp_path)
    assert path == tmp_path / "orgs" / "EXCCG" / "2020" / "commentary" / "03-appointment.md"
    path.parent.mkdir(parents=True)
    path.write_text("RL {{ i2_rl }}.\n", encoding="utf-8")
    assert load_commentary(record, "03-appointment", tmp_path) == "RL 1.53."
    path.write_text("\n{{ i2_rll }}\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"03-appointment\.md, line 2: unknown placeholder"):
        load_commentary(record, "03-appointment", tmp_path)


SHIPPED = sorted((PARAMS_DIR / "orgs").glob("*/*/commentary/*.md"))


def test_shipped_commentary_exists_for_the_model_ccg() -> None:
    slugs = {p.stem for p in SHIPPED if p.parts[-4:-2] == ("EXCCG", "2020")}
    assert len(slugs) >= 3


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: "/".join(p.parts[-4:]))
def test_shipped_commentary_renders_in_every_mode(path: Path) -> None:
    assert path.stem in SECTION_BY_SLUG, f"{path.name} is not a section slug"
    text = path.read_text(encoding="utf-8")
    assert re.search(r"\{\{\s*\w+\s*\}\}", text), "commentary should use placeholders"
    for record in (make_record(), published(make_record()), absent(make_record(), 2, 9)):
        rendered = render_commentary(text, placeholders(record), path.name)
        assert "{{" not in rendered


def test_docs_list_every_placeholder() -> None:
    docs = (PROJECT_ROOT / "docs" / "commentary.md").read_text(encoding="utf-8")
    missing = [name for name in PLACEHOLDERS if f"`{name}`" not in docs]
    assert not missing, f"docs/commentary.md does not list {missing}"
