"""Properties of published records over many random small organisations.

Each organisation is built by the package's own indicator functions (tests/disclosure_orgs)
and published by the real `apply_disclosure`; the package's own audit then looks for any
hidden count a reader could pin to fewer than `min_range` values.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.disclosure_orgs import small_orgs, small_record
from wres_analysis.errors import InputError
from wres_analysis.figures.disclosure import apply_disclosure, audit_published, record_model
from wres_analysis.figures.disclosure.apply import Rules, _get, dotted
from wres_analysis.params import Disclosure

FAST = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _counts(record: dict[str, Any]) -> tuple[dict[tuple, tuple], Any]:
    """Every count path of a record with its variable key (after merging equal counts)."""
    model = record_model(record).finish()
    return {path: key for path, key in model.cells[record["year"]].items()}, model


def _check_published(internal: dict, published: dict, rules: Rules) -> None:
    assert audit_published(internal, published, rules) == []
    paths, model = _counts(internal)
    listed = set(published["suppressed"])
    for path, key in paths.items():
        var = model.vars[key]
        hidden = _get(published, path) is None
        if hidden:
            assert dotted(path) in listed
        exempt = var.board and rules.board_exempt
        if rules.small(var.value) and not var.structural and not exempt:
            assert hidden, f"small count shown at {dotted(path)}"
    for derived in model.derived[internal["year"]]:
        if any(_get(published, p) is None for p in paths if paths[p] in derived.inputs):
            assert _get(published, derived.path) is None, dotted(derived.path)
            assert dotted(derived.path) in listed
    block = published["disclosure"]
    assert block["hidden_cells"] == block["hidden_primary"] + block["hidden_complementary"]
    assert block["hidden_cells"] == sum(_get(published, p) is None for p in paths)


@settings(FAST, max_examples=500)
@given(small_orgs())
def test_no_hidden_count_of_a_small_organisation_can_be_pinned(org):
    internal = small_record(org)
    published = apply_disclosure(internal, threshold=10)
    _check_published(internal, published, Rules())


@settings(FAST, max_examples=30)
@given(small_orgs(), st.integers(2, 6))
def test_every_min_range_is_met(org, min_range):
    internal = small_record(org)
    published = apply_disclosure(internal, threshold=10, min_range=min_range)
    _check_published(internal, published, Rules(min_range=min_range))
    assert published["disclosure"]["min_range"] == min_range


@settings(FAST, max_examples=30)
@given(small_orgs())
def test_suppress_zero_hides_every_zero_the_record_does_not_give_away(org):
    internal = small_record(org, Disclosure(suppress_zero=True))
    published = apply_disclosure(internal, threshold=10, suppress_zero=True)
    rules = Rules(suppress_zero=True)
    _check_published(internal, published, rules)
    paths, model = _counts(internal)
    for path, key in paths.items():
        if model.vars[key].value == 0 and not model.vars[key].structural:
            assert _get(published, path) is None, dotted(path)


@settings(FAST, max_examples=30)
@given(small_orgs())
def test_without_suppress_zero_a_zero_is_hidden_only_to_protect_another_count(org):
    internal = small_record(org)
    published = apply_disclosure(internal, threshold=10)
    paths, model = _counts(internal)
    small_hidden = [
        p for p, k in paths.items() if 0 < model.vars[k].value < 10 and _get(published, p) is None
    ]
    # Primary cells are exactly the hidden counts from 1 to 9; hidden zeros are complementary.
    assert published["disclosure"]["hidden_primary"] == len(small_hidden)


@settings(FAST, max_examples=30)
@given(small_orgs())
def test_an_exempt_board_is_published_in_full_and_still_protects_the_rest(org):
    """Either the record is published with the board in full and every hidden count
    protected, or (in a tiny organisation, where the public board fixes a senior group that
    adds the board to the top bands) publishing is refused, naming that group."""
    internal = small_record(org, Disclosure(board_exempt=True))
    try:
        published = apply_disclosure(internal, threshold=10, board_exempt=True)
    except InputError as exc:
        assert "could not protect" in str(exc) and "_and_board" in str(exc), str(exc)
        return
    rules = Rules(board_exempt=True)
    _check_published(internal, published, rules)
    board = internal["indicators"]["9"]
    if board.get("available") is not False:
        for subset in ("voting", "executive", "all"):
            for key in ("members", "white", "bme", "unknown"):
                assert published["indicators"]["9"][subset][key] == board[subset][key]
    assert published["settings"]["board_exempt"] is True
    assert published["disclosure"]["board_exempt"] is True


def test_an_exempt_board_that_fixes_a_senior_group_refuses_to_publish():
    """One member of staff (White, Band 8b) and one BME board member, the board public: the
    senior group 'Band 8b and above plus the board' adds the public member to one person, so
    its BME count cannot keep min_range's 3 possible values even with every other count
    hidden; nothing is published (fail closed). Without the exemption it publishes."""
    org = {
        "bands": [("non-clinical", "Band 8b", 1, 0, 0)],
        "recruitment": {g: (0, 0) for g in ("White", "BME", "Unknown")},
        "entered": {"White": 0, "BME": 0, "Unknown": 0},
        "entered_before": {"White": 0, "BME": 0, "Unknown": 0},
        "accessed": {"White": 0, "BME": 0, "Unknown": 0},
        "respondents": None,
        "board": [("BME", False, False)],
    }
    internal = small_record(org, Disclosure(board_exempt=True))
    with pytest.raises(InputError, match=r"could not protect.*senior_8b_plus_and_board"):
        apply_disclosure(internal, threshold=10, board_exempt=True)
    assert apply_disclosure(small_record(org), threshold=10)["published"] is True


def test_the_board_is_not_exempt_by_default():
    org = {
        "bands": [("clinical", "Band 5", 30, 12, 11)],
        "recruitment": {g: (20, 10) for g in ("White", "BME", "Unknown")},
        "entered": {"White": 0, "BME": 0, "Unknown": 0},
        "entered_before": {"White": 0, "BME": 0, "Unknown": 0},
        "accessed": {"White": 20, "BME": 10, "Unknown": 10},
        "respondents": (20, 20),
        "board": [("White", True, False)] * 9 + [("BME", True, True)],
    }
    internal = small_record(org)
    published = apply_disclosure(internal, threshold=10)
    assert published["indicators"]["9"]["all"]["bme"] is None  # 1 BME member
    exempt = apply_disclosure(internal, threshold=10, board_exempt=True)
    assert exempt["indicators"]["9"]["all"]["bme"] == 1
    assert audit_published(internal, exempt, Rules(board_exempt=True)) == []
