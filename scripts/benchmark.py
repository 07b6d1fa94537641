"""Time the figures record for 10k, 100k and 1M staff (a benchmark, not a timed test).

Usage: .venv/bin/python scripts/benchmark.py [--sizes 10000 100000 1000000]
Writes synthetic extracts for a scale-test organisation into a temporary folder, then
reports CPU and wall time of loading + validating + computing the full record, and of
computing the indicators from already-loaded extracts.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from wres_analysis.figures import compute_indicators, compute_record
from wres_analysis.inputs.loading import load_extracts
from wres_analysis.params import load_year
from wres_analysis.paths import PARAMS_DIR
from wres_analysis.synth import write_synthetic_data

YEAR = 2021
ORG = "SCALE"


def _timed(fn):
    cpu, wall = time.process_time(), time.perf_counter()
    result = fn()
    return result, time.process_time() - cpu, time.perf_counter() - wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    args = parser.parse_args()
    year_params = load_year(YEAR, PARAMS_DIR)
    header = ("staff", "full record (CPU s)", "wall s", "indicators only (CPU s)")
    print(f"{header[0]:>10}  {header[1]:>20}  {header[2]:>7}  {header[3]:>24}")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            data_dir = Path(tmp)
            write_synthetic_data(data_dir, orgs=[ORG], years=[YEAR - 1, YEAR], staff=size)
            _, cpu, wall = _timed(
                lambda data_dir=data_dir: compute_record(data_dir, ORG, YEAR, params_dir=PARAMS_DIR)
            )
            extracts = load_extracts(data_dir, ORG, YEAR)
            previous = load_extracts(
                data_dir, ORG, YEAR - 1, only=("workforce", "disciplinary"), require_workforce=False
            )
            _, cpu_only, _ = _timed(
                lambda e=extracts, p=previous: compute_indicators(e, year_params, p)
            )
            print(f"{size:>10,}  {cpu:>20.3f}  {wall:>7.3f}  {cpu_only:>24.3f}")


if __name__ == "__main__":
    main()
