"""Project-anchored paths, so nothing depends on the working directory."""

from __future__ import annotations

import functools
import os
from pathlib import Path


def _find_project_root() -> Path:
    """The folder holding params/ and data/: $WRES_PROJECT_ROOT, else this checkout."""
    override = os.environ.get("WRES_PROJECT_ROOT")
    if override:
        return Path(override).resolve()
    here = Path(__file__).resolve().parents[1]
    if (here / "params").is_dir():
        return here
    for candidate in [Path.cwd(), *Path.cwd().parents]:
        if (candidate / "params").is_dir() and (candidate / "notebooks").is_dir():
            return candidate
    return here


PROJECT_ROOT: Path = _find_project_root()
DATA_DIR: Path = PROJECT_ROOT / "data"
PARAMS_DIR: Path = PROJECT_ROOT / "params"
NOTEBOOKS_DIR: Path = PROJECT_ROOT / "notebooks"
OUTPUTS_DIR: Path = PROJECT_ROOT / "outputs"


def resolve(path: str | os.PathLike[str] | None, default: Path) -> Path:
    """A user-given path relative to the project root (absolute paths kept as given)."""
    if path is None or str(path) == "":
        return default
    p = Path(path)
    return p if p.is_absolute() else PROJECT_ROOT / p


def display_path(path: str | os.PathLike[str]) -> str:
    """A path as people should read it in messages: relative to the project when inside it.

    The path as given is tried first (no file-system calls); links are resolved only when
    it does not lie inside the project as written (remembered: messages name the same
    folders again and again).
    """
    given = os.path.abspath(path)
    root = str(PROJECT_ROOT)
    if given == root:
        return "."
    if given.startswith(root + os.sep):
        return given[len(root) + 1 :].replace(os.sep, "/")
    return _resolved_display(given, str(path))


@functools.lru_cache(maxsize=4096)
def _resolved_display(given: str, original: str) -> str:
    try:
        return Path(given).resolve().relative_to(PROJECT_ROOT).as_posix()
    except (ValueError, OSError, RuntimeError):
        return original


PLAN_FILE = "actions.yaml"


def org_params_dir(params_dir: Path, org: str, year: int) -> Path:
    """An organisation's params for one year: params/orgs/<ORG>/<YEAR>/."""
    return params_dir / "orgs" / org / str(year)


def plan_path(params_dir: Path, org: str, year: int) -> Path:
    """Where an organisation's action plan for a year lives (it may not exist)."""
    return org_params_dir(params_dir, org, year) / PLAN_FILE


def commentary_file(params_dir: Path, org: str, year: int, slug: str) -> Path:
    """Where a section's analyst commentary lives (it may not exist)."""
    return org_params_dir(params_dir, org, year) / "commentary" / f"{slug}.md"


def report_settings_path(params_dir: Path, org: str, year: int) -> Path:
    """An organisation's report settings for a year (e.g. what the board is asked)."""
    return org_params_dir(params_dir, org, year) / "report.yaml"
