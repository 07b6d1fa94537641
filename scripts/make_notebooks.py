"""Write the template notebooks under notebooks/, one per report section, clean.

    .venv/bin/python scripts/make_notebooks.py          write notebooks/<slug>.ipynb
    .venv/bin/python scripts/make_notebooks.py --check  exit 1 if any differs (CI, tests)

The committed notebooks must equal this script's output (tests/test_notebooks_clean.py).
Every notebook is: a title cell, the `parameters` cell (literals only), one call that loads
the section (`SectionContext.load`), then cells that display package output. No outputs,
no execution counts, fixed cell ids: the same script gives the same bytes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from wres_analysis.sections import SECTION_BY_SLUG, SECTIONS  # noqa: E402

PARAMETERS = """\
org = "EXCCG"
year = 2020
data_dir = "data"
params_dir = "params"
published = False"""

METADATA = {
    "kernelspec": {
        "display_name": "Python (wres-analysis)",
        "language": "python",
        "name": "wres-analysis",
    },
    "language_info": {"name": "python"},
}

COMMENTARY = ("code", "ctx.show_commentary()")


def load_cell(
    slug: str, modules: str = "charts, narrative, tables", more: str = ""
) -> tuple[str, str]:
    """The one call that loads a section (`more`: further import lines, in isort order)."""
    return (
        "code",
        f"from wres_analysis.display import {modules}\n"
        "from wres_analysis.display.notebook import SectionContext\n"
        f"{more}\n"
        f'ctx = SectionContext.load(org, year, data_dir, params_dir, published, section="{slug}")\n'
        "ctx.show_context()",
    )


def call(function: str, *args: str) -> str:
    """A call laid out as `ruff format` lays it out (line length 100)."""
    line = f"{function}({', '.join(args)})"
    if len(line) <= 100:
        return line
    inner = ", ".join(args)
    if 4 + len(inner) <= 100:
        return f"{function}(\n    {inner}\n)"
    return f"{function}(\n" + "".join(f"    {a},\n" for a in args) + ")"


def table(expr: str, caption: str, heading: str | None = None) -> str:
    """Show an aggregate table with a caption (and a heading shown only with the table)."""
    args = [expr, f'"{caption}"'] + ([f'heading="{heading}"'] if heading else [])
    return call("ctx.show_table", *args)


def actions_cells(*numbers: int) -> list[tuple[str, str]]:
    """The action-plan entries aimed at these indicators."""
    args = ", ".join(str(n) for n in numbers)
    return [
        (
            "code",
            table(
                f"ctx.indicator_actions({args})",
                f"Action plan entries for indicator {args}",
                "Actions on this indicator",
            ),
        ),
    ]


def trend_cells(caption: str, *numbers: int) -> list[tuple[str, str]]:
    """The "Change over time" block: sentences, a table of the years and a chart."""
    args = ", ".join(str(n) for n in numbers)
    return [
        ("markdown", "## Change over time"),
        (
            "code",
            "records = ctx.earlier_records()\n"
            f"ctx.show_markdown(narrative.trend(records, {args}))\n"
            + table(f"tables.trend_table(records, {args})", caption)
            + f"\nctx.show_chart(charts.trend_chart(records, {args}))",
        ),
    ]


def likelihood_cells(
    slug: str, number: int, definition: str, caption: str
) -> list[tuple[str, str]]:
    """Indicators 2-4: narrative, tables, the RL chart and the rates chart, then the years."""
    return [
        load_cell(slug),
        ("markdown", definition),
        ("markdown", "## What the figures show"),
        ("code", f"ctx.show_markdown(narrative.likelihood(ctx.record, {number}))"),
        (
            "code",
            table(
                f"tables.likelihood_table(ctx.record, {number})",
                "Counts and rates by ethnic group",
                "Figures",
            )
            + "\n"
            + table(f"tables.likelihood_summary(ctx.record, {number})", "Relative likelihood"),
        ),
        (
            "code",
            f"ctx.show_chart(charts.rl_chart(ctx.record, [{number}]))\n"
            f"ctx.show_chart(charts.rates_chart(ctx.record, {number}))",
        ),
        *trend_cells(caption, number),
        *actions_cells(number),
        COMMENTARY,
    ]


BODIES: dict[str, list[tuple[str, str]]] = {
    "01-overview": [
        load_cell("01-overview"),
        (
            "code",
            "ctx.show_markdown(narrative.introduction(ctx.record, ctx.organisation, "
            "ctx.year_params))",
        ),
        ("markdown", "## Key messages"),
        ("code", "ctx.show_bullets(ctx.key_messages())"),
        ("markdown", "## Key facts"),
        (
            "code",
            table(
                "tables.key_facts_table(ctx.record)",
                "Key facts: the headline figure of each indicator",
            )
            + "\nctx.show_chart(charts.rl_chart(ctx.record))",
        ),
        COMMENTARY,
    ],
    "02-workforce": [
        load_cell("02-workforce"),
        (
            "markdown",
            "Indicator 1 compares the share of White, BME and Unknown-ethnicity staff in each "
            "Agenda for Change band, VSM and the medical and dental grades with their share of "
            "the whole workforce, for clinical and non-clinical staff separately.",
        ),
        ("markdown", "## What the figures show"),
        ("code", "ctx.show_markdown(narrative.workforce(ctx.record))"),
        ("markdown", "## Headcount by ethnic group"),
        (
            "code",
            table("tables.workforce_table(ctx.record)", "Headcount and share by ethnic group"),
        ),
        ("markdown", "## By pay band"),
        (
            "code",
            'for staff_type in ("clinical", "non-clinical"):\n'
            "    ctx.show_table(\n"
            "        tables.bands_table(ctx.record, staff_type),\n"
            '        f"{staff_type.capitalize()} staff by pay band",\n'
            "    )\n"
            "    ctx.show_chart(charts.workforce_chart(ctx.record, staff_type))",
        ),
        *trend_cells("The workforce's ethnic mix and Band 8a and above, by year", 1),
        *actions_cells(1),
        COMMENTARY,
    ],
    "03-appointment": likelihood_cells(
        "03-appointment",
        2,
        "Indicator 2 is the relative likelihood of White applicants being appointed from "
        "shortlisting compared with BME applicants, across all posts.",
        "Indicator 2 by year: relative likelihood and appointment rates",
    ),
    "04-disciplinary": likelihood_cells(
        "04-disciplinary",
        3,
        "Indicator 3 is the relative likelihood of BME staff entering the formal disciplinary "
        "process compared with White staff, on a two-year rolling average of the current and "
        "previous year.",
        "Indicator 3 by year: relative likelihood, rates and the years each figure used",
    ),
    "05-training": likelihood_cells(
        "05-training",
        4,
        "Indicator 4 is the relative likelihood of White staff accessing non-mandatory "
        "training and CPD compared with BME staff.",
        "Indicator 4 by year: relative likelihood and rates of access",
    ),
    "06-staff-survey": [
        load_cell("06-staff-survey"),
        (
            "markdown",
            "Indicators 5-8 compare White and BME staff's answers to four NHS Staff Survey "
            "questions: harassment, bullying or abuse from patients, relatives or the public "
            "(5) and from staff (6); belief that the organisation provides equal opportunities "
            "for career progression or promotion (7); and personal experience of discrimination "
            "from a manager, team leader or colleagues (8).",
        ),
        ("markdown", "## What the figures show"),
        ("code", "ctx.show_markdown(narrative.survey(ctx.record))"),
        (
            "code",
            table(
                "tables.survey_table(ctx.record)", "Staff survey results by ethnic group", "Figures"
            )
            + "\nctx.show_chart(charts.survey_chart(ctx.record))",
        ),
        *trend_cells("Staff survey results by year (% of staff answering)", 5, 6, 7, 8),
        *actions_cells(5, 6, 7, 8),
        COMMENTARY,
    ],
    "07-board": [
        load_cell("07-board"),
        (
            "markdown",
            "Indicator 9 is the difference between the BME share of the board (governing body) "
            "and the BME share of the overall workforce, for voting and executive membership.",
        ),
        ("markdown", "## What the figures show"),
        ("code", "ctx.show_markdown(narrative.board(ctx.record))"),
        (
            "code",
            table(
                "tables.board_table(ctx.record)",
                "Board membership against the workforce",
                "Figures",
            )
            + "\nctx.show_chart(charts.board_chart(ctx.record))",
        ),
        *trend_cells("Board BME share and its difference from the workforce, by year", 9),
        *actions_cells(9),
        COMMENTARY,
    ],
    "08-covid": [
        load_cell("08-covid", more="from wres_analysis.figures import covid\n"),
        (
            "markdown",
            "COVID-19 did not affect all groups equally. Public Health England's review of "
            "disparities in the risk and outcomes of COVID-19 (June 2020) and the stakeholder "
            "report that followed it, *Beyond the data*, found that belonging to some ethnic "
            "groups was associated with a higher likelihood of testing positive and of dying "
            "with COVID-19. The organisation's response to the recommendations of *Beyond the "
            "data* is in Appendix A.",
        ),
        ("markdown", "## What the review found"),
        (
            "code",
            "diagnosis = covid.load_diagnosis_rates()\n"
            "mortality = covid.load_mortality_risk()\n"
            "ctx.show_markdown(narrative.covid(diagnosis, mortality))",
        ),
        ("markdown", "## Reference figures"),
        (
            "code",
            table(
                "tables.covid_diagnosis_table(diagnosis)",
                "Age-standardised COVID-19 diagnosis rates per 100,000 (Public Health England)",
            )
            + "\n"
            + table(
                "tables.covid_mortality_table(mortality)",
                "Risk of death among confirmed cases (Public Health England)",
            )
            + "\nctx.show_chart(charts.covid_chart(diagnosis))",
        ),
        ("markdown", "## Set against this workforce"),
        (
            "code",
            "ctx.show_markdown(narrative.workforce_at_risk(ctx.record, diagnosis))\n"
            "ctx.show_chart(charts.workforce_mix_chart(ctx.record))\n"
            + table(
                "tables.workforce_mix_table(ctx.record)",
                "This workforce by ethnic group: all, clinical and non-clinical staff",
            ),
        ),
        ("markdown", "## Staff risk assessments"),
        (
            "code",
            "ctx.show_markdown(narrative.risk_assessments(ctx.record))\n"
            + table(
                "tables.risk_assessment_table(ctx.record)",
                "COVID-19 risk assessments by ethnic group",
            )
            + "\nctx.show_chart(charts.risk_assessment_chart(ctx.record))",
        ),
        COMMENTARY,
    ],
    "09-action-plan": [
        load_cell("09-action-plan"),
        ("markdown", "## Model Employer targets"),
        (
            "code",
            "ctx.show_markdown(narrative.targets(ctx.record))\n"
            + table(
                "tables.targets_table(ctx.record)", "Leadership groups against the parity target"
            )
            + "\nctx.show_chart(charts.targets_chart(ctx.record))",
        ),
        ("markdown", "## Action plan"),
        (
            "code",
            "from wres_analysis.actions import tables_by_source\n\n"
            "plan = ctx.action_plan()\n"
            "ctx.show_markdown(narrative.action_plan(ctx.action_summary()))\n"
            "if plan is not None:\n"
            "    for heading, table in tables_by_source(plan, ctx.report_date).items():\n"
            "        ctx.show_table(tables.actions_display(table), heading)",
        ),
        COMMENTARY,
    ],
    "10-methodology": [
        load_cell("10-methodology", "narrative, tables"),
        ("markdown", "## Method"),
        ("code", "ctx.show_markdown(narrative.methodology(ctx.record, ctx.year_params))"),
        ("markdown", "## Parameter choices"),
        (
            "code",
            table(
                "tables.settings_table(ctx.record, ctx.year_params)",
                "Every parameter choice behind the figures",
            ),
        ),
        ("markdown", "## Data sources"),
        (
            "code",
            table(
                "tables.data_sources_table(ctx.record, ctx.year_params)",
                "Input files, their sources and whether they were supplied",
            ),
        ),
        ("markdown", "## Model Employer target method"),
        ("code", "from wres_analysis.figures.targets import METHOD\n\nctx.show_markdown(METHOD)"),
        COMMENTARY,
    ],
}


def build(slug: str) -> nbformat.NotebookNode:
    """The clean template notebook of one section."""
    section = SECTION_BY_SLUG[slug]
    cells = [new_markdown_cell(f"# {section.title}", id=f"{slug}-title")]
    params = new_code_cell(PARAMETERS, id=f"{slug}-parameters")
    params.metadata["tags"] = ["parameters"]
    cells.append(params)
    for i, (kind, source) in enumerate(BODIES[slug], start=1):
        make = new_markdown_cell if kind == "markdown" else new_code_cell
        cells.append(make(source, id=f"{slug}-{i:02d}"))
    return new_notebook(cells=cells, metadata=METADATA)


def text_of(slug: str) -> str:
    """The notebook file's exact text."""
    text = nbformat.writes(build(slug))
    return text if text.endswith("\n") else text + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write (or with --check, compare) every section's template notebook."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report differences")
    parser.add_argument("--out", type=Path, default=ROOT / "notebooks")
    args = parser.parse_args(argv)
    stale = []
    for section in SECTIONS:
        path = args.out / section.notebook
        text = text_of(section.slug)
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current == text:
            continue
        stale.append(path)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    verb = "differ from the generator" if args.check else "written"
    for path in stale:
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: {verb}")
    return 1 if (args.check and stale) else 0


if __name__ == "__main__":
    sys.exit(main())
