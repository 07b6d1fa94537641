"""The `wres` command: a thin entry point over the package.

Each subcommand parses its options here and hands over to one package function; heavy
imports happen inside the handlers so that `wres --help` stays fast.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from .errors import InputError
from .importers.commands import add_import

EPILOG = """\
typical use:
  wres synth                                   write the example data to data/
  wres import esr ESR.csv --org RXX --year 2020  turn an ESR export into workforce.csv
  wres figures --org EXCCG --year 2020         print one organisation's figures record (JSON)
  wres run --year 2020                         execute every notebook for every organisation of 2020
  wres report --year 2020 --run                run, then build each organisation's report
  wres verify --year 2020                      prove the reports match the data and code
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


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"a date is written YYYY-MM-DD; got {text!r}") from None


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


def _params_dir(args: argparse.Namespace) -> Path:
    """The params folder asked for; a path that exists but is not a folder is an error
    (a missing one just means defaults everywhere)."""
    from .paths import PARAMS_DIR, resolve
    from .textfiles import kind_problem, probe

    folder = resolve(args.params_dir, PARAMS_DIR)
    kind = probe(folder)
    if kind not in ("folder", "missing"):
        raise InputError(kind_problem(folder, kind, "give --params-dir the params folder"))
    return folder


# --- figures -----------------------------------------------------------------------------
def _add_figures(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "figures",
        help="print an organisation's figures record (JSON) for a year",
        description="Compute every WRES indicator for one organisation and year and print the "
        "figures record (figures contract v1) as JSON on stdout. Logs go to stderr. Bad input "
        "exits non-zero with a message naming file, row, column and value. Given --org more "
        "than once, prints one JSON object mapping each code to its record (computed in one "
        "process, much faster than one command per organisation); if any organisation's "
        "input is bad, nothing is printed and every problem is listed.",
    )
    _add_common_paths(p)
    p.add_argument(
        "--org",
        required=True,
        action="append",
        dest="orgs",
        help="organisation code, the folder name under the data dir (repeatable)",
    )
    p.add_argument("--year", required=True, type=_year, help="reporting year (snapshot 31 March)")
    p.add_argument(
        "--published",
        action="store_true",
        help="apply disclosure control: counts below the threshold become null",
    )
    p.set_defaults(handler=_figures)


def _figures(args: argparse.Namespace) -> int:
    from .errors import Problem
    from .figures import compute_records, to_json
    from .paths import DATA_DIR, resolve

    result = compute_records(
        resolve(args.data_dir, DATA_DIR),
        args.orgs,
        args.year,
        params_dir=_params_dir(args),
        published=args.published,
    )
    if not result.ok:
        problems: list[Problem] = []
        for exc in result.failures.values():
            problems.extend(exc.problems)
        raise InputError(problems)
    orgs = list(dict.fromkeys(args.orgs))
    body = result.records[orgs[0]] if len(orgs) == 1 else result.records
    sys.stdout.write(to_json(body) + "\n")
    return 0


# --- validate ----------------------------------------------------------------------------
def _add_validate(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "validate",
        help="check an organisation's extracts and params against the contracts",
        description="Load and check every file that `wres figures` reads for one organisation "
        "and year - the extracts, the previous year's workforce and disciplinary files, the "
        "COVID-19 risk assessments, the year's params and the action plan - and the "
        "section commentary; print what was found. Nothing is written. Exits 1 listing every "
        "problem in every file.",
    )
    _add_common_paths(p)
    p.add_argument("--org", required=True)
    p.add_argument("--year", required=True, type=_year)
    p.set_defaults(handler=_validate)


def _validate(args: argparse.Namespace) -> int:
    from .display.commentary import check_commentary
    from .figures.sources import PREVIOUS_FILES, read_record_inputs
    from .inputs.extracts import FILES
    from .paths import DATA_DIR, display_path, resolve

    params_dir = _params_dir(args)
    problems = []
    try:
        inputs = read_record_inputs(
            resolve(args.data_dir, DATA_DIR), args.org, args.year, params_dir=params_dir
        )
    except InputError as exc:
        problems += exc.problems
        inputs = None
    try:
        commentary = check_commentary(args.org, args.year, params_dir)
    except InputError as exc:
        problems += exc.problems
        commentary = []
    if problems or inputs is None:
        raise InputError(problems)

    def state(files: dict, name: str) -> str:
        if name not in files:
            return "absent (section will say not available)"
        return f"{len(files[name].rows):,} rows OK"

    for name in FILES:
        print(f"{name:17s} {state(inputs.current.files, name)}")
    for name in PREVIOUS_FILES:
        label = f"{name} {args.year - 1}"
        print(f"{label:17s} {state(inputs.previous.files, name)}")
    risk = inputs.risk_assessments
    print(f"{'covid risk':17s} " + ("absent" if risk is None else f"{len(risk):,} rows OK"))
    plan = "none" if inputs.plan is None else f"{display_path(inputs.plan)} OK"
    print(f"{'action plan':17s} {plan}")
    print(f"{'commentary':17s} {len(commentary)} file(s) OK")
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
    p.add_argument(
        "--format",
        choices=("contract", "esr"),
        default="contract",
        help="contract: the data-contract files (default); esr: the raw ESR workforce export "
        "(one row per assignment) that `wres import esr` turns into the same workforce.csv "
        "(needs --out)",
    )
    p.set_defaults(handler=_synth)


