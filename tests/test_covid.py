"""COVID-19 reference figures and the optional staff risk-assessment file."""

from __future__ import annotations

from pathlib import Path

import pytest

from wres_analysis.errors import InputError
from wres_analysis.figures.covid import (
    load_diagnosis_rates,
    load_mortality_risk,
    load_risk_assessments,
    risk_assessment_shares,
)


def test_diagnosis_rates_as_the_model_report_cites_them():
    rates = load_diagnosis_rates().set_index(["ethnic_group", "sex"])["value"]
    assert rates.to_dict() == {
        ("Black", "Female"): 486,
        ("Black", "Male"): 649,
        ("White", "Female"): 220,
        ("White", "Male"): 224,
    }


def test_mortality_risk_ranges_with_source_and_caveats():
    risk = load_mortality_risk().set_index("ethnic_group")
    assert risk.loc["Bangladeshi", ["relative_risk_low", "relative_risk_high"]].tolist() == [2, 2]
    ranged = ["Chinese", "Indian", "Pakistani", "Other Asian", "Caribbean", "Other Black"]
    assert set(risk.index) == {"Bangladeshi", *ranged}
    assert (risk.loc[ranged, "relative_risk_low"] == 1.1).all()
    assert (risk.loc[ranged, "relative_risk_high"] == 1.5).all()
    assert risk["source"].str.contains("Public Health England").all()
    assert risk["caveats"].str.len().gt(0).all()
    assert (risk["comparator"] == "White British").all()


def test_absent_file_is_not_an_error(tmp_path):
    assert load_risk_assessments(tmp_path / "risk_assessments.csv") is None


def test_shares_by_group(tmp_path):
    path = tmp_path / "risk_assessments.csv"
    path.write_text(
        "ethnic_category,assessed,team\n"
        "A White - British,true,x\nB,FALSE,x\nC,true,x\nC,true,x\n"
        "M,true,x\nH Indian,false,x\n"
        "Z Not Stated,true,x\n,false,x\n",
        encoding="utf-8",
    )
    shares = risk_assessment_shares(load_risk_assessments(path))
    assert shares["white"] == {"headcount": 4, "assessed": 3, "assessed_pct": 75.0}
    assert shares["bme"] == {"headcount": 2, "assessed": 1, "assessed_pct": 50.0}
    assert shares["unknown"] == {"headcount": 2, "assessed": 1, "assessed_pct": 50.0}
    assert shares["all"]["assessed_pct"] == pytest.approx(62.5)
    assert shares["bme_minus_white_pp"] == pytest.approx(-25.0)


def test_empty_group_gives_null_with_note(tmp_path):
    path = tmp_path / "risk_assessments.csv"
    path.write_text("ethnic_category,assessed\nA,true\n", encoding="utf-8")
    shares = risk_assessment_shares(load_risk_assessments(path))
    assert shares["bme"]["assessed_pct"] is None
    assert shares["bme_minus_white_pp"] is None and "note" in shares


def test_bad_values_name_file_row_column_value(tmp_path):
    path = tmp_path / "risk_assessments.csv"
    path.write_text("ethnic_category,assessed\nA,true\nQ,true\nM,maybe\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_risk_assessments(path)
    message = str(exc.value)
    assert "risk_assessments.csv, row 3, column 'ethnic_category': value 'Q'" in message
    assert "row 4, column 'assessed': value 'maybe'" in message
    assert "Fix:" in message


def test_missing_column_is_named(tmp_path):
    path = tmp_path / "risk_assessments.csv"
    path.write_text("ethnic_category,done\nA,true\n", encoding="utf-8")
    with pytest.raises(InputError, match="column 'assessed'"):
        load_risk_assessments(path)


def test_the_documented_example_loads(tmp_path):
    doc = Path(__file__).parents[1] / "docs" / "data-contract-v1.1.md"
    example = doc.read_text(encoding="utf-8").split("```csv\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "risk_assessments.csv"
    path.write_text(example, encoding="utf-8")
    shares = risk_assessment_shares(load_risk_assessments(path))
    assert (shares["bme"]["headcount"], shares["bme"]["assessed"]) == (2, 1)
    assert shares["unknown"]["headcount"] == 2
