"""Regenerate wres_analysis/resources/reference.docx: the Word report's page and language.

Usage: .venv/bin/python scripts/make_reference_docx.py

Quarto builds the Word report with pandoc, which takes page size, margins and styles from a
reference document (`reference-doc` in the report's _quarto.yml). This starts from pandoc's
own default reference.docx (pypandoc's bundled pandoc) and changes only what the report
needs: A4 paper with 2 cm margins, and British English as the language of every style.
The archive is written with fixed timestamps, so the same pandoc gives the same bytes.
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from io import BytesIO
from pathlib import Path

import pypandoc

TARGET = Path(__file__).resolve().parent.parent / "wres_analysis" / "resources" / "reference.docx"
MARGIN = 1134  # 2 cm in twentieths of a point
LANGUAGE = "en-GB"


def default_reference() -> bytes:
    """pandoc's default reference.docx."""
    pandoc = pypandoc.get_pandoc_path()
    return subprocess.run(
        [pandoc, "--print-default-data-file", "reference.docx"], capture_output=True, check=True
    ).stdout


def a4_section(document: str) -> str:
    """document.xml with its (only) section on A4 paper with 2 cm margins."""
    page = (
        '<w:pgSz w:w="11906" w:h="16838" />'  # twentieths of a point: 210 x 297 mm
        f'<w:pgMar w:top="{MARGIN}" w:right="{MARGIN}" w:bottom="{MARGIN}" w:left="{MARGIN}" '
        'w:header="567" w:footer="567" w:gutter="0" />'
    )
    # the schema's order: footnote settings (pandoc's) before the page size and margins
    document, found = re.subn(r"(\s*</w:sectPr>)", rf"{page}\g<1>", document)
    if found != 1 or "<w:pgSz" in document.replace(page, ""):
        raise SystemExit(f"expected one <w:sectPr> without a page size in document.xml: {found}")
    return document


def british(xml: str) -> str:
    """styles.xml or settings.xml with every language British English."""
    return re.sub(r'(<w:(?:lang|themeFontLang)\b[^>]*\bw:val=")[^"]*"', rf'\g<1>{LANGUAGE}"', xml)


def reference_docx(source: bytes) -> bytes:
    """The reference document: `source` with A4 pages and British English."""
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(source)) as old, zipfile.ZipFile(out, "w") as new:
        for name in sorted(old.namelist()):
            data = old.read(name)
            if name == "word/document.xml":
                data = a4_section(data.decode("utf-8")).encode("utf-8")
            elif name in ("word/styles.xml", "word/settings.xml"):
                data = british(data.decode("utf-8")).encode("utf-8")
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            new.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def main() -> None:
    TARGET.write_bytes(reference_docx(default_reference()))
    print(f"wrote {TARGET.relative_to(TARGET.parents[2])} ({TARGET.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
