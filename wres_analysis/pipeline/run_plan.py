"""Decide, for one organisation, which section notebooks must run and which can be reused.

Judged by the manifest of the last good run: a section is reused only when everything it
depends on is unchanged (code, lock file, Python, every input and params file, its template,
its commentary, the run's parameters) and its executed notebook is still the one that run
wrote. Every decision carries its reason, for the run log.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .figures_artefact import artefact_intact, artefact_texts, write_artefact
from .fingerprint import (
    changed_labels,
    code_fingerprint,
    figures_inputs,
    hash_files,
    section_sources,
)
from .manifest import base_manifest, notebook_digest, read_manifest, section_key
from .output_paths import OrgOutputs

MAX_LISTED = 3  # changed files named in one log line


@dataclass(frozen=True)
class SectionPlan:
    """One section's decision: run it or reuse its executed notebook, and why."""

    slug: str
    run: bool
    reason: str
    key: str


@dataclass
class OrgPlan:
    """An organisation's figures (computed or reused), its new manifest and its sections."""

    org: str
    outputs: OrgOutputs
    manifest: dict[str, Any]
    sections: list[SectionPlan]
    figures_reason: str
    disclosure: str | None = None  # a published run's information loss, for the run log

    def to_run(self) -> list[SectionPlan]:
        """The sections whose notebooks must execute."""
        return [s for s in self.sections if s.run]


def _listed(labels: list[str]) -> str:
    shown = ", ".join(labels[:MAX_LISTED])
    more = len(labels) - MAX_LISTED
    return shown + (f" and {more} more" if more > 0 else "")


def common_reason(previous: dict[str, Any] | None, new: dict[str, Any], force: bool) -> str | None:
    """Why everything must run again (code, Python, inputs), or None if nothing shared changed."""
    if force:
        return "--force"
    if previous is None:
        return "no earlier run"
    if previous.get("code", {}).get("package") != new["code"]["package"]:
        return "code changed (wres_analysis)"
    if previous.get("code", {}).get("lock") != new["code"]["lock"]:
        return "lock file changed (requirements.lock)"
    if previous.get("python") != new["python"]:
        return f"Python changed ({previous.get('python')} -> {new['python']})"
    changed = changed_labels(previous.get("inputs", {}), new["inputs"])
    if changed:
        return f"inputs changed: {_listed(changed)}"
    return None


def section_reason(
    previous: dict[str, Any] | None,
    new_entry: dict[str, Any],
    key: str,
    executed: Path,
    shared: str | None,
) -> str | None:
    """Why one section must run, or None when its executed notebook can be reused."""
    if shared is not None:
        return shared
    old = (previous or {}).get("sections", {}).get(new_entry["slug"]) or {}
    if "notebook" not in old:
        return "did not complete in the last run"
    if old.get("template") != new_entry["template"]:
        return "template changed"
    if old.get("commentary") != new_entry["commentary"]:
        return "commentary changed"
    if old.get("key") != key:
        return "run settings changed"
    digest = notebook_digest(executed)
    if digest is None:
        return "executed notebook missing"
    if digest != old["notebook"]:
        return "executed notebook changed since the run wrote it"
    return None


def refuse_placeholders(params_dir: Path, org: str, year: int) -> None:
    """A published report refuses an action plan with placeholder updates (all listed)."""
    from ..actions import placeholder_problems
    from ..errors import InputError
    from ..paths import plan_path

    path = plan_path(params_dir, org, year)
    problems = placeholder_problems(path) if path.exists() else []
    if problems:
        raise InputError(problems)


def plan_org(
    outputs: OrgOutputs,
    *,
    slugs: list[str],
    data_dir: Path,
    params_dir: Path,
    notebooks_dir: Path,
    parameters: dict[str, Any],
    force: bool = False,
) -> OrgPlan:
    """Reuse or recompute the figures artefact, then decide every section.

    Raises InputError (from computing the figures) when the organisation's data is bad.
    """
    org, year, published = outputs.org, outputs.year, outputs.published
    if published:
        refuse_placeholders(params_dir, org, year)
    previous = read_manifest(outputs.manifest)
    code = code_fingerprint()
    inputs = hash_files(figures_inputs(data_dir, params_dir, org, year))
    templates, commentary = section_sources(notebooks_dir, params_dir, org, year, slugs)
    draft = base_manifest(
        org,
        year,
        published,
        code=code,
        inputs=inputs,
        figures={},
        templates=templates,
        commentary=commentary,
    )
    shared = common_reason(previous, draft, force)
    old_figures = (previous or {}).get("figures") or {}
    if (
        not force
        and previous is not None
        and previous.get("figures_key") == draft["figures_key"]
        and artefact_intact(outputs, old_figures)
    ):
        draft["figures"] = dict(old_figures)
        figures_reason = "reused (inputs and code unchanged)"
    else:
        from ..figures.report_records import report_records

        records = report_records(data_dir, org, year, params_dir=params_dir, published=published)
        draft["figures"] = write_artefact(outputs, artefact_texts(records, year))
        figures_reason = f"computed ({shared or 'figures artefact missing or changed'})"
    plans = []
    # Folders are left out of the key: their contents are hashed already, and the manifest
    # must not depend on where the project sits.
    settings = {k: v for k, v in parameters.items() if not k.endswith("_dir")}
    for slug in slugs:
        entry = draft["sections"][slug]
        key = section_key(draft["figures_key"], entry["template"], entry["commentary"], settings)
        reason = section_reason(
            previous, {"slug": slug, **entry}, key, outputs.executed(slug), shared
        )
        if reason is None:
            old = previous["sections"][slug]  # type: ignore[index]
            entry.update(key=key, notebook=old["notebook"])
            plans.append(SectionPlan(slug, False, "unchanged", key))
        else:
            plans.append(SectionPlan(slug, True, reason, key))
    if previous is not None and "report" in previous and not any(p.run for p in plans):
        draft["report"] = previous["report"]
    loss = information_loss(outputs) if published else None
    return OrgPlan(org, outputs, draft, plans, figures_reason, loss)


def information_loss(outputs: OrgOutputs) -> str | None:
    """What disclosure control hid in a published record, in one line for the run log."""
    import json

    try:
        block = json.loads(outputs.figures.read_text(encoding="utf-8")).get("disclosure") or {}
    except (OSError, ValueError):
        return None
    if not block.get("count_cells"):
        return None
    share = block.get("hidden_share") or 0.0
    return (
        f"{block['hidden_cells']} of {block['count_cells']} count cells hidden ({share:.1%}): "
        f"{block['hidden_primary']} below the threshold, {block['hidden_complementary']} "
        f"complementary; audit: {block.get('audit', {}).get('leaks', '?')} leaks"
    )
