"""Render a report as ONE self-contained HTML file without Quarto (nbconvert + pandoc).

Each prepared section notebook becomes Markdown with its code removed (nbconvert's
MarkdownExporter, exclude_input) and its images extracted; pandoc then joins them under the
title and a collapsible table of contents (resources/report-template.html: a skip link and
a <main> landmark), embedding images and CSS as data: URIs. Text that is not ours is
escaped before pandoc reads it, and the finished page's body is sanitised (nothing in it can
run, whatever reached it).
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

from ..display.sanitise import clean_fragment, md_text
from ..sections import Section
from .report_content import TitlePage

# Markdown extensions off: notebook text must not be read as YAML, a lone image must
# not become a captioned figure whose caption is "png", and a table's <div> region must stay
# raw HTML (read as a native div, it would swallow the headings after it from the contents).
PANDOC_FROM = "markdown-yaml_metadata_block-implicit_figures-native_divs-markdown_in_html_blocks"
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
    package = resources.files("wres_analysis")
    css, template = package / "resources/report.css", package / "resources/report-template.html"
    with tempfile.TemporaryDirectory(prefix="wres-report-") as tmp:
        work = Path(tmp)
        parts = [section_markdown(nb, section, work) for section, nb in notebooks]
        metadata = {  # pandoc reads metadata as Markdown: text that is not ours is escaped
            "title": md_text(page.title),
            "subtitle": md_text(page.subtitle),
            "pagetitle": md_text(f"{page.title}: {page.subtitle}"),
            "lang": "en-GB",
            "facts": [{"label": md_text(k), "value": md_text(v)} for k, v in page.facts],
            "edition": "published" if page.published else "internal",
            "toc-title": "Contents",
        }
        meta_file = work / "metadata.yaml"
        meta_file.write_text(yaml.safe_dump(metadata, allow_unicode=True), encoding="utf-8")
        with resources.as_file(css) as css_path, resources.as_file(template) as template_path:
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
                    f"--template={template_path}",
                    f"--resource-path={work}",
                    f"--metadata-file={meta_file}",
                    "--wrap=none",
                ],
                cworkdir=str(work),
            )
    out_file.write_text(clean_page(out_file.read_text(encoding="utf-8")), encoding="utf-8")
    return out_file


def clean_page(page: str) -> str:
    """The page with its body sanitised: whatever reached it, nothing in it can run."""
    start, end = page.find("<body"), page.rfind("</body>")
    open_end = page.find(">", start) + 1
    if start < 0 or end < 0:
        return page
    return page[:open_end] + clean_fragment(page[open_end:end]) + page[end:]
