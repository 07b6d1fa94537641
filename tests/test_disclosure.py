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


@pytest.mark.parametrize("org", ["EXCCG", "LTCCG", "EXHOSP", "EXMHCT"])
@pytest.mark.parametrize("year", [2019, 2020, 2021])
def test_no_hidden_count_is_recoverable_by_subtraction_in_published_records(org, year):
    from wres_analysis.figures import compute_record
    from wres_analysis.figures.disclosure import _sum_relations
    from wres_analysis.paths import DATA_DIR

    published = compute_record(DATA_DIR, org, year, published=True)
    for (total, key, path), parts in _sum_relations(published):
        present = [block[k] for block, k, _ in parts if k in block]
        if total.get(key) is not None:
            assert sum(v is None for v in present) != 1, f"{path}.{key}"
