"""The report's sections, in order: one template notebook each under notebooks/."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    """A report section: its slug (file stem, commentary file name), title and notebook."""

    slug: str
    title: str

    @property
    def notebook(self) -> str:
        """The template notebook's file name under notebooks/."""
        return f"{self.slug}.ipynb"


SECTIONS: tuple[Section, ...] = (
    Section("01-overview", "Overview and key messages"),
    Section("02-workforce", "Indicator 1: workforce representation"),
    Section("03-appointment", "Indicator 2: appointment from shortlisting"),
    Section("04-disciplinary", "Indicator 3: formal disciplinary process"),
    Section("05-training", "Indicator 4: non-mandatory training and CPD"),
    Section("06-staff-survey", "Indicators 5-8: NHS Staff Survey"),
    Section("07-board", "Indicator 9: board representation"),
    Section("08-covid", "COVID-19 disparity context"),
    Section("11-how-we-compare", "How we compare"),
    Section("09-action-plan", "Appendix A: action plan and Model Employer targets"),
    Section("10-methodology", "Appendix B: methodology"),
)

SECTION_BY_SLUG: dict[str, Section] = {s.slug: s for s in SECTIONS}

#: The section that compares an organisation with the others of its year (it depends on
#: their figures too: see compare.run_step).
COMPARISON_SLUG = "11-how-we-compare"
