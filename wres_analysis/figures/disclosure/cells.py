"""A record's counts as variables, and every linear relation a reader can use among them.

Each count cell of a figures record (a headcount, an event count, a respondent number) is
a *variable* named by what it counts, not where it is printed: the same number printed in
two places (indicator 1's overall BME headcount and indicator 3's and 4's BME headcount;
the board's members and the "board" target group; last year's disciplinary entries in
this year's and last year's records) is one variable with several paths. Relations are
homogeneous: sum(coefficient * variable) == 0 ("eq") or <= 0 ("le").

Relations modelled (docs/figures.md lists them for readers):
- indicator 1: White + BME + Unknown = total in every band row, staff type and overall; the
  bands of a staff type add up to it; the staff types add up to the whole workforce;
- indicator 2: appointed <= shortlisted, per group;
- indicator 3: the two-year mean = (last year's + this year's entries) / 2 (pooled: their
  sum; single year: this year's), per group; headcounts = indicator 1's overall (pooled:
  plus last year's overall, itself a variable of last year's record when that is shown);
- indicator 4: headcounts = indicator 1's overall; accessed <= headcount (when it holds);
- indicator 9: White + BME + Unknown = members for voting, executive and all members;
  voting and executive members are among all members (each count <= the "all" count);
- targets: each group's headcount and BME count = the sum of its bands' rows (and the
  board's, for groups that include it);
- COVID-19 risk assessments: the groups add up to "all"; staff not assessed
  (headcount - assessed) is a count too, never printed, protected like the others.

Derived figures (percentages, rates, relative likelihoods, differences, targets, flags)
are not variables: each lists the counts it is built from and is published only when all
of them are, so it tells a reader nothing the published counts do not.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

Key = tuple[Any, ...]
Path = tuple[str | int, ...]
GROUPS: tuple[str, ...] = ("white", "bme", "unknown")
BOARD_SUBSETS: tuple[str, ...] = ("voting", "executive", "all")
SURVEY_INDICATORS: tuple[str, ...] = ("5", "6", "7", "8")


@dataclass
class Var:
    """One count: its true value and what a reader may know about it from the record's shape."""

    key: Key
    value: float
    step: float = 1.0  # the lattice it lives on: 1 for counts, 0.5 for a two-year mean
    owner: int = 0  # earliest year whose record shows or implies it
    paths: dict[int, list[Path]] = field(default_factory=dict)  # year -> paths printed
    zero_visible: bool = False  # a note or an uncomputable figure would show it is zero
    structural: bool = False  # fixed by the record's shape alone (e.g. a sum of no rows)
    board: bool = False  # board composition (exempt from suppression if so configured)
    implicit: bool = False  # a count no figure prints (e.g. staff not risk-assessed)

    @property
    def integer(self) -> bool:
        return self.step == 1.0

    @property
    def latent(self) -> bool:
        """Printed nowhere: a reader never sees it, but it links printed counts."""
        return not any(self.paths.values())

    @property
    def lower(self) -> float:
        """What a reader knows from below: zero, or one step if it is visibly non-zero."""
        return self.step if self.zero_visible and self.value > 0 else 0.0


@dataclass(frozen=True)
class Relation:
    """sum(coefficient * variable) == 0 (sense "eq") or <= 0 (sense "le")."""

    terms: tuple[tuple[Key, float], ...]
    sense: str


@dataclass(frozen=True)
class Derived:
    """A figure built from counts: published only when every count it uses is."""

    path: Path
    inputs: tuple[Key, ...]


