"""The report's words for the WRES indicators: names, groups and how each one reads.

Tables, narrative, charts, key messages and commentary all describe the indicators; they
take the names, the group labels and the direction of each comparison from here.
"""

from __future__ import annotations

from dataclasses import dataclass

GROUP_LABELS: dict[str, str] = {"white": "White", "bme": "BME", "unknown": "Unknown"}
SURVEY_INDICATORS: tuple[int, ...] = (5, 6, 7, 8)
LIKELIHOOD_INDICATORS: tuple[int, ...] = (2, 3, 4)

INDICATOR_NAMES: dict[int, str] = {
    1: "workforce representation by pay band",
    2: "appointment from shortlisting",
    3: "entry into the formal disciplinary process",
    4: "access to non-mandatory training and CPD",
    5: "harassment, bullying or abuse from patients, relatives or the public",
    6: "harassment, bullying or abuse from staff",
    7: "belief that the organisation provides equal opportunities for career progression "
    "or promotion",
    8: "discrimination at work from a manager, team leader or other colleagues",
    9: "board representation",
}

# For the survey indicators: does a higher percentage mean a worse experience?
HIGHER_IS_WORSE: dict[int, bool] = {5: True, 6: True, 7: False, 8: True}


def bme_fared_worse(number: int, white_pct: float, bme_pct: float) -> bool:
    """Whether BME staff fared worse than White staff on survey indicator `number`."""
    return bme_pct > white_pct if HIGHER_IS_WORSE[number] else bme_pct < white_pct


# Indicator 9's board memberships, in report order.
BOARD_MEMBERSHIPS: dict[str, str] = {
    "voting": "Voting members",
    "executive": "Executive members",
    "all": "All board members",
}

# Model Employer leadership groups shown in the targets appendix, in report order.
TARGET_ROWS: tuple[str, ...] = ("senior_8a_plus", "senior_8b_plus_and_board", "board")

ROLLING_METHODS: dict[str, str] = {
    "mean_entries_current_headcount": "mean of the two years' entries per group, divided by the "
    "current year's headcount per group",
    "pooled": "both years pooled: the two years' entries per group divided by the two years' "
    "headcounts per group",
}


@dataclass(frozen=True)
class Likelihood:
    """How one relative-likelihood indicator reads: its count, denominator and direction."""

    count: str  # key of the numerator count in the record
    denominator: str
    count_label: str
    denominator_label: str
    rate_label: str
    numerator_group: str  # "white" or "bme": the group on top of the ratio
    people: str  # who is counted, e.g. "applicants"
    event: str  # what happens to them, as a verb phrase after "to"
    done: str  # the same in the past tense, e.g. "were appointed from shortlisting"

    @property
    def comparison_group(self) -> str:
        """The group in the ratio's denominator."""
        return "bme" if self.numerator_group == "white" else "white"

    @property
    def top(self) -> str:
        """The label of the group on top of the ratio, e.g. "White"."""
        return GROUP_LABELS[self.numerator_group]

    @property
    def other(self) -> str:
        """The label of the group it is compared with, e.g. "BME"."""
        return GROUP_LABELS[self.comparison_group]

    def times_as_likely(self, shown: str) -> str:
        """The ratio in words, e.g. "White applicants were 1.61 times as likely as ..."."""
        return (
            f"{self.top} {self.people} were {shown} times as likely as {self.other} "
            f"{self.people} to {self.event}"
        )


LIKELIHOOD: dict[int, Likelihood] = {
    2: Likelihood(
        "appointed",
        "shortlisted",
        "Appointed",
        "Shortlisted",
        "Appointed from shortlisting",
        "white",
        "applicants",
        "be appointed from shortlisting",
        "were appointed from shortlisting",
    ),
    3: Likelihood(
        "entered",
        "headcount",
        "Entered formal disciplinary process",
        "Headcount",
        "Rate of entry",
        "bme",
        "staff",
        "enter the formal disciplinary process",
        "entered the formal disciplinary process",
    ),
    4: Likelihood(
        "accessed",
        "headcount",
        "Accessed non-mandatory training or CPD",
        "Headcount",
        "Rate of access",
        "white",
        "staff",
        "access non-mandatory training and CPD",
        "accessed non-mandatory training or CPD",
    ),
}
