"""The run manifest: what one organisation's report for one year was built from.

outputs/<edition>/<year>/<org>/manifest.json holds sha256 hashes of every input file and
params file read, each template notebook and commentary file, the package source and the
lock file, the figures record, and each executed notebook's outputs (volatile metadata
removed), plus the Python version. No timestamps and no machine paths: two identical runs
give byte-identical manifests. Re-runs compare against it to redo only what changed, and
`wres verify` checks the files on disk against it.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from ..atomic import write_text_atomic
from .fingerprint import sha256_bytes, sha256_json, short

MANIFEST_VERSION = 1

# Executed-notebook metadata that differs between two runs of the same inputs (times, and
# papermill's record of where it read and wrote). Everything else must be identical.
VOLATILE_NOTEBOOK_METADATA = (
    "start_time",
    "end_time",
    "duration",
    "input_path",
    "output_path",
    "environment_variables",
)
VOLATILE_CELL_METADATA = ("execution", "papermill")


def read_manifest(path: Path) -> dict[str, Any] | None:
    """The manifest at `path`, or None if absent, unreadable or of another version."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("manifest") != MANIFEST_VERSION:
        return None
    return data


def manifest_text(manifest: dict[str, Any]) -> str:
    """Canonical JSON (sorted keys, two-space indent, final newline)."""
    return json.dumps(manifest, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def write_manifest(path: Path, manifest: dict[str, Any]) -> Path:
    """Write the manifest atomically."""
    return write_text_atomic(path, manifest_text(manifest))


def figures_key(code: dict[str, str], inputs: dict[str, str], published: bool) -> str:
    """What the figures record depends on: code, inputs and edition, as one hash."""
    return sha256_json({"code": code, "inputs": inputs, "published": published})


def section_key(
    figures: str, template: str, commentary: str | None, parameters: dict[str, Any]
) -> str:
    """What one section's executed notebook depends on, as one hash."""
    return sha256_json(
        {
            "figures": figures,
            "template": template,
            "commentary": commentary,
            "parameters": parameters,
        }
    )


def fingerprint(manifest: dict[str, Any]) -> str:
    """A short fingerprint of the run's inputs: code, inputs, figures, templates, commentary.

    Executed outputs are left out, so the methodology appendix can print it while its own
    notebook runs.
    """
    sections = {
        slug: {k: entry.get(k) for k in ("template", "commentary")}
        for slug, entry in (manifest.get("sections") or {}).items()
    }
    basis = {k: manifest.get(k) for k in ("python", "code", "inputs", "figures", "edition")}
    return short(sha256_json({**basis, "sections": sections}))


STREAM_ORDER = ("stdout", "stderr")


def merge_streams(nb: dict[str, Any]) -> dict[str, Any]:
    """Each code cell's printed text as one stdout output then one stderr output, where the
    first stream output was (changed in place, and returned).

    How a kernel interleaves the two streams depends on when it flushed each, which moves
    with the machine's load; what was printed to each does not. Display outputs keep their
    order.
    """
    for cell in nb.get("cells", []):
        outputs = cell.get("outputs") or []
        streams = [o for o in outputs if o.get("output_type") == "stream"]
        if len(streams) < 2:
            continue
        text: dict[str, str] = {}
        for output in streams:
            name, chunk = output.get("name", "stdout"), output.get("text", "")
            text[name] = text.get(name, "") + ("".join(chunk) if isinstance(chunk, list) else chunk)
        names = sorted(text, key=lambda n: STREAM_ORDER.index(n) if n in STREAM_ORDER else 2)
        merged = [{"name": n, "output_type": "stream", "text": text[n]} for n in names]
        first = outputs.index(streams[0])
        rest = [o for o in outputs if o.get("output_type") != "stream"]
        cell["outputs"] = rest[:first] + merged + rest[first:]
    return nb


def normalised_notebook(data: dict[str, Any]) -> dict[str, Any]:
    """An executed notebook without the metadata that changes from run to run, its printed
    text merged per stream (`merge_streams`)."""
    nb = merge_streams(copy.deepcopy(data))
    run = nb.get("metadata", {}).get("papermill")
    if isinstance(run, dict):
        for key in VOLATILE_NOTEBOOK_METADATA:
            run.pop(key, None)
    for cell in nb.get("cells", []):
        meta = cell.get("metadata", {})
        for key in VOLATILE_CELL_METADATA:
            meta.pop(key, None)
    return nb


def notebook_digest(path: Path) -> str | None:
    """Hash of an executed notebook's normalised content; None if it cannot be read."""
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    return sha256_json(normalised_notebook(data))


def file_digest_text(text: str) -> str:
    """Hash of text as written to disk (UTF-8)."""
    return sha256_bytes(text.encode("utf-8"))


def base_manifest(
    org: str,
    year: int,
    published: bool,
    *,
    code: dict[str, str],
    inputs: dict[str, str],
    figures: dict[str, str],
    templates: dict[str, str],
    commentary: dict[str, str | None],
) -> dict[str, Any]:
    """A manifest before any notebook has run: inputs, code, figures and section sources."""
    return {
        "manifest": MANIFEST_VERSION,
        "org": org,
        "year": year,
        "edition": "published" if published else "internal",
        "python": code["python"],
        "code": {"package": code["package"], "lock": code["lock"]},
        "inputs": inputs,
        "figures_key": figures_key(code, inputs, published),
        "figures": figures,
        "sections": {
            slug: {"template": templates[slug], "commentary": commentary.get(slug)}
            for slug in templates
        },
    }
