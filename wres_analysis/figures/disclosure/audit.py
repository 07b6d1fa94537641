"""What a reader can work out: each hidden count's feasible range, by linear programming.

A reader of everything published knows every published count, every relation among
counts (cells.py), that counts are non-negative whole numbers (a two-year mean is half a
whole number), and what the record's shape shows (a count that a note reveals as zero is
public; one shown to be non-zero is at least one). For each hidden count the audit finds
the smallest and largest value consistent with all of that: an LP with HiGHS (`highspy`,
one model per component re-solved warm for each bound), and a MILP (`scipy.optimize.milp`,
also HiGHS) whenever the LP's optimum is not whole, so each range runs exactly from the
smallest to the largest value of a whole-number table a reader cannot rule out. A count
is protected when its range holds at least `min_range` possible values.

Hidden counts are split into independent components (counts linked by relations through
other hidden counts); each is solved on its own, which keeps every LP small.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

import highspy
import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linprog, milp

from .cells import Key, Model

TOL = 1e-7


class SolverError(RuntimeError):
    """HiGHS could not settle a range (it should not happen for a consistent record)."""


@dataclass(frozen=True)
class Leak:
    """A hidden count a reader can pin to a range narrower than required."""

    key: Key
    low: float
    high: float
    required: float

    @property
    def width(self) -> float:
        return self.high - self.low


@dataclass
class System:
    """The linear system over one component of non-public counts (public ones substituted)."""

    keys: list[Key]
    value: np.ndarray  # true values (for protection; never a reader's knowledge)
    lower: np.ndarray  # what a reader knows from below (0, or one step if visibly non-zero)
    step: np.ndarray
    a_eq: np.ndarray
    b_eq: np.ndarray
    a_ub: np.ndarray
    b_ub: np.ndarray

    @property
    def index(self) -> dict[Key, int]:
        return {key: i for i, key in enumerate(self.keys)}

    @property
    def integer(self) -> np.ndarray:
        return self.step == 1.0


def components(
    model: Model, public: Collection[Key], within: Iterable[Key] | None = None
) -> list[list[Key]]:
    """Non-public counts grouped so that no relation links two groups (in a stable order).

    `within` limits the search to those counts (a component found earlier, now with more
    counts public)."""
    pool = model.vars if within is None else within
    parent: dict[Key, Key] = {k: k for k in pool if k not in public}

    def find(key: Key) -> Key:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    relations = model.relations if within is None else model.touching(parent)
    for rel in relations:
        hidden = [k for k, _ in rel.terms if k in parent]
        for other in hidden[1:]:
            a, b = find(hidden[0]), find(other)
            if a != b:
                parent[b] = a
    groups: dict[Key, list[Key]] = {}
    for key in parent:
        groups.setdefault(find(key), []).append(key)
    return list(groups.values())


def build_system(model: Model, keys: list[Key], public: Collection[Key]) -> System:
    """The relations touching `keys`, with public counts moved to the right-hand side."""
    index = {key: i for i, key in enumerate(keys)}
    eq_rows, eq_rhs, ub_rows, ub_rhs = [], [], [], []
    for rel in model.touching(keys):
        row = np.zeros(len(keys))
        rhs = 0.0
        for key, coef in rel.terms:
            if key in index:
                row[index[key]] += coef
            elif key in public:
                rhs -= coef * model.vars[key].value
            else:
                raise ValueError(f"relation links {key} outside its component")
        (eq_rows if rel.sense == "eq" else ub_rows).append(row)
        (eq_rhs if rel.sense == "eq" else ub_rhs).append(rhs)
    n = len(keys)
    return System(
        keys=list(keys),
        value=np.array([model.vars[k].value for k in keys], dtype=float),
        lower=np.array([model.vars[k].lower for k in keys], dtype=float),
        step=np.array([model.vars[k].step for k in keys], dtype=float),
        a_eq=np.array(eq_rows, dtype=float).reshape(-1, n),
        b_eq=np.array(eq_rhs, dtype=float),
        a_ub=np.array(ub_rows, dtype=float).reshape(-1, n),
        b_ub=np.array(ub_rhs, dtype=float),
    )


def _snap(value: float, step: float, up: bool) -> float:
    """The nearest lattice point inside the bound (a whole number, or a half for a mean)."""
    if math.isinf(value):
        return value
    scaled = value / step
    return (math.ceil(scaled - 1e-6) if up else math.floor(scaled + 1e-6)) * step


def _lp(system: System, c: np.ndarray, upper: np.ndarray) -> object:
    return linprog(
        c,
        A_ub=system.a_ub if len(system.b_ub) else None,
        b_ub=system.b_ub if len(system.b_ub) else None,
        A_eq=system.a_eq if len(system.b_eq) else None,
        b_eq=system.b_eq if len(system.b_eq) else None,
        bounds=np.column_stack([system.lower, upper]),
        method="highs",
    )


def _milp(system: System, c: np.ndarray) -> object:
    constraints = []
    if len(system.b_eq):
        constraints.append(LinearConstraint(system.a_eq, system.b_eq, system.b_eq))
    if len(system.b_ub):
        constraints.append(LinearConstraint(system.a_ub, -np.inf, system.b_ub))
    return milp(
        c,
        integrality=system.integer.astype(int),
        bounds=Bounds(system.lower, np.inf),
        constraints=constraints,
    )


def _whole(system: System, x: np.ndarray) -> bool:
    ints = x[system.integer]
    return bool(np.all(np.abs(ints - np.round(ints)) <= 1e-6))


def highs_model(system: System, lower: np.ndarray, upper: np.ndarray) -> highspy.Highs:
    """A quiet HiGHS instance holding the system's LP (zero objective) with these bounds."""
    n = len(system.keys)
    rows = np.vstack([system.a_eq, system.a_ub])
    inf = highspy.kHighsInf
    lp = highspy.HighsLp()
    lp.num_col_ = n
    lp.num_row_ = rows.shape[0]
    lp.col_cost_ = np.zeros(n)
    lp.col_lower_ = np.asarray(lower, dtype=float)
    lp.col_upper_ = np.where(np.isinf(upper), inf, upper).astype(float)
    lp.row_lower_ = np.concatenate([system.b_eq, np.full(len(system.b_ub), -inf)])
    lp.row_upper_ = np.concatenate([system.b_eq, system.b_ub])
    cols, found = np.nonzero(rows.T)  # column-wise, as HiGHS takes it
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = np.searchsorted(cols, np.arange(n + 1)).astype(np.int32)
    lp.a_matrix_.index_ = found.astype(np.int32)
    lp.a_matrix_.value_ = rows.T[cols, found]
    lp.a_matrix_.num_col_ = n
    lp.a_matrix_.num_row_ = rows.shape[0]
    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    highs.passModel(lp)
    return highs


