"""The comparison step of a run: between computing every organisation's figures and
executing any notebook, write the year's comparison dataset and say what each
organisation's "How we compare" section depends on.

The runner calls `run_comparison` once per run that includes the section. It returns, per
organisation of the run, the sha256 of its slice (`slices.comparison_key`): the runner puts
it in that section's re-run key, so a change in one organisation's data re-runs another's
section only when what that section shows changes.

The dataset is rebuilt (`collect`: the run's records, the year's other organisations from
their current figures artefacts or computed) only when what it is built from changed: its
`inputs_key` hashes the code, organisations.yaml, the year's list and each organisation's
figures key (the hash of its inputs, the code and the edition, which fixes its record).
Otherwise the stored dataset is read as it is, and nothing heavier than JSON is loaded.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from ..params import load_year
from ..pipeline.figures_artefact import current_figures_key
from ..pipeline.fingerprint import code_fingerprint, sha256_file, sha256_json
from .slices import DATASET_VERSION, comparison_key, read_dataset, write_dataset


def year_organisations(year: int, params_dir: Path, extra: Iterable[str] = ()) -> list[str]:
    """The year's organisations (params list first, then any others), without repeats."""
    return list(dict.fromkeys([*load_year(year, params_dir).organisations, *extra]))


def dataset_inputs_key(
    year: int,
    published: bool,
    *,
    figures_keys: Mapping[str, str],
    data_dir: Path,
    params_dir: Path,
    failed: Iterable[str] = (),
) -> str:
    """What the year's dataset is built from, as one hash (see the module)."""
    skipped = set(failed)
    records: dict[str, str | None] = {}
    for code in year_organisations(year, params_dir, figures_keys):
        if code in figures_keys:
            records[code] = figures_keys[code]
        elif code in skipped or not (Path(data_dir) / code / str(year)).is_dir():
            records[code] = None
        else:
            records[code] = current_figures_key(data_dir, params_dir, code, year, published)
    organisations = Path(params_dir) / "organisations.yaml"
    return sha256_json(
        {
            "dataset": DATASET_VERSION,
            "year": year,
            "published": published,
            "code": code_fingerprint(),
            "organisations": sha256_file(organisations) if organisations.is_file() else None,
            "records": records,
        }
    )


def run_comparison(
    year: int,
    published: bool,
    *,
    figures_files: Mapping[str, Path],
    figures_keys: Mapping[str, str],
    data_dir: Path,
    params_dir: Path,
    outputs_dir: Path,
    failed: Iterable[str] = (),
) -> dict[str, str]:
    """Write (or keep) the year's comparison dataset; {org: digest of its slice} for the
    organisations of `figures_files`.

    `figures_files` maps each organisation of the run whose figures were computed to its
    figures.json, `figures_keys` to its figures key; `failed` names the run's organisations
    whose figures could not be computed.
    """
    failed = sorted(set(failed))
    key = dataset_inputs_key(
        year,
        published,
        figures_keys=figures_keys,
        data_dir=data_dir,
        params_dir=params_dir,
        failed=failed,
    )
    dataset = read_dataset(outputs_dir, year, published)
    if dataset is None or dataset.get("inputs_key") != key:
        from .collect import read_figures, year_dataset

        dataset = year_dataset(
            year,
            published=published,
            data_dir=data_dir,
            params_dir=params_dir,
            outputs_dir=outputs_dir,
            records={org: read_figures(path) for org, path in figures_files.items()},
            skip=failed,
        )
        dataset["inputs_key"] = key
        write_dataset(outputs_dir, year, published, dataset)
    return {org: comparison_key(dataset, org) for org in sorted(figures_files)}
