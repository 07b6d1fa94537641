"""The greedy disclosure rules used before the optimised method, kept for comparison only.

scripts/bench_disclosure.py (and a test) compare it with the new method; nothing in the
package publishes with it. It is known to leak (see docs/figures.md).

Rules (threshold T from params, default 10):
1. Primary: a count c with 0 < c < T (and c == 0 too if `suppress_zero`) becomes null.
2. Derived: in the same block, the percentages and rates built on a suppressed count
   become null, and so does a relative likelihood built on a nulled rate.
3. Secondary: wherever published cells add up to a published total (White + BME +
   Unknown = total in a row; the bands of a staff type = that staff type's count; the
   staff types = the whole workforce; leadership bands = the senior groups; groups = all
   staff in the risk-assessment figures) and only one of the parts is hidden, the smallest
   other part is hidden too, repeated until no hidden count can be recovered by
   subtraction.
Every nulled figure's dotted path is listed in the record's "suppressed".
"""

from __future__ import annotations

import copy
from typing import Any

from ..targets import BME_DERIVED_KEYS, HEADCOUNT_DERIVED_KEYS

COUNT_KEYS = frozenset(
    {
        "white",
        "bme",
        "unknown",
        "total",
        "shortlisted",
        "appointed",
        "entered",
        "headcount",
        "accessed",
        "members",
        "white_respondents",
        "bme_respondents",
    }
)
GROUP_KEYS = ("white", "bme", "unknown")
# What a suppressed count would give away, within the same block.
DERIVED: dict[str, tuple[str, ...]] = {
    "white": ("white_pct",),
    "bme": ("bme_pct", "difference_pp", *BME_DERIVED_KEYS),
    "unknown": ("unknown_pct",),
    "total": ("white_pct", "bme_pct", "unknown_pct", "difference_pp"),
    "members": ("bme_pct", "difference_pp"),
    "shortlisted": ("rate",),
    "appointed": ("rate",),
    "entered": ("rate",),
    "headcount": ("rate", "assessed_pct", *HEADCOUNT_DERIVED_KEYS),
    "assessed": ("assessed_pct",),
    "accessed": ("rate",),
    "white_respondents": ("white_pct", "difference_pp"),
    "bme_respondents": ("bme_pct", "difference_pp"),
}
# Sub-blocks whose rates a comparison is built from, and the comparisons.
RATE_BLOCKS = ("white", "bme")
COMPARISONS = ("relative_likelihood", "bme_minus_white_pp")
# (part, whole) pairs where the remainder is itself a sensitive count ("not assessed").
COMPLEMENTS = (("assessed", "headcount"),)


def _is_small(value: Any, threshold: int, suppress_zero: bool) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return (0 < value < threshold) or (suppress_zero and value == 0)


class _Suppressor:
    def __init__(self, threshold: int, suppress_zero: bool):
        self.threshold = threshold
        self.suppress_zero = suppress_zero
        self.paths: list[str] = []

    def null(self, block: dict, key: str, path: str) -> None:
        if block.get(key) is not None:
            block[key] = None
            self.paths.append(f"{path}.{key}" if path else key)

    def walk(self, node: Any, path: str) -> bool:
        """Suppress within node; True if anything in it was suppressed."""
        if isinstance(node, list):
            hits = [self.walk(item, f"{path}.{i}") for i, item in enumerate(node)]
            return any(hits)
        if not isinstance(node, dict):
            return False
        small = sorted(
            k
            for k in COUNT_KEYS
            if k in node and _is_small(node[k], self.threshold, self.suppress_zero)
        )
        hidden = set(small) | self._secondary(node, small) | self._complements(node)
        for key in sorted(hidden):
            self.null(node, key, path)
            for derived in DERIVED[key]:
                self.null(node, derived, path)
        child_hits = {
            key: self.walk(node[key], f"{path}.{key}" if path else key)
            for key in sorted(node)
            if isinstance(node[key], dict | list)
        }
        if any(child_hits.get(k) for k in RATE_BLOCKS):
            for key in COMPARISONS:
                self.null(node, key, path)
            if "outside_band" in node:
                node["outside_band"] = None
        return bool(hidden) or any(child_hits.values())

    def _complements(self, node: dict) -> set[str]:
        """Hide a part whose remainder (whole - part) would be a small count."""
        hidden = set()
        for part, whole in COMPLEMENTS:
            counts = isinstance(node.get(part), int) and isinstance(node.get(whole), int)
            if counts and _is_small(node[whole] - node[part], self.threshold, self.suppress_zero):
                hidden.add(part)
        return hidden

    def _secondary(self, node: dict, small: list[str]) -> set[str]:
        """One hidden group beside a shown total: hide the next smallest group as well."""
        hidden = [k for k in GROUP_KEYS if k in small]
        shown = [k for k in GROUP_KEYS if k in node and k not in small and node[k] is not None]
        total_key = "total" if "total" in node else "members"
        total_shown = node.get(total_key) is not None and total_key not in small
        if len(hidden) == 1 and total_shown and shown:
            return {min(shown, key=lambda k: (node[k], GROUP_KEYS.index(k)))}
        return set()


Cell = tuple[dict, str, str]  # (block, key, dotted path of the block)


