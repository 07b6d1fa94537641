"""Charts: alt text with the actual numbers, reproducible PNG bytes, Markdown display."""

from __future__ import annotations

import base64
import re

import matplotlib
import pandas as pd
import pytest

from tests.record_fixture import absent, make_record, no_risk_file, published, uncomputable_rl
from wres_analysis.display import charts

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def test_rl_chart_alt_text_has_band_parity_and_values() -> None:
    chart = charts.rl_chart(make_record())
    assert "0.80-1.25" in chart.alt and "1.00" in chart.alt
    assert "indicator 2" in chart.alt and "1.53, outside band" in chart.alt
    assert "4.41, outside band" in chart.alt
    assert "1.08, within band" in chart.alt
    # reading order: indicator 2, then 3, then 4
    assert chart.alt.index("indicator 2") < chart.alt.index("indicator 3")


def test_png_bytes_identical_across_two_renders_and_without_software_stamp() -> None:
    record = make_record(survey=True)
    builders = [
        lambda: charts.rl_chart(record),
        lambda: charts.rates_chart(record, 3),
        lambda: charts.workforce_chart(record, "non-clinical"),
        lambda: charts.survey_chart(record),
        lambda: charts.board_chart(record),
    ]
    for build in builders:
        first, second = build().png(), build().png()
        assert first == second
        assert first.startswith(PNG_SIGNATURE)
        assert b"Software" not in first and b"matplotlib" not in first


def test_png_does_not_depend_on_the_sessions_rc_settings() -> None:
    record = make_record()
    plain = charts.rl_chart(record).png()
    with matplotlib.rc_context({"font.size": 22, "figure.dpi": 40, "hatch.linewidth": 3}):
        changed = charts.rl_chart(record).png()
    assert plain == changed


def test_uncomputable_rl_shows_the_note_not_a_number() -> None:
    chart = charts.rl_chart(uncomputable_rl(make_record()), [3])
    assert "cannot be computed: the White rate is zero" in chart.alt
    assert not re.search(r"\b(nan|inf)\b", chart.alt)


def test_published_charts_do_not_reveal_suppressed_figures() -> None:
    record = published(make_record())
    rl = charts.rl_chart(record, [2])
    assert "[c]" in rl.alt and "1.53" not in rl.alt
    rates = charts.rates_chart(record, 2)
    assert "16.4%" not in rates.alt and "rate [c] (of 55)" in rates.alt
    board = charts.board_chart(record)
    assert "4.0%" not in board.alt and "[c]" in board.alt
    bands = charts.workforce_chart(record, "clinical")
    assert "Band 5 [c]" in bands.alt and "10.4%" not in bands.alt


def test_section_charts_carry_their_numbers() -> None:
    record = make_record(survey=True)
    assert "25.0% of 120" in charts.rates_chart(record, 2).alt
    assert "Whole workforce 3.4%" in charts.workforce_chart(record, "clinical").alt
    survey = charts.survey_chart(record).alt
    assert "White 25.3%, BME 30.1%" in survey
    board = charts.board_chart(record).alt
    assert "3.4%" in board and "voting members: 0.0% BME of 12" in board


def test_nothing_to_chart_gives_none() -> None:
    record = absent(make_record(), 2, 3, 4, 9)
    assert charts.rl_chart(record) is None
    assert charts.rates_chart(record, 2) is None
    assert charts.board_chart(record) is None
    assert charts.survey_chart(make_record()) is None  # 2020: not required
    assert charts.targets_chart(make_record()) is None


def test_targets_and_covid_charts() -> None:
    record = make_record()
    record["targets"] = {
        "target_share_pct": 3.4,
        "groups": {
            "board": {
                "label": "Board (all members)",
                "bme": 0,
                "headcount": 25,
                "parity_target_people_rounded_up": 1,
            }
        },
    }
    chart = charts.targets_chart(record)
    assert "Board (all members): 0 BME in post, parity target 1" in chart.alt
    rates = pd.DataFrame(
        {
            "ethnic_group": ["Black", "White"],
            "sex": ["Male", "Male"],
            "value": [649, 224],
            "period": ["to June 2020"] * 2,
        }
    )
    covid = charts.covid_chart(rates)
    assert "Black, male 649" in covid.alt and "White, male 224" in covid.alt


def test_image_markdown_keeps_alt_and_embeds_the_png() -> None:
    chart = charts.rl_chart(make_record())
    text = chart.markdown()
    match = re.fullmatch(
        r'!\[(.*)\]\(data:image/png;base64,([A-Za-z0-9+/=]+)\)\{fig-alt="([^"]*)"\}', text
    )
    assert match, text[:80]
    assert match.group(1) == "Indicators 2, 3, 4: relative likelihood against the band"
    assert base64.b64decode(match.group(2)) == chart.png()
    assert "1.53" in match.group(3) and "1.53" not in match.group(1)


def test_show_chart_displays_html_and_markdown_with_alt_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda obj, raw: shown.append((obj, raw)))
    chart = charts.rl_chart(make_record())
    charts.show_chart(chart.figure, chart.alt)
    charts.show_chart(chart)
    charts.show_chart(None)
    assert len(shown) == 2
    for bundle, raw in shown:
        assert raw is True and set(bundle) == {"text/html", "text/markdown"}
        assert 'alt="Chart of relative likelihoods' in bundle["text/html"]
        assert 'fig-alt="Chart of relative likelihoods' in bundle["text/markdown"]
    assert "<source" not in shown[0][0]["text/html"]  # a bare figure has no phone drawing
    assert "<source" in shown[1][0]["text/html"]
    with pytest.raises(ValueError, match="alt text"):
        charts.show_chart(chart.figure, "")


def test_risk_assessment_chart() -> None:
    chart = charts.risk_assessment_chart(make_record())
    assert "BME staff 90.6% of 32" in chart.alt and "White staff 80.4% of 846" in chart.alt
    assert chart.png() == charts.risk_assessment_chart(make_record()).png()
    assert charts.risk_assessment_chart(no_risk_file(make_record())) is None