@dataclass
class Model:
    """Variables and relations of one or more records (merged by variable key)."""

    vars: dict[Key, Var] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    cells: dict[int, dict[Path, Key]] = field(default_factory=dict)  # year -> path -> key
    derived: dict[int, list[Derived]] = field(default_factory=dict)

    def var(self, key: Key, value: float, year: int, **flags: Any) -> Key:
        """Register a variable (or add flags to one already known) and return its key."""
        known = self.vars.get(key)
        if known is None:
            self.vars[key] = Var(key=key, value=float(value), owner=year, **flags)
            return key
        if abs(known.value - float(value)) > 1e-9:
            raise ValueError(f"{key} is {known.value} in one record and {value} in another")
        known.owner = min(known.owner, year)
        for name, flag in flags.items():
            if name == "step":
                known.step = min(known.step, flag)
            elif flag:
                setattr(known, name, True)
        return key

    def cell(self, year: int, path: Path, key: Key, value: Any, **flags: Any) -> Key | None:
        """A printed count at `path` of `year`'s record; None when the record has no number."""
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        self.var(key, value, year, **flags)
        self.vars[key].paths.setdefault(year, []).append(path)
        self.cells.setdefault(year, {})[path] = key
        return key

    def relate(self, terms: Iterable[tuple[Key | None, float]], sense: str = "eq") -> None:
        """Add a relation; terms whose count is absent from the record make it unusable."""
        terms = tuple(terms)
        if any(key is None for key, _ in terms):
            return
        self.relations.append(Relation(terms, sense))  # type: ignore[arg-type]

    def total(self, whole: Key | None, parts: Iterable[Key | None], weight: float = 1.0) -> None:
        """weight * whole = sum(parts)."""
        self.relate([(whole, weight), *((p, -1.0) for p in parts)])

    def derive(
        self,
        year: int,
        block: Mapping[str, Any],
        path: Path,
        keys: Iterable[str],
        inputs: Iterable[Key | None],
    ) -> None:
        """Figures at path.<key> (those present in the block) are built from `inputs`."""
        used = tuple(k for k in inputs if k is not None)
        for key in keys:
            if key in block:
                self.derived.setdefault(year, []).append(Derived((*path, key), used))

    def merge(self, other: Model) -> None:
        """Add another record's variables and relations (shared keys are one variable)."""
        for key, var in other.vars.items():
            flags = {
                "step": var.step,
                **{
                    name: getattr(var, name)
                    for name in ("zero_visible", "structural", "board", "implicit")
                },
            }
            self.var(key, var.value, var.owner, **flags)
            for year, paths in var.paths.items():
                self.vars[key].paths.setdefault(year, []).extend(paths)
        self.relations.extend(other.relations)
        for year, cells in other.cells.items():
            self.cells.setdefault(year, {}).update(cells)
        for year, derived in other.derived.items():
            self.derived.setdefault(year, []).extend(derived)

    def finish(self) -> Model:
        """Merge variables that a relation makes equal, then mark structural zeros."""
        _merge_identities(self)
        _propagate_structural(self)
        self._touching = None
        return self

    def touching(self, keys: Iterable[Key]) -> list[Relation]:
        """The relations that involve any of `keys`, in the model's order."""
        index = getattr(self, "_touching", None)
        if index is None:
            index = {}
            for i, rel in enumerate(self.relations):
                for key, _ in rel.terms:
                    index.setdefault(key, []).append(i)
            self._touching = index
        found = sorted({i for key in keys for i in index.get(key, ())})
        return [self.relations[i] for i in found]


