"""The comparison dataset: every organisation's headline figures of one year, side by side.

From each organisation's record of the year (in one edition) it takes the measures a board
compares (`COMPARED`: each indicator's front-page headline, `figures.summary.HEADLINE`, plus
the two measures NHS England publishes nationally: the workforce's and the board's BME
shares), read by `figures.trends.indicator_series` exactly as the report reads them. It
then summarises each group (peer group, region, all organisations) per measure:

- n: the organisations that have a value (a null figure, or one not required that year,
  is left out, never counted as 0);
- median and quartiles (q1, q3: the interquartile range), by `statistics.quantiles` with
  the "inclusive" method (linear interpolation between order statistics, as numpy's and
  Excel's default QUARTILE.INC);
- for relative likelihoods, how many lie outside the non-adverse band.

A group statistic is given only when at least `MIN_ORGANISATIONS` (3) organisations have a
value; otherwise it says so, since the "median" of one or two organisations would simply
be their own figures. A published dataset is built only from published records, so a
figure hidden in an organisation's published report is null here too and never enters a
statistic: benchmarking can reveal nothing that disclosure control hid.

The dataset is deterministic JSON (sorted keys, organisations by code); `comparison_for`
cuts out the part one organisation's "How we compare" section shows.
"""

from __future__ import annotations

import hashlib
import math
import statistics
from collections.abc import Iterable, Mapping
from typing import Any

from ..figures.summary import HEADLINE, band_of
from ..figures.trends import DEFAULT_BAND, MEASURE_BY_KEY, Measure, indicator_series, outside_band
from ..params import Organisation
from .national import national_figure
from .peers import GROUP_LABELS, PEER_GROUPS, peer_group
from .slices import DATASET_VERSION, comparison_for

__all__ = ["comparison_dataset", "comparison_for", "group_statistics", "standalone_dataset"]

MIN_ORGANISATIONS = 3
FEW_NOTE = (
    f"fewer than {MIN_ORGANISATIONS} organisations have this figure, so no median is shown "
    "(it would reveal their own figures)"
)
NO_REGION = "not recorded"

#: The measures compared, in page order: (indicator, measure) keys of `figures.trends`.
COMPARED: tuple[tuple[int, str], ...] = (
    (1, "workforce_bme_pct"),
    (1, HEADLINE[1]),
    (2, HEADLINE[2]),
    (3, HEADLINE[3]),
    (4, HEADLINE[4]),
    (5, HEADLINE[5]),
    (6, HEADLINE[6]),
    (7, HEADLINE[7]),
    (8, HEADLINE[8]),
    (9, HEADLINE[9]),
    (9, "all_bme_pct"),
)


def measure_key(indicator: int, measure: str) -> str:
    """The key of a compared measure in the dataset, e.g. "2.relative_likelihood"."""
    return f"{indicator}.{measure}"


def compared_measures() -> list[Measure]:
    """The compared measures, in page order."""
    return [MEASURE_BY_KEY[key] for key in COMPARED]


def record_digest(record: Mapping[str, Any]) -> str:
    """sha256 of a record's canonical JSON (as in figures.json), to tell a stale dataset."""
    from ..figures import to_json

    return hashlib.sha256(to_json(dict(record)).encode("utf-8")).hexdigest()


def _status(record: Mapping[str, Any], m: Measure, note: str) -> str:
    """Why a measure has no value: "not_required", "not_available", "hidden" (disclosure
    control, in a published record) or "not_computable"."""
    block = record.get("indicators", {}).get(str(m.indicator)) or {}
    if m.path and block.get("required") is False:
        return "not_required"
    if m.path and (not block or block.get("available") is False):
        return "not_available"
    if record.get("published"):
        listed = {str(p).lstrip("/").replace("/", ".") for p in record.get("suppressed") or []}
        dotted = ".".join(("indicators", str(m.indicator), *m.path))
        if dotted in listed or "suppress" in note:
            return "hidden"
    return "not_computable"


