"""The `wres` command: a thin entry point over the package.

Each subcommand parses its options here and hands over to one package function; heavy
imports happen inside the handlers so that `wres --help` stays fast.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from .errors import InputError

EPILOG = """\
typical use:
  wres synth                                   write the example data to data/
  wres figures --org EXCCG --year 2020         print one organisation's figures record (JSON)
  wres run --year 2020                         execute every notebook for every organisation of 2020
  wres report --year 2020 --run                run, then build each organisation's report
  wres actions carry --from 2020 --to 2021     start next year's action plans from open actions

Settings live in params/ (YAML). Data follows docs/data-contract.md. Row numbers in error
messages count the header as row 1, as a spreadsheet does.
"""


def _year(text: str) -> int:
    if not (text.isdigit() and len(text) == 4):
        raise argparse.ArgumentTypeError(
            f"a reporting year has four digits, e.g. 2020; got {text!r}"
        )
    return int(text)


def _add_common_paths(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="folder of extracts laid out as <org>/<year>/*.csv (default: the project's data/)",
    )
    p.add_argument(
        "--params-dir",
        type=Path,
        default=None,
        help="folder of params YAML (default: the project's params/)",
    )


# --- figures -----------------------------------------------------------------------------
def _add_figures(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "figures",
        help="print an organisation's figures record (JSON) for a year",
        description="Compute every WRES indicator for one organisation and year and print the "
        "figures record (figures contract v1) as JSON on stdout. Logs go to stderr. Bad input "
        "exits non-zero with a message naming file, row, column and value.",
    )
    _add_common_paths(p)
    p.add_argument(
        "--org", required=True, help="organisation code, the folder name under the data dir"
    )
    p.add_argument("--year", required=True, type=_year, help="reporting year (snapshot 31 March)")
    p.add_argument(
        "--published",
        action="store_true",
        help="apply disclosure control: counts below the threshold become null",
    )
    p.set_defaults(handler=_figures)


def _figures(args: argparse.Namespace) -> int:
    from .figures import figures_json
    from .paths import DATA_DIR, PARAMS_DIR, resolve

    text = figures_json(
        resolve(args.data_dir, DATA_DIR),
        args.org,
        args.year,
        params_dir=resolve(args.params_dir, PARAMS_DIR),
        published=args.published,
    )
    sys.stdout.write(text + "\n")
    return 0


# --- validate ----------------------------------------------------------------------------
def _add_validate(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "validate",
        help="check an organisation's extracts against the data contract",
        description="Load and check every file of one organisation and year; print what was "
        "found. Nothing is written.",
    )
    _add_common_paths(p)
    p.add_argument("--org", required=True)
    p.add_argument("--year", required=True, type=_year)
    p.set_defaults(handler=_validate)


def _validate(args: argparse.Namespace) -> int:
    from .extracts import FILES
    from .loading import load_extracts
    from .paths import DATA_DIR, resolve

    extracts = load_extracts(resolve(args.data_dir, DATA_DIR), args.org, args.year)
    for name in FILES:
        frame = getattr(extracts, name)
        state = (
            "absent (section will say not available)" if frame is None else f"{len(frame)} rows OK"
        )
        print(f"{name:13s} {state}")
    return 0


# --- synth -------------------------------------------------------------------------------
def _add_synth(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "synth",
        help="write seeded synthetic extracts (the shipped example data)",
        description="Write realistic, seeded synthetic extracts in the data-contract layout. "
        "The same seed gives byte-identical files. Use --staff to make one large organisation "
        "for scale work.",
    )
    p.add_argument(
        "--out", type=Path, default=None, help="output folder (default: the project's data/)"
    )
    p.add_argument("--seed", type=int, default=2020, help="random seed (default 2020)")
    p.add_argument(
        "--org",
        action="append",
        dest="orgs",
        default=None,
        help="only this organisation (repeatable); default: all example organisations",
    )
    p.add_argument(
        "--year",
        action="append",
        dest="years",
        type=_year,
        default=None,
        help="only this year (repeatable); default: 2019, 2020 and 2021",
    )
    p.add_argument(
        "--staff",
        type=int,
        default=None,
        help="headcount for a scaled organisation (e.g. 1000000); with --org NAME "
        "writes a scale-test organisation of that size",
    )
    p.set_defaults(handler=_synth)


def _synth(args: argparse.Namespace) -> int:
    from .paths import DATA_DIR, display_path, resolve
    from .synth import write_synthetic_data

    written = write_synthetic_data(
        resolve(args.out, DATA_DIR),
        orgs=args.orgs,
        years=args.years,
        seed=args.seed,
        staff=args.staff,
    )
    folders = sorted({display_path(p.parent) for p in written})
    print(f"wrote {len(written)} files in {len(folders)} folders:")
    for folder in folders:
        print(f"  {folder}")
    return 0


# --- run, report, actions: registered by their modules' owners below ---------------------
REGISTRARS: list[Callable[[argparse._SubParsersAction], None]] = [
    _add_figures,
    _add_validate,
    _add_synth,
]


def build_parser() -> argparse.ArgumentParser:
    """The full `wres` parser (exposed for tests and docs)."""
    parser = argparse.ArgumentParser(
        prog="wres",
        description="Build Workforce Race Equality Standard (WRES) figures and reports from "
        "an organisation's extracts, reproducibly.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log more detail to stderr")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)
    for register in REGISTRARS:
        register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: parse, dispatch, and turn input errors into a message and exit 1."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    try:
        return int(args.handler(args) or 0)
    except InputError as exc:
        print(f"wres: input error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
