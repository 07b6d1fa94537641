"""Disclosure control for published records, proved safe by linear programming.

`cells` models a record's counts and every relation a reader can use; `audit` finds the
range a reader can pin each hidden count to; `protect` chooses the fewest complementary
cells that leave every hidden count at least `min_range` possible values; `apply` builds the
published record and refuses when it cannot be protected. `legacy` keeps the old greedy
rules for comparison only (scripts/bench_disclosure.py). See docs/figures.md.
"""

from __future__ import annotations

from .apply import (
    Plan,
    Rules,
    apply_disclosure,
    audit_published,
    plan_disclosure,
    published_ranges,
)
from .audit import Leak, feasible_ranges, find_leaks
from .cells import Model, record_model

__all__ = [
    "Leak",
    "Model",
    "Plan",
    "Rules",
    "apply_disclosure",
    "audit_published",
    "feasible_ranges",
    "find_leaks",
    "plan_disclosure",
    "published_ranges",
    "record_model",
]