def _synth(args: argparse.Namespace) -> int:
    from .errors import Problem
    from .paths import DATA_DIR, display_path, resolve
    from .synth import write_synthetic_data

    if args.format == "esr" and args.out is None:
        raise InputError(
            Problem(
                "wres synth",
                "--format esr writes raw exports, which do not belong in data/",
                "give a folder for them with --out, e.g. --out /tmp/exports",
                column="--out",
            )
        )
    written = write_synthetic_data(
        resolve(args.out, DATA_DIR),
        orgs=args.orgs,
        years=args.years,
        seed=args.seed,
        staff=args.staff,
        export_format=args.format,
    )
    folders = sorted({display_path(p.parent) for p in written})
    print(f"wrote {len(written)} files in {len(folders)} folders:")
    for folder in folders:
        print(f"  {folder}")
    if args.format == "esr":
        from .synth.workforce import EXAMPLE_SALT

        print(
            "import one with: WRES_IMPORT_SALT='" + EXAMPLE_SALT + "' wres import esr "
            "FILE --org ORG --year YEAR (the example salt reproduces data/ byte for byte)"
        )
    return 0


# --- run ---------------------------------------------------------------------------------
def _add_run_options(p: argparse.ArgumentParser) -> None:
    _add_common_paths(p)
    p.add_argument("--year", required=True, type=_year, help="reporting year (snapshot 31 March)")
    p.add_argument(
        "--org",
        action="append",
        dest="orgs",
        default=None,
        help="only this organisation (repeatable); default: the year's list in params/years/",
    )
    p.add_argument(
        "--published",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="published mode (disclosure control) or --no-published for internal; "
        "default: 'published' in params/project.yaml",
    )
    p.add_argument(
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help="notebooks run at once (default: max_workers in params/project.yaml, else one per "
        "CPU core)",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="execute every notebook again, even those whose inputs have not changed since "
        "the last good run (default: only what changed; the run log says why)",
    )
    p.add_argument(
        "--executor",
        choices=("local", "dask"),
        default="local",
        help="where notebooks execute: 'local' (a process pool on this machine, the default) "
        "or 'dask' (a Dask cluster; see --scheduler and docs/running.md)",
    )
    p.add_argument(
        "--scheduler",
        default=None,
        metavar="ADDRESS",
        help="with --executor dask: the scheduler's address, e.g. tcp://10.0.0.5:8786 "
        "(default: start a local Dask cluster)",
    )
    p.add_argument(
        "--no-wait",
        dest="wait",
        action="store_false",
        help="if another run of the same year and edition is going, stop at once instead of "
        "waiting for it to finish",
    )
    p.add_argument(
        "--notebooks-dir",
        type=Path,
        default=None,
        help="folder of template notebooks (default: the project's notebooks/)",
    )
    p.add_argument(
        "--outputs-dir",
        type=Path,
        default=None,
        help="where results go, as <year>/<org>/... (default: the project's outputs/)",
    )


def _run_paths(args: argparse.Namespace) -> dict[str, Path]:
    from .paths import DATA_DIR, NOTEBOOKS_DIR, OUTPUTS_DIR, PARAMS_DIR, resolve

    return {
        "notebooks_dir": resolve(args.notebooks_dir, NOTEBOOKS_DIR),
        "outputs_dir": resolve(args.outputs_dir, OUTPUTS_DIR),
        "data_dir": resolve(args.data_dir, DATA_DIR),
        "params_dir": resolve(args.params_dir, PARAMS_DIR),
    }


def _add_run(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "run",
        help="execute every section notebook for each organisation of a year",
        description="Execute every section notebook (papermill) for each organisation of the "
        "year, in parallel. Executed notebooks go to outputs/<year>/<org>/notebooks/, failed "
        "ones to notebooks/failed/; the log is outputs/<year>/logs/run.log. Exits 1 if any "
        "notebook failed.",
    )
    _add_run_options(p)
    p.set_defaults(handler=_run, quiet_logs=True)


