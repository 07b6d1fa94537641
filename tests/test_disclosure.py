"""Published records hide small counts and everything that would reveal them."""

from __future__ import annotations

import pytest

from wres_analysis.figures.disclosure import apply_disclosure


def _record() -> dict:
    return {
        "indicators": {
            "1": {
                "overall": {
                    "white": 900,
                    "bme": 40,
                    "unknown": 60,
                    "total": 1000,
                    "white_pct": 90.0,
                    "bme_pct": 4.0,
                    "unknown_pct": 6.0,
                },
                "bands": [
                    {
                        "staff_type": "non-clinical",
                        "band": "Band 9",
                        "white": 30,
                        "bme": 3,
                        "unknown": 12,
                        "total": 45,
                        "white_pct": 66.7,
                        "bme_pct": 6.7,
                        "unknown_pct": 26.7,
                    },
                ],
            },
            "2": {
                "white": {"shortlisted": 300, "appointed": 60, "rate": 0.2},
                "bme": {"shortlisted": 40, "appointed": 4, "rate": 0.1},
                "unknown": {"shortlisted": 12, "appointed": 2},
                "relative_likelihood": 2.0,
                "outside_band": True,
            },
            "4": {
                "white": {"accessed": 300, "headcount": 900, "rate": 1 / 3},
                "bme": {"accessed": 20, "headcount": 40, "rate": 0.5},
                "unknown": {"accessed": 5, "headcount": 60},
                "relative_likelihood": 2 / 3,
                "outside_band": True,
            },
            "9": {
                "workforce_bme_pct": 4.0,
                "all": {
                    "members": 20,
                    "bme": 0,
                    "white": 20,
                    "unknown": 0,
                    "bme_pct": 0.0,
                    "difference_pp": -4.0,
                },
            },
        }
    }


def test_primary_derived_and_secondary_suppression():
    published = apply_disclosure(_record(), threshold=10)
    band = published["indicators"]["1"]["bands"][0]
    # BME 3 hidden; secondary: the smallest other group (unknown 12) hidden too, so 45-30 gives
    # only BME + unknown together.
    assert band["bme"] is None and band["bme_pct"] is None
    assert band["unknown"] is None and band["unknown_pct"] is None
    assert band["white"] == 30 and band["total"] == 45
    ind2 = published["indicators"]["2"]
    assert ind2["bme"]["appointed"] is None and ind2["bme"]["rate"] is None
    assert ind2["bme"]["shortlisted"] == 40
    assert ind2["relative_likelihood"] is None and ind2["outside_band"] is None
    assert "indicators.2.relative_likelihood" in published["suppressed"]
    assert "indicators.1.bands.0.bme" in published["suppressed"]
    assert published["published"] is True


def test_unknown_small_counts_do_not_hide_a_likelihood_built_without_them():
    published = apply_disclosure(_record(), threshold=10)
    ind4 = published["indicators"]["4"]
    assert ind4["unknown"]["accessed"] is None
    assert ind4["relative_likelihood"] == 2 / 3


def test_zero_is_shown_unless_configured():
    shown = apply_disclosure(_record(), threshold=10)["indicators"]["9"]["all"]
    assert shown["bme"] == 0 and shown["difference_pp"] == -4.0
    hidden = apply_disclosure(_record(), threshold=10, suppress_zero=True)["indicators"]["9"]["all"]
    assert hidden["bme"] is None and hidden["difference_pp"] is None


def test_internal_record_is_not_modified_and_large_counts_survive():
    record = _record()
    apply_disclosure(record, threshold=10)
    assert record["indicators"]["2"]["bme"]["appointed"] == 4
    published = apply_disclosure(record, threshold=3)
    assert published["indicators"]["2"]["bme"]["appointed"] == 4
    assert published["indicators"]["2"]["unknown"]["appointed"] is None


