"""A catalogue of bad inputs, each run through the `wres` command line.

Every case breaks one thing in a small, otherwise valid project (extracts, params, an action
plan, commentary and previous outputs) and asserts: the exit status; no traceback; the
message names the file and, where the fault sits on one, the row or line (and the value);
nothing on stdout, so no half-written JSON; and every file of the project, previous
outputs included, exactly as before (nothing half-written, nothing lost).

Cases that need a file or folder the user may not read drop the capabilities that let
root read anything (setpriv), since tests here may run as root; they are skipped where
that is impossible.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from wres_analysis.cli import main

from .test_loading import GOOD

ORG, YEAR = "X", 2020
PREVIOUS = {
    "workforce": GOOD["workforce"],
    "disciplinary": "ethnic_category,entered\nA,1\nH,1\n",
}
YEAR_PARAMS = """\
year: 2020
organisations: [X]
required_indicators: [1, 2, 3, 4, 9]
disclosure:
  threshold: 10
  suppress_zero: false
"""
ORGANISATIONS = """\
organisations:
  X:
    name: Example Trust
    type: trust
    region: Midlands
"""
PLAN = """\
org: X
year: 2020
actions:
  - id: a1
    source: wres-2
    recommendation: White applicants are more likely to be appointed.
    action: Diverse interview panels.
    owner: HR Team
    due: 2020-09-30
    status: in progress
"""
COMMENTARY = "The workforce is {{ workforce_bme_pct }} BME.\n\nMore text.\n"
SENTINEL = '{"previous": "output, must survive"}\n'


@dataclass(frozen=True)
class Project:
    """A throwaway project: data/, params/ and outputs/ under one root."""

    root: Path

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def params(self) -> Path:
        return self.root / "params"

    def csv(self, name: str, year: int = YEAR) -> Path:
        return self.data / ORG / str(year) / f"{name}.csv"

    @property
    def year_file(self) -> Path:
        return self.params / "years" / f"{YEAR}.yaml"

    @property
    def plan(self) -> Path:
        return self.params / "orgs" / ORG / str(YEAR) / "actions.yaml"

    @property
    def commentary(self) -> Path:
        return self.params / "orgs" / ORG / str(YEAR) / "commentary" / "02-workforce.md"


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def make_project(root: Path) -> Project:
    """A valid project, with a previous figures output and next year's plan already there."""
    project = Project(root)
    for name, text in GOOD.items():
        write(project.csv(name), text)
    for name, text in PREVIOUS.items():
        write(project.csv(name, YEAR - 1), text)
    write(project.csv("risk_assessments"), "ethnic_category,assessed\nA,true\nH,false\n")
    write(project.params / "organisations.yaml", ORGANISATIONS)
    write(project.year_file, YEAR_PARAMS)
    write(project.params / "owners.yaml", "team_names: []\n")
    write(project.plan, PLAN)
    write(project.commentary, COMMENTARY)
    write(project.params / "orgs" / ORG / str(YEAR + 1) / "actions.yaml", "# next year\n")
    write(root / "outputs" / str(YEAR) / ORG / "figures.json", SENTINEL)
    return project


