"""The ESR round trip: `wres synth --format esr`, then `wres import esr`, gives data/ back.

Every example organisation and year: the imported workforce.csv equals, byte for byte, the
one `wres synth` writes directly (and the shipped data/). The same export saved as .xlsx
gives the same file, and the figures record built on it is the shipped one.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from wres_analysis.figures import figures_json
from wres_analysis.importers.esr import import_esr
from wres_analysis.paths import DATA_DIR, PARAMS_DIR
from wres_analysis.synth import DEFAULT_YEARS, write_synthetic_data
from wres_analysis.synth.esr import FILE_NAME
from wres_analysis.synth.profiles import PROFILES
from wres_analysis.synth.workforce import EXAMPLE_SALT

from .importing import run_cli

ORG_YEARS = [(org, year) for org in PROFILES for year in DEFAULT_YEARS]


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`wres synth --format esr` for every example organisation and year, once."""
    out = tmp_path_factory.mktemp("esr")
    write_synthetic_data(out, export_format="esr")
    return out


@pytest.fixture(autouse=True)
def example_salt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WRES_IMPORT_SALT", EXAMPLE_SALT)


@pytest.mark.parametrize(("org", "year"), ORG_YEARS)
def test_importing_the_esr_export_gives_the_shipped_workforce_file(exports, tmp_path, org, year):
    source = exports / org / str(year) / FILE_NAME
    import_esr(source, org, year, data_dir=tmp_path, params_dir=PARAMS_DIR)
    imported = (tmp_path / org / str(year) / "workforce.csv").read_bytes()
    assert imported == (DATA_DIR / org / str(year) / "workforce.csv").read_bytes()


@pytest.mark.parametrize("org", ["EXHOSP", "LTCCG"])
def test_the_export_rows_order_changes_nothing(exports, tmp_path, org):
    """Rows in any order (people then numbered by a radix sort, not in one pass) give the
    same file: it is sorted by staff_id, so it tells nothing of the export's order."""
    source = exports / org / "2021" / FILE_NAME
    shuffled = tmp_path / "shuffled.csv"
    frame = pd.read_csv(source, dtype=str, keep_default_na=False)
    frame.sample(frac=1, random_state=7).to_csv(shuffled, index=False)
    import_esr(shuffled, org, 2021, data_dir=tmp_path, params_dir=PARAMS_DIR)
    imported = (tmp_path / org / "2021" / "workforce.csv").read_bytes()
    assert imported == (DATA_DIR / org / "2021" / "workforce.csv").read_bytes()


def test_the_exports_carry_what_makes_real_exports_hard(exports):
    frames = [pd.read_csv(p, dtype=str, keep_default_na=False) for p in exports.rglob("*.csv")]
    everything = pd.concat([f.set_axis(range(f.shape[1]), axis=1) for f in frames])
    person, primary, status, category, group, band, ethnicity = (everything[i] for i in
                                                                 (0, 2, 3, 4, 5, 6, 7))  # fmt: skip
    assert person.duplicated().any(), "several assignments for some people"
    assert (category == "Bank").any() and status.str.startswith("Out on External").any()
    assert band.str.contains(r"\|XR\d\d").any() and band.str.contains("Range").any()
    assert band.isin(["Consultant", "Specialty Registrar", "Specialty Doctor"]).any()
    assert group.str.contains(r"\|").any()
    first = ethnicity.str.split(" ").str[0]
    assert first.isin(["CA", "C3", "LK", "PC", "SD"]).any(), "two-character sub-codes"
    assert set(primary) == {"Yes", "No", "Y", "N"}
    assert (person.str.len() == 8).all()


def test_an_xlsx_export_imports_to_the_same_file(exports, tmp_path):
    source = exports / "EXMHCT" / "2021" / FILE_NAME
    frame = pd.read_csv(source, dtype=str, keep_default_na=False)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Staff in post at 31 March 2021"])  # a report title above the headings
    sheet.append(list(frame.columns))
    for row in frame.itertuples(index=False):
        # Excel keeps employee numbers as numbers (leading zeros lost) and WTE as decimals
        sheet.append([int(row[0]), *row[1:8], float(row[8])])
    xlsx = tmp_path / "esr.xlsx"
    workbook.save(xlsx)
    mapping = tmp_path / "esr.yaml"
    text = (PARAMS_DIR / "import" / "esr.yaml").read_text(encoding="utf-8")
    mapping.write_text(text.replace("header_row: 1 ", "header_row: 2 "), encoding="utf-8")
    result = import_esr(
        xlsx, "EXMHCT", 2021, data_dir=tmp_path / "data", params_dir=PARAMS_DIR, mapping=mapping
    )
    imported = (tmp_path / "data" / "EXMHCT" / "2021" / "workforce.csv").read_bytes()
    assert imported == (DATA_DIR / "EXMHCT" / "2021" / "workforce.csv").read_bytes()
    assert result.summary.source_format == "xlsx"


def test_synth_esr_then_import_then_figures_gives_the_shipped_record(tmp_path, capsys):
    """The issue's check on a fresh clone, through the command line."""
    code, out, _ = run_cli(
        ["synth", "--format", "esr", "--out", str(tmp_path / "x"), "--org", "EXCCG"], capsys
    )
    assert code == 0 and "WRES_IMPORT_SALT=" in out
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR / "EXCCG", data / "EXCCG")
    (data / "EXCCG" / "2020" / "workforce.csv").unlink()
    source = tmp_path / "x" / "EXCCG" / "2020" / FILE_NAME
    argv = ["import", "esr", str(source), "--org", "EXCCG", "--year", "2020",
            "--data-dir", str(data)]  # fmt: skip
    code, out, _ = run_cli(argv, capsys)
    assert code == 0 and "assignment rows →" in out
    assert figures_json(data, "EXCCG", 2020) == figures_json(DATA_DIR, "EXCCG", 2020)


def test_synth_esr_needs_an_output_folder(capsys):
    code, _, err = run_cli(["synth", "--format", "esr"], capsys)
    assert code == 1 and "--out" in err