_UNBOUNDED = (
    highspy.HighsModelStatus.kUnbounded,
    highspy.HighsModelStatus.kUnboundedOrInfeasible,
)
_SETTLED = (highspy.HighsModelStatus.kOptimal, *_UNBOUNDED)


class Bounder:
    """One HiGHS instance per component, re-solved (warm) for each count's min and max.

    Re-solving one model with a new objective takes microseconds, where building a new LP
    for every bound would take milliseconds; the audit of a large record solves hundreds.
    """

    def __init__(self, system: System):
        self.system = system
        self.highs = highs_model(system, system.lower, np.full(len(system.keys), np.inf))
        self.costed: int | None = None

    def bound(self, i: int, maximise: bool) -> tuple[float, np.ndarray | None]:
        """The smallest (or largest) whole-number value of count i a reader cannot rule out,
        and a whole-number table that attains it (None when unbounded)."""
        system, highs = self.system, self.highs
        if self.costed is not None:
            highs.changeColCost(self.costed, 0.0)
        highs.changeColCost(i, -1.0 if maximise else 1.0)
        self.costed = i
        highs.run()
        status = highs.getModelStatus()
        if status not in _SETTLED:
            highs.clearSolver()  # a warm start gone wrong: solve again from scratch
            highs.run()
            status = highs.getModelStatus()
        if maximise and status in _UNBOUNDED:
            return math.inf, None  # the true table is feasible, so this is unbounded
        if status == highspy.HighsModelStatus.kOptimal:
            x = np.asarray(highs.getSolution().col_value, dtype=float)
        else:  # HiGHS through scipy, building the LP afresh
            c = np.zeros(len(system.keys))
            c[i] = -1.0 if maximise else 1.0
            res = _lp(system, c, np.full(len(system.keys), np.inf))
            if res.status == 3 and maximise:
                return math.inf, None
            if res.status != 0:
                raise SolverError(f"HiGHS could not bound {system.keys[i]}: {res.message}")
            x = np.asarray(res.x)
        if not _whole(system, x):
            c = np.zeros(len(system.keys))
            c[i] = -1.0 if maximise else 1.0
            res = _milp(system, c)
            if res.status != 0:
                raise SolverError(f"HiGHS could not bound {system.keys[i]}: {res.message}")
            x = np.asarray(res.x)
        return _snap(float(x[i]), float(system.step[i]), up=not maximise), x


