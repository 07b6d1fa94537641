"""`wres verify`: prove that a built report is what the data and the code give.

For each organisation of a year (and edition) it checks, in order:
1. the manifest against the files as they are now: every input and params file, template,
   commentary, the package source, the lock file and Python (an input edited after the
   report was built is named);
2. the figures: recomputed from the raw data and compared byte for byte with the stored
   figures.json (and earlier years' records), naming each figure that differs;
3. the notebooks: re-executed in a scratch folder and compared, output by output (text,
   tables, image bytes), with the stored executed notebooks;
4. the report: every figure it shows (each carries its path in the record,
   `data-figure`) against the record, and the whole page against a rebuild from the
   re-executed notebooks.
It prints "N figures verified, M differ" with every difference (file, figure, both values)
and exits 1 on any. docs/auditing.md says what each check proves and what it does not.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from ..paths import DATA_DIR, NOTEBOOKS_DIR, OUTPUTS_DIR, PARAMS_DIR
from ..sections import SECTIONS, Section
from .fingerprint import code_fingerprint, figures_inputs, hash_files, section_sources, short
from .manifest import normalised_notebook, read_manifest
from .output_paths import OrgOutputs, edition_name
from .run_lock import run_lock
from .runner import organisations_for, run_request

SNIPPET = 80  # characters of a differing value shown
FIGURE_CHECKS = ("record values", "report figures")


@dataclass(frozen=True)
class Finding:
    """One difference: where, which figure, what the data and code give, what is on disk."""

    org: str
    file: str
    figure: str
    expected: str
    found: str

    def describe(self) -> str:
        """One line for people."""
        return (
            f"{self.org} {self.file}: {self.figure}: expected {self.expected!r}, "
            f"found {self.found!r}"
        )


@dataclass
class OrgVerification:
    """What was checked for one organisation, and every difference found."""

    org: str
    verified: dict[str, int] = field(default_factory=dict)  # check -> figures/items verified
    findings: list[Finding] = field(default_factory=list)

    def differ(self, file: str, figure: str, expected: Any, found: Any) -> None:
        self.findings.append(Finding(self.org, file, figure, _snip(expected), _snip(found)))

    @property
    def figures_verified(self) -> int:
        """Figures checked one by one: the record's values and the report's figures."""
        return sum(self.verified.get(k, 0) for k in FIGURE_CHECKS)


@dataclass(frozen=True)
class VerifyResult:
    """Every organisation's verification."""

    year: int
    published: bool
    orgs: tuple[OrgVerification, ...]

    @property
    def verified(self) -> int:
        return sum(o.figures_verified for o in self.orgs)

    @property
    def findings(self) -> list[Finding]:
        return [f for o in self.orgs for f in o.findings]

    @property
    def ok(self) -> bool:
        return not self.findings

    def summary(self) -> str:
        """Per organisation what was verified, then the totals and every difference."""
        lines = [f"WRES {self.year} verification ({edition_name(self.published)}):"]
        for org in self.orgs:
            parts = ", ".join(f"{n} {what}" for what, n in org.verified.items())
            lines.append(f"  {org.org}: {parts or 'nothing verified'}; {len(org.findings)} differ")
        lines.append(f"{self.verified} figures verified, {len(self.findings)} differ")
        lines += [f"  {f.describe()}" for f in self.findings]
        return "\n".join(lines)


def _snip(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split())
    return text if len(text) <= SNIPPET else text[: SNIPPET - 3] + "..."