def _merge_identities(model: Model) -> None:
    """x - y == 0 makes x and y one variable (the first registered keeps its key)."""
    order = {key: i for i, key in enumerate(model.vars)}
    parent = {key: key for key in model.vars}

    def find(key: Key) -> Key:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for rel in model.relations:
        if rel.sense == "eq" and len(rel.terms) == 2:
            (a, ca), (b, cb) = rel.terms
            if ca == -cb and a != b:
                ra, rb = find(a), find(b)
                if ra != rb:
                    keep, drop = (ra, rb) if order[ra] < order[rb] else (rb, ra)
                    parent[drop] = keep
    if all(find(k) == k for k in model.vars):
        return
    merged: dict[Key, Var] = {}
    for key, var in model.vars.items():
        root = find(key)
        if root not in merged:
            merged[root] = model.vars[root]
        if root != key:
            target = merged[root]
            if abs(target.value - var.value) > 1e-9:
                raise ValueError(f"{key} = {var.value} but {root} = {target.value}")
            target.step = min(target.step, var.step)
            target.owner = min(target.owner, var.owner)
            for name in ("zero_visible", "structural", "board", "implicit"):
                setattr(target, name, getattr(target, name) or getattr(var, name))
            for year, paths in var.paths.items():
                target.paths.setdefault(year, []).extend(paths)
    model.vars = merged
    relations = []
    for rel in model.relations:
        terms: dict[Key, float] = {}
        for key, coef in rel.terms:
            root = find(key)
            terms[root] = terms.get(root, 0.0) + coef
        kept = tuple((k, c) for k, c in terms.items() if c != 0)
        if kept:
            relations.append(Relation(kept, rel.sense))
    model.relations = relations
    model.cells = {
        year: {path: find(key) for path, key in cells.items()}
        for year, cells in model.cells.items()
    }
    model.derived = {
        year: [Derived(d.path, tuple(dict.fromkeys(find(k) for k in d.inputs))) for d in items]
        for year, items in model.derived.items()
    }


def _propagate_structural(model: Model) -> None:
    """Counts the shape alone fixes: a visible zero; a sum of nothing; parts of a zero sum."""
    for var in model.vars.values():
        if var.zero_visible and var.value == 0:
            var.structural = True
    changed = True
    while changed:
        changed = False
        for rel in model.relations:
            pos = [k for k, c in rel.terms if c > 0]
            neg = [k for k, c in rel.terms if c < 0]
            sides = [(pos, neg), (neg, pos)] if rel.sense == "eq" else [(neg, pos)]
            for side, other in sides:
                # Non-negative counts: if one side is all zero, so is the other.
                if all(model.vars[k].structural for k in side):
                    for key in other:
                        var = model.vars[key]
                        if not var.structural:
                            if var.value != 0:
                                raise ValueError(f"{key} should be 0 but is {var.value}")
                            var.structural = True
                            changed = True


# --- building a record's model ---------------------------------------------------------------


def record_model(record: Mapping[str, Any]) -> Model:
    """The variables, relations and derived figures of one figures record (not finished)."""
    year = int(record.get("year") or 0)
    model = Model()
    model.cells.setdefault(year, {})
    model.derived.setdefault(year, [])
    indicators = record.get("indicators") or {}
    overall = _indicator_1(model, year, indicators.get("1"))
    _indicator_2(model, year, indicators.get("2"))
    _indicator_3(model, year, indicators.get("3"), overall)
    _indicator_4(model, year, indicators.get("4"), overall)
    _survey(model, year, indicators)
    board = _indicator_9(model, year, indicators.get("9"), overall)
    _targets(model, year, record.get("targets"), indicators.get("1"), board, overall)
    _risk(model, year, (record.get("covid") or {}).get("risk_assessments"))
    return model


def _usable(block: Any) -> bool:
    return isinstance(block, Mapping) and block.get("available") is not False


def _shares_block(
    model: Model, year: int, block: Mapping[str, Any], path: Path, key: Key
) -> dict[str, Key | None]:
    """White, BME, Unknown and total of an indicator 1 block, with their row relation."""
    cells = {
        g: model.cell(year, (*path, g), (*key, g), block.get(g), zero_visible=g == "total")
        for g in (*GROUPS, "total")
    }
    model.total(cells["total"], [cells[g] for g in GROUPS])
    for g in GROUPS:
        model.derive(year, block, path, (f"{g}_pct",), (cells[g], cells["total"]))
    return cells