def _run_options(args: argparse.Namespace) -> dict:
    return {
        "published": args.published,
        "max_workers": args.jobs,
        "force": args.force,
        "executor": args.executor,
        "scheduler": args.scheduler,
        "wait": args.wait,
        **_run_paths(args),
    }


def _run(args: argparse.Namespace) -> int:
    from .pipeline.runner import run_year

    result = run_year(args.year, args.orgs, **_run_options(args))
    print(result.summary())
    return result.exit_status


# --- report ------------------------------------------------------------------------------
def _add_report(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "report",
        help="build each organisation's report from its executed notebooks",
        description="Build outputs/<year>/<org>/report/ for every organisation whose notebooks "
        "all succeeded (with Quarto when installed, else one self-contained HTML file) and "
        "outputs/<year>/index.html linking them (published editions under outputs/published/). "
        "Only reports whose notebooks changed are rebuilt. With --run, run the notebooks first "
        "(as `wres run`: only what changed). Exits 1 if any organisation got no new report "
        "(its previous report is kept and marked out of date on the index page).",
    )
    _add_run_options(p)
    p.add_argument("--run", action="store_true", help="run the notebooks first (as `wres run`)")
    p.add_argument(
        "--pdf-and-xlsx",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="also write each report's A4 PDF (needs /usr/bin/chromium) and Excel workbook "
        "(default: yes)",
    )
    p.set_defaults(handler=_report, quiet_logs=True)


def _report(args: argparse.Namespace) -> int:
    from .pipeline.report import build_reports

    result = build_reports(
        args.year,
        args.orgs,
        run_first=args.run,
        pdf_and_xlsx=args.pdf_and_xlsx,
        **_run_options(args),
    )
    if result.batch is not None:
        print(result.batch.summary())
    print(result.summary())
    return result.exit_status


# --- verify ------------------------------------------------------------------------------
def _add_verify(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "verify",
        help="prove that built reports are what the data and code give (for auditors)",
        description="For each organisation of the year: check the manifest's hashes against "
        "the files now (naming any input changed since the report was built), recompute the "
        "figures from the raw data and compare them byte for byte with figures.json, "
        "re-execute the notebooks in a scratch folder and compare every output, and check "
        "every figure the report shows against the record. Prints 'N figures verified, M "
        "differ' with each difference (file, figure, both values) and exits 1 on any. See "
        "docs/auditing.md.",
    )
    _add_common_paths(p)
    p.add_argument("--year", required=True, type=_year, help="reporting year to verify")
    p.add_argument(
        "--org",
        action="append",
        dest="orgs",
        default=None,
        help="only this organisation (repeatable); default: the year's list",
    )
    p.add_argument(
        "--published",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="verify the published edition (default: params/project.yaml's mode)",
    )
    p.add_argument(
        "--no-rerun",
        dest="rerun",
        action="store_false",
        help="skip re-executing the notebooks (quicker; checks 1, 2 and 4 only)",
    )
    p.add_argument(
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help="notebooks re-executed at once (default: one per CPU core)",
    )
    p.add_argument(
        "--notebooks-dir",
        type=Path,
        default=None,
        help="folder of template notebooks (default: the project's notebooks/)",
    )
    p.add_argument(
        "--outputs-dir",
        type=Path,
        default=None,
        help="where the reports are (default: the project's outputs/)",
    )
    p.set_defaults(handler=_verify, quiet_logs=True)


def _verify(args: argparse.Namespace) -> int:
    from .pipeline.verify import verify_year

    result = verify_year(
        args.year,
        args.orgs,
        published=args.published,
        rerun=args.rerun,
        max_workers=args.jobs,
        **_run_paths(args),
    )
    print(result.summary())
    return 0 if result.ok else 1


# --- actions -----------------------------------------------------------------------------
def _add_actions(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "actions",
        help="check action plans, or carry open actions into next year's plan",
        description="Action plans are YAML at params/orgs/<ORG>/<YEAR>/actions.yaml "
        "(docs/action-plans.md). 'check' validates them and prints progress as at each year's "
        "report date; 'carry' starts next year's plans from the actions not yet done.",
    )
    commands = p.add_subparsers(title="actions commands", metavar="ACTION", required=True)
    carry = commands.add_parser(
        "carry",
        help="write next year's plan from the open actions of this year's",
        description="Copy every action not done, with its full history and a dated "
        "carried-over note, into params/orgs/<ORG>/<TO>/actions.yaml. Refuses to replace an "
        "existing file unless --force. Comments of the old file are not kept.",
    )
    carry.add_argument("--from", dest="from_year", required=True, type=_year, metavar="YEAR")
    carry.add_argument("--to", dest="to_year", required=True, type=_year, metavar="YEAR")
    carry.add_argument(
        "--org",
        action="append",
        dest="orgs",
        default=None,
        help="only this organisation (repeatable); default: every plan of the --from year",
    )
    carry.add_argument("--force", action="store_true", help="replace an existing target file")
    carry.add_argument(
        "--on",
        type=_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="date of the carried-over note (default: today), e.g. the start of the new cycle",
    )
    check = commands.add_parser(
        "check",
        help="validate action plans and print their progress",
        description="Validate every action plan (or one year's) and print counts by status "
        "and the overdue actions as at the year's report date. Exits 1 on any problem, "
        "naming the file and line.",
    )
    check.add_argument("--year", type=_year, default=None, help="only this year's plans")
    for command in (carry, check):
        command.add_argument(
            "--params-dir", type=Path, default=None, help="params folder (default: params/)"
        )
    carry.set_defaults(handler=_actions_carry)
    check.set_defaults(handler=_actions_check)


