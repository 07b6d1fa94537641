"""What an import did, said in words and numbers, and kept beside the file it wrote.

Each importer writes ``<file>.import.json`` next to its output (``workforce.import.json``
beside ``workforce.csv``): deterministic (sorted keys, no timestamps, no folder paths, no
identifiers), so that the same export and mapping always give the same bytes. The
methodology appendix shows it through `import_summaries`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

SUFFIX = ".import.json"
SUMMARY_VERSION = 1


@dataclass(frozen=True)
class ImportSummary:
    """One import: what was read, what was written, and what was left out and why.

    ``lines`` are sentences for people (the first is the headline, e.g. "7,431 assignment
    rows → 6,902 people; 312 bank-only; 17 secondary assignments dropped"); ``counts`` and
    ``excluded`` (reason -> value -> rows) hold the same numbers for checking.
    """

    kind: str  # esr, recruitment, survey, board
    output: str  # the data-contract file written, e.g. workforce.csv
    source: str  # the export's file name (no folder)
    source_format: str  # csv, xlsx, ...
    mapping: str  # the params file's name, e.g. esr.yaml
    columns: dict[str, str]  # role -> heading read
    counts: dict[str, int]
    lines: list[str]
    excluded: dict[str, dict[str, int]] = field(default_factory=dict)
    output_sha256: str = ""  # the written file's hash: a summary never outlives its file
    version: int = SUMMARY_VERSION

    def to_json(self) -> str:
        """Canonical JSON (sorted keys, two-space indent, trailing newline)."""
        return json.dumps(asdict(self), indent=2, sort_keys=True, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> ImportSummary:
        """Read a summary written by `to_json`."""
        return cls(**json.loads(text))

    @property
    def headline(self) -> str:
        """The first sentence: what went in and what came out."""
        return self.lines[0] if self.lines else ""


@dataclass(frozen=True)
class ImportResult:
    """What an import wrote and said: the files, the summary and any notes for the user."""

    written: list[Path]
    summary: ImportSummary
    notes: list[str] = field(default_factory=list)


def plural(count: int, one: str, many: str | None = None) -> str:
    """'1 person', '2 people', '1,204 rows': a count with its noun."""
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


def summary_path(output: Path) -> Path:
    """Where the summary of an output file goes: beside it, as <stem>.import.json."""
    return output.with_name(output.stem + SUFFIX)


def import_summaries(data_dir: Path, org: str, year: int) -> list[ImportSummary]:
    """The summaries of the imports that wrote an organisation-year's files, in contract order.

    An empty list means every file there was prepared by hand (or by `wres synth`). A
    summary whose output file is gone or has changed since (edited by hand, written again
    by `wres synth`) is left out: it no longer describes that file.
    """
    from ..inputs.extracts import FILES  # here, so that `wres --help` does not load pandas

    folder = Path(data_dir) / org / str(year)
    found = []
    for name in FILES:
        path, output = folder / f"{name}{SUFFIX}", folder / f"{name}.csv"
        if not (path.is_file() and output.is_file()):
            continue
        summary = ImportSummary.from_json(path.read_text(encoding="utf-8"))
        if summary.output_sha256 == hashlib.sha256(output.read_bytes()).hexdigest():
            found.append(summary)
    return found


def as_rows(summaries: list[ImportSummary]) -> list[dict[str, str]]:
    """One row per import for a methodology table: file, source, and what happened."""
    return [
        {
            "file": s.output,
            "imported from": f"{s.source} ({s.source_format}, mapping {s.mapping})",
            "what the import did": " ".join(s.lines),
        }
        for s in summaries
    ]
