"""Benchmark `wres import esr` against pyarrow's own read of the same file (not a test).

Usage: .venv/bin/python scripts/bench_import.py [--rows 1000000] [--xlsx-rows 100000]

Writes a seeded synthetic ESR export (`wres synth --format esr` for a scale-test
organisation) of about --rows assignment rows to a temporary folder, then, in the same run
and on the same file, times pyarrow.csv.read_csv with its defaults (the floor) and the full
import (read, map, pick each person's primary assignment, hash the identifiers, write
workforce.csv and its summary). Prints both times (best of --repeat) and their ratio;
the target is at most 3. Then writes an .xlsx export of about --xlsx-rows rows and prints
its import time; the target is under 15 s.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pyarrow.csv as pa_csv

from wres_analysis.importers.esr import import_esr
from wres_analysis.paths import PARAMS_DIR
from wres_analysis.synth.workforce import EXAMPLE_SALT
from wres_analysis.synth.write import synthetic_esr_export

ORG, YEAR = "BENCH", 2021
ROWS_PER_PERSON = 1.085  # assignments per person in the synthetic exports, about


def _export(rows: int) -> pd.DataFrame:
    """A synthetic ESR export cut, at a person's last row, to at most ``rows`` rows."""
    frame = synthetic_esr_export(ORG, YEAR, staff=int(rows / ROWS_PER_PERSON) + 1)
    if len(frame) <= rows:
        return frame
    person = frame.iloc[:, 0]
    cut = rows
    while cut > 0 and person.iloc[cut] == person.iloc[cut - 1]:
        cut -= 1
    return frame.iloc[:cut]


def _best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def _import(path: Path, out: Path) -> None:
    import_esr(path, ORG, YEAR, data_dir=out, params_dir=PARAMS_DIR)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--xlsx-rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    os.environ["WRES_IMPORT_SALT"] = EXAMPLE_SALT  # never a real salt: synthetic data
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        csv_path = folder / "esr_workforce.csv"
        frame = _export(args.rows)
        frame.to_csv(csv_path, index=False)
        size = csv_path.stat().st_size / 1e6
        print(f"ESR CSV export: {len(frame):,} assignment rows, {size:.0f} MB")
        floor = _best(lambda: pa_csv.read_csv(csv_path), args.repeat)
        full = _best(lambda: _import(csv_path, folder / "data"), args.repeat)
        print(f"pyarrow.csv.read_csv (floor): {floor:.3f} s")
        print(f"wres import esr (full):       {full:.3f} s")
        print(f"ratio: {full / floor:.2f} (target: at most 3)")

        xlsx_path = folder / "esr_workforce.xlsx"
        small = _export(args.xlsx_rows)
        with pd.ExcelWriter(
            xlsx_path, engine="xlsxwriter", engine_kwargs={"options": {"constant_memory": True}}
        ) as writer:
            small.to_excel(writer, index=False)
        xlsx_time = _best(lambda: _import(xlsx_path, folder / "data_xlsx"), 1)
        print(f".xlsx export: {len(small):,} rows imported in {xlsx_time:.2f} s (target: < 15 s)")


if __name__ == "__main__":
    main()