def record_values(record: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """{measure key: {"value", "status", "note"}} for one record: the value unrounded, or
    None with its status (`_status`) and the record's note."""
    year = int(record["year"])
    frame = indicator_series({year: record})
    out = {}
    for m in compared_measures():
        row = frame[(frame["indicator"] == m.indicator) & (frame["measure"] == m.measure)]
        value = float(row["value"].iloc[0])
        note = "" if not math.isnan(value) else str(row["note"].iloc[0])
        out[measure_key(m.indicator, m.measure)] = {
            "value": None if math.isnan(value) else value,
            "status": "value" if not math.isnan(value) else _status(record, m, note),
            "note": note,
        }
    return out


def group_statistics(
    values: Iterable[float | None], kind: str, band: tuple[float, float]
) -> dict[str, Any]:
    """n, median, quartiles (and outside-band count for ratios) of the non-null values.

    With fewer than MIN_ORGANISATIONS values every statistic is None and the note says why.
    """
    present = sorted(v for v in values if v is not None)
    stats: dict[str, Any] = {"n": len(present), "median": None, "q1": None, "q3": None}
    if kind == "ratio":
        stats["outside_band"] = None
    if len(present) < MIN_ORGANISATIONS:
        stats["note"] = FEW_NOTE
        return stats
    q1, _, q3 = statistics.quantiles(present, n=4, method="inclusive")
    stats.update(median=statistics.median(present), q1=q1, q3=q3, note="")
    if kind == "ratio":
        stats["outside_band"] = sum(outside_band(v, band) for v in present)
    return stats


def _organisation(code: str, organisations: Mapping[str, Organisation]) -> Organisation:
    return organisations.get(code) or Organisation(
        code=code, name=code, type="organisation", region=NO_REGION
    )


def _check_records(records: Mapping[str, Mapping[str, Any]], year: int, published: bool) -> None:
    for code, record in records.items():
        if int(record.get("year", -1)) != year:
            raise ValueError(f"{code}: record of {record.get('year')}, expected {year}")
        if bool(record.get("published")) != published:
            edition = "a published" if published else "an internal"
            raise ValueError(f"{code}: {edition} dataset takes only {edition[2:]} records")


def comparison_dataset(
    records: Mapping[str, Mapping[str, Any]],
    organisations: Mapping[str, Organisation],
    year: int,
    published: bool,
) -> dict[str, Any]:
    """The dataset of one year and edition from every organisation's record of that year.

    `records` maps organisation code to that organisation's record of `year`: published
    records for a published dataset (an internal record there is refused, and vice versa).
    `organisations` gives each one's name, type (for the peer group) and region; a code it
    lacks is an "other" organisation with no region recorded.
    """
    _check_records(records, year, published)
    codes = sorted(records)
    band = band_of(records[codes[0]]) if codes else DEFAULT_BAND
    orgs: dict[str, Any] = {}
    for code in codes:
        org = _organisation(code, organisations)
        orgs[code] = {
            "name": org.name,
            "type": org.type,
            "peer_group": peer_group(org.type),
            "region": org.region,
            "record_sha256": record_digest(records[code]),
            "values": record_values(records[code]),
        }
    members: dict[str, list[str]] = {}
    for group in PEER_GROUPS:
        found = [c for c in codes if orgs[c]["peer_group"] == group]
        if found:
            members[f"peer:{group}"] = found
    for region in sorted({orgs[c]["region"] for c in codes}):
        members[f"region:{region}"] = [c for c in codes if orgs[c]["region"] == region]
    members["all"] = codes
    groups = {}
    for name, found in members.items():
        groups[name] = {
            "label": _group_label(name),
            "members": found,
            "measures": {
                measure_key(m.indicator, m.measure): group_statistics(
                    (
                        orgs[c]["values"][measure_key(m.indicator, m.measure)]["value"]
                        for c in found
                    ),
                    m.kind,
                    band,
                )
                for m in compared_measures()
            },
        }
    return {
        "dataset": DATASET_VERSION,
        "year": year,
        "published": published,
        "band": list(band),
        "min_organisations": MIN_ORGANISATIONS,
        "peers_available": True,
        "excluded": [],
        "measures": [_measure_entry(m, year) for m in compared_measures()],
        "organisations": orgs,
        "groups": groups,
    }


def _group_label(name: str) -> str:
    if name == "all":
        return "All organisations"
    kind, _, value = name.partition(":")
    return GROUP_LABELS[value] if kind == "peer" else f"{value} region"


def _measure_entry(m: Measure, year: int) -> dict[str, Any]:
    national = national_figure(m.indicator, m.measure, year)
    return {
        "key": measure_key(m.indicator, m.measure),
        "indicator": m.indicator,
        "measure": m.measure,
        "label": m.label,
        "kind": m.kind,
        "orientation": m.orientation,
        "national": None if national is None else national.as_dict(),
    }


def standalone_dataset(
    record: Mapping[str, Any], organisation: Organisation, year: int, published: bool, why: str
) -> dict[str, Any]:
    """A dataset of one organisation alone (no peers), saying why peers are missing."""
    code = organisation.code
    dataset = comparison_dataset({code: record}, {code: organisation}, year, published)
    dataset["peers_available"] = False
    dataset["peers_note"] = why
    return dataset