def test_targets_do_not_reveal_a_hidden_bme_count():
    from wres_analysis.figures import compute_record
    from wres_analysis.paths import DATA_DIR

    published = compute_record(DATA_DIR, "EXCCG", 2020, published=True)
    senior = published["targets"]["groups"]["senior_8b_plus_and_board"]
    assert senior["bme"] is None  # 4 of 249
    for key in ("bme_pct", "gap_people", "required_bme_appointment_share_pct"):
        assert senior[key] is None, key
    assert senior["headcount"] == 249


def test_hidden_workforce_share_hides_what_is_built_on_it():
    from wres_analysis.figures import compute_record
    from wres_analysis.paths import DATA_DIR

    internal = compute_record(DATA_DIR, "LTCCG", 2020)
    assert 0 < internal["indicators"]["1"]["overall"]["bme"] < 10
    published = compute_record(DATA_DIR, "LTCCG", 2020, published=True)
    assert published["indicators"]["9"]["workforce_bme_pct"] is None
    assert published["indicators"]["9"]["all"]["difference_pp"] is None
    assert published["targets"]["target_share_pct"] is None
    for group in published["targets"]["groups"].values():
        assert group["parity_target_people"] is None


def test_a_small_remainder_is_hidden_too():
    record = {
        "indicators": {},
        "covid": {
            "risk_assessments": {
                "white": {"headcount": 500, "assessed": 400, "assessed_pct": 80.0},
                "bme": {"headcount": 32, "assessed": 29, "assessed_pct": 90.625},
                "bme_minus_white_pp": 10.625,
            }
        },
    }
    published = apply_disclosure(record, threshold=10)["covid"]["risk_assessments"]
    assert published["bme"]["assessed"] is None  # 3 BME staff not assessed
    assert published["bme"]["assessed_pct"] is None
    assert published["bme_minus_white_pp"] is None
    assert published["white"]["assessed"] == 400


def test_a_hidden_band_cannot_be_recovered_from_its_staff_type_total():
    def row(band, white, bme, unknown):
        return {
            "staff_type": "clinical",
            "band": band,
            "white": white,
            "bme": bme,
            "unknown": unknown,
            "total": white + bme + unknown,
        }

    bands = [row("Band 5", 100, 40, 12), row("Band 6", 80, 30, 11), row("Band 7", 60, 4, 10)]
    record = {
        "indicators": {
            "1": {
                "bands": bands,
                "by_staff_type": {
                    "clinical": {"white": 240, "bme": 74, "unknown": 33, "total": 347}
                },
                "overall": {"white": 240, "bme": 74, "unknown": 33, "total": 347},
            }
        }
    }
    published = apply_disclosure(record, threshold=10)["indicators"]["1"]
    rows = published["bands"]
    # Band 7 BME (4) is small; its row partner (unknown 10) goes too; then each column has
    # one hidden cell, so another band's BME and unknown are hidden as well.
    assert rows[2]["bme"] is None and rows[2]["unknown"] is None
    assert sum(r["bme"] is None for r in rows) >= 2
    assert sum(r["unknown"] is None for r in rows) >= 2


EXAMPLES = ["EXCCG", "LTCCG", "EXHOSP", "EXMHCT"]


@pytest.mark.parametrize("org", EXAMPLES)
def test_example_organisations_leak_nothing_across_the_years_they_show(org):
    """Each year's published record, read with every earlier published record, pins no
    hidden count (the package's own audit; replaces a check of single subtractions)."""
    from wres_analysis.figures.disclosure import audit_published
    from wres_analysis.figures.record import compute_record, published_records
    from wres_analysis.paths import DATA_DIR, PARAMS_DIR

    published = published_records(DATA_DIR, org, 2021, params_dir=PARAMS_DIR)
    assert sorted(published) == [2019, 2020, 2021]
    internal = {y: compute_record(DATA_DIR, org, y, params_dir=PARAMS_DIR) for y in published}
    for year in published:
        earlier = [(internal[e], published[e]) for e in published if e < year]
        assert audit_published(internal[year], published[year], earlier=earlier) == []
        assert published[year]["disclosure"]["protected_with_years"] == [
            e for e in published if e < year
        ]


