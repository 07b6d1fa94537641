"""Analyst commentary: Markdown per organisation, year and section, with figures filled in.

Files live at ``params/orgs/<ORG>/<YEAR>/commentary/<section slug>.md``. Analysts write
plain Markdown and refer to figures by name, e.g. ``{{ workforce_bme_pct }}``; the values
come from the figures record: `placeholders` picks each figure and `display.format` writes
it, as it does for the tables and the narrative, so a figure reads the same everywhere.
Rendering uses Jinja2 with StrictUndefined: an unknown name is an input error naming the
file, the line and the name, and listing the names known. A missing file just means no
commentary for that section.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError, meta
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from ..errors import InputError, Problem
from ..paths import PARAMS_DIR, commentary_file, display_path
from ..sections import SECTION_BY_SLUG
from ..textfiles import os_problem, probe, read_text
from .format import (
    NOT_AVAILABLE,
    NOT_COMPUTABLE,
    SUPPRESSED,
    fmt_band,
    fmt_date,
    fmt_decimal,
    fmt_pct,
)
from .indicator_terms import BOARD_MEMBERSHIPS, LIKELIHOOD, SURVEY_INDICATORS
from .record_view import RISK_PATH, RecordView, risk_assessment_state, target_hidden

SENIOR_GROUP = "senior_8b_plus_and_board"  # the model report's combined leadership group

# name -> what it holds (docs/commentary.md lists the same names; a test keeps them in step)
PLACEHOLDERS: dict[str, str] = {
    "org": "organisation code",
    "year": "reporting year",
    "snapshot_date": "workforce snapshot date, e.g. 31 March 2020",
    "report_date": "publication date of the report",
    "disclosure_threshold": "disclosure threshold T (counts below it are hidden when published)",
    "non_adverse_band": "NHS England's non-adverse band, e.g. 0.80-1.25",
    "workforce_total": "indicator 1: total headcount",
    "workforce_bme": "indicator 1: BME headcount",
    "workforce_bme_pct": "indicator 1: BME share of the workforce",
    "workforce_white": "indicator 1: White headcount",
    "workforce_white_pct": "indicator 1: White share of the workforce",
    "workforce_unknown": "indicator 1: headcount of unknown ethnicity",
    "workforce_unknown_pct": "indicator 1: share of unknown ethnicity",
    "clinical_bme_pct": "indicator 1: BME share of clinical staff",
    "non_clinical_bme_pct": "indicator 1: BME share of non-clinical staff",
}
for _n, _spec in LIKELIHOOD.items():
    PLACEHOLDERS.update(
        {
            f"i{_n}_rl": f"indicator {_n}: relative likelihood (or why it is not shown)",
            f"i{_n}_assessment": f"indicator {_n}: within / outside the non-adverse band",
            f"i{_n}_white_rate": f"indicator {_n}: White rate, as a percentage",
            f"i{_n}_bme_rate": f"indicator {_n}: BME rate, as a percentage",
            f"i{_n}_white_{_spec.count}": f"indicator {_n}: White {_spec.count_label.lower()}",
            f"i{_n}_bme_{_spec.count}": f"indicator {_n}: BME {_spec.count_label.lower()}",
            f"i{_n}_white_{_spec.denominator}": (
                f"indicator {_n}: White {_spec.denominator_label.lower()}"
            ),
            f"i{_n}_bme_{_spec.denominator}": (
                f"indicator {_n}: BME {_spec.denominator_label.lower()}"
            ),
        }
    )
PLACEHOLDERS["i3_years"] = "indicator 3: the years averaged, e.g. 2019 and 2020"
PLACEHOLDERS["i3_caveat"] = "indicator 3: caveat (e.g. single year used), or 'no caveat'"
for _n in SURVEY_INDICATORS:
    PLACEHOLDERS.update(
        {
            f"i{_n}_label": f"indicator {_n}: the survey question's label that year, e.g. KF25",
            f"i{_n}_white_pct": f"indicator {_n}: White percentage",
            f"i{_n}_bme_pct": f"indicator {_n}: BME percentage",
            f"i{_n}_difference_pp": f"indicator {_n}: BME minus White, percentage points",
        }
    )
PLACEHOLDERS.update(
    {
        "board_workforce_bme_pct": "indicator 9: the workforce BME share compared with",
        "board_members": "indicator 9: voting members",
        "board_bme": "indicator 9: BME voting members",
        "board_bme_pct": "indicator 9: BME share of voting members",
        "board_difference_pp": "indicator 9: voting BME share minus workforce share (pp)",
    }
)
PLACEHOLDERS.update(
    {
        "target_share_pct": "Model Employer target share (workforce or population BME share)",
        "target_year": "Model Employer target year",
        "senior_headcount": "Band 8b and above plus the board: headcount",
        "senior_bme": "Band 8b and above plus the board: BME people in post",
        "senior_bme_pct": "Band 8b and above plus the board: BME share",
        "senior_parity_people": "Band 8b and above plus the board: parity target, unrounded",
        "senior_parity_target": "Band 8b and above plus the board: parity target, rounded up",
        "senior_gap": "Band 8b and above plus the board: BME people short of the target",
    }
)
PLACEHOLDERS.update(
    {
        "covid_bme_assessed_pct": "COVID-19: share of BME staff with a risk assessment",
        "covid_white_assessed_pct": "COVID-19: share of White staff with a risk assessment",
        "covid_all_assessed_pct": "COVID-19: share of all staff with a risk assessment",
        "covid_difference_pp": "COVID-19: BME minus White risk-assessed share (pp)",
    }
)
for _subset in BOARD_MEMBERSHIPS:
    PLACEHOLDERS.update(
        {
            f"board_{_subset}_members": f"indicator 9: {_subset} members",
            f"board_{_subset}_bme": f"indicator 9: BME {_subset} members",
            f"board_{_subset}_bme_pct": f"indicator 9: BME share of {_subset} members",
            f"board_{_subset}_difference_pp": (
                f"indicator 9: {_subset} BME share minus workforce share (pp)"
            ),
        }
    )


def placeholders(record: dict[str, Any]) -> dict[str, str]:
    """Every placeholder name with its display value from the record (always all names)."""
    view = RecordView(record)
    settings = record.get("settings", {})
    values: dict[str, str] = {
        "org": str(record.get("org", "")),
        "year": str(record.get("year", "")),
        "snapshot_date": fmt_date(settings["snapshot_date"]) if "snapshot_date" in settings else "",
        "report_date": fmt_date(settings["report_date"]) if "report_date" in settings else "",
        "disclosure_threshold": str(view.threshold),
        "non_adverse_band": fmt_band(view.band),
    }
    overall = ("indicators", 1, "overall")
    values["workforce_total"] = view.count(*overall, "total")
    for key in ("bme", "white", "unknown"):
        values[f"workforce_{key}"] = view.count(*overall, key)
        values[f"workforce_{key}_pct"] = view.pct(*overall, f"{key}_pct")
    for staff_type in ("clinical", "non-clinical"):
        name = f"{staff_type.replace('-', '_')}_bme_pct"
        values[name] = view.pct("indicators", 1, "by_staff_type", staff_type, "bme_pct")
    for n, spec in LIKELIHOOD.items():
        missing = view.missing_text(n)
        base = ("indicators", n)
        filled = {
            f"i{n}_rl": view.rl(n),
            f"i{n}_assessment": view.assessment(n),
            f"i{n}_white_rate": view.rate(*base, "white", "rate"),
            f"i{n}_bme_rate": view.rate(*base, "bme", "rate"),
        }
        for key in ("white", "bme"):
            for field in (spec.count, spec.denominator):
                filled[f"i{n}_{key}_{field}"] = view.count(*base, key, field)
        values.update({k: missing or v for k, v in filled.items()})
    block3 = view.indicator(3)
    years = [str(y) for y in block3.get("years") or []]
    values["i3_years"] = view.missing_text(3) or " and ".join(years) or "not recorded"
    values["i3_caveat"] = view.missing_text(3) or block3.get("caveat") or "no caveat"
    for n in SURVEY_INDICATORS:
        missing = view.missing_text(n)
        base = ("indicators", n)
        values[f"i{n}_label"] = view.indicator(n).get("label") or "not recorded"
        values[f"i{n}_white_pct"] = missing or view.pct(*base, "white_pct")
        values[f"i{n}_bme_pct"] = missing or view.pct(*base, "bme_pct")
        values[f"i{n}_difference_pp"] = missing or view.pp(*base, "difference_pp")
    missing9 = view.missing_text(9)
    base9 = ("indicators", 9)
    values["board_workforce_bme_pct"] = missing9 or view.pct(*base9, "workforce_bme_pct")
    for subset in BOARD_MEMBERSHIPS:
        values[f"board_{subset}_members"] = missing9 or view.count(*base9, subset, "members")
        values[f"board_{subset}_bme"] = missing9 or view.count(*base9, subset, "bme")
        values[f"board_{subset}_bme_pct"] = missing9 or view.pct(*base9, subset, "bme_pct")
        values[f"board_{subset}_difference_pp"] = missing9 or view.pp(
            *base9, subset, "difference_pp"
        )
    for short in ("members", "bme", "bme_pct", "difference_pp"):
        values[f"board_{short}"] = values[f"board_voting_{short}"]
    values.update(_target_values(record))
    risk = RISK_PATH
    missing_risk = NOT_AVAILABLE if risk_assessment_state(record) != "available" else None
    for key in ("bme", "white", "all"):
        values[f"covid_{key}_assessed_pct"] = missing_risk or view.pct(*risk, key, "assessed_pct")
    values["covid_difference_pp"] = missing_risk or view.pp(*risk, "bme_minus_white_pp")
    return {name: values[name] for name in PLACEHOLDERS}


def _target_values(record: dict[str, Any]) -> dict[str, str]:
    view = RecordView(record)
    block = record.get("targets") or {}
    share = block.get("target_share_pct")
    out = {
        "target_share_pct": NOT_AVAILABLE if share is None else fmt_pct(share),
        "target_year": str(block.get("target_year", NOT_AVAILABLE)),
    }
    names = ("headcount", "bme", "bme_pct", "parity_people", "parity_target", "gap")
    group = (block.get("groups") or {}).get(SENIOR_GROUP)
    if not group:
        return {**out, **{f"senior_{n}": NOT_AVAILABLE for n in names}}
    base = ("targets", "groups", SENIOR_GROUP)
    parity = group.get("parity_target_people")
    hidden = target_hidden(record, group)
    derived = {
        "parity_people": NOT_COMPUTABLE if parity is None else fmt_decimal(parity),
        "parity_target": view.count(*base, "parity_target_people_rounded_up"),
        "gap": view.count(*base, "gap_people"),
    }
    out.update(
        {
            "senior_headcount": view.count(*base, "headcount"),
            "senior_bme": view.count(*base, "bme"),
            "senior_bme_pct": view.pct(*base, "bme_pct"),
            **{f"senior_{k}": SUPPRESSED if hidden else v for k, v in derived.items()},
        }
    )
    return out


# --- files and rendering --------------------------------------------------------------------
MAX_BYTES = 200_000  # a section's commentary is a few paragraphs
CONSTRUCT_FIX = (
    "use placeholders such as {{ workforce_bme_pct }} and simple {% if %} blocks only: "
    "attributes, methods and arithmetic are not available in commentary (docs/commentary.md)"
)


def commentary_path(org: str, year: int, slug: str, params_dir: Path = PARAMS_DIR) -> Path:
    """Where a section's commentary lives."""
    return commentary_file(params_dir, org, year, slug)


