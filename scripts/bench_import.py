"""Benchmark `wres import esr` against pyarrow's own read of the same file (not a test).

Usage: .venv/bin/python scripts/bench_import.py [--rows 1000000] [--xlsx-rows 100000]

Writes a seeded synthetic ESR export (`wres synth --format esr` for a scale-test
organisation) of about --rows assignment rows to a temporary folder, then, in the same run
and on the same file, times pyarrow.csv.read_csv with its defaults (the floor) and the full
import (read, map, pick each person's primary assignment, hash the identifiers, write
workforce.csv and its summary). Prints both times (best of --repeat) and their ratio;
the target is at most 3. Then writes an .xlsx export of about --xlsx-rows rows and prints
its import time; the target is under 15 s.

Wall-clock time is the target's measure; CPU time (all threads, user and system) is
printed beside it because on a shared machine the wall-clock ratio moves with other
people's load. pyarrow reads with every core; after its read the import hashes and sorts
people's numbers on other threads while the main one maps the rows, and hashes and
writes the file on two threads while the main one gathers its lines.
The process's malloc keeps freed memory (`importers.memory`), as `wres import` sets it;
pyarrow's own allocator, which the floor uses too, is left as it is.
Each timed import writes into a new, empty data folder, as a first import does: the
previous run's output is deleted outside the timing. (Replacing a file written a moment
before makes the kernel wait for that file's pages to reach the disk first: 25-30 ms
here, the previous run's cost, not this one's.)
The synthetic export is in person-number order, which the import numbers people by in one
linear pass; --shuffle times an export whose rows are in random order instead (people are
then numbered by a radix sort, and every row's number hashed meanwhile).
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pyarrow.csv as pa_csv

from wres_analysis.importers.esr import import_esr
from wres_analysis.importers.memory import keep_freed_memory
from wres_analysis.paths import PARAMS_DIR
from wres_analysis.synth.workforce import EXAMPLE_SALT
from wres_analysis.synth.write import synthetic_esr_export

ORG, YEAR = "BENCH", 2021
ROWS_PER_PERSON = 1.085  # assignments per person in the synthetic exports, about


def _export(rows: int, shuffle: bool = False) -> pd.DataFrame:
    """A synthetic ESR export cut, at a person's last row, to at most ``rows`` rows
    (shuffled by a seeded generator if asked)."""
    frame = synthetic_esr_export(ORG, YEAR, staff=int(rows / ROWS_PER_PERSON) + 1)
    if len(frame) > rows:
        person = frame.iloc[:, 0]
        cut = rows
        while cut > 0 and person.iloc[cut] == person.iloc[cut - 1]:
            cut -= 1
        frame = frame.iloc[:cut]
    return frame.sample(frac=1, random_state=2020) if shuffle else frame


def _write_xlsx(frame: pd.DataFrame, path: Path) -> None:
    """The export as a workbook, row by row (as Excel holds it: person numbers as numbers)."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = workbook.add_worksheet("Staff in post")
    sheet.write_row(0, 0, list(frame.columns))
    for i, row in enumerate(frame.itertuples(index=False), start=1):
        sheet.write_row(i, 0, [int(row[0]), *row[1:-1], float(row[-1])])
    workbook.close()


def _timed(fn: Callable[[], object]) -> tuple[float, float]:
    """The wall-clock time and the CPU time (all threads) of one run of ``fn``."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def _import(path: Path, out: Path) -> tuple[float, float]:
    """One timed import into an empty ``out`` (the previous run's is deleted untimed)."""
    shutil.rmtree(out, ignore_errors=True)
    return _timed(lambda: import_esr(path, ORG, YEAR, data_dir=out, params_dir=PARAMS_DIR))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--xlsx-rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--shuffle", action="store_true", help="rows in random order")
    args = parser.parse_args()
    os.environ["WRES_IMPORT_SALT"] = EXAMPLE_SALT  # never a real salt: synthetic data
    print(f"malloc keeps freed memory, as in `wres import`: {keep_freed_memory()}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        csv_path = folder / "esr_workforce.csv"
        frame = _export(args.rows, args.shuffle)
        frame.to_csv(csv_path, index=False)
        size = csv_path.stat().st_size / 1e6
        print(f"ESR CSV export: {len(frame):,} assignment rows, {size:.0f} MB")
        floor, full = (float("inf"), float("inf")), (float("inf"), float("inf"))
        for _ in range(args.repeat):  # alternate, so both see the same machine load
            floor = min(floor, _timed(lambda: pa_csv.read_csv(csv_path)))
            full = min(full, _import(csv_path, folder / "data"))
        print(f"pyarrow.csv.read_csv (floor): {floor[0]:.3f} s wall, {floor[1]:.3f} s CPU")
        print(f"wres import esr (full):       {full[0]:.3f} s wall, {full[1]:.3f} s CPU")
        print(f"ratio: {full[0] / floor[0]:.2f} wall (target: at most 3), "
              f"{full[1] / floor[1]:.2f} CPU")  # fmt: skip

        xlsx_path = folder / "esr_workforce.xlsx"
        small = _export(args.xlsx_rows)
        _write_xlsx(small, xlsx_path)
        xlsx_time, _ = _import(xlsx_path, folder / "data_xlsx")
        print(f".xlsx export: {len(small):,} rows imported in {xlsx_time:.2f} s (target: < 15 s)")


if __name__ == "__main__":
    main()
