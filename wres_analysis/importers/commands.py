"""`wres import esr|recruitment|survey|board`: the command line of the importers.

Registered in `wres_analysis.cli` by `add_import`. Handlers import their module only
when run, so that `wres --help` stays fast.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

KINDS: dict[str, tuple[str, str]] = {
    "esr": (
        "an ESR workforce export (CSV or .xlsx) to workforce.csv",
        "Read an ESR workforce report (one row per assignment) and write "
        "data/<ORG>/<YEAR>/workforce.csv, one row per person in post at 31 March (bank-only "
        "people marked bank), with a salted staff_id in place of the person number.",
    ),
    "recruitment": (
        "an application-level recruitment export to recruitment.csv",
        "Read a TRAC / NHS Jobs export (one row per application, with the furthest stage or "
        "yes/no stage columns) and write data/<ORG>/<YEAR>/recruitment.csv.",
    ),
    "survey": (
        "a staff survey WRES breakdown workbook to staff_survey.csv",
        "Read the NHS Staff Survey benchmark data (one row per organisation) and write "
        "data/<ORG>/<YEAR>/staff_survey.csv for indicators 5-8, using the survey year's "
        "column mapping in params/import/survey.yaml.",
    ),
    "board": (
        "a board register (CSV or .xlsx) to board.csv",
        "Read the board register (one row per member) and write data/<ORG>/<YEAR>/board.csv, "
        "with a salted member_id in place of the member's name.",
    ),
}
EPILOG = (
    "Nothing is written unless every value maps: each unmapped value is listed with its "
    "rows and the line to add to params/import/<kind>.yaml. On success the summary is "
    "printed and kept beside the file as <file>.import.json. See docs/importing.md."
)


def _year(text: str) -> int:
    if not (text.isdigit() and len(text) == 4):
        raise argparse.ArgumentTypeError(f"a year has four digits, e.g. 2020; got {text!r}")
    return int(text)


def add_import(sub: argparse._SubParsersAction) -> None:
    """Register `wres import` and its four subcommands."""
    p = sub.add_parser(
        "import",
        help="turn raw exports (ESR, recruitment, staff survey, board) into the data contract",
        description="Import a raw export into data/<ORG>/<YEAR>/ in the data-contract form. "
        + EPILOG,
    )
    kinds = p.add_subparsers(title="exports", metavar="KIND", required=True)
    for kind, (short, description) in KINDS.items():
        q = kinds.add_parser(
            kind, help=short, description=f"{description} {EPILOG.replace('<kind>', kind)}"
        )
        q.add_argument("file", type=Path, metavar="FILE", help="the exported file (.csv, .xlsx)")
        q.add_argument("--org", required=True, help="organisation code (the data folder's name)")
        q.add_argument("--year", required=True, type=_year, help="reporting year")
        q.add_argument(
            "--data-dir",
            type=Path,
            default=None,
            help="where to write, as <org>/<year>/ (default: the project's data/)",
        )
        q.add_argument(
            "--params-dir", type=Path, default=None, help="params folder (default: params/)"
        )
        q.add_argument(
            "--mapping",
            type=Path,
            default=None,
            help=f"the mapping file (default: <params-dir>/import/{kind}.yaml)",
        )
        if kind in ("esr", "board"):
            q.add_argument(
                "--salt-file",
                type=Path,
                default=None,
                help="file holding the secret salt of the pseudonyms (default: "
                "$WRES_IMPORT_SALT, else <params-dir>/import/.salt, made on first use)",
            )
        if kind == "survey":
            q.add_argument(
                "--survey-year",
                required=True,
                type=_year,
                help="the staff survey's own year (its columns are mapped per survey year)",
            )
            q.add_argument(
                "--code",
                default=None,
                help="the organisation's code in the survey file (default: --org)",
            )
        q.set_defaults(handler=_run, kind=kind)


def _run(args: argparse.Namespace) -> int:
    from ..paths import DATA_DIR, PARAMS_DIR, display_path, resolve
    from .memory import keep_freed_memory

    keep_freed_memory()  # this process imports one export, then exits

    # folders as every wres command reads them (relative to the project); files named on the
    # command line (the export, --mapping, --salt-file) relative to where the command runs
    paths = {
        "data_dir": resolve(args.data_dir, DATA_DIR),
        "params_dir": resolve(args.params_dir, PARAMS_DIR),
        "mapping": args.mapping,
    }
    source = args.file
    if args.kind == "esr":
        from .esr import import_esr

        result = import_esr(source, args.org, args.year, salt_file=args.salt_file, **paths)
    elif args.kind == "recruitment":
        from .recruitment import import_recruitment

        result = import_recruitment(source, args.org, args.year, **paths)
    elif args.kind == "survey":
        from .survey import import_survey

        result = import_survey(
            source, args.org, args.year, survey_year=args.survey_year, code=args.code, **paths
        )
    else:
        from .board import import_board

        result = import_board(source, args.org, args.year, salt_file=args.salt_file, **paths)
    for note in result.notes:
        print(f"wres: note: {note}", file=sys.stderr)
    print(f"wrote {', '.join(display_path(p) for p in result.written)}")
    for line in result.summary.lines:
        print(f"  {line}")
    return 0
