"""The comparison step of a run: between computing every organisation's figures and
executing any notebook, write the year's comparison dataset and say what each
organisation's "How we compare" section depends on.

The runner calls `run_comparison` once per run that includes the section. It reads the
records the run has just written (each organisation's figures.json), adds the year's other
organisations (`collect`), writes <edition>/<year>/benchmark/dataset.json and returns, per
organisation of the run, the sha256 of its slice (`comparison_key`): the runner puts it in
that section's re-run key, so a change in one organisation's data re-runs another's
section only when what that section shows changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from .collect import read_figures, year_dataset
from .dataset import comparison_key, write_dataset


def run_comparison(
    year: int,
    published: bool,
    *,
    figures_files: Mapping[str, Path],
    data_dir: Path,
    params_dir: Path,
    outputs_dir: Path,
    failed: Iterable[str] = (),
) -> dict[str, str]:
    """Write the year's comparison dataset; {org: digest of its slice} for `figures_files`.

    `figures_files` maps each organisation of the run whose figures were computed to its
    figures.json; `failed` names the run's organisations whose figures could not be.
    """
    records = {org: read_figures(path) for org, path in figures_files.items()}
    dataset = year_dataset(
        year,
        published=published,
        data_dir=data_dir,
        params_dir=params_dir,
        outputs_dir=outputs_dir,
        records=records,
        skip=failed,
    )
    write_dataset(outputs_dir, year, published, dataset)
    return {org: comparison_key(dataset, org) for org in sorted(records)}