def snapshot(root: Path) -> dict[str, str]:
    """Every entry under root: files by content hash, links by target, others by kind.

    Unreadable entries must have their permissions restored before this is called."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            key = str(path.relative_to(root))
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                out[key] = "link:" + os.readlink(path)
            elif stat.S_ISREG(mode):
                out[key] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                out[key] = "folder" if stat.S_ISDIR(mode) else "other"
    return out


def _paths(p: Project) -> list[str]:
    return ["--data-dir", str(p.data), "--params-dir", str(p.params)]


COMMANDS: dict[str, Callable[[Project], list[str]]] = {
    "figures": lambda p: ["figures", *_paths(p), "--org", ORG, "--year", str(YEAR)],
    "validate": lambda p: ["validate", *_paths(p), "--org", ORG, "--year", str(YEAR)],
    "check": lambda p: ["actions", "check", "--params-dir", str(p.params), "--year", str(YEAR)],
    "carry": lambda p: [
        *("actions", "carry", "--from", str(YEAR), "--to", str(YEAR + 1), "--org", ORG),
        *("--force", "--on", "2021-04-01", "--params-dir", str(p.params)),
    ],
}


@dataclass(frozen=True)
class Case:
    """One bad input: how to break the project, the command, and what the message names."""

    id: str
    commands: tuple[str, ...]
    breaks: Callable[[Project], object]
    expect: tuple[str, ...]
    status: int = 1
    unreadable: bool = False  # needs a path the user may not read


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (old, path)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _alias_bomb(levels: int = 9) -> str:
    lines = ["organisations:", '  a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for i in range(1, levels):
        lines.append(f"  a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    return "\n".join(lines) + "\n"


def _fifo(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


def _broken_link(path: Path) -> None:
    path.unlink()
    path.symlink_to(path.with_name("gone.csv"))


def _unreadable(path: Path) -> None:
    path.chmod(0)


def _readable_again(root: Path) -> None:
    for dirpath, dirnames, filenames in os.walk(root, topdown=True):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            if not path.is_symlink():
                path.chmod(0o755 if path.is_dir() else 0o644)


def _workforce_cells(project: Project, row: int, column: str, value: str) -> None:
    path = project.csv("workforce")
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[row - 1].split(",")
    cells[header.index(column)] = value
    lines[row - 1] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


FIG = ("figures", "validate")
BIG_INT = "1234567890123456"
CASES: list[Case] = [
    # --- params YAML -------------------------------------------------------------------
    Case(
        "alias-bomb-organisations",
        FIG,
        lambda p: write(p.params / "organisations.yaml", _alias_bomb()),
        ("params/organisations.yaml", "line 2", "anchor", "&a0"),
    ),
    Case(
        "alias-in-year-params",
        FIG,
        lambda p: write(p.year_file, YEAR_PARAMS + "not_required_reason: *why\n"),
        ("years/2020.yaml", "line 7", "alias", "*why"),
    ),
    Case(
        "anchor-in-year-params",
        FIG,
        lambda p: _replace(p.year_file, "disclosure:", "disclosure: &d"),
        ("years/2020.yaml", "line 4", "anchor"),
    ),
    Case(
        "repeated-disclosure-key",
        FIG,
        lambda p: write(p.year_file, YEAR_PARAMS + "disclosure:\n  threshold: 3\n"),
        ("years/2020.yaml", "line 7", "lines 4 and 7", "'disclosure'"),
    ),
    Case(
        "repeated-nested-key",
        FIG,
        lambda p: _replace(p.year_file, "  threshold: 10\n", "  threshold: 10\n  threshold: 3\n"),
        ("years/2020.yaml", "line 6", "lines 5 and 6", "'threshold'"),
    ),
    Case(
        "year-params-cp1252",
        FIG,
        lambda p: write(
            p.year_file, (YEAR_PARAMS + "not_required_reason: caf\xe9\n").encode("cp1252")
        ),
        ("years/2020.yaml", "line 7", "not UTF-8", "e9"),
    ),
    Case(
        "year-params-utf16",
        FIG,
        lambda p: write(p.year_file, YEAR_PARAMS.encode("utf-16")),
        ("years/2020.yaml", "line 1", "UTF-16"),
    ),
    Case(
        "year-params-python-tag",
        FIG,
        lambda p: write(p.year_file, YEAR_PARAMS + "x: !!python/object/apply:os.system [ls]\n"),
        ("years/2020.yaml", "line 7", "remove the tag"),
    ),
    Case(
        "year-params-merge-key",
        FIG,
        lambda p: _replace(p.year_file, "  threshold: 10\n", "  <<: {threshold: 3}\n"),
        ("years/2020.yaml", "line 5", "merge key"),
    ),
    Case(
        "year-params-too-deep",
        FIG,
        lambda p: write(p.year_file, YEAR_PARAMS + "x: " + "[" * 40 + "]" * 40 + "\n"),
        ("years/2020.yaml", "line 7", "levels deep"),
    ),
    Case(
        "year-params-too-large",
        FIG,
        lambda p: write(p.year_file, YEAR_PARAMS + "# " + "x" * 1_000_001 + "\n"),
        ("years/2020.yaml", "1,000,000 bytes"),
    ),
    Case(
        "year-params-is-a-folder",
        FIG,
        lambda p: (p.year_file.unlink(), p.year_file.mkdir()),
        ("years/2020.yaml", "is a folder"),
    ),
    Case(
        "year-params-broken-link",
        FIG,
        lambda p: (p.year_file.unlink(), p.year_file.symlink_to("2019-final.yaml")),
        ("years/2020.yaml", "symbolic link", "2019-final.yaml"),
    ),
    Case(
        "year-params-not-a-mapping",
        FIG,
        lambda p: write(p.year_file, "- 2020\n"),
        ("years/2020.yaml", "line 1", "mapping"),
    ),
    Case(
        "organisations-not-a-mapping",
        FIG,
        lambda p: write(p.params / "organisations.yaml", "organisations:\n  - X\n"),
        ("organisations.yaml", "line 1", "map each organisation code"),
    ),
    Case(
        "organisation-details-not-a-mapping",
        FIG,
        lambda p: write(p.params / "organisations.yaml", "organisations:\n  X: Example Trust\n"),
        ("organisations.yaml", "line 2", "indented under it"),
    ),
    Case(
        "year-params-unreadable",
        FIG,
        lambda p: _unreadable(p.year_file),
        ("years/2020.yaml", "permission denied"),
        unreadable=True,
    ),
    Case(
        "params-dir-is-a-file",
        ("figures", "validate", "check", "carry"),
        lambda p: (shutil.rmtree(p.params), write(p.params, "not a folder")),
        ("params", "is a file, not a folder", "--params-dir"),
    ),
    # --- extracts ------------------------------------------------------------------------
    Case(
        "year-folder-unreadable",
        FIG,
        lambda p: _unreadable(p.data / ORG / str(YEAR)),
        ("data/X/2020", "permission denied"),
        unreadable=True,
    ),
    Case(
        "workforce-unreadable",
        FIG,
        lambda p: _unreadable(p.csv("workforce")),
        ("data/X/2020/workforce.csv", "permission denied"),
        unreadable=True,
    ),
    Case(
        "org-code-300-characters",
        FIG,
        lambda p: None,
        ("300 characters", "at most 64"),
    ),
    Case(
        "recruitment-broken-link",
        FIG,
        lambda p: _broken_link(p.csv("recruitment")),
        ("data/X/2020/recruitment.csv", "symbolic link", "gone.csv"),
    ),
    Case(
        "workforce-is-a-pipe",
        FIG,
        lambda p: _fifo(p.csv("workforce")),
        ("data/X/2020/workforce.csv", "not a regular file"),
    ),
    Case(
        "board-is-a-folder",
        FIG,
        lambda p: (p.csv("board").unlink(), p.csv("board").mkdir()),
        ("data/X/2020/board.csv", "is a folder"),
    ),
    Case(
        "year-folder-is-a-file",
        FIG,
        lambda p: (shutil.rmtree(p.data / ORG / str(YEAR)), write(p.data / ORG / str(YEAR), "x")),
        ("data/X/2020", "make it the folder"),
    ),
    Case(
        "disciplinary-entered-above-headcount",
        FIG,
        lambda p: write(p.csv("disciplinary"), "ethnic_category,entered\nA,1\nH,500\n"),
        ("data/X/2020/disciplinary.csv", "row 3", "500", "headcount of 2", "100%"),
    ),
    Case(
        "previous-disciplinary-above-headcount",
        FIG,
        lambda p: write(p.csv("disciplinary", YEAR - 1), "ethnic_category,entered\nH,9\n"),
        ("data/X/2019/disciplinary.csv", "row 2", "headcount of 2"),
    ),
    Case(
        "previous-disciplinary-bad-value",
        FIG,
        lambda p: write(p.csv("disciplinary", YEAR - 1), "ethnic_category,entered\nA,two\n"),
        ("data/X/2019/disciplinary.csv", "row 2", "'two'", "whole number"),
    ),
    Case(
        "previous-workforce-bad-ethnicity",
        FIG,
        lambda p: write(
            p.csv("workforce", YEAR - 1),
            "staff_id,ethnic_category,pay_band,clinical\n"
            "S1,A,Band 5,clinical\nS2,Q,Band 5,clinical\n",
        ),
        ("data/X/2019/workforce.csv", "row 3", "'Q'"),
    ),
    Case(
        "risk-assessments-bad-value",
        FIG,
        lambda p: write(p.csv("risk_assessments"), "ethnic_category,assessed\nA,true\nH,maybe\n"),
        ("data/X/2020/risk_assessments.csv", "row 3", "'maybe'", "true or false"),
    ),
    Case(
        "count-too-large",
        FIG,
        lambda p: write(
            p.csv("recruitment"), f"ethnic_category,shortlisted,appointed\nA,{BIG_INT},3\n"
        ),
        ("data/X/2020/recruitment.csv", "row 2", BIG_INT, "too large"),
    ),
    Case(
        "excel-sep-line",
        FIG,
        lambda p: write(p.csv("training"), "sep=,\n" + GOOD["training"]),
        ("data/X/2020/training.csv", "row 1", "sep=,", "delete that first line"),
    ),
    Case(
        "semicolons-with-decimal-commas",
        FIG,
        lambda p: write(
            p.csv("staff_survey"), "indicator;group;percentage\n5;White;23,5\n5;BME;30,0\n"
        ),
        ("data/X/2020/staff_survey.csv", "row 2", "';'", "comma-separated"),
    ),
    Case(
        "tab-separated",
        FIG,
        lambda p: write(p.csv("training"), "ethnic_category\taccessed\nA\t1\n"),
        ("data/X/2020/training.csv", "row 1", "tabs"),
    ),
    Case(
        "workforce-cp1252",
        FIG,
        lambda p: write(
            p.csv("workforce"),
            "staff_id,ethnic_category,pay_band,clinical\nS1,A,Band 5,clinical\n"
            "S2,A,Band 5,clinical caf\xe9\n".encode("cp1252"),
        ),
        ("data/X/2020/workforce.csv", "row 3", "not UTF-8", "CSV UTF-8"),
    ),
    Case(
        "workforce-utf16",
        FIG,
        lambda p: write(p.csv("workforce"), GOOD["workforce"].encode("utf-16")),
        ("data/X/2020/workforce.csv", "row 1", "UTF-16"),
    ),
    Case(
        "excel-workbook-named-csv",
        FIG,
        lambda p: write(p.csv("board"), b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 64),
        ("data/X/2020/board.csv", "row 1", "Excel workbook"),
    ),
    Case(
        "nul-bytes",
        FIG,
        lambda p: write(p.csv("training"), b"ethnic_category,accessed\nA,1\x00\n"),
        ("data/X/2020/training.csv", "row 2", "'1\\x00'"),
    ),
    Case(
        "unknown-ethnic-code",
        FIG,
        lambda p: _workforce_cells(p, 3, "ethnic_category", "Q"),
        ("data/X/2020/workforce.csv", "row 3", "column 'ethnic_category'", "'Q'"),
    ),
    Case(
        "too-many-cells",
        FIG,
        lambda p: write(p.csv("recruitment"), "ethnic_category,shortlisted,appointed\nA,1,0,7\n"),
        ("data/X/2020/recruitment.csv", "row 2", "4 cells"),
    ),
    Case(
        "unclosed-quote",
        FIG,
        lambda p: write(p.csv("training"), 'ethnic_category,accessed\nA,1\n"H,1\n'),
        ("data/X/2020/training.csv", "row 3", "double quotes"),
    ),
    Case(
        "appointed-above-shortlisted",
        FIG,
        lambda p: write(p.csv("recruitment"), "ethnic_category,shortlisted,appointed\nD,4,6\n"),
        ("data/X/2020/recruitment.csv", "row 2", "'6'", "more than shortlisted (4)"),
    ),
    Case(
        "repeated-staff-id",
        FIG,
        lambda p: _workforce_cells(p, 4, "staff_id", "S1"),
        ("data/X/2020/workforce.csv", "row 4", "repeats the staff_id of row 2"),
    ),
    Case(
        "empty-workforce",
        FIG,
        lambda p: write(p.csv("workforce"), b""),
        ("data/X/2020/workforce.csv", "row 1", "empty"),
    ),
    Case(
        "missing-workforce",
        FIG,
        lambda p: p.csv("workforce").unlink(),
        ("data/X/2020/workforce.csv", "missing"),
    ),
    # --- action plans ------------------------------------------------------------------------
    Case(
        "owner-surname-forename",
        ("figures", "validate", "check", "carry"),
        lambda p: _replace(p.plan, "owner: HR Team", "owner: Smith, Jane"),
        ("actions.yaml", "line 8", "Smith, Jane", "Surname, Forename", "owners.yaml"),
    ),
    Case(
        "owner-initial-and-surname",
        ("check", "carry"),
        lambda p: _replace(p.plan, "owner: HR Team", "owner: J. Smith"),
        ("actions.yaml", "line 8", "J. Smith", "initials"),
    ),
    Case(
        "plan-cp1252",
        ("figures", "validate", "check", "carry"),
        lambda p: write(p.plan, PLAN.replace("panels.", "panels \xe9.").encode("cp1252")),
        ("actions.yaml", "line 7", "not UTF-8"),
    ),
    Case(
        "plan-repeated-key",
        ("check", "carry"),
        lambda p: _replace(
            p.plan, "    status: in progress\n", "    status: done\n    status: in progress\n"
        ),
        ("actions.yaml", "line 11", "lines 10 and 11", "'status'"),
    ),
    Case(
        "plan-alias",
        ("check", "carry"),
        lambda p: _replace(p.plan, "recommendation: White", "recommendation: &r White"),
        ("actions.yaml", "line 6", "anchor"),
    ),
    Case(
        "plan-unreadable",
        ("check",),
        lambda p: _unreadable(p.plan),
        ("actions.yaml", "permission denied"),
        unreadable=True,
    ),
    Case(
        "carry-org-code-300-characters",
        ("carry",),
        lambda p: None,
        ("300 characters", "at most 64"),
    ),
    # --- commentary ----------------------------------------------------------------------------
    Case(
        "commentary-cp1252",
        ("validate",),
        lambda p: write(p.commentary, "Line one.\nCaf\xe9 culture.\n".encode("cp1252")),
        ("commentary/02-workforce.md", "line 2", "not UTF-8"),
    ),
    Case(
        "commentary-blocked-construct",
        ("validate",),
        lambda p: write(p.commentary, "Fine.\n\n{{ year.__class__ }}\n"),
        ("commentary/02-workforce.md", "line 3", "not allowed", "__class__"),
    ),
    Case(
        "commentary-unknown-placeholder",
        ("validate",),
        lambda p: write(p.commentary, "Line.\n{{ workforce_bme_share }}\n"),
        ("commentary/02-workforce.md", "line 2", "workforce_bme_share"),
    ),
    Case(
        "commentary-too-large",
        ("validate",),
        lambda p: write(p.commentary, "Words. " * 30_000),
        ("commentary/02-workforce.md", "200,000 bytes"),
    ),
    Case(
        "commentary-broken-link",
        ("validate",),
        lambda p: (p.commentary.unlink(), p.commentary.symlink_to("draft.md")),
        ("commentary/02-workforce.md", "symbolic link", "draft.md"),
    ),
    Case(
        "commentary-is-a-folder",
        ("validate",),
        lambda p: (p.commentary.unlink(), p.commentary.mkdir()),
        ("commentary/02-workforce.md", "is a folder"),
    ),
    Case(
        "commentary-misnamed",
        ("validate",),
        lambda p: write(p.commentary.with_name("02-workfroce.md"), "Text.\n"),
        ("commentary/02-workfroce.md", "not named after a report section"),
    ),
]

LONG_ORG = "A" * 300


def _argv(case: Case, command: str, project: Project) -> list[str]:
    argv = COMMANDS[command](project)
    if case.id.endswith("org-code-300-characters"):
        argv[argv.index("--org") + 1] = LONG_ORG
    return argv


def _run_unreadable(argv: list[str]) -> tuple[int, str, str]:
    """Run `wres` without the capabilities that let root read any file."""
    command = [sys.executable, "-m", "wres_analysis.cli", *argv]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: cannot make a file unreadable")
        drop = "-dac_override,-dac_read_search,-fowner"
        command = [setpriv, "--inh-caps=-all", f"--bounding-set={drop}", *command]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    if "Operation not permitted" in done.stderr and "setpriv" in done.stderr:
        pytest.skip("setpriv may not drop capabilities here")
    return done.returncode, done.stdout, done.stderr


def _params(cases: list[Case]) -> list:
    return [
        pytest.param(case, command, id=f"{case.id}[{command}]")
        for case in cases
        for command in case.commands
    ]


@pytest.mark.parametrize(("case", "command"), _params(CASES))
def test_bad_input(tmp_path: Path, capsys, case: Case, command: str) -> None:
    project = make_project(tmp_path / "project")
    if case.unreadable:  # only permissions change: the contents are those of now
        before = snapshot(project.root)
        case.breaks(project)
    else:
        case.breaks(project)
        before = snapshot(project.root)
    argv = _argv(case, command, project)
    try:
        if case.unreadable:
            status, out, err = _run_unreadable(argv)
        else:
            status = main(argv)
            captured = capsys.readouterr()
            out, err = captured.out, captured.err
    finally:
        if case.unreadable:
            _readable_again(project.root)
    assert status == case.status, err
    assert "Traceback" not in err and "Traceback" not in out
    assert out == "", "nothing may be printed on stdout when the input is bad"
    assert "wres: input error:" in err, err
    for fragment in case.expect:
        assert fragment in err, f"{fragment!r} missing from: {err}"
    assert "Fix:" in err
    assert snapshot(project.root) == before, "a file was written, changed or removed"


def test_catalogue_is_large_and_covers_every_command() -> None:
    runs = _params(CASES)
    assert len(CASES) >= 40 and len(runs) >= 80
    assert {command for case in CASES for command in case.commands} == set(COMMANDS)


def test_the_valid_project_passes_every_command(tmp_path: Path, capsys) -> None:
    project = make_project(tmp_path / "project")
    for command in ("figures", "validate", "check"):
        assert main(COMMANDS[command](project)) == 0, capsys.readouterr().err
    assert main(COMMANDS["carry"](project)) == 0
    assert (
        "carried_from: 2020"
        in (project.params / "orgs" / ORG / "2021" / "actions.yaml").read_text()
    )


def test_alias_bomb_stops_at_the_first_anchor_without_expanding(tmp_path: Path) -> None:
    """Nine nested levels would expand to 10**9 strings; the loader stops at line 2."""
    from wres_analysis.errors import InputError
    from wres_analysis.params import load_organisations

    write(tmp_path / "organisations.yaml", _alias_bomb(levels=9))
    with pytest.raises(InputError) as caught:
        load_organisations(tmp_path)
    (problem,) = caught.value.problems
    assert problem.line == 2 and problem.value == "&a0"


def test_ctrl_c_exits_130_with_a_message(monkeypatch, capsys, tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("wres_analysis.figures.compute_records", interrupted)
    assert main(COMMANDS["figures"](project)) == 130
    err = capsys.readouterr().err
    assert "interrupted" in err and "Traceback" not in err


def test_an_output_folder_that_is_a_file_is_a_message(tmp_path: Path, capsys) -> None:
    write(tmp_path / "out", "not a folder")
    status = main(["synth", "--out", str(tmp_path / "out"), "--org", "LTCCG", "--year", "2020"])
    err = capsys.readouterr().err
    assert status == 1 and "Traceback" not in err
    assert str(tmp_path / "out") in err and "Fix:" in err


def test_an_unexpected_error_is_one_line_unless_verbose(monkeypatch, capsys, tmp_path) -> None:
    project = make_project(tmp_path / "project")

    def broken(*args, **kwargs):
        raise ZeroDivisionError("oops")

    monkeypatch.setattr("wres_analysis.figures.compute_records", broken)
    assert main(COMMANDS["figures"](project)) == 2
    err = capsys.readouterr().err
    assert "internal error (ZeroDivisionError: oops)" in err and "Traceback" not in err
    assert main(["--verbose", *COMMANDS["figures"](project)]) == 2
    assert "Traceback" in capsys.readouterr().err


@pytest.mark.parametrize("case_id", ["alias-bomb-organisations", "year-params-cp1252"])
def test_no_traceback_reaches_stderr_of_a_real_process(tmp_path: Path, case_id: str) -> None:
    case = next(c for c in CASES if c.id == case_id)
    project = make_project(tmp_path / "project")
    case.breaks(project)
    done = subprocess.run(
        [sys.executable, "-m", "wres_analysis.cli", *COMMANDS["figures"](project)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1 and done.stdout == ""
    assert "Traceback" not in done.stderr
    assert all(fragment in done.stderr for fragment in case.expect), done.stderr


def test_shipped_action_plans_pass_the_owner_check_and_the_allow_list_works(tmp_path) -> None:
    from wres_analysis.actions import load_action_plan

    project = make_project(tmp_path / "project")
    _replace(project.plan, "owner: HR Team", "owner: Bevan  Brittan")
    write(project.params / "owners.yaml", "team_names:\n  - bevan brittan\n")
    assert load_action_plan(project.plan).actions[0].owner == "Bevan  Brittan"
    write(project.params / "owners.yaml", "team_names: []\n")
    with pytest.raises(Exception, match="looks like a person's name"):
        load_action_plan(project.plan)