# --- 1. the manifest against the files now -------------------------------------------------
def check_manifest(
    check: OrgVerification,
    manifest: dict[str, Any],
    *,
    data_dir: Path,
    params_dir: Path,
    notebooks_dir: Path,
    sections: Sequence[Section],
) -> None:
    """Name every input, params file, template and piece of code changed since the build."""
    outputs_year, org = manifest["year"], manifest["org"]
    now = hash_files(figures_inputs(data_dir, params_dir, org, outputs_year))
    built = manifest.get("inputs", {})
    for label in sorted(set(now) | set(built)):
        if now.get(label) != built.get(label):
            check.differ(
                label,
                "file changed since the report was built (sha256)",
                short(built[label]) if label in built else "absent",
                short(now[label]) if label in now else "absent",
            )
    code = code_fingerprint()
    for key, label in (("package", "wres_analysis source"), ("lock", "requirements.lock")):
        if manifest.get("code", {}).get(key) != code[key]:
            check.differ(
                label,
                "changed since the report was built (sha256)",
                short(manifest.get("code", {}).get(key) or "-"),
                short(code[key]),
            )
    if manifest.get("python") != code["python"]:
        check.differ("python", "version", manifest.get("python"), code["python"])
    slugs = [s.slug for s in sections]
    templates, commentary = section_sources(notebooks_dir, params_dir, org, outputs_year, slugs)
    for slug in slugs:
        entry = manifest.get("sections", {}).get(slug, {})
        if entry.get("template") != templates[slug]:
            check.differ(
                f"notebooks/{slug}.ipynb",
                "template changed since the report was built",
                short(entry.get("template") or "-"),
                short(templates[slug]),
            )
        if entry.get("commentary") != commentary[slug]:
            check.differ(
                f"commentary/{slug}.md",
                "commentary changed since the report was built",
                short(entry.get("commentary") or "none"),
                short(commentary[slug] or "none"),
            )
    check.verified["files hashed"] = len(now) + len(slugs) * 2 + 3


