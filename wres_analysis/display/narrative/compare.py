"""Sentences for "How we compare": who the organisation is compared with, and where it sits."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...compare.peers import COMMISSIONER
from ..comparison_view import own_text, parity_distance, quarter, value_text
from ..format import fmt_band
from ..indicator_terms import INDICATOR_NAMES
from .common import sentence


def comparison(record: dict[str, Any], slice_: Mapping[str, Any]) -> list[str]:
    """Who the organisation is compared with, how, and what the published edition uses."""
    peers, region = slice_["peer_label"].lower(), slice_["region"]
    parts = [
        f"This section sets {slice_['name']} beside its peer group ({peers}), the "
        f"other organisations of the {region} region, and the national figures NHS England "
        "publishes. A group's median is the middle organisation's figure; the interquartile "
        "range (IQR) spans the middle half of the group, and n counts the organisations with "
        f"the figure. A group statistic is shown only when at least "
        f"{slice_['min_organisations']} organisations have the figure, so that no "
        "organisation's own figure can be read from it."
    ]
    if not slice_["peers_available"]:
        parts.append(
            "**Peers not available.** Other organisations' figures were not available when "
            f"this section was produced: {sentence(slice_['peers_note'])} Only the national "
            "figures are shown."
        )
    if slice_["published"]:
        parts.append(
            "Every other organisation's figure here comes from its own published report: a "
            "figure it did not publish, to protect small numbers, is left out of every "
            "median, so this comparison reveals nothing disclosure control hid."
        )
    if slice_["peer_group"] == COMMISSIONER:
        parts.append(
            "NHS England's national figures describe NHS trusts; none is published for "
            "commissioners, so the peer group is the closer comparison."
        )
    return parts


def _likelihood_point(
    record: dict[str, Any], entry: Mapping[str, Any], peer_label: str, band: tuple[float, float]
) -> str:
    number = int(entry["indicator"])
    text = f"Indicator {number} ({INDICATOR_NAMES[number]}): {own_text(record, entry)}"
    value, peer = entry["value"], entry["peer"]
    if value is None:
        return sentence(text)
    where = quarter(value, peer)
    if where is not None:
        closer = parity_distance(value) < parity_distance(peer["median"])
        further = parity_distance(value) > parity_distance(peer["median"])
        relation = (
            "closer to parity than"
            if closer
            else "further from parity than"
            if further
            else "as far from parity as"
        )
        text += (
            f", in the {where} of {peer_label.lower()} and {relation} their median of "
            f"{value_text('ratio', peer['median'])}"
        )
    inside = band[0] <= value <= band[1]
    text += f"; {'within' if inside else 'outside'} the non-adverse band {fmt_band(band)}"
    national = entry.get("national")
    if national:
        text += f" (national figure {value_text('ratio', national['value'])} in {national['year']})"
    return sentence(text)


def comparison_points(record: dict[str, Any], slice_: Mapping[str, Any]) -> list[str]:
    """One bullet per relative likelihood: the figure, its place among peers, the band."""
    band = (float(slice_["band"][0]), float(slice_["band"][1]))
    return [
        _likelihood_point(record, entry, slice_["peer_label"], band)
        for entry in slice_["measures"]
        if entry["kind"] == "ratio"
    ]
