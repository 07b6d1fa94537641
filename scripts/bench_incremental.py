"""Incremental runs: a second `wres report --run` with nothing changed, and one data change.

    .venv/bin/python scripts/bench_incremental.py [--year 2020]

Copies the shipped data into a temporary folder, then times, as the user would run them
(a fresh `wres` process each time, interpreter start included):
1. the first run (every notebook executed, every report built);
2. the same run again with nothing changed: it should execute no notebook and take at most
   2 s, and at most 5% of the first run;
3. one value changed in data/EXHOSP/<year>/workforce.csv: only EXHOSP's notebooks run.
Prints the times, the ratio and what each run executed. Targets are printed, not asserted.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WRES = [sys.executable, "-m", "wres_analysis.cli"]


def run(args: list[str]) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run([*WRES, *args], capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        print(done.stdout, done.stderr, sep="\n", file=sys.stderr)
        raise SystemExit(f"wres {' '.join(args)} failed ({done.returncode})")
    return seconds, done.stdout


def executed(out: str) -> str:
    found = re.search(r"(\d+) notebook\(s\) ran, (\d+) reused", out)
    return f"{found.group(1)} ran, {found.group(2)} reused" if found else "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, default=2020)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="wres-bench-") as tmp:
        data, outputs = Path(tmp) / "data", Path(tmp) / "outputs"
        shutil.copytree(ROOT / "data", data)
        common = [
            "report",
            "--year",
            str(args.year),
            "--run",
            f"--data-dir={data}",
            f"--outputs-dir={outputs}",
        ]
        first, out1 = run(common)
        second, out2 = run(common)
        workforce = data / "EXHOSP" / str(args.year) / "workforce.csv"
        lines = workforce.read_text(encoding="utf-8").splitlines()
        row = lines[1].split(",")
        row[2] = "Band 6" if row[2] != "Band 6" else "Band 7"  # one person's pay band
        lines[1] = ",".join(row)
        workforce.write_text("\n".join(lines) + "\n", encoding="utf-8")
        third, out3 = run(common)
        log = (outputs / str(args.year) / "logs" / "run.log").read_text(encoding="utf-8")
        last = log[log.rfind("=== run") :]
        ran_orgs = sorted({line.split()[3] for line in last.splitlines() if " RUN " in line})
    ratio = second / first
    print(f"first run (everything):        {first:7.1f} s   {executed(out1)}")
    print(f"second run (nothing changed):  {second:7.2f} s   {executed(out2)}")
    print(
        f"  ratio second/first: {ratio:.3f} (target <= 0.05); second run <= 2 s: "
        f"{'yes' if second <= 2 else 'NO'}"
    )
    print(
        f"after one EXHOSP change:       {third:7.1f} s   {executed(out3)}; "
        f"organisations re-run: {', '.join(ran_orgs) or 'none'}"
    )


if __name__ == "__main__":
    main()
