"""A published record: choose what to hide, audit it, then null it and everything built on it.

Steps, for the record of year Y (and the earlier years its report shows, whose published
records are fixed public knowledge):
1. model every count and relation of all those records (cells.py);
2. small counts of year Y (0 < n < threshold, and 0 too if `suppress_zero`) must be hidden;
   board counts are never hidden if `board_exempt`; counts fixed by the record's shape
   are public; earlier years' counts keep the status their own published record gave them;
3. choose the fewest other counts to hide so that every hidden count, this year's and
   every earlier year's, keeps at least `min_range` possible values (protect.py);
4. audit the result exactly (audit.py); if anything is still pinned, refuse (never publish
   an unaudited record);
5. null the hidden counts and every derived figure that uses one, list their paths in
   `suppressed`, and add a `disclosure` block with the information loss.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ...errors import InputError, Problem
from .audit import Leak, SolverError, feasible_ranges, find_leaks
from .cells import Key, Model, Path, record_model
from .protect import ProtectionError, choose

log = logging.getLogger(__name__)

METHOD = "optimal-suppression-1"
SOLVER = "HiGHS (highspy; scipy.optimize.milp where an LP optimum is not whole)"


@dataclass(frozen=True)
class Rules:
    """A year's disclosure settings."""

    threshold: int = 10
    suppress_zero: bool = False
    min_range: int = 3
    board_exempt: bool = False

    @classmethod
    def of(cls, record: Mapping[str, Any]) -> Rules:
        """The settings a (published) record was made with."""
        s = record.get("settings") or {}
        return cls(
            threshold=int(s.get("disclosure_threshold", 10)),
            suppress_zero=bool(s.get("suppress_zero", False)),
            min_range=int(s.get("disclosure_min_range", 3)),
            board_exempt=bool(s.get("board_exempt", False)),
        )

    def span(self, step: float) -> float:
        """The width (high - low) a range needs to hold `min_range` possible values."""
        return (self.min_range - 1) * step

    def small(self, value: float) -> bool:
        return 0 < value < self.threshold or (self.suppress_zero and value == 0)


@dataclass
class Plan:
    """What one year's published record hides, and why."""

    model: Model
    year: int
    hidden: set[Key]  # every non-public count (this year's choice and what is fixed)
    sensitive: set[Key]
    ranges: dict[Key, tuple[float, float]]
    fallbacks: list[list[Key]]
    earlier: list[int]


def dotted(path: Path) -> str:
    """A path as the record lists it in `suppressed`, e.g. indicators.1.bands.0.bme."""
    return ".".join(str(p) for p in path)


def _earliest_status(model: Model, key: Key, published: Mapping[int, Mapping[str, Any]]) -> bool:
    """Whether an earlier year's published record printed this count (None: it did not)."""
    var = model.vars[key]
    for year in sorted(var.paths):
        if year in published:
            return any(_get(published[year], path) is not None for path in var.paths[year])
    raise KeyError(key)


def plan_disclosure(
    record: Mapping[str, Any],
    rules: Rules,
    earlier: Sequence[tuple[Mapping[str, Any], Mapping[str, Any]]] = (),
) -> Plan:
    """Choose and audit what year Y hides (see the module docstring); raises if it cannot."""
    year = int(record.get("year") or 0)
    model = Model()
    for internal, _ in earlier:
        model.merge(record_model(internal))
    model.merge(record_model(record))
    model.finish()
    past = {int(p.get("year") or 0): p for _, p in earlier}
    rules_of = {y: Rules.of(p) for y, p in past.items()}
    rules_of[year] = rules

    public: set[Key] = set()
    decide: set[Key] = set()
    sensitive: set[Key] = set()
    required: dict[Key, float] = {}
    for key, var in model.vars.items():
        owner = rules_of.get(var.owner, rules)
        if var.structural:
            public.add(key)
            continue
        small = owner.small(var.value)
        if small:
            sensitive.add(key)
        earlier_paths = [y for y in var.paths if y in past and var.paths[y]]
        if earlier_paths:
            if _earliest_status(model, key, past):
                public.add(key)
            else:
                required[key] = owner.span(var.step)
        elif var.latent:
            if var.implicit and small:
                required[key] = owner.span(var.step)
        elif var.board and owner.board_exempt:
            public.add(key)
            sensitive.discard(key)
        else:
            decide.add(key)
            required[key] = owner.span(var.step)
    must = sensitive & decide
    weights = _weights(model, year, decide)
    focus = {
        k for k, v in model.vars.items() if v.paths.get(year) or (v.latent and v.owner == year)
    }
    choice = choose(
        model,
        public=public,
        decide=decide,
        must=must,
        required=required,
        weights=weights,
        focus=focus,
    )
    shown = decide - choice.hidden
    known = public | shown
    leaks, ranges = find_leaks(model, known, required, focus)
    if leaks:
        raise ProtectionError([leak.key for leak in leaks])
    hidden = {k for k in model.vars if k not in known}
    return Plan(model, year, hidden, sensitive, ranges, choice.fallbacks, sorted(past))


