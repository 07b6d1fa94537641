"""Peer groups: which organisations a board should compare itself with.

An organisation's `type` in params/organisations.yaml is free text ("acute trust", "Mental
Health and Community Trust", "CCG", ...). `peer_group` reads it case-insensitively, first
rule that matches wins, into one of four peer groups:

- ambulance: "ambulance";
- mental health and community: "mental health", "community", "learning disabilit",
  "care trust";
- acute: "acute", "hospital", "specialist";
- commissioner: "ccg", "clinical commissioning", "commissioner", "commissioning", "icb",
  "integrated care board", "csu".

A key must start a word ("ccg" finds "CCGs"; "icb" is never found inside another word).
Anything else is "other", a group of its own, so an unusual organisation is never compared
with trusts of a kind it is not. Ambulance comes first: "ambulance trust" is not acute.
"""

from __future__ import annotations

import re

AMBULANCE = "ambulance"
MENTAL_HEALTH = "mental health and community"
ACUTE = "acute"
COMMISSIONER = "commissioner"
OTHER = "other"

#: The peer groups in the order pages list them.
PEER_GROUPS: tuple[str, ...] = (ACUTE, MENTAL_HEALTH, AMBULANCE, COMMISSIONER, OTHER)

#: (peer group, words that put a type in it), tried in order.
RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (AMBULANCE, ("ambulance",)),
    (MENTAL_HEALTH, ("mental health", "community", "learning disabilit", "care trust")),
    (ACUTE, ("acute", "hospital", "specialist")),
    (
        COMMISSIONER,
        (
            "ccg",
            "clinical commissioning",
            "commissioner",
            "commissioning",
            "icb",
            "integrated care board",
            "csu",
        ),
    ),
)

#: How each group is named on a page.
GROUP_LABELS: dict[str, str] = {
    ACUTE: "Acute trusts",
    MENTAL_HEALTH: "Mental health and community trusts",
    AMBULANCE: "Ambulance trusts",
    COMMISSIONER: "Commissioners (CCGs)",
    OTHER: "Other organisations",
}


def _words(text: str) -> str:
    return " " + re.sub(r"[^a-z0-9]+", " ", text.lower()).strip() + " "


def peer_group(org_type: str) -> str:
    """The peer group of an organisation type (see the module's table); "other" if none."""
    words = _words(org_type)
    for group, keys in RULES:
        # A key must start a word: "ccg" finds "CCGs", but "icb" is not found inside a word.
        if any(f" {key}" in words for key in keys):
            return group
    return OTHER
