"""Disclosure control, old against new: cells hidden, leaks found, and the audit's cost.

Usage: .venv/bin/python scripts/bench_disclosure.py [--staff 10000]

1. For each example organisation (data/) and year 2019-2021: the record's count cells, how
   many the old greedy rules (figures/disclosure/legacy.py) and the optimised method hide,
   and how many hidden counts the package's audit can pin in each (to fewer than
   `min_range` possible values, reading the year with the earlier years its report shows);
   then each organisation's total over the years, which is what its 2021 report shows. The
   new method protects the years jointly (a year's pattern is chosen with the earlier years'
   fixed), so a year can hide a cell more than the old rules where those leak.
2. For a synthetic organisation of --staff people: CPU time of the audit of its published
   record, against the CPU time to compute its internal record in the same run (the floor),
   and the ratio. A benchmark, not a timed test.
"""

from __future__ import annotations

import argparse
import logging
import tempfile
import time
from pathlib import Path

from wres_analysis.figures.disclosure import audit_published, record_model
from wres_analysis.figures.disclosure.apply import _get
from wres_analysis.figures.disclosure.legacy import apply_greedy
from wres_analysis.figures.record import compute_record, published_records
from wres_analysis.paths import DATA_DIR, PARAMS_DIR
from wres_analysis.synth import write_synthetic_data

ORGS = ("EXCCG", "LTCCG", "EXHOSP", "EXMHCT")
YEARS = (2019, 2020, 2021)
BIG = "BIG"


def _cpu(fn):
    start = time.process_time()
    result = fn()
    return result, time.process_time() - start


def compare_examples() -> tuple[bool, list[str]]:
    """Print old against new for every example organisation, year by year and in total (the
    cells its latest report shows, all years); (new <= old for every organisation's total,
    the organisation-years where new hides more)."""
    print(
        f"{'org':<7} {'year':>4} {'cells':>5} {'old hid':>7} {'new hid':>7} "
        f"{'old leaks':>9} {'new leaks':>9}"
    )
    never_more, more_in_year = True, []
    for org in ORGS:
        totals = [0, 0, 0, 0, 0]
        published = published_records(DATA_DIR, org, max(YEARS), params_dir=PARAMS_DIR)
        internal = {y: compute_record(DATA_DIR, org, y, params_dir=PARAMS_DIR) for y in published}
        old = {y: apply_greedy(internal[y], 10) for y in published}
        for year in YEARS:
            cells = record_model(internal[year]).cells[year]
            hid_old = sum(_get(old[year], p) is None for p in cells)
            hid_new = sum(_get(published[year], p) is None for p in cells)
            before = [e for e in YEARS if e < year]
            leaks_old = audit_published(
                internal[year], old[year], earlier=[(internal[e], old[e]) for e in before]
            )
            leaks_new = audit_published(
                internal[year],
                published[year],
                earlier=[(internal[e], published[e]) for e in before],
            )
            exact = sum(leak.width == 0 for leak in leaks_old)
            note = (
                "" if hid_new <= hid_old else f"  (+{hid_new - hid_old}: old pins {exact} exactly)"
            )
            if hid_new > hid_old:
                more_in_year.append(f"{org} {year} (+{hid_new - hid_old})")
            row = (len(cells), hid_old, hid_new, len(leaks_old), len(leaks_new))
            totals = [a + b for a, b in zip(totals, row, strict=True)]
            print(
                f"{org:<7} {year:>4} {len(cells):>5} {hid_old:>7} {hid_new:>7} "
                f"{len(leaks_old):>9} {len(leaks_new):>9}{note}"
            )
        never_more &= totals[2] <= totals[1]
        cells, old, new, leaks_old, leaks_new = totals
        print(
            f"{org:<7} {'all':>4} {cells:>5} {old:>7} {new:>7} {leaks_old:>9} {leaks_new:>9}"
            f"{'' if new <= old else '  MORE'}"
        )
    return never_more, more_in_year


def time_audit(staff: int) -> None:
    """Audit time of a large organisation's published record against computing its record."""
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        write_synthetic_data(data_dir, orgs=[BIG], years=[2021], staff=staff)
        internal, floor = _cpu(lambda: compute_record(data_dir, BIG, 2021, params_dir=PARAMS_DIR))
        published, publish = _cpu(
            lambda: published_records(data_dir, BIG, 2021, params_dir=PARAMS_DIR)[2021]
        )
        leaks, audit = _cpu(lambda: audit_published(internal, published))
    block = published["disclosure"]
    print(
        f"\n{staff:,} staff: {block['hidden_cells']} of {block['count_cells']} count cells "
        f"hidden, {len(leaks)} leaks"
    )
    print(f"  internal record (floor)   {floor:8.3f} s CPU")
    print(f"  choose + audit (publish)  {publish:8.3f} s CPU  ({publish / floor:5.2f} x floor)")
    print(
        f"  audit of the published    {audit:8.3f} s CPU  ({audit / floor:5.2f} x floor)"
        f"  {'under' if audit < 1 else 'OVER'} 1 s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--staff", type=int, default=10_000)
    args = parser.parse_args()
    logging.disable(logging.INFO)
    never_more, more_in_year = compare_examples()
    print(
        "per organisation (all years its report shows): "
        + ("new never hides more than old" if never_more else "new hides MORE (see MORE)")
    )
    print(
        "per year: "
        + (
            f"new hides more in {', '.join(more_in_year)} (see the row's note)"
            if more_in_year
            else "new never hides more than old"
        )
    )
    time_audit(args.staff)


if __name__ == "__main__":
    main()
