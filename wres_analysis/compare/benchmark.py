"""`wres benchmark`: build the comparison page (and its dataset) for a year and edition.

Every organisation of the year is read from its current figures artefact or computed
(`collect`), in the edition asked for: a published page is built from published records
only. With a region, the page covers that region's organisations alone (their own peer
groups and medians) and goes to benchmark/region-<name>/index.html; the whole year's page
also (re)writes benchmark/dataset.json, the dataset the "How we compare" sections read.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError, Problem
from ..params import load_organisations
from ..paths import display_path
from .collect import year_records
from .dataset import comparison_dataset
from .page import write_page
from .slices import write_dataset


@dataclass(frozen=True)
class BenchmarkResult:
    """What `wres benchmark` wrote."""

    page: Path
    dataset: dict[str, Any]
    dataset_file: Path | None

    def summary(self) -> str:
        """Lines for the terminal: how many organisations, where the page is."""
        orgs = len(self.dataset["organisations"])
        lines = [f"comparison page: {display_path(self.page)} ({orgs} organisation(s))"]
        if self.dataset_file is not None:
            lines.append(f"dataset: {display_path(self.dataset_file)}")
        if self.dataset.get("excluded"):
            left_out = ", ".join(self.dataset["excluded"])
            lines.append(f"left out (figures not computable): {left_out}")
        return "\n".join(lines)


def build_benchmark(
    year: int,
    *,
    published: bool,
    data_dir: Path,
    params_dir: Path,
    outputs_dir: Path,
    region: str | None = None,
) -> BenchmarkResult:
    """Build the year's comparison page (for one region when given); see the module."""
    organisations = load_organisations(params_dir)
    inside: set[str] | None = None
    if region is not None:
        regions = sorted({o.region for o in organisations.values()})
        match = next((r for r in regions if r.casefold() == region.strip().casefold()), None)
        if match is None:
            raise InputError(
                Problem(
                    display_path(params_dir / "organisations.yaml"),
                    "no organisation is in that region",
                    "use one of: " + "; ".join(regions),
                    column="--region",
                    value=region,
                )
            )
        region = match
        inside = {c for c, o in organisations.items() if o.region == region}
    records, excluded = year_records(
        year, published=published, data_dir=data_dir, params_dir=params_dir, outputs_dir=outputs_dir
    )
    if inside is not None:
        records = {c: r for c, r in records.items() if c in inside}
        excluded = [c for c in excluded if c in inside]
    if not records:
        raise InputError(
            Problem(
                display_path(params_dir / "years" / f"{year}.yaml"),
                f"no organisation of {year} has figures to compare",
                "list the organisations under 'organisations' and supply their data "
                "(docs/data-contract.md)",
            )
        )
    dataset = comparison_dataset(records, organisations, year, published)
    dataset["excluded"] = excluded
    written = None if region else write_dataset(outputs_dir, year, published, dataset)
    page = write_page(outputs_dir, dataset, region)
    return BenchmarkResult(page, dataset, written)
