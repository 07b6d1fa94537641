"""Disclosure control for published records: small counts and what they would reveal.

Rules (threshold T from params, default 10):
1. Primary: a count c with 0 < c < T (and c == 0 too if `suppress_zero`) becomes null.
2. Derived: in the same block, the percentages and rates built on a suppressed count
   become null, and so does a relative likelihood built on a nulled rate.
3. Secondary: where a block shows White, BME and Unknown beside their total and only one
   of the three is suppressed, the smallest other one is suppressed too, so the hidden
   count cannot be recovered by subtraction.
Every nulled figure's dotted path is listed in the record's "suppressed".
"""

from __future__ import annotations

import copy
from typing import Any

from .targets import BME_DERIVED_KEYS, HEADCOUNT_DERIVED_KEYS

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


def apply_disclosure(record: dict[str, Any], threshold: int, suppress_zero: bool = False) -> dict:
    """A published copy of a record: small counts and what they reveal set to null."""
    published = copy.deepcopy(record)
    suppressor = _Suppressor(threshold, suppress_zero)
    suppressor.walk(published["indicators"], "indicators")
    for section in ("targets", "covid"):
        if section in published:
            suppressor.walk(published[section], section)
    _hide_workforce_share(published, suppressor)
    published["published"] = True
    published["suppressed"] = sorted(suppressor.paths)
    return published
