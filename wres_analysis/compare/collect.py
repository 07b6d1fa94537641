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

from ..errors import InputError
from ..params import load_organisations, load_year
from .dataset import comparison_dataset


def year_organisations(year: int, params_dir: Path, extra: Iterable[str] = ()) -> list[str]:
    """The year's organisations (params list first, then any others), without repeats."""
    return list(dict.fromkeys([*load_year(year, params_dir).organisations, *extra]))


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
    """
    from ..pipeline.figures_artefact import load_records

    given = dict(records or {})
    skipped = set(skip)
    found: dict[str, Mapping[str, Any]] = {}
    excluded: list[str] = []
    for code in year_organisations(year, params_dir, given):
        if code in given:
            found[code] = given[code]
            continue
        if code in skipped or not (Path(data_dir) / code / str(year)).is_dir():
            excluded.append(code)
            continue
        try:
            shown, _ = load_records(
                code,
                year,
                data_dir=data_dir,
                params_dir=params_dir,
                published=published,
                outputs_dir=outputs_dir,
            )
        except InputError:
            excluded.append(code)
            continue
        found[code] = shown[year]
    return found, sorted(excluded)


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
