"""Properties of the relative likelihoods: scale-free, symmetric, blind to unknowns."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wres_analysis.indicators.likelihood import indicator_2, indicator_3, indicator_4

BAND = (0.80, 1.25)
positive = st.integers(min_value=1, max_value=5_000)
scale = st.integers(min_value=2, max_value=50)


def _workforce(white: int, bme: int, unknown: int = 0) -> pd.DataFrame:
    groups = ["White"] * white + ["BME"] * bme + ["Unknown"] * unknown
    return pd.DataFrame({"group": groups, "pay_band": "Band 5", "staff_type": "clinical"})


def _recruitment(ws, wa, bs, ba, us=0, ua=0) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "group": ["White", "BME", "Unknown"],
            "shortlisted": [ws, bs, us],
            "appointed": [wa, ba, ua],
        }
    )


@st.composite
def shortlists(draw):
    ws, bs = draw(positive), draw(positive)
    return ws, draw(st.integers(1, ws)), bs, draw(st.integers(1, bs))


@settings(max_examples=60, deadline=None)
@given(shortlists(), scale)
def test_indicator_2_scaling_every_count_leaves_ratio_unchanged(counts, k):
    ws, wa, bs, ba = counts
    base = indicator_2(_recruitment(ws, wa, bs, ba), BAND)["relative_likelihood"]
    scaled = indicator_2(_recruitment(ws * k, wa * k, bs * k, ba * k), BAND)["relative_likelihood"]
    assert scaled == pytest.approx(base, rel=1e-12)


@settings(max_examples=60, deadline=None)
@given(shortlists())
def test_indicator_2_swapping_groups_inverts_ratio(counts):
    ws, wa, bs, ba = counts
    rl = indicator_2(_recruitment(ws, wa, bs, ba), BAND)["relative_likelihood"]
    swapped = indicator_2(_recruitment(bs, ba, ws, wa), BAND)["relative_likelihood"]
    assert swapped == pytest.approx(1 / rl, rel=1e-12)


@settings(max_examples=60, deadline=None)
@given(shortlists(), st.integers(0, 500), st.integers(0, 500))
def test_indicator_2_unknowns_do_not_move_ratio(counts, us, extra):
    ws, wa, bs, ba = counts
    ua = min(us, extra)
    base = indicator_2(_recruitment(ws, wa, bs, ba), BAND)["relative_likelihood"]
    with_unknown = indicator_2(_recruitment(ws, wa, bs, ba, us, ua), BAND)["relative_likelihood"]
    assert with_unknown == base


@st.composite
def entries(draw):
    white_hc, bme_hc = draw(st.integers(1, 300)), draw(st.integers(1, 300))
    return white_hc, bme_hc, draw(st.integers(1, white_hc)), draw(st.integers(1, bme_hc))


def _disc(white: float, bme: float, unknown: float = 0) -> pd.DataFrame:
    return pd.DataFrame({"group": ["White", "BME", "Unknown"], "entered": [white, bme, unknown]})


@settings(max_examples=40, deadline=None)
@given(entries(), st.integers(2, 5))
def test_indicator_3_scaling_and_swapping(counts, k):
    white_hc, bme_hc, we, be = counts
    base = indicator_3(_disc(we, be), _workforce(white_hc, bme_hc), 2020, BAND)
    scaled = indicator_3(_disc(we * k, be * k), _workforce(white_hc * k, bme_hc * k), 2020, BAND)
    swapped = indicator_3(_disc(be, we), _workforce(bme_hc, white_hc), 2020, BAND)
    assert scaled["relative_likelihood"] == pytest.approx(base["relative_likelihood"], rel=1e-12)
    assert swapped["relative_likelihood"] == pytest.approx(
        1 / base["relative_likelihood"], rel=1e-12
    )


@settings(max_examples=40, deadline=None)
@given(entries(), st.integers(0, 50), st.integers(0, 50))
def test_indicator_3_and_4_unknowns_do_not_move_ratio(counts, unknown_hc, unknown_count):
    white_hc, bme_hc, we, be = counts
    unknown_count = min(unknown_count, unknown_hc)
    plain_wf, with_unknown_wf = (
        _workforce(white_hc, bme_hc),
        _workforce(white_hc, bme_hc, unknown_hc),
    )
    disc = indicator_3(_disc(we, be), plain_wf, 2020, BAND)["relative_likelihood"]
    disc_u = indicator_3(_disc(we, be, unknown_count), with_unknown_wf, 2020, BAND)
    assert disc_u["relative_likelihood"] == disc
    training = pd.DataFrame({"group": ["White", "BME"], "accessed": [we, be]})
    training_u = pd.DataFrame(
        {"group": ["White", "BME", "Unknown"], "accessed": [we, be, unknown_count]}
    )
    assert (
        indicator_4(training_u, with_unknown_wf, BAND)["relative_likelihood"]
        == indicator_4(training, plain_wf, BAND)["relative_likelihood"]
    )


@settings(max_examples=40, deadline=None)
@given(entries(), st.integers(2, 6))
def test_indicator_4_scaling_and_swapping(counts, k):
    white_hc, bme_hc, wa, ba = counts

    def rl(w, b, whc, bhc):
        training = pd.DataFrame({"group": ["White", "BME"], "accessed": [w, b]})
        return indicator_4(training, _workforce(whc, bhc), BAND)["relative_likelihood"]

    base = rl(wa, ba, white_hc, bme_hc)
    assert rl(wa * k, ba * k, white_hc * k, bme_hc * k) == pytest.approx(base, rel=1e-12)
    assert rl(ba, wa, bme_hc, white_hc) == pytest.approx(1 / base, rel=1e-12)