def _reader(
    internal: Mapping[str, Any],
    published: Mapping[str, Any],
    rules: Rules | None,
    earlier: Sequence[tuple[Mapping[str, Any], Mapping[str, Any]]],
) -> tuple[Model, set[Key], dict[Key, float], list[Leak]]:
    """A reader's knowledge of a published record (and the earlier published records):
    the model, the counts known, the range each hidden count needs, and the counts hidden
    in one place but printed in another (each a leak)."""
    rules = rules or Rules.of(published)
    year = int(internal.get("year") or 0)
    model = Model()
    for past_internal, _ in earlier:
        model.merge(record_model(past_internal))
    model.merge(record_model(internal))
    model.finish()
    shown = {int(p.get("year") or 0): p for _, p in earlier}
    shown[year] = published
    rules_of = {y: Rules.of(p) for y, p in shown.items()}
    rules_of[year] = rules
    public: set[Key] = set()
    required: dict[Key, float] = {}
    both: list[Leak] = []  # hidden in one place, printed in another
    for key, var in model.vars.items():
        owner = rules_of.get(var.owner, rules)
        printed = [
            _get(shown[y], path) for y, paths in var.paths.items() if y in shown for path in paths
        ]
        if var.structural or any(v is not None for v in printed):
            public.add(key)
            if not var.structural and any(v is None for v in printed):
                both.append(Leak(key, var.value, var.value, owner.span(var.step)))
        elif printed or (var.implicit and owner.small(var.value)):
            required[key] = owner.span(var.step)
    return model, public, required, both


def audit_published(
    internal: Mapping[str, Any],
    published: Mapping[str, Any],
    rules: Rules | None = None,
    earlier: Sequence[tuple[Mapping[str, Any], Mapping[str, Any]]] = (),
) -> list[Leak]:
    """Every hidden count a reader of `published` (and the earlier published records) can pin.

    Independent of how the record was made: a count is public when any published record
    prints it (or the record's shape fixes it), hidden otherwise; hidden in one place and
    printed in another is a leak. Each hidden count printed
    somewhere needs `min_range` possible values; so does a small count printed nowhere
    (staff not risk-assessed). `rules` default to the published record's settings.
    """
    model, public, required, both = _reader(internal, published, rules, earlier)
    leaks, _ = find_leaks(model, public, required)
    return both + leaks


def published_ranges(
    internal: Mapping[str, Any],
    published: Mapping[str, Any],
    earlier: Sequence[tuple[Mapping[str, Any], Mapping[str, Any]]] = (),
) -> dict[str, tuple[float, float]]:
    """For each hidden count of `published`, by dotted path: the exact range a reader can
    pin it to (low, high; high may be infinite)."""
    model, public, required, _ = _reader(internal, published, None, earlier)
    ranges = feasible_ranges(model, public, required)
    year = int(internal.get("year") or 0)
    return {
        dotted(path): ranges[key]
        for path, key in model.cells.get(year, {}).items()
        if key in ranges
    }


def _weights(model: Model, year: int, decide: set[Key]) -> dict[Key, float]:
    """Cost of hiding a count: the cells it is printed in, then (less than one cell) its size."""
    total = sum(model.vars[k].value for k in decide) + 1.0
    return {
        k: len(model.vars[k].paths.get(year, [])) + 0.5 * model.vars[k].value / total
        for k in decide
    }


def _get(record: Mapping[str, Any], path: Path) -> Any:
    node: Any = record
    for part in path:
        if isinstance(node, list):
            if not isinstance(part, int) or part >= len(node):
                return None
            node = node[part]
        elif isinstance(node, Mapping):
            node = node.get(part if isinstance(part, str) else str(part))
        else:
            return None
    return node