def _indicator_1(model: Model, year: int, block: Any) -> dict[str, Key | None]:
    if not _usable(block):
        return {}
    path: Path = ("indicators", "1")
    rows = []
    for i, row in enumerate(block.get("bands") or []):
        key = ("wf", year, row.get("staff_type"), row.get("band"))
        rows.append((row, _shares_block(model, year, row, (*path, "bands", i), key)))
    by_type = block.get("by_staff_type") or {}
    types = {}
    for staff_type, sub in by_type.items():
        types[staff_type] = _shares_block(
            model, year, sub, (*path, "by_staff_type", staff_type), ("wf", year, staff_type, "*")
        )
        for g in (*GROUPS, "total"):
            parts = [cells[g] for row, cells in rows if row.get("staff_type") == staff_type]
            model.total(types[staff_type][g], parts)
    overall: dict[str, Key | None] = {}
    if isinstance(block.get("overall"), Mapping):
        overall = _shares_block(
            model, year, block["overall"], (*path, "overall"), ("wf", year, "*", "*")
        )
        if types:
            for g in (*GROUPS, "total"):
                model.total(overall[g], [cells[g] for cells in types.values()])
    return overall


def _indicator_2(model: Model, year: int, block: Any) -> None:
    if not _usable(block):
        return
    path: Path = ("indicators", "2")
    keys: dict[str, dict[str, Key | None]] = {}
    for g in GROUPS:
        sub = block.get(g)
        if not isinstance(sub, Mapping):
            continue
        keys[g] = {
            c: model.cell(
                year,
                (*path, g, c),
                ("rec", year, g, c),
                sub.get(c),
                zero_visible=(g in ("white", "bme") and c == "shortlisted")
                or (g, c) == ("bme", "appointed"),
            )
            for c in ("shortlisted", "appointed")
        }
        model.relate([(keys[g]["appointed"], 1.0), (keys[g]["shortlisted"], -1.0)], "le")
        if g != "unknown":
            model.derive(year, sub, (*path, g), ("rate",), keys[g].values())
    _comparison(model, year, block, path, keys, "appointed")


def _comparison(
    model: Model,
    year: int,
    block: Mapping[str, Any],
    path: Path,
    keys: Mapping[str, Mapping[str, Key | None]],
    events: str,
) -> None:
    """A relative likelihood (and its band flag and note) uses both groups' counts."""
    both = [k for g in ("white", "bme") for k in (keys.get(g) or {}).values()]
    model.derive(year, block, path, ("relative_likelihood", "outside_band"), both)
    model.derive(
        year,
        block,
        path,
        ("small_numbers",),
        [(keys.get(g) or {}).get(events) for g in ("white", "bme")],
    )


def _indicator_3(model: Model, year: int, block: Any, overall: Mapping[str, Key | None]) -> None:
    if not _usable(block):
        return
    path: Path = ("indicators", "3")
    method = block.get("method_key", "single")
    by_year = block.get("entered_by_year") or {}
    entries: dict[str, list[Key | None]] = {g: [] for g in GROUPS}
    for y, counts in sorted(by_year.items()):
        for g in GROUPS:
            entries[g].append(
                model.cell(
                    year,
                    (*path, "entered_by_year", y, g),
                    ("disc", int(y), g),
                    (counts or {}).get(g),
                )
            )
    weight = 2.0 if method == "mean_entries_current_headcount" else 1.0
    keys: dict[str, dict[str, Key | None]] = {}
    for g in GROUPS:
        sub = block.get(g)
        if not isinstance(sub, Mapping):
            continue
        mean = model.cell(
            year,
            (*path, g, "entered"),
            ("disc_mean", year, g),
            sub.get("entered"),
            step=1.0 / weight,
            zero_visible=g == "white",
        )
        model.total(mean, entries[g], weight)
        headcount = _headcount_3(model, year, path, g, sub, method, overall)
        keys[g] = {"entered": mean, "headcount": headcount}
        if g != "unknown":
            model.derive(year, sub, (*path, g), ("rate",), keys[g].values())
    _comparison(model, year, block, path, keys, "entered")