# --- 2. figures recomputed from the raw data ------------------------------------------------
def leaves(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """(dotted path, value) for every scalar in a JSON value."""
    if isinstance(value, dict):
        for key in sorted(value):
            yield from leaves(value[key], f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from leaves(item, f"{path}.{i}" if path else str(i))
    else:
        yield path, value


def check_figures(check: OrgVerification, outputs: OrgOutputs, texts: dict[str, str]) -> None:
    """Compare the stored records with a recomputation, figure by figure."""
    compared = 0
    stored_labels = {p.relative_to(outputs.root).as_posix() for p in outputs.earlier.glob("*.json")}
    if outputs.figures.exists():
        stored_labels.add("figures.json")
    for label in sorted(set(texts) | stored_labels):
        path = outputs.root / label
        if label not in texts:
            check.differ(label, "(whole file)", "no such record", "a stored record")
            continue
        if not path.is_file():
            check.differ(label, "(whole file)", "a record", "missing")
            continue
        stored_text = path.read_text(encoding="utf-8")
        expected = dict(leaves(json.loads(texts[label])))
        try:
            found = dict(leaves(json.loads(stored_text)))
        except ValueError:
            check.differ(label, "(whole file)", "valid JSON", stored_text[:SNIPPET])
            continue
        for key in sorted(set(expected) | set(found)):
            if expected.get(key, "absent") != found.get(key, "absent"):
                check.differ(label, key, expected.get(key, "absent"), found.get(key, "absent"))
            else:
                compared += 1
        if stored_text != texts[label] and expected == found:
            check.differ(label, "(formatting)", "bytes as wres figures prints", "other bytes")
    check.verified["record values"] = compared


# --- 3. notebooks re-executed ---------------------------------------------------------------
def _outputs_of(path: Path) -> list[tuple[int, list[dict[str, Any]]]]:
    nb = normalised_notebook(json.loads(path.read_text(encoding="utf-8")))
    return [
        (i, cell.get("outputs", []))
        for i, cell in enumerate(nb["cells"])
        if cell.get("cell_type") == "code"
        and "injected-parameters" not in cell.get("metadata", {}).get("tags", [])
    ]


def _output_text(output: dict[str, Any]) -> dict[str, str]:
    if "text" in output:
        text = output["text"]
        return {output.get("name", "stream"): "".join(text) if isinstance(text, list) else text}
    data = output.get("data", {})
    return {k: "".join(v) if isinstance(v, list) else str(v) for k, v in sorted(data.items())}


def check_notebooks(
    check: OrgVerification, stored: OrgOutputs, fresh: OrgOutputs, slugs: Sequence[str]
) -> None:
    """Compare every output of every stored notebook with the re-executed one."""
    compared = 0
    for slug in slugs:
        label = f"notebooks/{slug}.ipynb"
        if not stored.executed(slug).is_file():
            check.differ(label, "(whole notebook)", "an executed notebook", "missing")
            continue
        if not fresh.executed(slug).is_file():
            check.differ(label, "(whole notebook)", "re-execution failed", "an executed notebook")
            continue
        mine, theirs = _outputs_of(stored.executed(slug)), _outputs_of(fresh.executed(slug))
        if len(mine) != len(theirs):
            check.differ(label, "code cells", len(theirs), len(mine))
            continue
        for (index, found), (_, expected) in zip(mine, theirs, strict=True):
            if len(found) != len(expected):
                check.differ(label, f"cell {index}: outputs", len(expected), len(found))
                continue
            for number, (a, b) in enumerate(zip(found, expected, strict=True)):
                found_text, expected_text = _output_text(a), _output_text(b)
                for mime in sorted(set(found_text) | set(expected_text)):
                    x, y = found_text.get(mime, ""), expected_text.get(mime, "")
                    if x == y:
                        compared += 1
                        continue
                    named = _figure_differences(y, x)
                    for figure, (want, got) in named.items():
                        check.differ(label, f"cell {index} output {number}: {figure}", want, got)
                    if not named:
                        check.differ(label, f"cell {index} output {number} ({mime})", y, x)
    check.verified["notebook outputs"] = compared


# --- 4. the report ----------------------------------------------------------------------------
class _Figures(HTMLParser):
    """Collect (year, path, format, text) of every traced figure in a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str, str]] = []
        self._open: list[tuple[str, str, str] | None] = []
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "span":
            return
        a = dict(attrs)
        if "data-figure" in a:
            self._open.append(
                (a.get("data-year") or "", a["data-figure"] or "", a.get("data-format") or "")
            )
            self._text = []
        else:
            self._open.append(None)

    def handle_endtag(self, tag: str) -> None:
        if tag == "span" and self._open:
            top = self._open.pop()
            if top is not None:
                self.found.append((*top, "".join(self._text)))

    def handle_data(self, data: str) -> None:
        if self._open and self._open[-1] is not None:
            self._text.append(data)


def traced_figures(page: str) -> list[tuple[str, str, str, str]]:
    """(year, dotted path, format, text shown) of every traced figure in HTML."""
    parser = _Figures()
    parser.feed(page)
    return parser.found


def _figure_differences(expected: str, found: str) -> dict[str, tuple[str, str]]:
    want = {f"{y}:{p}": t for y, p, _, t in traced_figures(expected)}
    got = {f"{y}:{p}": t for y, p, _, t in traced_figures(found)}
    return {
        k: (want.get(k, "absent"), got.get(k, "absent"))
        for k in sorted(set(want) | set(got))
        if want.get(k) != got.get(k)
    }


def check_report_figures(
    check: OrgVerification, outputs: OrgOutputs, records: dict[int, dict[str, Any]]
) -> None:
    """Every figure the report shows, against the record it names (a trend measure, kind
    "trend", against the measure computed from the records of the years shown)."""
    from ..display.record_view import KINDS, expected_text
    from ..display.trend_view import expected_trend_text

    if not outputs.report_index.is_file():
        check.differ("report/index.html", "(whole report)", "a built report", "missing")
        return
    page = outputs.report_index.read_text(encoding="utf-8")
    compared = 0
    for year, path, kind, text in traced_figures(page):
        record = records.get(int(year)) if year.isdigit() else None
        want: str | None = None
        if record is not None and kind == "trend":
            want = expected_trend_text(records, int(year), path)
        elif record is not None and kind in KINDS:
            want = expected_text(record, path, kind)
        if want is None:
            check.differ("report/index.html", f"{year}:{path}", "a figure of the record", text)
            continue
        if want != text:
            check.differ("report/index.html", f"{year}:{path}", want, text)
        else:
            compared += 1
    check.verified["report figures"] = compared


def check_report_rebuild(check: OrgVerification, stored: OrgOutputs, rebuilt: OrgOutputs) -> None:
    """The whole report page against a rebuild from the re-executed notebooks."""
    a, b = stored.report_index, rebuilt.report_index
    if not (a.is_file() and b.is_file()):
        return
    mine, theirs = a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8")
    if mine == theirs:
        check.verified["report pages rebuilt identically"] = 1
        return
    at = next(
        (i for i, (x, y) in enumerate(zip(mine, theirs, strict=False)) if x != y),
        min(len(mine), len(theirs)),
    )
    check.differ(
        "report/index.html",
        f"page text near character {at}",
        theirs[max(0, at - 30) : at + 50],
        mine[max(0, at - 30) : at + 50],
    )


# --- the whole year ---------------------------------------------------------------------------
def built_sections(
    outputs_dir: Path, year: int, codes: Sequence[str], published: bool
) -> tuple[Section, ...]:
    """The sections the organisations' manifests list, in report order (all if none)."""
    listed: set[str] = set()
    for org in codes:
        manifest = read_manifest(OrgOutputs(outputs_dir, year, org, published).manifest) or {}
        listed |= set(manifest.get("sections") or {})
    return tuple(s for s in SECTIONS if s.slug in listed) or SECTIONS


def verify_year(
    year: int,
    orgs: list[str] | None = None,
    *,
    published: bool | None = None,
    notebooks_dir: Path = NOTEBOOKS_DIR,
    outputs_dir: Path = OUTPUTS_DIR,
    data_dir: Path = DATA_DIR,
    params_dir: Path = PARAMS_DIR,
    sections: Sequence[Section] | None = None,
    rerun: bool = True,
    max_workers: int | None = None,
    use_quarto: bool | None = None,
    say: Callable[[str], None] = print,
) -> VerifyResult:
    """Verify every organisation's built report of `year` (see the module docstring).

    `sections` None verifies the sections each manifest lists (the ones that were built).
    """
    from ..figures.report_records import report_records
    from .figures_artefact import artefact_texts
    from .quarto_project import quarto_binary
    from .report import build_org_report, renderer_name

    request = run_request(
        year,
        orgs,
        published=published,
        notebooks_dir=notebooks_dir,
        outputs_dir=outputs_dir,
        data_dir=data_dir,
        params_dir=params_dir,
        max_workers=max_workers,
    )
    mode = request.published
    codes = organisations_for(year, orgs, params_dir)
    if sections is None:
        sections = built_sections(outputs_dir, year, codes, mode)
    checks: list[OrgVerification] = []
    with (
        run_lock(request.folder, request.describe(), say=say),
        tempfile.TemporaryDirectory(prefix="wres-verify-") as tmp,
    ):
        scratch = Path(tmp)
        fresh_batch = None
        if rerun:
            from .runner import run_year

            say(f"re-executing {len(codes)} organisation(s)' notebooks in a scratch folder ...")
            fresh_batch = run_year(
                year,
                codes,
                published=mode,
                notebooks_dir=notebooks_dir,
                outputs_dir=scratch,
                data_dir=data_dir,
                params_dir=params_dir,
                sections=sections,
                max_workers=max_workers,
                say=say,
            )
        for org in codes:
            check = OrgVerification(org)
            checks.append(check)
            outputs = OrgOutputs(outputs_dir, year, org, mode)
            manifest = read_manifest(outputs.manifest)
            if manifest is None:
                check.differ(
                    "manifest.json", "(whole file)", "a manifest (run wres report)", "missing"
                )
                continue
            check_manifest(
                check,
                manifest,
                data_dir=data_dir,
                params_dir=params_dir,
                notebooks_dir=notebooks_dir,
                sections=sections,
            )
            try:
                records = report_records(data_dir, org, year, params_dir=params_dir, published=mode)
            except Exception as exc:
                check.differ("figures.json", "(recomputation)", "figures from the data", str(exc))
                continue
            check_figures(check, outputs, artefact_texts(records, year))
            check_report_figures(check, outputs, records)
            if fresh_batch is not None:
                fresh = OrgOutputs(scratch, year, org, mode)
                check_notebooks(check, outputs, fresh, [s.slug for s in sections])
                if org in fresh_batch.complete_orgs() and outputs.report_index.is_file():
                    quarto = quarto_binary() is not None if use_quarto is None else use_quarto
                    renderer = (
                        (read_manifest(outputs.manifest) or {})
                        .get("report", {})
                        .get("renderer", renderer_name(quarto))
                    )
                    build_org_report(
                        fresh,
                        sections,
                        published=mode,
                        params_dir=params_dir,
                        use_quarto=renderer == "quarto",
                    )
                    check_report_rebuild(check, outputs, fresh)
        shutil.rmtree(scratch, ignore_errors=True)
    return VerifyResult(year, mode, tuple(checks))
