"""Time the PDF and the workbook per organisation against the HTML report they go with.

Usage: .venv/bin/python scripts/bench_publish.py [--year 2020] [--org EXCCG ...]
Needs the year's notebooks executed already (`make run YEAR=2020`). For each organisation
it renders the self-contained HTML report (the floor: what every report costs anyway),
prints it to PDF with one shared Chromium, and writes the workbook (its figures records
included), each into a temporary folder; then prints seconds and ratios to the floor.
Chromium's start-up is timed once, apart. A benchmark, not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from wres_analysis.params import load_year
from wres_analysis.paths import OUTPUTS_DIR, PARAMS_DIR
from wres_analysis.pipeline.fallback_render import render_fallback_html
from wres_analysis.pipeline.output_paths import OrgOutputs
from wres_analysis.pipeline.report import executed_sections
from wres_analysis.pipeline.report_content import prepare_section, title_page
from wres_analysis.publish import PdfPrinter, edition_label, write_report_workbook
from wres_analysis.publish.report_files import notebook_inputs
from wres_analysis.sections import SECTIONS


def _timed(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> float:
    start = time.perf_counter()
    fn(*args, **kwargs)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, default=2020)
    parser.add_argument("--org", action="append", dest="orgs")
    args = parser.parse_args()
    orgs = args.orgs or load_year(args.year, PARAMS_DIR).organisations
    print(f"{'org':<8} {'HTML s':>7} {'PDF s':>7} {'xlsx s':>7} {'PDF/HTML':>9} {'xlsx/HTML':>10}")
    with PdfPrinter() as printer, tempfile.TemporaryDirectory() as tmp:
        launch = _timed(printer.start)
        for org in orgs:
            found, mode = executed_sections(OrgOutputs(OUTPUTS_DIR, args.year, org), SECTIONS, None)
            page = title_page(org, args.year, mode, PARAMS_DIR)
            shown = [(s, prepare_section(nb, s)) for s, nb in found]
            inputs = notebook_inputs([nb for _, nb in found])
            html = Path(tmp) / org / "index.html"
            floor = _timed(render_fallback_html, page, shown, html)
            pdf = _timed(
                printer.print,
                html,
                html.with_suffix(".pdf"),
                edition=edition_label(mode),
                title=page.title,
            )
            xlsx = _timed(
                write_report_workbook,
                html.with_suffix(".xlsx"),
                org=org,
                year=args.year,
                published=mode,
                inputs=inputs,
            )
            ratios = f"{pdf / floor:9.2f} {xlsx / floor:10.2f}"
            print(f"{org:<8} {floor:7.2f} {pdf:7.2f} {xlsx:7.2f} {ratios}")
    print(f"Chromium start-up, once per batch: {launch:.2f} s")


if __name__ == "__main__":
    main()
