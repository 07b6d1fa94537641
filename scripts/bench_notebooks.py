"""Notebook throughput: run every section for 32 organisations and project to 220.

Usage: .venv/bin/python scripts/bench_notebooks.py [--orgs 32] [--workers 2] [--keep DIR]

Writes the synthetic national dataset (`wres synth --national`) into a temporary folder,
picks a spread of organisations (every k-th of the 220, so every type and region is in),
lists just those in the temporary params' year file, and runs all sections for them with
`run_year` (warm kernels over ipc sockets, one per worker) in a fresh outputs folder. It
prints, measured in this one run:
- the wall time of the run, split into planning (figures and the comparison dataset) and
  executing the notebooks;
- the per-notebook cost, wall x workers / notebooks (CPU-seconds of a worker per notebook),
  and each section's mean time from the run log;
- the projection to 220 organisations on the same number of cores: the run's wall time x
  220 / organisations, against the 30-minute target;
- the failed notebooks and the kernel-start retries (papermill #511): both must be 0;
- the machine's load average at the start and end: on a shared machine other people's work
  slows every figure, so read the numbers with it.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import yaml

from wres_analysis.pipeline.runner import run_year
from wres_analysis.sections import SECTIONS
from wres_analysis.synth.national import write_national

YEAR = 2020
TARGET_ORGS = 220
TARGET_SECONDS = 30 * 60
_OK = re.compile(r"OK\s+(\S+) (\S+) \((\d+(?:\.\d+)?)s\)")
_STAMP = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) ")


def sample(codes: list[str], n: int) -> list[str]:
    """n codes spread evenly over the list (every type and region appears)."""
    step = len(codes) / n
    return [codes[int(i * step)] for i in range(n)]


def limit_year(params_dir: Path, codes: list[str]) -> None:
    """List only `codes` in the year's params file (the comparison covers just them)."""
    path = params_dir / "years" / f"{YEAR}.yaml"
    rules = yaml.safe_load(path.read_text("utf-8"))
    rules["organisations"] = codes
    path.write_text(yaml.safe_dump(rules, sort_keys=False), "utf-8")


def log_phases(log: Path) -> tuple[float | None, dict[str, list[float]], int]:
    """(seconds from the run's start to its first notebook start, per-section times, retries)."""
    import datetime as dt

    first = start = None
    per_section: dict[str, list[float]] = defaultdict(list)
    retries = 0
    for line in log.read_text("utf-8").splitlines():
        stamp = _STAMP.match(line)
        when = dt.datetime.fromisoformat(stamp.group(1)) if stamp else None
        if "=== run" in line:
            first, start, per_section, retries = when, None, defaultdict(list), 0
        elif " START " in line and start is None:
            start = when
        elif " RETRY " in line:
            retries += 1
        match = _OK.search(line)
        if match:
            per_section[match.group(2)].append(float(match.group(3)))
    planning = (start - first).total_seconds() if first and start else None
    return planning, per_section, retries


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orgs", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", type=Path, default=None, help="keep the outputs in DIR")
    args = parser.parse_args()
    load_before = os.getloadavg()
    tmp = Path(tempfile.mkdtemp(prefix="wres-bench-nb-"))
    try:
        started = time.perf_counter()
        orgs, _ = write_national(tmp / "national", workers=args.workers)
        synth_seconds = time.perf_counter() - started
        codes = sample([o.code for o in orgs], args.orgs)
        params_dir, data_dir = tmp / "national" / "params", tmp / "national" / "data"
        limit_year(params_dir, codes)
        outputs = args.keep or tmp / "outputs"
        started = time.perf_counter()
        result = run_year(
            YEAR,
            codes,
            data_dir=data_dir,
            params_dir=params_dir,
            outputs_dir=outputs,
            max_workers=args.workers,
            force=True,
            say=lambda line: print(line, file=sys.stderr),
        )
        wall = time.perf_counter() - started
        planning, per_section, retries = log_phases(result.log_path)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    notebooks = sum(not s.reused for s in result.successes) + len(result.failures)
    per_notebook = wall * args.workers / max(notebooks, 1)
    projected = wall * TARGET_ORGS / len(codes)
    print(f"synthetic national dataset: {len(orgs)} organisations written in {synth_seconds:.1f}s")
    print(
        f"run: {len(codes)} organisations x {len(SECTIONS)} sections = {notebooks} notebooks "
        f"on {args.workers} worker(s): {wall:.1f}s wall"
        + (f" ({planning:.0f}s planning: figures and comparison dataset)" if planning else "")
    )
    print(f"per-notebook cost (wall x workers / notebooks): {per_notebook:.2f}s")
    for section in SECTIONS:
        times = per_section.get(section.slug, [])
        if times:
            print(f"  {section.slug:<20} mean {sum(times) / len(times):.2f}s over {len(times)}")
    verdict = "within" if projected <= TARGET_SECONDS else "OVER"
    print(
        f"projection to {TARGET_ORGS} organisations on {args.workers} cores: "
        f"{projected / 60:.1f} min ({verdict} the {TARGET_SECONDS // 60}-minute target; "
        f"ratio {projected / TARGET_SECONDS:.2f})"
    )
    print(f"failed notebooks: {len(result.failures)}; kernel-start retries: {retries}")
    for failure in result.failures:
        print(f"  {failure.describe()}")
    print(f"load average at start {load_before[0]:.1f}, at end {os.getloadavg()[0]:.1f}")
    return 0 if not result.failures and retries == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
