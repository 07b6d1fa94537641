"""The figures artefact: each organisation's records computed once per run, read by every
section notebook.

outputs/<edition>/<year>/<org>/figures.json is byte for byte what `wres figures` prints for
that organisation, year and edition; earlier/<year>.json holds each earlier year the report
shows. A notebook run on its own (JupyterLab, papermill) reads them only when the manifest
says they were computed from the current code and inputs; otherwise it computes them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..atomic import remove, write_text_atomic
from .fingerprint import code_fingerprint, figures_inputs, hash_files, sha256_file
from .manifest import figures_key, file_digest_text, read_manifest
from .output_paths import OrgOutputs

FIGURES_LABEL = "figures.json"


def earlier_label(year: int) -> str:
    """The artefact label of an earlier year's record."""
    return f"earlier/{year}.json"


def artefact_texts(records: dict[int, dict[str, Any]], year: int) -> dict[str, str]:
    """{label: file text} for this year's record and each earlier one."""
    from ..figures import to_json

    texts = {FIGURES_LABEL: to_json(records[year]) + "\n"}
    for y, record in sorted(records.items()):
        if y != year:
            texts[earlier_label(y)] = to_json(record) + "\n"
    return texts


def write_artefact(outputs: OrgOutputs, texts: dict[str, str]) -> dict[str, str]:
    """Write the records atomically, drop earlier years no longer shown; {label: sha256}."""
    for label, text in texts.items():
        write_text_atomic(outputs.root / label, text)
    if outputs.earlier.is_dir():
        for stale in outputs.earlier.glob("*.json"):
            if f"earlier/{stale.name}" not in texts:
                remove(stale)
    return {label: file_digest_text(text) for label, text in sorted(texts.items())}


def artefact_intact(outputs: OrgOutputs, hashes: dict[str, str]) -> bool:
    """True when every artefact file exists with the hash recorded for it."""
    return bool(hashes) and all(
        sha256_file(outputs.root / label) == digest for label, digest in hashes.items()
    )


def read_artefact(outputs: OrgOutputs, hashes: dict[str, str]) -> dict[int, dict[str, Any]]:
    """The records of an intact artefact, {year: record}, oldest first."""
    records = {}
    for label in hashes:
        record = json.loads((outputs.root / label).read_text(encoding="utf-8"))
        records[int(record["year"])] = record
    return dict(sorted(records.items()))


def current_figures_key(
    data_dir: Path, params_dir: Path, org: str, year: int, published: bool
) -> str:
    """The figures key of the files and code as they are now."""
    inputs = hash_files(figures_inputs(data_dir, params_dir, org, year))
    return figures_key(code_fingerprint(), inputs, published)


def load_records(
    org: str,
    year: int,
    *,
    data_dir: Path,
    params_dir: Path,
    published: bool,
    outputs_dir: Path,
) -> tuple[dict[int, dict[str, Any]], str]:
    """The records a report shows, and where they came from ("artefact" or "computed").

    The artefact is used only when its manifest's figures key matches the current code and
    inputs and its files are intact; anything else computes the records afresh.
    """
    outputs = OrgOutputs(outputs_dir, year, org, published)
    manifest = read_manifest(outputs.manifest)
    if manifest is not None:
        hashes = manifest.get("figures") or {}
        key = current_figures_key(data_dir, params_dir, org, year, published)
        if manifest.get("figures_key") == key and artefact_intact(outputs, hashes):
            return read_artefact(outputs, hashes), "artefact"
    from ..figures.report_records import report_records

    records = report_records(data_dir, org, year, params_dir=params_dir, published=published)
    return records, "computed"


def run_fingerprint(
    org: str,
    year: int,
    *,
    data_dir: Path,
    params_dir: Path,
    published: bool,
    outputs_dir: Path,
    notebooks_dir: Path,
    records: dict[int, dict[str, Any]],
) -> str:
    """The short fingerprint of the run's inputs, as the manifest gives it.

    From the manifest when the records came from a current artefact; otherwise computed
    from the files now (a notebook run on its own), the same way.
    """
    from ..sections import SECTIONS
    from .fingerprint import section_sources
    from .manifest import base_manifest, fingerprint

    outputs = OrgOutputs(outputs_dir, year, org, published)
    manifest = read_manifest(outputs.manifest)
    key = current_figures_key(data_dir, params_dir, org, year, published)
    if manifest is not None and manifest.get("figures_key") == key:
        return fingerprint(manifest)
    slugs = [s.slug for s in SECTIONS]
    templates, commentary = section_sources(notebooks_dir, params_dir, org, year, slugs)
    texts = artefact_texts(records, year)
    draft = base_manifest(
        org,
        year,
        published,
        code=code_fingerprint(),
        inputs=hash_files(figures_inputs(data_dir, params_dir, org, year)),
        figures={label: file_digest_text(text) for label, text in sorted(texts.items())},
        templates=templates,
        commentary=commentary,
    )
    return fingerprint(draft)
