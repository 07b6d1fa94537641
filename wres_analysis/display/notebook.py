"""Thin glue for the section notebooks: one call loads everything a section shows.

``SectionContext.load(org, year, data_dir, params_dir, published, section=...)`` resolves the
paths against the project root (so a notebook runs the same from papermill, from the project
root or from JupyterLab in notebooks/), computes the figures record, loads the year's rules
and the organisation, and renders the section's analyst commentary. The ``show_*`` methods
display aggregates only: Markdown, HTML tables with the index hidden, and charts that keep
their alt text in every renderer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..figures.trends import direction_of_change, indicator_series
from ..params import (
    Organisation,
    ReportSettings,
    YearParams,
    load_organisation,
    load_report_settings,
    load_year,
)
from ..paths import DATA_DIR, OUTPUTS_DIR, PARAMS_DIR, resolve
from ..sections import SECTION_BY_SLUG, Section
from .charts.base import Chart
from .charts.markup import show_chart as _show_chart
from .commentary import load_commentary
from .format import CONFIDENTIAL, confidential_note, fmt_date
from .html_table import table_html
from .messages import key_messages as figure_messages
from .narrative.common import version_note
from .record_view import traced
from .sanitise import commentary_html, safe_markdown


def _display(obj: Any, raw: bool = False) -> None:
    from IPython.display import display

    display(obj, raw=raw)


def _markdown(text: str) -> None:
    from IPython.display import Markdown

    _display(Markdown(text))


@dataclass(frozen=True)
class SectionContext:
    """Everything one section notebook shows, for one organisation and year."""

    org: str
    year: int
    published: bool
    data_dir: Path
    params_dir: Path
    record: dict[str, Any]
    year_params: YearParams
    organisation: Organisation
    section: Section | None = None
    commentary: str | None = None
    records: dict[int, dict[str, Any]] | None = None
    outputs_dir: Path = OUTPUTS_DIR
    figures_source: str = "computed"
    _counter: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def load(
        cls,
        org: str,
        year: int,
        data_dir: str | Path = "data",
        params_dir: str | Path = "params",
        published: bool = False,
        section: str | None = None,
        outputs_dir: str | Path = "outputs",
    ) -> SectionContext:
        """Resolve paths, read the figures artefact (or compute it), params and commentary.

        The run computes each organisation's records once (outputs/.../figures.json); a
        notebook reads them when they match the current code and inputs, and computes them
        itself when run on its own without a current artefact.
        """
        from ..pipeline.figures_artefact import load_records

        data = resolve(data_dir, DATA_DIR)
        params = resolve(params_dir, PARAMS_DIR)
        outputs = resolve(outputs_dir, OUTPUTS_DIR)
        records, source = load_records(
            str(org),
            int(year),
            data_dir=data,
            params_dir=params,
            published=bool(published),
            outputs_dir=outputs,
        )
        records = {y: traced(r) for y, r in records.items()}
        record = records[int(year)]
        chosen = SECTION_BY_SLUG[section] if section is not None else None
        return cls(
            org=str(org),
            year=int(year),
            published=bool(published),
            data_dir=data,
            params_dir=params,
            record=record,
            records=records,
            outputs_dir=outputs,
            figures_source=source,
            year_params=load_year(int(year), params),
            organisation=load_organisation(str(org), params),
            section=chosen,
            commentary=None if chosen is None else load_commentary(record, chosen.slug, params),
        )

    # --- display ------------------------------------------------------------------------
    def show_context(self) -> None:
        """One line: who, which year, the snapshot and which version this is."""
        _markdown(
            safe_markdown(
                f"*{self.organisation.name} ({self.org}), WRES {self.year}, workforce at "
                f"{fmt_date(self.year_params.snapshot)}. {version_note(self.record)}*"
            )
        )

    def show_markdown(self, text: str | Iterable[str] | None) -> None:
        """Markdown paragraphs (a string or a list of them); nothing for None."""
        if text is None:
            return
        paragraphs = [text] if isinstance(text, str) else [t for t in text if t]
        if paragraphs:
            _markdown(safe_markdown("\n\n".join(paragraphs)))

    def show_bullets(self, items: Iterable[str] | None) -> None:
        """A bulleted list; nothing when empty."""
        lines = [f"- {item}" for item in items or [] if item]
        if lines:
            _markdown(safe_markdown("\n".join(lines)))

    def _next_id(self, kind: str) -> str:
        """An id unique in the report: the section's slug, the kind and a counter."""
        self._counter[kind] = self._counter.get(kind, 0) + 1
        slug = self.section.slug if self.section else "section"
        return f"{slug}-{kind}-{self._counter[kind]}"

    def show_table(
        self, table: pd.DataFrame | None, caption: str | None = None, heading: str | None = None
    ) -> None:
        """An aggregate table as HTML, index hidden, under an optional `## heading`.

        Nothing at all (not even the heading) when there is no table, so a section that
        lacks a figure shows only the narrative saying why.
        """
        if table is None or table.empty:
            return
        from IPython.display import HTML

        if heading:
            _markdown(f"## {heading}")
        _display(HTML(table_html(table, caption, ident=self._next_id("table"))))
        if self.published and table.map(lambda cell: CONFIDENTIAL in str(cell)).any().any():
            settings = self.record.get("settings", {})
            _markdown(
                "*"
                + safe_markdown(
                    confidential_note(
                        settings.get("disclosure_threshold", 10),
                        settings.get("disclosure_min_range"),
                    )
                )
                + "*"
            )

    def show_chart(self, chart: Chart | None) -> None:
        """A chart with its title and alt text (HTML and Markdown); nothing for None."""
        _show_chart(chart)

    def show_commentary(self) -> None:
        """The analyst commentary under its own heading, when the section has any.

        Analysts write Markdown: HTML renderings get it sanitised (formatting and http(s)
        links kept, anything executable gone), Word gets it with HTML and links escaped.
        """
        if self.commentary:
            _markdown("## Analyst commentary")
            _display(
                {
                    "text/html": commentary_html(self.commentary),
                    "text/markdown": safe_markdown(self.commentary),
                },
                raw=True,
            )

    # --- other inputs ---------------------------------------------------------------------
    def action_plan(self) -> Any | None:
        """The year's action plan (actions.load_action_plan), or None when there is none."""
        from ..actions import load_action_plan, plan_path

        path = plan_path(self.params_dir, self.org, self.year)
        return load_action_plan(path) if path.is_file() else None

    def action_summary(self) -> dict[str, Any] | None:
        """Progress of the action plan at the report date, or None without a plan."""
        from ..actions import status_summary

        plan = self.action_plan()
        return None if plan is None else status_summary(plan, self.year_params.report)

    def show_action_plan(self) -> None:
        """The action plan: how to read it, every action at a glance, then each
        recommendation's own words with its actions in full. Nothing without a plan."""
        from .narrative.actions import action_details, reading_the_plan
        from .tables.actions import action_summary_table

        plan = self.action_plan()
        if plan is None or not plan.actions:
            return
        self.show_markdown(reading_the_plan())
        self.show_table(
            action_summary_table(plan, self.report_date),
            "Every action at a glance (overdue actions in bold)",
            heading="Actions at a glance",
        )
        _markdown("## The actions in full")
        self.show_markdown(action_details(plan, self.report_date))

    def indicator_actions(self, *numbers: int) -> pd.DataFrame | None:
        """The plan's actions aimed at any of these indicators, for display (None if none)."""
        from ..actions import actions_for_indicator
        from .tables.targets import actions_display

        plan = self.action_plan()
        if plan is None:
            return None
        frames = [actions_for_indicator(plan, n, self.year_params.report) for n in numbers]
        found = pd.concat([f for f in frames if not f.empty] or [pd.DataFrame()])
        if found.empty:
            return None
        found = found.drop_duplicates(subset="id").reset_index(drop=True)
        return actions_display(found)

    def comparison(self) -> dict[str, Any]:
        """What "How we compare" shows (`compare.comparison_for`), from the run's dataset.

        A run writes the year's comparison dataset (<edition>/<year>/benchmark/dataset.json)
        before any notebook executes. Without it (a notebook run on its own), or when it
        lacks this organisation or was built from other figures of it, the comparison holds
        this organisation and the national figures only, and says why peers are missing.
        """
        from ..compare.dataset import record_digest, standalone_dataset
        from ..compare.slices import comparison_for, read_dataset

        dataset = read_dataset(self.outputs_dir, self.year, self.published)
        if dataset is None:
            why = (
                "this section ran on its own, without the comparison dataset that "
                "`wres run` writes for all organisations of the year"
            )
        elif self.org not in dataset["organisations"]:
            why = f"{self.org} is not among the organisations of the year's comparison dataset"
        elif dataset["organisations"][self.org]["record_sha256"] != record_digest(self.record):
            why = (
                "the comparison dataset was built from other figures of this organisation; "
                "run `wres run` again to rebuild it"
            )
        else:
            return comparison_for(dataset, self.org)
        alone = standalone_dataset(self.record, self.organisation, self.year, self.published, why)
        return comparison_for(alone, self.org)

    def earlier_records(self) -> dict[int, dict[str, Any]]:
        """This year's record and every earlier year's with data, in the same edition."""
        return dict(self.records) if self.records else {self.year: self.record}

    def key_messages(self) -> list[str]:
        """The overview's key messages: figures, trends since earlier years, the plan."""
        records = self.earlier_records()
        trend = (
            direction_of_change(indicator_series(records), to_year=self.year)
            if len(records) > 1
            else None
        )
        return figure_messages(self.record, trend, self.action_summary())

    def import_summaries(self) -> list[Any]:
        """How this year's data files were imported from raw exports (empty: by hand)."""
        from ..importers import import_summaries

        return import_summaries(self.data_dir, self.org, self.year)

    def run_fingerprint(self) -> str:
        """The short fingerprint of everything this report was built from (the manifest's)."""
        from ..paths import NOTEBOOKS_DIR
        from ..pipeline.figures_artefact import run_fingerprint

        return run_fingerprint(
            self.org,
            self.year,
            data_dir=self.data_dir,
            params_dir=self.params_dir,
            published=self.published,
            outputs_dir=self.outputs_dir,
            notebooks_dir=NOTEBOOKS_DIR,
            records=self.earlier_records(),
        )

    @property
    def report_settings(self) -> ReportSettings:
        """The organisation's report settings for the year (e.g. what the board is asked)."""
        return load_report_settings(self.org, self.year, self.params_dir)

    @property
    def report_date(self) -> dt.date:
        """The date the report speaks from."""
        return self.year_params.report