def _headcount_3(
    model: Model,
    year: int,
    path: Path,
    g: str,
    sub: Mapping[str, Any],
    method: str,
    overall: Mapping[str, Key | None],
) -> Key | None:
    own = overall.get(g)
    value = sub.get("headcount")
    if method != "pooled":
        return model.cell(
            year,
            (*path, g, "headcount"),
            own or ("wf", year, "*", "*", g),
            value,
            zero_visible=g != "unknown",
        )
    pooled = model.cell(
        year, (*path, g, "headcount"), ("disc_head", year, g), value, zero_visible=g != "unknown"
    )
    if own is None or pooled is None:
        return pooled
    before = ("wf", year - 1, "*", "*", g)
    model.var(before, value - model.vars[own].value, year)
    model.total(pooled, [own, before])
    return pooled


def _indicator_4(model: Model, year: int, block: Any, overall: Mapping[str, Key | None]) -> None:
    if not _usable(block):
        return
    path: Path = ("indicators", "4")
    keys: dict[str, dict[str, Key | None]] = {}
    for g in GROUPS:
        sub = block.get(g)
        if not isinstance(sub, Mapping):
            continue
        headcount = model.cell(
            year,
            (*path, g, "headcount"),
            overall.get(g) or ("wf", year, "*", "*", g),
            sub.get("headcount"),
            zero_visible=g != "unknown",
        )
        accessed = model.cell(
            year,
            (*path, g, "accessed"),
            ("train", year, g),
            sub.get("accessed"),
            zero_visible=g == "bme",
        )
        keys[g] = {"accessed": accessed, "headcount": headcount}
        if accessed and headcount and sub["accessed"] <= sub["headcount"]:
            # Staff who accessed training are staff: a reader may assume it, so we do.
            model.relate([(accessed, 1.0), (headcount, -1.0)], "le")
        if g != "unknown":
            model.derive(year, sub, (*path, g), ("rate",), keys[g].values())
    _comparison(model, year, block, path, keys, "accessed")


def _survey(model: Model, year: int, indicators: Mapping[str, Any]) -> None:
    for number in SURVEY_INDICATORS:
        block = indicators.get(number)
        if not _usable(block):
            continue
        path: Path = ("indicators", number)
        respondents = {
            g: model.cell(
                year,
                (*path, f"{g}_respondents"),
                ("survey", year, number, g),
                block.get(f"{g}_respondents"),
            )
            for g in ("white", "bme")
        }
        for g in ("white", "bme"):
            model.derive(year, block, path, (f"{g}_pct",), (respondents[g],))
        model.derive(year, block, path, ("difference_pp",), respondents.values())


def _indicator_9(
    model: Model, year: int, block: Any, overall: Mapping[str, Key | None]
) -> dict[str, Key | None]:
    if not _usable(block):
        return {}
    path: Path = ("indicators", "9")
    workforce = (overall.get("bme"), overall.get("total"))
    model.derive(year, block, path, ("workforce_bme_pct",), workforce)
    subsets: dict[str, dict[str, Key | None]] = {}
    for subset in BOARD_SUBSETS:
        sub = block.get(subset)
        if not isinstance(sub, Mapping):
            continue
        cells = {
            c: model.cell(
                year,
                (*path, subset, c),
                ("board", year, subset, c),
                sub.get(c),
                board=True,
                zero_visible=c == "members",
            )
            for c in ("members", *GROUPS)
        }
        model.total(cells["members"], [cells[g] for g in GROUPS])
        model.derive(year, sub, (*path, subset), ("bme_pct",), (cells["bme"], cells["members"]))
        model.derive(
            year,
            sub,
            (*path, subset),
            ("difference_pp",),
            (cells["bme"], cells["members"], *workforce),
        )
        subsets[subset] = cells
    if "all" in subsets:
        for subset in ("voting", "executive"):
            for c, key in subsets.get(subset, {}).items():
                model.relate([(key, 1.0), (subsets["all"][c], -1.0)], "le")
    return subsets.get("all", {})