def feasible_ranges(
    model: Model,
    public: Collection[Key],
    targets: Iterable[Key],
    focus: Collection[Key] | None = None,
    enough: Mapping[Key, float] | None = None,
    within: Iterable[Key] | None = None,
) -> dict[Key, tuple[float, float]]:
    """For each hidden count in `targets`: the (low, high) range a reader can pin it to.

    With `focus`, only components holding a focus count are solved (others are unchanged
    since an earlier audit). With `enough`, a count whose values seen so far in whole-number
    tables consistent with everything published (the true table, and every table an LP
    returned) already span enough[key] is not solved: its range is then reported as that
    span, which the true range contains.
    """
    wanted = [k for k in targets if k not in public]
    if not wanted:
        return {}
    public = set(public)
    out: dict[Key, tuple[float, float]] = {}
    owner = set(wanted)
    for group in components(model, public, within):
        mine = [k for k in group if k in owner]
        if not mine or (focus is not None and not any(k in focus for k in group)):
            continue
        system = build_system(model, group, public)
        index = system.index
        bounder = Bounder(system)
        seen = _Seen(system)
        for key in mine:
            i = index[key]
            need = None if enough is None else enough[key]
            if seen.enough(i, need):
                out[key] = seen.range(i)
                continue
            high = seen.add(*bounder.bound(i, maximise=True))
            if seen.enough(i, need, high):
                out[key] = (seen.range(i)[0], high)
                continue
            out[key] = (seen.add(*bounder.bound(i, maximise=False)), high)
    return out


class _Seen:
    """Whole-number tables consistent with everything published, seen so far (starting
    with the true one): the values they give a count all lie in its range."""

    def __init__(self, system: System):
        self.system = system
        self.low, self.high = system.value.copy(), system.value.copy()

    def add(self, value: float, point: np.ndarray | None) -> float:
        if point is not None and _whole(self.system, point):
            self.low = np.minimum(self.low, point)
            self.high = np.maximum(self.high, point)
        return value

    def range(self, i: int) -> tuple[float, float]:
        return float(self.low[i]), float(self.high[i])

    def enough(self, i: int, need: float | None, high: float | None = None) -> bool:
        if need is None:
            return False
        top = self.high[i] if high is None else max(high, self.high[i])
        return bool(top - self.low[i] >= need - TOL)


def find_leaks(
    model: Model,
    public: Collection[Key],
    required: Mapping[Key, float],
    focus: Collection[Key] | None = None,
    exact: bool = False,
    within: Iterable[Key] | None = None,
) -> tuple[list[Leak], dict[Key, tuple[float, float]]]:
    """Hidden counts whose range is narrower than required, and the ranges found.

    Unless `exact`, a range already wide enough may be reported narrower than it is (see
    `feasible_ranges`); every leak is exact either way.
    """
    ranges = feasible_ranges(model, public, required, focus, None if exact else required, within)
    leaks = [
        Leak(key, low, high, required[key])
        for key, (low, high) in ranges.items()
        if high - low < required[key] - TOL
    ]
    return leaks, ranges
