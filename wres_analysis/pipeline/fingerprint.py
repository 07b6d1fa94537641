"""sha256 fingerprints of what a report is built from: inputs, params, templates and code.

Files are named by labels that do not depend on the machine ("data/EXCCG/2020/workforce.csv",
"params/years/2020.yaml"), relative to the data and params folders in use, so two identical
runs anywhere give identical fingerprints.
"""

from __future__ import annotations

import hashlib
import json
import platform
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import wres_analysis

from ..paths import PROJECT_ROOT, commentary_file, plan_path, report_settings_path

PACKAGE_DIR = Path(wres_analysis.__file__).resolve().parent
LOCK_FILE = PROJECT_ROOT / "requirements.lock"
UNREADABLE = "unreadable"


def sha256_bytes(data: bytes) -> str:
    """Hex sha256 of bytes."""
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file's bytes; "unreadable" when it cannot be read (e.g. a broken link)."""
    try:
        return sha256_bytes(path.read_bytes())
    except OSError:
        return UNREADABLE


def sha256_json(value: Any) -> str:
    """Hex sha256 of a value as canonical JSON (sorted keys), for composite keys."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return sha256_bytes(text.encode("utf-8"))


def python_version() -> str:
    """The Python version the notebooks ran under, e.g. 3.11.7."""
    return platform.python_version()


@lru_cache(maxsize=1)
def package_digest() -> str:
    """One hash over the installed package's source and resources (code change = new hash)."""
    files = sorted(
        p
        for p in PACKAGE_DIR.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix not in (".pyc", ".pyo")
    )
    return sha256_json({p.relative_to(PACKAGE_DIR).as_posix(): sha256_file(p) for p in files})


def lock_digest() -> str:
    """Hash of requirements.lock (the exact dependency versions)."""
    return sha256_file(LOCK_FILE)


def code_fingerprint() -> dict[str, str]:
    """What the code side of a run is: the package, the lock file and Python."""
    return {"package": package_digest(), "lock": lock_digest(), "python": python_version()}


def _year_folders(data_dir: Path, org: str, up_to: int) -> list[int]:
    folder = data_dir / org
    if not folder.is_dir():
        return []
    return sorted(
        int(p.name)
        for p in folder.iterdir()
        if p.name.isdigit() and len(p.name) == 4 and int(p.name) <= up_to
    )


def figures_inputs(data_dir: Path, params_dir: Path, org: str, year: int) -> dict[str, Path]:
    """Every file a year's figures (and the earlier years its report shows) can read.

    All files of the organisation's year folders up to `year`, the year params of those
    years, the organisations list, and the organisation's action plans and report settings
    of those years. A superset is safe: it can only cause a re-run, never a stale result.
    """
    years = sorted({*_year_folders(data_dir, org, year), year})
    found: dict[str, Path] = {}
    for y in years:
        folder = data_dir / org / str(y)
        if folder.is_dir():
            for path in sorted(folder.iterdir()):
                if not path.name.startswith(".") and not path.is_dir():
                    found[f"data/{org}/{y}/{path.name}"] = path
    candidates = [params_dir / "organisations.yaml"]
    for y in years:
        candidates += [
            params_dir / "years" / f"{y}.yaml",
            plan_path(params_dir, org, y),
            report_settings_path(params_dir, org, y),
        ]
    for path in candidates:
        if path.exists() or path.is_symlink():
            found[params_label(params_dir, path)] = path
    return found


def params_label(params_dir: Path, path: Path) -> str:
    """A params file's label: params/<path inside the params folder>."""
    return "params/" + path.relative_to(params_dir).as_posix()


def hash_files(files: Mapping[str, Path]) -> dict[str, str]:
    """{label: sha256} for labelled files, in label order."""
    return {label: sha256_file(files[label]) for label in sorted(files)}


def changed_labels(old: Mapping[str, str], new: Mapping[str, str]) -> list[str]:
    """Labels added, removed or whose hash differs, described for a log line."""
    described = []
    for label in sorted(set(old) | set(new)):
        if label not in old:
            described.append(f"{label} (new)")
        elif label not in new:
            described.append(f"{label} (removed)")
        elif old[label] != new[label]:
            described.append(label)
    return described


def short(digest: str, length: int = 12) -> str:
    """A short form of a hash for people (the methodology appendix, logs)."""
    return digest[:length]


def section_sources(
    notebooks_dir: Path, params_dir: Path, org: str, year: int, slugs: Iterable[str]
) -> tuple[dict[str, str], dict[str, str | None]]:
    """({slug: template hash}, {slug: commentary hash or None}) for the given sections."""
    templates, commentary = {}, {}
    for slug in slugs:
        templates[slug] = sha256_file(notebooks_dir / f"{slug}.ipynb")
        note = commentary_file(params_dir, org, year, slug)
        commentary[slug] = sha256_file(note) if note.exists() or note.is_symlink() else None
    return templates, commentary
