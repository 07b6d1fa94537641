"""The project's own files install everything: pyproject, environment.yml and CI agree."""

from __future__ import annotations

import re
import tomllib

import yaml

from wres_analysis.paths import PROJECT_ROOT


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_lists_exactly_the_pyproject_dependencies():
    pyproject = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())
    wanted = {
        _name(r)
        for r in pyproject["project"]["dependencies"]
        + pyproject["project"]["optional-dependencies"]["dev"]
    }
    env = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text())
    listed = set()
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            listed |= {_name(d) for d in dep["pip"] if not d.startswith("-e")}
        elif not dep.startswith(("python", "pip")) or dep.startswith("pip "):
            listed.add(_name(dep))
    assert listed == wanted


def test_ci_runs_the_readme_commands():
    ci = (PROJECT_ROOT / ".ci" / "run").read_text()
    readme = (PROJECT_ROOT / "README.md").read_text()
    for command in ("make setup", "make test"):
        assert command in ci
        assert command in readme
    assert "make report YEAR=2020" in readme


def test_lock_file_pins_every_installed_dependency():
    lock = (PROJECT_ROOT / "requirements.lock").read_text()
    pinned = {_name(line) for line in lock.splitlines() if "==" in line}
    pyproject = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())
    for requirement in pyproject["project"]["dependencies"]:
        assert _name(requirement) in pinned, requirement
