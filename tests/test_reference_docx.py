"""The Word report's reference document: A4 pages, British English, pandoc's styles."""

from __future__ import annotations

import importlib.util
import re
import zipfile
from io import BytesIO
from pathlib import Path

from wres_analysis.paths import PROJECT_ROOT

SHIPPED = PROJECT_ROOT / "wres_analysis" / "resources" / "reference.docx"
SCRIPT = PROJECT_ROOT / "scripts" / "make_reference_docx.py"


def parts(docx: bytes) -> dict[str, str]:
    with zipfile.ZipFile(BytesIO(docx)) as archive:
        return {
            name: archive.read(name).decode("utf-8")
            for name in ("word/document.xml", "word/styles.xml", "word/settings.xml")
        }


def check_a4_british(docx: bytes) -> None:
    xml = parts(docx)
    [section] = re.findall(r"<w:sectPr>.*?</w:sectPr>", xml["word/document.xml"], re.S)
    assert '<w:pgSz w:w="11906" w:h="16838" />' in section  # 210 x 297 mm in twips
    assert re.search(r'<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134"', section)
    languages = re.findall(r'<w:(?:lang|themeFontLang)\b[^>]*\bw:val="([^"]*)"',
                           xml["word/styles.xml"] + xml["word/settings.xml"])  # fmt: skip
    assert languages and set(languages) == {"en-GB"}
    for level in (1, 2, 3):
        assert f'w:styleId="Heading{level}"' in xml["word/styles.xml"]


def test_the_shipped_reference_document_is_a4_and_british() -> None:
    check_a4_british(SHIPPED.read_bytes())


def test_the_script_makes_it_from_pandocs_default_the_same_way_every_time() -> None:
    spec = importlib.util.spec_from_file_location("make_reference_docx", SCRIPT)
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    default = script.default_reference()
    assert "11906" not in parts(default)["word/document.xml"]  # pandoc's own is not A4
    made = script.reference_docx(default)
    check_a4_british(made)
    assert made == script.reference_docx(default)  # fixed timestamps: the same bytes
    assert Path(script.TARGET) == SHIPPED