class _Sandbox(SandboxedEnvironment):
    """Jinja's sandbox, with multiplication and powers refused too.

    Values are display text, so arithmetic means nothing; refusing it also stops
    '{{ "x" * 10**9 }}' from filling the memory.
    """

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        raise SecurityError(f"the operator '{operator}' is not available in commentary")


def _environment() -> SandboxedEnvironment:
    return _Sandbox(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True)


def _first_line(env: SandboxedEnvironment, text: str, name: str) -> int | None:
    inside = False
    for lineno, token, value in env.lex(text):
        if token in ("variable_begin", "block_begin"):
            inside = True
        elif token in ("variable_end", "block_end"):
            inside = False
        elif inside and token == "name" and value == name:
            return lineno
    return None


def _template_line(exc: BaseException) -> int | None:
    """The commentary line being rendered when `exc` was raised (Jinja maps frames to it)."""
    line, tb = None, exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def render_commentary(text: str, values: dict[str, str], source: str) -> str:
    """Fill the placeholders of a commentary text; any template error is an InputError.

    Unknown names, syntax errors and constructs the sandbox refuses each name the file and
    the line.
    """
    env = _environment()
    fix_names = "known placeholders: " + ", ".join(sorted(values)) + " (see docs/commentary.md)"
    try:
        parsed = env.parse(text)
    except TemplateSyntaxError as exc:
        raise InputError(
            Problem(
                source,
                f"is not a valid commentary template ({exc.message})",
                "placeholders look like {{ workforce_bme_pct }}; check the braces on that line",
                line=exc.lineno,
            )
        ) from None
    except RecursionError:
        raise InputError(
            Problem(source, "nests brackets too deeply", "keep placeholders simple")
        ) from None
    unknown = sorted(meta.find_undeclared_variables(parsed) - set(values))
    if unknown:
        raise InputError(
            [
                Problem(
                    source,
                    f"unknown placeholder '{name}'",
                    f"use one of the {fix_names}",
                    line=_first_line(env, text, name),
                )
                for name in unknown
            ]
        )
    try:
        return env.from_string(parsed).render(**values)
    except UndefinedError as exc:  # e.g. an attribute of a placeholder: {{ year.foo }}
        raise InputError(
            Problem(
                source,
                f"cannot fill a placeholder ({exc.message})",
                f"use {fix_names}",
                line=_template_line(exc),
            )
        ) from None
    except SecurityError as exc:
        raise InputError(
            Problem(
                source,
                f"uses a template construct that is not allowed ({exc})",
                CONSTRUCT_FIX,
                line=_template_line(exc),
            )
        ) from None
    except (ArithmeticError, LookupError, TypeError, ValueError, RecursionError) as exc:
        raise InputError(
            Problem(
                source,
                f"cannot be filled in ({type(exc).__name__}: {exc})",
                CONSTRUCT_FIX,
                line=_template_line(exc),
            )
        ) from None


