"""A warm kernel (reused across notebooks, reset between them) gives exactly what a fresh
kernel gives, for the real section notebooks."""

from __future__ import annotations

import json
import shutil

import pytest

from wres_analysis.pipeline.manifest import normalised_notebook
from wres_analysis.pipeline.runner import run_year
from wres_analysis.sections import SECTION_BY_SLUG

pytestmark = pytest.mark.e2e
SLUGS = ("01-overview", "04-disciplinary", "07-board")


def test_warm_and_fresh_kernels_give_identical_executed_notebooks(tmp_path):
    sections = [SECTION_BY_SLUG[s] for s in SLUGS]
    outputs = tmp_path / "outputs"
    executed = outputs / "2020" / "EXCCG" / "notebooks"

    def run(warm: bool) -> dict[str, dict]:
        result = run_year(
            2020, ["EXCCG"], outputs_dir=outputs, sections=sections, max_workers=1, warm=warm
        )
        assert result.ok, result.summary()
        found = {s: json.loads((executed / f"{s}.ipynb").read_text()) for s in SLUGS}
        shutil.rmtree(outputs)
        return found

    warm, fresh = run(warm=True), run(warm=False)
    for slug in SLUGS:
        # one worker ran the three notebooks in turn on one kernel: the second and third
        # saw a kernel that had already run others
        assert normalised_notebook(warm[slug]) == normalised_notebook(fresh[slug]), slug
        counts = [c["execution_count"] for c in warm[slug]["cells"] if c["cell_type"] == "code"]
        assert counts == list(range(1, len(counts) + 1)), slug
        text = json.dumps(warm[slug])
        assert "not unique in database" not in text  # no history clash after a reset