# Figures of a target group built from its headcount, its BME count and the target share.
TARGET_GROUP_KEYS: tuple[str, ...] = (
    "parity_target_people",
    "parity_target_people_rounded_up",
    "gap_people",
    "required_bme_appointment_share_pct",
    "bme_appointments_to_target_year",
    "trajectory_note",
)
STATED_TARGET_KEYS: tuple[str, ...] = (
    "share_of_current_headcount_pct",
    "parity_target_people_rounded_up",
    "difference_from_parity_people",
    "relation",
    "gap_people",
    "required_bme_appointment_share_pct",
    "vacancies_to_target_year",
    "bme_appointments_to_target_year",
    "trajectory_note",
)


def _targets(
    model: Model,
    year: int,
    targets: Any,
    one: Any,
    board: Mapping[str, Key | None],
    overall: Mapping[str, Key | None],
) -> None:
    if not isinstance(targets, Mapping):
        return
    share: tuple[Key | None, ...] = ()
    if targets.get("basis", "workforce") == "workforce":
        share = (overall.get("bme"), overall.get("total"))
    model.derive(
        year,
        targets,
        ("targets",),
        ("workforce_bme_pct",),
        (overall.get("bme"), overall.get("total")),
    )
    model.derive(year, targets, ("targets",), ("target_share_pct",), share)
    rows = [
        (r, ("wf", year, r.get("staff_type"), r.get("band")))
        for r in ((one or {}).get("bands") or [])
        if _usable(one)
    ]
    for name, group in (targets.get("groups") or {}).items():
        path: Path = ("targets", "groups", name)
        cells = {
            c: model.cell(
                year,
                (*path, c),
                ("target", year, name, c),
                group.get(c),
                zero_visible=c == "headcount",
            )
            for c in ("headcount", "bme")
        }
        if "bands" in group:
            for c, g in (("headcount", "total"), ("bme", "bme")):
                parts = [(*key, g) for row, key in rows if row.get("band") in group["bands"]]
                if group.get("includes_board"):
                    parts.append(board.get("members" if c == "headcount" else "bme"))
                model.total(cells[c], parts)
        both = (cells["headcount"], cells["bme"], *share)
        model.derive(year, group, path, ("target_share_pct",), share)
        model.derive(year, group, path, ("vacancies_to_target_year",), (cells["headcount"],))
        model.derive(year, group, path, ("bme_pct",), (cells["headcount"], cells["bme"]))
        model.derive(year, group, path, TARGET_GROUP_KEYS, both)
        stated = group.get("stated_target")
        if isinstance(stated, Mapping):
            model.derive(year, stated, (*path, "stated_target"), STATED_TARGET_KEYS, both)


def _risk(model: Model, year: int, block: Any) -> None:
    if not _usable(block) or not isinstance(block, Mapping):
        return
    path: Path = ("covid", "risk_assessments")
    keys: dict[str, dict[str, Key | None]] = {}
    for g in (*GROUPS, "all"):
        sub = block.get(g)
        if not isinstance(sub, Mapping):
            continue
        keys[g] = {
            c: model.cell(
                year, (*path, g, c), ("risk", year, g, c), sub.get(c), zero_visible=c == "headcount"
            )
            for c in ("headcount", "assessed")
        }
        headcount, assessed = keys[g]["headcount"], keys[g]["assessed"]
        if headcount and assessed:
            # Staff not assessed: printed nowhere, but a count to protect like any other.
            missing = model.var(
                ("risk", year, g, "not_assessed"),
                sub["headcount"] - sub["assessed"],
                year,
                implicit=True,
            )
            model.total(headcount, [assessed, missing])
        model.derive(year, sub, (*path, g), ("assessed_pct",), keys[g].values())
    if "all" in keys:
        for c in ("headcount", "assessed"):
            model.total(keys["all"][c], [keys[g][c] for g in GROUPS if g in keys])
    pair = [k for g in ("white", "bme") for k in (keys.get(g) or {}).values()]
    model.derive(year, block, path, ("bme_minus_white_pp",), pair)
