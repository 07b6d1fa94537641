"""Every organisation's record of a year, gathered for the comparison dataset.

The organisations are the year's list in params/years/<YEAR>.yaml and any others given.
A record already at hand (a run's freshly computed figures) is used as it is; any other is
read from its figures artefact when that is current, else computed, in the same edition.
An organisation whose figures cannot be computed (no data folder, bad data) is left out and
named in the dataset's `excluded` list, so one bad extract never stops the comparison.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ..params import load_organisations
from .dataset import comparison_dataset
from .run_step import year_organisations


def artefact_record(
    code: str, year: int, *, published: bool, data_dir: Path, params_dir: Path, outputs_dir: Path
) -> dict[str, Any] | None:
    """The organisation's record of `year` from its figures artefact, when that is current
    (computed from the files and code as they are now); else None."""
    from ..pipeline.figures_artefact import artefact_intact, current_figures_key
    from ..pipeline.manifest import read_manifest
    from ..pipeline.output_paths import OrgOutputs

    outputs = OrgOutputs(outputs_dir, year, code, published)
    manifest = read_manifest(outputs.manifest)
    if manifest is None:
        return None
    hashes = manifest.get("figures") or {}
    key = current_figures_key(data_dir, params_dir, code, year, published)
    if manifest.get("figures_key") != key or not artefact_intact(outputs, hashes):
        return None
    return read_figures(outputs.figures)


def year_records(
    year: int,
    *,
    published: bool,
    data_dir: Path,
    params_dir: Path,
    outputs_dir: Path,
    records: Mapping[str, Mapping[str, Any]] | None = None,
    skip: Iterable[str] = (),
) -> tuple[dict[str, Mapping[str, Any]], list[str]]:
    """({code: record of `year`}, [codes left out]) for every organisation of the year.

    `records` are used as given; `skip` names organisations already known to have failed.
    The others are read from a current figures artefact, or computed together
    (`figures.batch.compute_records`, a few at a time).
    """
    from ..figures.batch import compute_records

    given = dict(records or {})
    skipped = set(skip)
    found: dict[str, Mapping[str, Any]] = {}
    excluded: list[str] = []
    missing: list[str] = []
    codes = year_organisations(year, params_dir, given)
    for code in codes:
        if code in given:
            found[code] = given[code]
        elif code in skipped or not (Path(data_dir) / code / str(year)).is_dir():
            excluded.append(code)
        else:
            stored = artefact_record(
                code,
                year,
                published=published,
                data_dir=data_dir,
                params_dir=params_dir,
                outputs_dir=outputs_dir,
            )
            if stored is None:
                missing.append(code)
            else:
                found[code] = stored
    if missing:
        computed = compute_records(
            data_dir, missing, year, params_dir=params_dir, published=published
        )
        found.update(computed.records)
        excluded += list(computed.failures)
    ordered = {code: found[code] for code in codes if code in found}
    return ordered, sorted(excluded)


def year_dataset(
    year: int,
    *,
    published: bool,
    data_dir: Path,
    params_dir: Path,
    outputs_dir: Path,
    records: Mapping[str, Mapping[str, Any]] | None = None,
    skip: Iterable[str] = (),
) -> dict[str, Any]:
    """The comparison dataset of every organisation of the year (see `year_records`)."""
    found, excluded = year_records(
        year,
        published=published,
        data_dir=data_dir,
        params_dir=params_dir,
        outputs_dir=outputs_dir,
        records=records,
        skip=skip,
    )
    dataset = comparison_dataset(found, load_organisations(params_dir), year, published)
    dataset["excluded"] = excluded
    return dataset


def read_figures(path: Path) -> dict[str, Any]:
    """A figures.json artefact as a record."""
    return json.loads(Path(path).read_text(encoding="utf-8"))
