"""The disclosure audit: what a reader can work out from a published record, checked by hand.

The worked example comes from the project's issue 7; the brute-force check enumerates
every whole-number table consistent with what is published and compares each hidden
count's range with the solver's.
"""

from __future__ import annotations

import copy
import itertools
import logging

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wres_analysis.errors import InputError
from wres_analysis.figures.disclosure import apply as apply_module
from wres_analysis.figures.disclosure import (
    apply_disclosure,
    audit_published,
    published_ranges,
)
from wres_analysis.figures.disclosure import protect as protect_module
from wres_analysis.indicators.common import shares

GROUPS = ("white", "bme", "unknown")


def _row(staff_type: str, band: str, white: int, bme: int, unknown: int) -> dict:
    return {"staff_type": staff_type, "band": band, **shares(white, bme, unknown)}


def _indicator_1(rows: list[tuple[str, str, int, int, int]]) -> dict:
    def total(subset):
        return shares(*(sum(r[2 + i] for r in subset) for i in range(3)))

    return {
        "bands": [_row(*r) for r in rows],
        "by_staff_type": {
            t: total([r for r in rows if r[0] == t]) for t in ("clinical", "non-clinical")
        },
        "overall": total(rows),
    }


# The issue's worked example: clinical staff in Band 7 and VSM, non-clinical in Bands 3, 4,
# 7 and VSM. Clinical Band 7 is (White 3, BME 3, Unknown 20) and VSM (28, 0, 12); the
# non-clinical White counts are 0, 57, 41 and 16 (other groups chosen here).
WORKED = [
    ("clinical", "Band 7", 3, 3, 20),
    ("clinical", "VSM", 28, 0, 12),
    ("non-clinical", "Band 3", 0, 14, 11),
    ("non-clinical", "Band 4", 57, 12, 13),
    ("non-clinical", "Band 7", 41, 15, 10),
    ("non-clinical", "VSM", 16, 11, 10),
]


def _worked_record() -> dict:
    return {"org": "WORKED", "year": 2020, "indicators": {"1": _indicator_1(WORKED)}}


def test_worked_example_of_the_issue_is_caught_and_then_protected():
    internal = _worked_record()
    one = internal["indicators"]["1"]
    assert one["by_staff_type"]["clinical"]["total"] == 66
    assert one["overall"]["white"] == 145
    # Published as the issue describes: Band 7 clinical White, BME and total hidden.
    leaky = copy.deepcopy(internal)
    for key in ("white", "bme", "total"):
        leaky["indicators"]["1"]["bands"][0][key] = None
    ranges = published_ranges(internal, leaky)
    # VSM clinical total 40, so Band 7 clinical total = 66 - 40 = 26; White = 145 - (0 + 57
    # + 41 + 16) - 28 = 3; BME = 26 - 20 - 3 = 3: all pinned exactly.
    assert ranges["indicators.1.bands.0.total"] == (26, 26)
    assert ranges["indicators.1.bands.0.white"] == (3, 3)
    assert ranges["indicators.1.bands.0.bme"] == (3, 3)
    assert {leak.key[-1] for leak in audit_published(internal, leaky)} == {
        "white",
        "bme",
        "total",
    }
    published = apply_disclosure(internal, threshold=10)
    assert audit_published(internal, published) == []
    band7 = published["indicators"]["1"]["bands"][0]
    assert band7["white"] is None and band7["bme"] is None
    for path, (low, high) in published_ranges(internal, published).items():
        assert high - low >= 2, path  # at least 3 possible values (min_range 3)


def _tiny_paths(cells: np.ndarray) -> dict[str, np.ndarray]:
    """Every count path of a two-band, one-staff-type record as a function of its cells.

    `cells` has shape (..., 2, 3): band x (White, BME, Unknown), for many tables at once.
    """
    out: dict[str, np.ndarray] = {}
    for b in range(2):
        for g, name in enumerate(GROUPS):
            out[f"indicators.1.bands.{b}.{name}"] = cells[..., b, g]
        out[f"indicators.1.bands.{b}.total"] = cells[..., b, :].sum(axis=-1)
    for block in ("by_staff_type.clinical", "overall"):
        for g, name in enumerate(GROUPS):
            out[f"indicators.1.{block}.{name}"] = cells[..., :, g].sum(axis=-1)
        out[f"indicators.1.{block}.total"] = cells.sum(axis=(-1, -2))
    return out


CAP = 19  # above any bounded range: cells are at most 3, so every sum is at most 18