def _actions_carry(args: argparse.Namespace) -> int:
    from .actions import carry_plan, find_plans
    from .errors import Problem
    from .paths import display_path

    params_dir = _params_dir(args)
    orgs = args.orgs or [p.parent.parent.name for p in find_plans(params_dir, args.from_year)]
    if not orgs:
        raise InputError(
            Problem(
                display_path(params_dir / "orgs"),
                f"no action plans for {args.from_year}",
                f"write params/orgs/<ORG>/{args.from_year}/actions.yaml first "
                "(docs/action-plans.md)",
            )
        )
    problems = []
    for org in orgs:
        try:
            path = carry_plan(
                params_dir, org, args.from_year, args.to_year, overwrite=args.force, on=args.on
            )
        except InputError as exc:
            problems.extend(exc.problems)
        else:
            print(f"{org}: wrote {display_path(path)}")
    if problems:
        raise InputError(problems)
    return 0


def _actions_check(args: argparse.Namespace) -> int:
    from .actions import find_plans, load_action_plan, status_summary
    from .params import load_year
    from .paths import display_path

    params_dir = _params_dir(args)
    paths = find_plans(params_dir, args.year)
    if not paths:
        print(f"no action plans under {display_path(params_dir / 'orgs')}")
    problems = []
    for path in paths:
        try:
            plan = load_action_plan(path)
            summary = status_summary(plan, load_year(plan.year, params_dir).report)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        counts = ", ".join(f"{n} {status}" for status, n in summary["by_status"].items())
        overdue = ", ".join(summary["overdue"]) or "none"
        print(
            f"{display_path(path)}: {summary['total']} actions ({counts}); overdue at "
            f"{summary['report_date']}: {overdue}"
        )
    if problems:
        raise InputError(problems)
    return 0


# --- run, report, actions: registered by their modules' owners below ---------------------
REGISTRARS: list[Callable[[argparse._SubParsersAction], None]] = [
    _add_figures,
    _add_validate,
    _add_synth,
    _add_run,
    _add_report,
    _add_verify,
    _add_actions,
    add_import,
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
    """Entry point: parse, dispatch, and turn every failure into a one-line message.

    Bad input exits 1 with the problems (file, row or line, column, value, fix); an
    operating-system error (permission, full disk, read-only folder) exits 1 naming the
    path; Ctrl-C exits 130. An unexpected error is a bug: it exits 2 with a one-line
    message, and with --verbose also the traceback.
    """
    args = build_parser().parse_args(argv)
    quiet = getattr(args, "quiet_logs", False)  # batch commands: their own log and summary
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else (logging.WARNING if quiet else logging.INFO),
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    try:
        return int(args.handler(args) or 0)
    except InputError as exc:  # a subclass (a locked year, say) is not about the input
        label = "input error: " if type(exc) is InputError else ""
        print(f"wres: {label}{exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("wres: interrupted; nothing half-written was left behind", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `wres figures ... | head`: the reader went away
        _silence_stdout()
        return 1
    except OSError as exc:
        print(f"wres: {_os_message(exc)}", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug: say so in one line; the traceback on request
        print(
            f"wres: internal error ({type(exc).__name__}: {exc}). This is a bug in "
            "wres-analysis, not in your files: please report it with the command you ran"
            + ("" if args.verbose else " (add --verbose to see where it happened)"),
            file=sys.stderr,
        )
        if args.verbose:
            import traceback

            traceback.print_exc()
        return 2


def _os_message(exc: OSError) -> str:
    """An operating-system error as 'path: what happened. Fix: ...'."""
    from .textfiles import os_problem

    if exc.filename is None:
        reason = exc.strerror or str(exc)
        return f"{reason}. Fix: check the disk and the folders given, then run again"
    return str(os_problem(Path(exc.filename), exc, doing="read or written"))


def _silence_stdout() -> None:
    """Point stdout at /dev/null so Python's exit does not fail flushing it again."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # pragma: no cover - stdout has no file descriptor
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