def read_commentary(path: Path) -> str | None:
    """A commentary file's text, None when there is none; unreadable files are an InputError.

    A broken link, a folder, a file that is too large or not UTF-8 are errors naming the
    file (and the line for encoding errors), never "no commentary".
    """
    if probe(path) == "missing":
        return None
    return read_text(path, max_bytes=MAX_BYTES)


def load_commentary(record: dict[str, Any], slug: str, params_dir: Path = PARAMS_DIR) -> str | None:
    """The rendered commentary of one section, or None when there is no commentary file."""
    path = commentary_path(str(record["org"]), int(record["year"]), slug, params_dir)
    text = read_commentary(path)
    if text is None:
        return None
    rendered = render_commentary(text, placeholders(record), display_path(path))
    return rendered.strip() or None


def check_commentary(org: str, year: int, params_dir: Path = PARAMS_DIR) -> list[Path]:
    """Check every commentary file of an organisation and year without a figures record.

    Each file must be readable UTF-8, be named after a report section, and render with
    every placeholder (filled with sample text): the checks `load_commentary` makes when a
    notebook runs. Returns the files checked; raises InputError listing every problem.
    """
    folder = commentary_path(org, year, "x", params_dir).parent
    kind = probe(folder)
    if kind == "missing":
        return []
    if kind != "folder":
        raise InputError(
            Problem(display_path(folder), "is not a folder", "make it a folder of .md files")
        )
    try:
        paths = sorted(p for p in folder.iterdir() if not p.name.startswith("."))
    except OSError as exc:
        raise InputError(os_problem(folder, exc)) from None
    sample = {name: "x" for name in PLACEHOLDERS}
    problems: list[Problem] = []
    for path in paths:
        if path.suffix != ".md" or path.stem not in SECTION_BY_SLUG:
            problems.append(
                Problem(
                    display_path(path),
                    "is not named after a report section, so no report would show it",
                    "name it <section>.md with one of: "
                    + ", ".join(f"{slug}.md" for slug in SECTION_BY_SLUG),
                )
            )
            continue
        try:
            text = read_commentary(path)
            if text is not None:
                render_commentary(text, sample, display_path(path))
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return paths
