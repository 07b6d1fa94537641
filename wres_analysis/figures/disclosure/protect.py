"""Choose the complementary cells: the fewest (then the smallest) that protect every hidden count.

The model is Fischetti and Salazar's for cell suppression ("Solving the cell suppression
problem on tabular data with linear constraints", Management Science 47(7), 2001), solved
by constraint generation with HiGHS:

- master: a 0-1 programme (HiGHS through `highspy`), one binary y_j per count the year may
  hide (1 = hidden); the small ones are fixed to 1; it minimises the number of count
  cells hidden, then their total (a tie-break worth less than one cell);
- attacker: for a hidden count i and the master's y, an LP (HiGHS, one model re-bounded per y) gives
  the largest and smallest value a reader could give it when every hidden count may move
  down to zero and up by at most `cap` (published counts stay put). If the range is
  narrower than required, the LP's duals give a linear cut in y that every protecting
  pattern satisfies and y does not (Benders); it goes to the master, which is solved again;
- when every hidden count passes the LP test, the exact audit (audit.py: whole numbers,
  no cap) checks the pattern; a count that still fails asks the LP for one step more.

Every count the pattern hides must be protected, not only the small ones, so no hidden
count can be worked back out. Components of counts that no relation links are solved
separately. If the loop does not settle within MAX_ROUNDS, or HiGHS fails, the component
falls back to hiding every count the year may hide (fail closed), and the caller is told.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from functools import cached_property

import highspy
import numpy as np

from .audit import SolverError, System, build_system, components, find_leaks, highs_model
from .cells import Key, Model

MAX_ROUNDS = 60
CUT_SLACK = 1e-6


class ProtectionError(RuntimeError):
    """Some hidden count cannot be protected even with every count of the year hidden."""

    def __init__(self, keys: list[Key]):
        self.keys = keys
        super().__init__(f"cannot protect {', '.join(map(str, keys))}")


@dataclass
class Choice:
    """The counts to hide, and what had to fall back to hiding everything."""

    hidden: set[Key] = field(default_factory=set)
    fallbacks: list[list[Key]] = field(default_factory=list)
    rounds: int = 0


@dataclass(frozen=True)
class Need:
    """Count i needs a range of `width`; if `conditional`, only when the pattern hides it."""

    i: int
    width: float
    conditional: bool


def choose(
    model: Model,
    *,
    public: Collection[Key],
    decide: Collection[Key],
    must: Collection[Key],
    required: Mapping[Key, float],
    weights: Mapping[Key, float],
    focus: Collection[Key],
) -> Choice:
    """Hide `must` and the fewest other counts of `decide` so every hidden count is protected.

    `public`: counts already known (published earlier, or fixed by the record's shape);
    every other non-`decide` count is hidden whatever happens (earlier years' hidden counts,
    counts printed nowhere). `required` gives the width each hidden count needs.
    Components without a `focus` count are left alone (an earlier year settled them).
    """
    public, decide, focus = set(public), set(decide), set(focus)
    choice = Choice(hidden=set(must))
    for group in components(model, public):
        if not focus.intersection(group):
            continue
        picked, rounds, fell_back = _choose_component(
            model, group, public, decide, set(must), required, weights
        )
        choice.hidden |= picked
        choice.rounds += rounds
        if fell_back:
            choice.fallbacks.append(sorted(k for k in group if k in decide))
    return choice


def _choose_component(
    model: Model,
    group: list[Key],
    public: set[Key],
    decide: set[Key],
    must: set[Key],
    required: Mapping[Key, float],
    weights: Mapping[Key, float],
) -> tuple[set[Key], int, bool]:
    system = build_system(model, group, public)
    dec = np.array([k in decide for k in group])
    needs = [
        Need(i, float(required[k]), conditional=bool(dec[i]))
        for i, k in enumerate(group)
        if k in required
    ]
    fixed_needs = any(not n.conditional for n in needs)
    if not dec.any() or not (fixed_needs or must.intersection(group)):
        # Nothing here must be hidden, so hiding nothing more is optimal (and passes: a
        # count that is not hidden needs no range).
        return set(), 0, False
    solver = _Solver(system, dec, needs, must, weights, model, public)
    try:
        hidden, rounds = solver.run()
        return hidden, rounds, False
    except (SolverError, _NoSolution):
        everything = {k for k in group if k in decide}
        wanted = {k: required[k] for k in group if k in required}
        leaks, _ = find_leaks(model, public | (decide - everything), wanted, within=group)
        if leaks:
            raise ProtectionError([leak.key for leak in leaks]) from None
        return everything, MAX_ROUNDS, True


class _NoSolution(Exception):
    pass


class _Solver:
    """Constraint generation for one component (see the module docstring)."""

    def __init__(
        self,
        system: System,
        dec: np.ndarray,
        needs: list[Need],
        must: set[Key],
        weights: Mapping[Key, float],
        model: Model,
        public: set[Key],
    ):
        self.system, self.dec, self.needs = system, dec, needs
        self.model, self.public = model, public
        keys = system.keys
        self.cols = [i for i in range(len(keys)) if dec[i]]  # master variable j -> count index
        self.col_of = {i: j for j, i in enumerate(self.cols)}
        self.cost = np.array([weights[keys[i]] for i in self.cols], dtype=float)
        self.fixed = np.array([keys[i] in must for i in self.cols])
        self.width = {n.i: n.width for n in needs}
        self.by_index = {n.i: n for n in needs}
        top = max(n.width for n in needs)
        self.cap = 4.0 * top + 4.0
        self.cuts: list[np.ndarray] = []
        self.rhs: list[float] = []
        self.passed = 0  # cuts already in the master
        self._row_cuts()

    @cached_property
    def master(self) -> highspy.Highs:
        """The 0-1 programme over y, built when first needed (most components never are)."""
        return self._new_master()

    @cached_property
    def attacker(self) -> highspy.Highs:
        """The capped LP, rebounded for each pattern y."""
        s = self.system
        return highs_model(s, s.lower, s.value + self.cap)

    # --- master -----------------------------------------------------------------------------
    def _add(self, coef: np.ndarray, rhs: float) -> None:
        self.cuts.append(coef)
        self.rhs.append(rhs - CUT_SLACK)

    def _row_cuts(self) -> None:
        """A hidden count alone among published ones in an equation is pinned: hide a partner."""
        a = self.system.a_eq
        for need in self.needs:
            for row in a[np.abs(a[:, need.i]) > 0]:
                partners = [i for i in np.flatnonzero(row) if i != need.i]
                if any(not self.dec[i] for i in partners):
                    continue  # a partner is hidden whatever the pattern
                coef = np.zeros(len(self.cols))
                for i in partners:
                    coef[self.col_of[i]] = 1.0
                if need.conditional:
                    coef[self.col_of[need.i]] -= 1.0
                self._add(coef, 0.0 if need.conditional else 1.0)

    def _satisfies(self, y: np.ndarray) -> bool:
        return all(coef @ y >= rhs for coef, rhs in zip(self.cuts, self.rhs, strict=True))

    def _master(self) -> np.ndarray:
        """The cheapest pattern meeting every cut so far (0-1 programme, solved exactly)."""
        highs = self.master
        for coef, rhs in zip(self.cuts[self.passed :], self.rhs[self.passed :], strict=True):
            nz = np.flatnonzero(np.abs(coef) > 1e-12).astype(np.int32)
            highs.addRow(rhs, highspy.kHighsInf, len(nz), nz, coef[nz])
        self.passed = len(self.cuts)
        highs.run()
        if highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            raise _NoSolution(str(highs.getModelStatus()))
        return np.asarray(highs.getSolution().col_value) > 0.5

    def _new_master(self) -> highspy.Highs:
        m = len(self.cols)
        highs = highspy.Highs()
        highs.setOptionValue("output_flag", False)
        highs.setOptionValue("mip_rel_gap", 0.0)
        highs.setOptionValue("threads", 1)
        highs.addVars(m, self.fixed.astype(float), np.ones(m))
        index = np.arange(m, dtype=np.int32)
        highs.changeColsCost(m, index, self.cost)
        highs.changeColsIntegrality(m, index, np.full(m, highspy.HighsVarType.kInteger))
        return highs

    # --- attacker ---------------------------------------------------------------------------
    def _box(self, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        s = self.system
        hidden = ~self.dec.copy()
        hidden[self.cols] = y
        low = np.where(hidden, s.lower, s.value)
        high = np.where(hidden, s.value + self.cap, s.value)
        return low, high

    def _dual_bound(self, c: np.ndarray, y: np.ndarray) -> tuple[float, float, np.ndarray]:
        """min c.x over the capped box, and its dual bound as K + g.y (valid for every y).

        Any row multipliers give a valid lower bound (Lagrangian relaxation); HiGHS's optimal
        ones make it tight at this y."""
        s = self.system
        low, high = self._box(y)
        n = len(s.keys)
        highs = self.attacker
        highs.changeColsBounds(n, np.arange(n, dtype=np.int32), low, high)
        highs.changeColsCost(n, np.arange(n, dtype=np.int32), c)
        highs.run()
        if highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            highs.clearSolver()
            highs.run()
        if highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            raise SolverError(f"HiGHS failed on the attacker LP: {highs.getModelStatus()}")
        duals = np.asarray(highs.getSolution().row_dual, dtype=float)
        lam, mu = duals[: len(s.b_eq)], np.minimum(duals[len(s.b_eq) :], 0.0)
        r = c - s.a_eq.T @ lam - s.a_ub.T @ mu
        rp, rn = np.maximum(r, 0.0), np.minimum(r, 0.0)
        const = float(lam @ s.b_eq + mu @ s.b_ub)
        fixed = ~self.dec
        const += float(rp[fixed] @ s.lower[fixed] + rn[fixed] @ (s.value[fixed] + self.cap))
        cols = self.cols
        const += float(s.value[cols] @ (rp[cols] + rn[cols]))
        g = -(s.value[cols] - s.lower[cols]) * rp[cols] + self.cap * rn[cols]
        return float(highs.getInfo().objective_function_value), const, g

    def _check(self, need: Need, y: np.ndarray) -> tuple[float, np.ndarray, float]:
        """(width the capped LP allows, cut coefficients, cut right-hand side)."""
        c = np.zeros(len(self.system.keys))
        c[need.i] = 1.0
        low, k1, g1 = self._dual_bound(c, y)
        neg, k2, g2 = self._dual_bound(-c, y)
        width = -neg - low
        coef = -(g1 + g2)
        rhs = k1 + k2
        if need.conditional:
            coef[self.col_of[need.i]] -= self.width[need.i]
        else:
            rhs += self.width[need.i]
        tight = abs((coef @ y) - rhs - (width - self.width[need.i])) <= 1e-6 * (1 + abs(rhs))
        if not tight:  # numerical trouble: fall back to a no-good cut, weak but always valid
            coef = (~y).astype(float)
            if need.conditional:
                coef[self.col_of[need.i]] -= 1.0
                rhs = 0.0
            else:
                rhs = 1.0
        return width, coef, rhs

    # --- loop -------------------------------------------------------------------------------
    def run(self) -> tuple[set[Key], int]:
        """Master, exact audit of its pattern, cuts for what leaks; until nothing leaks."""
        keys = self.system.keys
        index = self.system.index
        for rounds in range(1, MAX_ROUNDS + 1):
            # First try hiding only what must be hidden: the cheapest pattern there is.
            y = self.fixed.copy() if rounds == 1 and self._satisfies(self.fixed) else self._master()
            hidden = {keys[i] for j, i in enumerate(self.cols) if y[j]}
            shown = {keys[i] for j, i in enumerate(self.cols) if not y[j]}
            wanted = {
                keys[n.i]: n.width for n in self.needs if not n.conditional or y[self.col_of[n.i]]
            }
            leaks, _ = find_leaks(self.model, self.public | shown, wanted, within=keys)
            if not leaks:
                return hidden, rounds
            for leak in leaks:
                need = self.by_index[index[leak.key]]
                width, coef, rhs = self._check(need, y)
                if width >= self.width[need.i] - 1e-7:
                    # The LP allows the width but whole numbers (or the cap) do not: ask the
                    # LP for one step more, and cut this pattern off with that.
                    self.width[need.i] = width + float(self.system.step[need.i])
                    self.cap = max(self.cap, 4.0 * self.width[need.i] + 4.0)
                    width, coef, rhs = self._check(need, y)
                self._add(coef, rhs)
        raise _NoSolution("no protecting pattern within the round limit")
