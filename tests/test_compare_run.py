"""A run writes the comparison dataset, and re-runs a "How we compare" section only when
what it shows changes (over throwaway notebooks, as tests/test_runner.py does)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_runner import make_notebook
from wres_analysis.compare.slices import dataset_path
from wres_analysis.pipeline.output_paths import OrgOutputs
from wres_analysis.pipeline.runner import BatchResult, run_year
from wres_analysis.sections import COMPARISON_SLUG, SECTION_BY_SLUG

YEAR = 2020
SECTIONS = (SECTION_BY_SLUG["01-overview"], SECTION_BY_SLUG[COMPARISON_SLUG])
ORGS = {  # code: (type, region, every how-many-th person is BME)
    "A1": ("acute trust", "North", 3),
    "A2": ("acute trust", "North", 4),
    "A3": ("CCG", "North", 5),
    "B1": ("mental health trust", "South", 6),
}


def workforce(every: int) -> str:
    rows = "".join(
        f"s{i},{'M' if i % every == 0 else 'A'},Band {4 + i % 4},clinical\n" for i in range(60)
    )
    return "staff_id,ethnic_category,pay_band,clinical\n" + rows


def make_project(root: Path) -> dict[str, Path]:
    dirs = {name: root / name for name in ("notebooks", "outputs", "data", "params")}
    for section in SECTIONS:
        make_notebook(dirs["notebooks"] / section.notebook, section.slug)
    lines = ["organisations:"]
    for org, (kind, region, every) in ORGS.items():
        folder = dirs["data"] / org / str(YEAR)
        folder.mkdir(parents=True)
        (folder / "workforce.csv").write_text(workforce(every))
        lines.append(f"  {org}: {{name: {org} NHS body, type: {kind}, region: {region}}}")
    (dirs["params"] / "years").mkdir(parents=True)
    (dirs["params"] / "organisations.yaml").write_text("\n".join(lines) + "\n")
    (dirs["params"] / "project.yaml").write_text(
        "kernel_name: wres-analysis\nexecution_timeout_seconds: 120\nmax_workers: 2\n"
    )
    (dirs["params"] / "years" / f"{YEAR}.yaml").write_text(
        f"year: {YEAR}\norganisations: [{', '.join(ORGS)}]\n"
    )
    return dirs


def run(dirs: dict[str, Path]) -> BatchResult:
    return run_year(
        YEAR,
        None,
        notebooks_dir=dirs["notebooks"],
        outputs_dir=dirs["outputs"],
        data_dir=dirs["data"],
        params_dir=dirs["params"],
        sections=SECTIONS,
        max_workers=1,  # one warm kernel a run: starting kernels is most of the time
    )


def decisions(result: BatchResult) -> dict[tuple[str, str], str]:
    """(org, slug) -> "RUN <reason>" or "REUSE", from this run's log lines."""
    lines = result.log_path.read_text("utf-8").split("=== run")[-1].splitlines()
    found = {}
    for line in lines:
        parts = line.split(maxsplit=5)
        if len(parts) >= 5 and parts[2] in ("RUN", "REUSE"):
            found[(parts[3], parts[4].rstrip(":"))] = parts[2] + (
                f" {parts[5]}" if parts[2] == "RUN" else ""
            )
    return found


def test_dataset_written_and_sections_rerun_only_when_their_slice_changes(
    tmp_path: Path,
) -> None:
    dirs = make_project(tmp_path)
    first = run(dirs)
    assert first.ok, first.summary()
    dataset = json.loads(dataset_path(dirs["outputs"], YEAR, False).read_text("utf-8"))
    assert sorted(dataset["organisations"]) == sorted(ORGS)
    assert dataset["groups"]["region:North"]["measures"]["1.workforce_bme_pct"]["n"] == 3
    manifest = json.loads(OrgOutputs(dirs["outputs"], YEAR, "A1").manifest.read_text("utf-8"))
    assert len(manifest["sections"][COMPARISON_SLUG]["extra"]) == 64  # the slice's sha256
    assert "extra" not in manifest["sections"]["01-overview"]

    stored = dataset_path(dirs["outputs"], YEAR, False)
    before = stored.stat().st_ino
    assert set(decisions(run(dirs)).values()) == {"REUSE"}
    assert stored.stat().st_ino == before  # nothing changed: the dataset is not rebuilt

    # A3 moves the North region's median: A1 and A2 re-run their comparison and nothing else;
    # B1 (another region and peer group) re-runs nothing.
    (dirs["data"] / "A3" / str(YEAR) / "workforce.csv").write_text(workforce(2))
    seen = decisions(run(dirs))
    changed = "RUN comparison with other organisations changed"
    assert seen[("A1", COMPARISON_SLUG)] == seen[("A2", COMPARISON_SLUG)] == changed
    assert seen[("A1", "01-overview")] == seen[("A2", "01-overview")] == "REUSE"
    assert seen[("B1", COMPARISON_SLUG)] == seen[("B1", "01-overview")] == "REUSE"
    assert seen[("A3", COMPARISON_SLUG)].startswith("RUN inputs changed")
    assert stored.stat().st_ino != before  # rebuilt from A3's new figures