def _brute_ranges(cells: np.ndarray, hidden: set[str]) -> dict[str, tuple[int, int]]:
    """Ranges by enumerating every table (hidden cells 0..CAP) that prints the same."""
    free = [
        (b, g)
        for b in range(2)
        for g in range(3)
        if f"indicators.1.bands.{b}.{GROUPS[g]}" in hidden
    ]
    grids = np.meshgrid(*[np.arange(CAP + 1)] * len(free), indexing="ij") if free else []
    tables = np.broadcast_to(cells, (*(grids[0].shape if free else ()), 2, 3)).copy()
    for (b, g), grid in zip(free, grids, strict=True):
        tables[..., b, g] = grid
    tables = tables.reshape(-1, 2, 3)
    truth, values = _tiny_paths(cells), _tiny_paths(tables)
    ok = np.ones(len(tables), dtype=bool)
    for path, value in values.items():
        if path not in hidden:
            ok &= value == truth[path]
    for b in range(2):  # a band row is listed only when someone is in it
        ok &= values[f"indicators.1.bands.{b}.total"] >= 1
    return {path: (int(values[path][ok].min()), int(values[path][ok].max())) for path in hidden}


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cells=st.lists(st.integers(0, 3), min_size=6, max_size=6).filter(
        lambda c: sum(c[:3]) > 0 and sum(c[3:]) > 0
    ),
    hide=st.lists(st.booleans(), min_size=16, max_size=16),
)
def test_solver_ranges_agree_with_brute_force_on_tiny_tables(cells, hide):
    table = np.array(cells).reshape(2, 3)
    rows = [("clinical", f"Band {5 + b}", *map(int, table[b])) for b in range(2)]
    internal = {"year": 2021, "indicators": {"1": _indicator_1(rows)}}
    paths = list(_tiny_paths(table))
    hidden = {p for p, h in zip(paths, hide, strict=True) if h}
    # A figure printed twice (a staff type that is the whole workforce) is one count: a
    # reader who sees it once knows it, so hide both copies or neither.
    for name in (*GROUPS, "total"):
        pair = {f"indicators.1.by_staff_type.clinical.{name}", f"indicators.1.overall.{name}"}
        if pair & hidden:
            hidden |= pair
    interior = [p for p in hidden if ".bands." in p and not p.endswith("total")]
    if len(interior) > 4:
        hidden -= set(interior[4:])
    published = copy.deepcopy(internal)
    for path in hidden:
        *parents, last = path.split(".")
        node = published
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        node[last] = None
    solver = published_ranges(internal, published)
    brute = _brute_ranges(table, hidden)
    assert set(solver) == hidden
    for path in sorted(hidden):
        low, high = solver[path]
        b_low, b_high = brute[path]
        assert low == b_low, path
        if high == float("inf"):
            assert b_high >= CAP, path
        else:
            assert high == b_high, path


def test_a_record_that_cannot_be_protected_is_refused(monkeypatch):
    """Fail closed: if the chosen pattern still leaks, nothing is published."""

    def hide_only_the_small(model, *, must, **_):
        return protect_module.Choice(hidden=set(must))

    monkeypatch.setattr(apply_module, "choose", hide_only_the_small)
    with pytest.raises(InputError) as caught:
        apply_disclosure(_worked_record(), threshold=10)
    message = str(caught.value)
    assert "WORKED 2020" in message and "could not protect" in message
    assert "Band 7" in message


def test_when_optimisation_does_not_settle_the_component_is_hidden_whole(monkeypatch):
    monkeypatch.setattr(protect_module, "MAX_ROUNDS", 0)
    internal = _worked_record()
    published = apply_disclosure(internal, threshold=10)
    assert audit_published(internal, published) == []
    block = published["disclosure"]
    assert block["fallback"] and "all of them are hidden" in block["fallback"][0]
    rows = published["indicators"]["1"]["bands"]
    assert all(row[g] is None for row in rows for g in (*GROUPS, "total"))


def test_tiny_brute_force_enumerator_finds_the_obvious_range():
    """The brute force itself: one hidden cell beside a printed total is pinned."""
    table = np.array([[3, 1, 0], [2, 2, 2]])
    assert _brute_ranges(table, {"indicators.1.bands.0.bme"}) == {
        "indicators.1.bands.0.bme": (1, 1)
    }
    # White and BME of both bands hidden: bme0 + white0 = 4, bme0 + bme1 = 3, so 0..3.
    square = {f"indicators.1.bands.{b}.{g}" for b in (0, 1) for g in ("white", "bme")}
    assert _brute_ranges(table, square)["indicators.1.bands.0.bme"] == (0, 3)


def test_no_smaller_pattern_protects_a_small_table(caplog):
    """Optimality, by brute force: every pattern with fewer complementary cells leaks."""
    from wres_analysis.figures.disclosure import record_model
    from wres_analysis.figures.disclosure.apply import _get, _null

    rows = [("clinical", "Band 5", 30, 4, 12), ("clinical", "Band 6", 25, 14, 11)]
    internal = {"org": "TINY", "year": 2021, "indicators": {"1": _indicator_1(rows)}}
    with caplog.at_level(logging.INFO):
        published = apply_disclosure(internal, threshold=10)
    assert "TINY 2021 published: " in caplog.text and "count cells hidden" in caplog.text
    assert audit_published(internal, published) == []
    model = record_model(internal).finish()
    cells = model.cells[2021]
    hidden = {k for p, k in cells.items() if _get(published, p) is None}
    primary = {k for k in hidden if 0 < model.vars[k].value < 10}
    chosen = hidden - primary
    assert primary and chosen  # the BME 4 needs partners
    others = sorted(
        {k for k in cells.values() if k not in primary and not model.vars[k].structural}
    )
    for size in range(len(chosen)):
        for extra in itertools.combinations(others, size):
            trial = copy.deepcopy(internal)
            for path, key in cells.items():
                if key in primary or key in extra:
                    _null(trial, path)
            assert audit_published(internal, trial), extra


def test_a_solver_failure_is_refused_with_a_message(monkeypatch):
    from wres_analysis.figures.disclosure import audit as audit_module

    def broken(self, i, maximise):
        raise audit_module.SolverError("HiGHS could not bound a count: kUnknown")

    monkeypatch.setattr(audit_module.Bounder, "bound", broken)
    with pytest.raises(InputError) as caught:
        apply_disclosure(_worked_record(), threshold=10)
    assert "WORKED 2020" in str(caught.value) and "could not be completed" in str(caught.value)
