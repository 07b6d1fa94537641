"""Render a report as ONE self-contained HTML file without Quarto (nbconvert + pandoc).

Each prepared section notebook becomes Markdown with its code removed (nbconvert's
MarkdownExporter, exclude_input) and its images extracted; pandoc then joins them under the
title page and a table of contents, embedding images and CSS as data: URIs.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import nbformat
import pypandoc
import yaml
from nbconvert import MarkdownExporter
from traitlets.config import Config

from ..sections import Section
from .report_content import TitlePage

# Markdown extensions off: notebook text must not be read as YAML, and a lone image must
# not become a captioned figure whose caption is "png".
PANDOC_FROM = "markdown-yaml_metadata_block-implicit_figures"
_MIME_ALT = re.compile(r"!\[(?:png|jpeg|jpg|svg|gif)\]\(")


def _exporter() -> MarkdownExporter:
    config = Config()
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_cell_tags = ("remove-cell", "remove_cell")
    config.TagRemovePreprocessor.remove_all_outputs_tags = ("remove-output", "remove_output")
    return MarkdownExporter(config=config, exclude_input=True, exclude_input_prompt=True)


def section_markdown(nb: nbformat.NotebookNode, section: Section, files_dir: Path) -> str:
    """One notebook as Markdown without code; its images are written under `files_dir`."""
    slug = section.slug
    body, extracted = _exporter().from_notebook_node(
        nb, resources={"unique_key": slug, "output_files_dir": f"{slug}_files"}
    )
    # nbconvert uses the image type ("png") as alt text; name the section instead
    body = _MIME_ALT.sub(lambda _m: f"![Figure: {section.title}](", body)
    for name, data in extracted.get("outputs", {}).items():
        target = files_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data if isinstance(data, bytes) else str(data).encode("utf-8"))
    return body


def render_fallback_html(
    page: TitlePage,
    notebooks: Sequence[tuple[Section, nbformat.NotebookNode]],
    out_file: Path,
) -> Path:
    """Write the self-contained report to `out_file` (a folder being staged, not in place)."""
    css = resources.files("wres_analysis").joinpath("resources/report.css")
    with tempfile.TemporaryDirectory(prefix="wres-report-") as tmp:
        work = Path(tmp)
        parts = [section_markdown(nb, section, work) for section, nb in notebooks]
        metadata = {
            "title": page.title,
            "subtitle": page.subtitle,
            "lang": "en-GB",
            "abstract-title": "About this report",
            "abstract": page.markdown(),
            "toc-title": "Contents",
        }
        meta_file = work / "metadata.yaml"
        meta_file.write_text(yaml.safe_dump(metadata, allow_unicode=True), encoding="utf-8")
        with resources.as_file(css) as css_path:
            out_file.parent.mkdir(parents=True, exist_ok=True)
            pypandoc.convert_text(
                "\n\n".join(parts),
                to="html5",
                format=PANDOC_FROM,
                outputfile=str(out_file),
                extra_args=[
                    "--standalone",
                    "--toc",
                    "--toc-depth=2",
                    "--embed-resources",
                    f"--css={css_path}",
                    f"--resource-path={work}",
                    f"--metadata-file={meta_file}",
                    "--wrap=none",
                ],
                cworkdir=str(work),
            )
    return out_file