@pytest.mark.parametrize("org", EXAMPLES)
def test_new_method_hides_no_more_than_the_greedy_one_unless_that_one_leaks(org):
    from wres_analysis.figures.disclosure import audit_published, record_model
    from wres_analysis.figures.disclosure.apply import _get
    from wres_analysis.figures.disclosure.legacy import apply_greedy
    from wres_analysis.figures.record import compute_record, published_records
    from wres_analysis.paths import DATA_DIR, PARAMS_DIR

    published = published_records(DATA_DIR, org, 2021, params_dir=PARAMS_DIR)
    for year, new in published.items():
        internal = compute_record(DATA_DIR, org, year, params_dir=PARAMS_DIR)
        old = apply_greedy(internal, 10)
        cells = record_model(internal).cells[year]
        hidden_old = sum(_get(old, p) is None for p in cells)
        hidden_new = sum(_get(new, p) is None for p in cells)
        assert new["disclosure"]["hidden_cells"] == hidden_new
        # Where the greedy rules hide fewer cells, they let a reader pin a hidden count
        # exactly: protecting it costs a cell more (EXMHCT 2021: the board's BME count).
        exact = [leak for leak in audit_published(internal, old) if leak.width == 0]
        assert hidden_new <= hidden_old or exact, (year, hidden_new, hidden_old)


def test_an_earlier_year_is_the_same_in_every_report_that_shows_it():
    from wres_analysis.figures import compute_record
    from wres_analysis.figures.record import published_records
    from wres_analysis.paths import DATA_DIR

    shown = published_records(DATA_DIR, "EXCCG", 2021)
    assert shown[2020] == compute_record(DATA_DIR, "EXCCG", 2020, published=True)
    assert shown[2021] == compute_record(DATA_DIR, "EXCCG", 2021, published=True)


def _disciplinary(year: int, entries: dict[int, dict[str, int]], mean: bool = True) -> dict:
    """A record with only indicator 3 (entries by year; headcounts of 100 and 50)."""
    years = sorted(entries)
    weight = len(years) if mean else 1
    block = {
        "method_key": "mean_entries_current_headcount" if mean else "single",
        "entered_by_year": {str(y): dict(entries[y]) for y in years},
        "years": years,
    }
    for g, headcount in (("white", 100), ("bme", 50), ("unknown", 20)):
        entered = sum(entries[y][g] for y in years) / weight
        block[g] = {"entered": entered, "headcount": headcount, "rate": entered / headcount}
    block["relative_likelihood"] = block["bme"]["rate"] / block["white"]["rate"]
    return {"org": "X", "year": year, "indicators": {"3": block}}


def test_a_later_report_cannot_reveal_what_an_earlier_one_hid():
    """2020 (threshold 10) hid its 3 BME entries. 2021 uses threshold 3 and shows 2020's
    entries beside its own for the rolling mean: on its own it would print that 3."""
    from wres_analysis.figures.disclosure import audit_published

    before = _disciplinary(2020, {2020: {"white": 20, "bme": 3, "unknown": 11}}, mean=False)
    before_published = apply_disclosure(before, threshold=10)
    assert before_published["indicators"]["3"]["entered_by_year"]["2020"]["bme"] is None
    now = _disciplinary(
        2021,
        {
            2020: {"white": 20, "bme": 3, "unknown": 11},
            2021: {"white": 30, "bme": 12, "unknown": 14},
        },
    )
    earlier = [(before, before_published)]
    alone = apply_disclosure(now, threshold=3)
    assert alone["indicators"]["3"]["entered_by_year"]["2020"]["bme"] == 3
    assert audit_published(now, alone, earlier=earlier)  # the earlier hidden 3 is pinned
    jointly = apply_disclosure(now, threshold=3, earlier=earlier)
    block = jointly["indicators"]["3"]
    assert block["entered_by_year"]["2020"]["bme"] is None
    # 2 x mean = 2020 + 2021 entries: the mean or this year's entries must go too.
    assert block["bme"]["entered"] is None or block["entered_by_year"]["2021"]["bme"] is None
    assert audit_published(now, jointly, earlier=earlier) == []
    assert jointly["disclosure"]["protected_with_years"] == [2020]