def _null(record: dict[str, Any], path: Path) -> bool:
    """Set the figure at path to null; False when the record has no such figure."""
    *parents, last = path
    node: Any = record
    for part in parents:
        node = node[part] if isinstance(node, list) else node.get(part)
        if node is None:
            return False
    if isinstance(node, dict) and last in node:
        node[last] = None
        return True
    return False


def published_copy(record: Mapping[str, Any], plan: Plan, rules: Rules) -> dict[str, Any]:
    """The record with the plan's hidden counts and every figure built on them nulled."""
    out = copy.deepcopy(dict(record))
    year = plan.year
    cells = plan.model.cells.get(year, {})
    suppressed: set[str] = set()
    primary = complementary = 0
    for path, key in cells.items():
        if key in plan.hidden and _null(out, path):
            suppressed.add(dotted(path))
            if key in plan.sensitive:
                primary += 1
            else:
                complementary += 1
    for derived in plan.model.derived.get(year, []):
        if any(k in plan.hidden for k in derived.inputs) and _null(out, derived.path):
            suppressed.add(dotted(derived.path))
    out["published"] = True
    out["suppressed"] = sorted(suppressed)
    out["disclosure"] = _loss(len(cells), primary, complementary, plan, rules)
    settings = out.get("settings")
    if isinstance(settings, dict):
        settings.update(disclosure_min_range=rules.min_range, board_exempt=rules.board_exempt)
    return out


def _loss(
    count_cells: int, primary: int, complementary: int, plan: Plan, rules: Rules
) -> dict[str, Any]:
    """The information loss and how it was reached, for the methodology appendix."""
    hidden = primary + complementary
    return {
        "method": METHOD,
        "solver": SOLVER,
        "threshold": rules.threshold,
        "min_range": rules.min_range,
        "suppress_zero": rules.suppress_zero,
        "board_exempt": rules.board_exempt,
        "count_cells": count_cells,
        "hidden_cells": hidden,
        "hidden_primary": primary,
        "hidden_complementary": complementary,
        "hidden_share": hidden / count_cells if count_cells else None,
        "protected_with_years": plan.earlier,
        "audit": {
            "hidden_counts_checked": len(plan.ranges),
            "leaks": 0,
        },
        "fallback": [
            f"could not settle an optimal pattern for {len(keys)} linked counts, so all of "
            "them are hidden"
            for keys in plan.fallbacks
        ],
    }


def apply_disclosure(
    record: Mapping[str, Any],
    threshold: int = 10,
    suppress_zero: bool = False,
    *,
    min_range: int = 3,
    board_exempt: bool = False,
    earlier: Sequence[tuple[Mapping[str, Any], Mapping[str, Any]]] = (),
) -> dict[str, Any]:
    """A published copy of a record: small counts, their protection and what they reveal nulled.

    `earlier` holds (internal, published) records of the earlier years the same report
    shows; their published records are taken as public, and this year's choice keeps their
    hidden counts protected too. Raises InputError when the record cannot be protected.
    """
    if min_range < 2:
        raise ValueError("min_range must be at least 2: a range of one value is the count itself")
    rules = Rules(threshold, suppress_zero, min_range, board_exempt)
    org, year = record.get("org", "?"), record.get("year", "?")
    try:
        plan = plan_disclosure(record, rules, earlier)
    except SolverError as exc:
        raise InputError(
            Problem(
                f"published figures for {org} {year}",
                f"the disclosure audit could not be completed ({exc})",
                "nothing was published; run again, and report it if it persists",
            )
        ) from None
    except ProtectionError as exc:
        raise InputError(
            Problem(
                f"published figures for {org} {year}",
                "disclosure control could not protect "
                + ", ".join(_describe(plan_key) for plan_key in exc.keys),
                "nothing was published; check the counts named in the internal record, and "
                "see 'Published records' in docs/figures.md for what the audit needs",
            )
        ) from None
    published = published_copy(record, plan, rules)
    loss = published["disclosure"]
    log.info(
        "%s %s published: %d of %d count cells hidden (%s): %d primary, %d complementary",
        record.get("org", "?"),
        record.get("year", "?"),
        loss["hidden_cells"],
        loss["count_cells"],
        "n/a" if loss["hidden_share"] is None else f"{loss['hidden_share']:.1%}",
        loss["hidden_primary"],
        loss["hidden_complementary"],
    )
    return published


def _describe(key: Key) -> str:
    return " ".join(str(part) for part in key)