def _sum_relations(record: dict[str, Any]) -> list[tuple[Cell, list[Cell]]]:
    """Every published total with the published parts that add up to it."""
    relations: list[tuple[Cell, list[Cell]]] = []
    one = record["indicators"].get("1", {})
    rows = [(f"indicators.1.bands.{i}", row) for i, row in enumerate(one.get("bands", []))]
    by_type = one.get("by_staff_type", {})
    overall = one.get("overall")
    blocks = [*rows, *((f"indicators.1.by_staff_type.{t}", b) for t, b in by_type.items())]
    if overall:
        blocks.append(("indicators.1.overall", overall))
    for path, block in blocks:
        relations.append(((block, "total", path), [(block, k, path) for k in GROUP_KEYS]))
    for key in (*GROUP_KEYS, "total"):
        for staff_type, block in by_type.items():
            parts = [(r, key, p) for p, r in rows if r["staff_type"] == staff_type]
            relations.append(((block, key, f"indicators.1.by_staff_type.{staff_type}"), parts))
        if overall and by_type:
            parts = [(b, key, f"indicators.1.by_staff_type.{t}") for t, b in by_type.items()]
            relations.append(((overall, key, "indicators.1.overall"), parts))
    groups = record.get("targets", {}).get("groups", {})
    for name, group in groups.items():
        members = [g for g, other in groups.items() if g != name and _is_part(other, group)]
        if group.get("includes_board") and name != "board" and "board" in groups:
            members.append("board")
        for key, row_key in (("bme", "bme"), ("headcount", "total")):
            if members:
                parts = [(groups[m], key, f"targets.groups.{m}") for m in members]
                relations.append(((group, key, f"targets.groups.{name}"), parts))
            if len(group.get("bands") or []) == 1 and not group.get("includes_board"):
                band_rows = [(r, row_key, p) for p, r in rows if r["band"] == group["bands"][0]]
                relations.append(((group, key, f"targets.groups.{name}"), band_rows))
    risk = record.get("covid", {}).get("risk_assessments", {})
    if isinstance(risk.get("all"), dict):
        for key in ("headcount", "assessed"):
            parts = [(risk[g], key, f"covid.risk_assessments.{g}") for g in GROUP_KEYS if g in risk]
            relations.append(((risk["all"], key, "covid.risk_assessments.all"), parts))
    return relations


def _is_part(part: dict, whole: dict) -> bool:
    """A single-band target group is a part of a multi-band group that contains its band."""
    bands, whole_bands = part.get("bands") or [], whole.get("bands") or []
    return len(bands) == 1 and len(whole_bands) > 1 and bands[0] in whole_bands


def _protect_sums(record: dict[str, Any], suppressor: _Suppressor) -> None:
    """Hide more parts until no hidden part equals a shown total minus shown parts."""
    relations = _sum_relations(record)
    changed = True
    while changed:
        changed = False
        for (total, key, path), parts in relations:
            present = [c for c in parts if c[1] in c[0]]
            hidden = [c for c in present if c[0][c[1]] is None]
            if total.get(key) is None or len(hidden) != 1:
                continue
            shown = [c for c in present if c[0][c[1]] is not None]
            if shown:
                block, part_key, part_path = min(shown, key=lambda c: c[0][c[1]])
                _hide(suppressor, block, part_key, part_path)
            else:
                _hide(suppressor, total, key, path)
            changed = True


def _hide(suppressor: _Suppressor, block: dict, key: str, path: str) -> None:
    suppressor.null(block, key, path)
    for derived in DERIVED.get(key, ()):
        suppressor.null(block, derived, path)


def _hide_workforce_share(record: dict[str, Any], suppressor: _Suppressor) -> None:
    """A hidden workforce BME count also hides every figure built on the workforce share."""
    overall = record["indicators"].get("1", {}).get("overall", {})
    if overall.get("bme") is not None:
        return
    board = record["indicators"].get("9", {})
    if "workforce_bme_pct" in board:
        suppressor.null(board, "workforce_bme_pct", "indicators.9")
        for subset in ("voting", "executive", "all"):
            if isinstance(board.get(subset), dict):
                suppressor.null(board[subset], "difference_pp", f"indicators.9.{subset}")
    targets = record.get("targets")
    if not targets:
        return
    suppressor.null(targets, "workforce_bme_pct", "targets")
    if targets.get("basis") == "workforce":
        suppressor.null(targets, "target_share_pct", "targets")
        for name, group in targets.get("groups", {}).items():
            for key in ("target_share_pct", *HEADCOUNT_DERIVED_KEYS):
                suppressor.null(group, key, f"targets.groups.{name}")


def apply_greedy(record: dict[str, Any], threshold: int, suppress_zero: bool = False) -> dict:
    """A published copy of a record under the old greedy rules (for comparison only)."""
    published = copy.deepcopy(record)
    suppressor = _Suppressor(threshold, suppress_zero)
    suppressor.walk(published["indicators"], "indicators")
    for section in ("targets", "covid"):
        if section in published:
            suppressor.walk(published[section], section)
    _protect_sums(published, suppressor)
    _hide_workforce_share(published, suppressor)
    published["published"] = True
    published["suppressed"] = sorted(suppressor.paths)
    return published
