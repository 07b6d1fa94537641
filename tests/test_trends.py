"""Trends: one row per year and measure; directions follow the WRES orientation."""

from __future__ import annotations

import math

import pytest

from tests.model_org import BANDS, model_record, with_values
from wres_analysis.figures.trends import (
    MEASURES,
    direction_of_change,
    indicator_series,
    outside_band,
    years_outside_band,
)


def survey(record, values):
    """Indicators 5-8 required, with {n: (white, bme)}."""
    changes = {}
    for n, (white, bme) in values.items():
        changes[f"indicators.{n}"] = {"required": True, "white_pct": white, "bme_pct": bme}
    return with_values(record, **changes)


def rls(record, i2, i3, i4):
    return with_values(
        record,
        **{
            "indicators.2.relative_likelihood": i2,
            "indicators.3.relative_likelihood": i3,
            "indicators.4.relative_likelihood": i4,
        },
    )


@pytest.fixture
def records():
    r2019 = survey(
        rls(model_record(2019), 1.46, 0.70, 1.30),
        {5: (25.0, 30.0), 6: (20.0, 28.0), 7: (86.0, 70.0), 8: (6.0, 14.0)},
    )
    r2020 = rls(model_record(2020), 1.61, 1.20, 1.30)  # survey not required
    r2021 = survey(
        rls(model_record(2021), 1.20, 1.25, 0.70),
        {5: (25.0, 26.0), 6: (20.0, 30.0), 7: (86.0, 75.0), 8: (6.0, 14.0)},
    )
    # board gains a BME voting member in 2021: 1 of 15 = 6.67%, +3.26 pp (was -3.40 pp)
    r2021 = with_values(r2021, **{"indicators.9.voting.difference_pp": 100 / 15 - 32 / 9.4})
    return {2019: r2019, 2020: r2020, 2021: r2021}


def test_series_shape_and_values(records):
    series = indicator_series(records)
    assert list(series.columns) == ["year", "indicator", "measure", "label", "value", "note"]
    assert len(series) == 3 * len(MEASURES)
    rl = series[series.measure == "relative_likelihood"]
    i2 = rl[rl.indicator == 2].set_index("year")["value"]
    assert i2.to_dict() == {2019: 1.46, 2020: 1.61, 2021: 1.20}
    s5 = series[(series.indicator == 5) & (series.measure == "bme_pct")].set_index("year")
    assert math.isnan(s5.loc[2020, "value"])
    assert "Not required" in s5.loc[2020, "note"]
    wf = series[series.measure == "workforce_bme_pct"]["value"]
    assert wf.tolist() == pytest.approx([32 / 940 * 100] * 3)


def test_directions_follow_the_wres_orientation(records):
    d = direction_of_change(indicator_series(records)).set_index(["indicator", "measure"])
    rl = "relative_likelihood"
    assert d.loc[(2, rl), "direction"] == "improved"  # 1.61 -> 1.20: towards 1.00
    assert d.loc[(3, rl), "direction"] == "worsened"  # 1.20 -> 1.25: away from 1.00
    assert d.loc[(4, rl), "direction"] == "worsened"  # 1.30 -> 0.70: |ln| 0.262 -> 0.357
    assert d.loc[(5, "bme_pct"), "direction"] == "improved"  # lower harassment
    assert d.loc[(5, "bme_pct"), "from_year"] == 2019  # 2020 had no survey: skipped
    assert d.loc[(6, "bme_pct"), "direction"] == "worsened"  # 28 -> 30
    assert d.loc[(7, "bme_pct"), "direction"] == "improved"  # 70 -> 75: higher is better
    assert d.loc[(8, "bme_pct"), "direction"] == "unchanged"
    assert d.loc[(9, "voting_difference_pp"), "direction"] == "improved"  # |-3.40| -> |3.26|
    assert d.loc[(9, "executive_difference_pp"), "direction"] == "unchanged"
    assert d.loc[(1, "workforce_bme_pct"), "direction"] == "no orientation"


def test_rl_distance_is_symmetric_on_the_log_scale():
    r1 = rls(model_record(2019), 1.25, 1.0, 1.0)
    r2 = rls(model_record(2020), 0.80, 1.0, 1.0)
    d = direction_of_change(indicator_series({2019: r1, 2020: r2})).set_index("indicator")
    row = d.loc[2].iloc[0] if d.loc[2].ndim == 2 else d.loc[2]
    assert row["movement"] == "fell"
    assert row["direction"] == "unchanged"  # 1.25 and 0.80 are equally far from parity


def test_small_changes_are_unchanged():
    r1 = rls(model_record(2019), 1.461, 1.0, 1.0)
    r2 = rls(model_record(2020), 1.458, 1.0, 1.0)
    d = direction_of_change(indicator_series({2019: r1, 2020: r2}))
    row = d[d.indicator == 2].iloc[0]
    assert (row["movement"], row["direction"]) == ("unchanged", "unchanged")


def test_years_outside_the_band(records):
    series = indicator_series(records)
    assert years_outside_band(series) == {2: [2019, 2020], 3: [2019], 4: [2019, 2020, 2021]}
    d = direction_of_change(series).set_index(["indicator", "measure"])
    assert d.loc[(3, "relative_likelihood"), "outside_band_years"] == [2019]
    assert d.loc[(5, "bme_pct"), "outside_band_years"] == []
    assert not outside_band(1.25) and not outside_band(0.80) and outside_band(1.2501)


def test_explicit_years_and_missing_values(records):
    series = indicator_series(records)
    d = direction_of_change(series, from_year=2019, to_year=2020).set_index(
        ["indicator", "measure"]
    )
    assert d.loc[(2, "relative_likelihood"), "direction"] == "worsened"  # 1.46 -> 1.61
    assert d.loc[(5, "bme_pct"), "direction"] == "not comparable"
    assert "no value for 2020" in d.loc[(5, "bme_pct"), "note"]
    assert d.loc[(3, "relative_likelihood"), "from_value"] == pytest.approx(0.70)


def test_null_rl_in_a_year_is_a_note(records):
    series = indicator_series({2020: model_record(2020)})
    row = series[(series.indicator == 3)].iloc[0]
    assert math.isnan(row["value"]) and "White rate is zero" in row["note"]
    d = direction_of_change(series)
    assert set(d["direction"]) <= {"not comparable"}


def test_shares_and_rates_have_no_better_direction(records):
    series = indicator_series(records)
    rates = series[(series.indicator == 2) & (series.measure == "bme_rate")]
    assert rates["value"].isna().all()  # the model record carries no rates: a note says so
    assert set(rates["note"]) == {"not computed (suppressed or no data)"}
    senior = [b for b in BANDS if b[1] in ("Band 8a", "Band 8b", "Band 8c", "Band 8d", "Band 9")]
    senior += [b for b in BANDS if b[1] == "VSM"]
    share = sum(b[3] for b in senior) / sum(sum(b[2:]) for b in senior) * 100
    values = series[series.measure == "senior_8a_plus_bme_pct"]["value"]
    assert values.tolist() == pytest.approx([share] * 3)
    d = direction_of_change(series).set_index(["indicator", "measure"])
    for key in [(1, "workforce_white_pct"), (1, "senior_8a_plus_bme_pct"), (9, "voting_bme_pct")]:
        assert d.loc[key, "direction"] == "no orientation"
    assert d.loc[(2, "bme_rate"), "outside_band_years"] == []  # only RLs have band years
