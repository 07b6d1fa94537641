"""The action-plan file format: what an action is, and the rules each field must follow.

A plan lives at ``params/orgs/<ORG>/<YEAR>/actions.yaml`` (docs/action-plans.md). Sources
use a compact form - ``wres-3``, ``btd-4``, ``nhsei-9``, ``eo-3`` - and owners name a team
or role, never a person.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from ..figures.targets import StatedTarget
from ..params import ORG_CODE_PATTERN, StrictModel

# prefix: (kind, first number, last number or None for open-ended, label)
SOURCE_KINDS: dict[str, tuple[str, int, int | None, str]] = {
    "wres": ("wres_indicator", 1, 9, "WRES indicator"),
    "btd": ("beyond_the_data", 1, 7, "Beyond the data recommendation"),
    "nhsei": ("nhsei", 8, 10, "NHSE&I recommendation"),
    "eo": ("equality_objective", 1, None, "Equality objective"),
}
PREFIX_OF_KIND: dict[str, str] = {kind: prefix for prefix, (kind, *_) in SOURCE_KINDS.items()}
SOURCE_HELP = (
    "write wres-1 ... wres-9 (WRES indicator), btd-1 ... btd-7 (Beyond the data "
    "recommendation), nhsei-8 ... nhsei-10 (NHSE&I recommendation) or eo-N (equality objective)"
)
_SOURCE_RE = re.compile(r"^([a-z]+)-(\d+)$")

STATUSES: tuple[str, ...] = ("not started", "in progress", "done")
ONGOING = "ongoing"
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"


class Source(StrictModel):
    """What an action answers: a WRES indicator, a recommendation or an equality objective."""

    kind: Literal["wres_indicator", "beyond_the_data", "nhsei", "equality_objective"]
    number: int

    @property
    def code(self) -> str:
        """The compact YAML form, e.g. 'btd-4'."""
        return f"{PREFIX_OF_KIND[self.kind]}-{self.number}"

    @property
    def label(self) -> str:
        """For readers, e.g. 'Beyond the data recommendation 4'."""
        return f"{SOURCE_KINDS[PREFIX_OF_KIND[self.kind]][3]} {self.number}"


def parse_source(value: object) -> Source:
    """'wres-3' -> Source(kind='wres_indicator', number=3); other forms are refused."""
    if isinstance(value, Source):
        return value
    match = _SOURCE_RE.match(value.strip().lower()) if isinstance(value, str) else None
    if match is None or match.group(1) not in SOURCE_KINDS:
        raise ValueError(f"source {value!r} is not a known form")
    kind, low, high, label = SOURCE_KINDS[match.group(1)]
    number = int(match.group(2))
    if number < low or (high is not None and number > high):
        span = f"{low}-{high}" if high is not None else f"{low} or more"
        raise ValueError(f"{label} numbers run {span}, not {number}")
    return Source(kind=kind, number=number)


# --- owners: teams or roles, never people ------------------------------------------------
_TEAM_WORDS_TEXT = """
    team teams lead leads leader unit partner partners officer officers manager managers
    management director directors directorate department service services office board body
    committee group forum network panel hub function business care primary secondary quality
    contract contracts contracting commissioning commissioner commissioners comms
    communications engagement equality equalities diversity inclusion workforce people
    resources human recruitment learning development training education governance finance
    estates nursing medical clinical operations operational strategy strategic executive
    executives chief head deputy assistant administrator coordinator advisor adviser
    specialist specialists champion champions guardian sponsor secretary chair member
    members staff system systems programme project analytics intelligence information data
    digital safeguarding patient patients experience public health wellbeing occupational
    legal procurement planning performance transformation partnership partnerships trust
    organisational practice practices community council support desk admin safety risk
    facilities audit compliance research innovation improvement payroll pensions reward
    ward wards centre clinic practitioner practitioners relations employee employees"""
TEAM_WORDS: frozenset[str] = frozenset(_TEAM_WORDS_TEXT.split())
PERSON_TITLES: frozenset[str] = frozenset(
    {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame"}
)
OWNERS_FILE = "params/owners.yaml"
OWNER_HELP = (
    "name a team or role (e.g. 'HR Team', 'Equality Lead', 'Comms and Engagement'), never a "
    "person; if a genuine team name is mistaken for a person's, add 'Team' or 'Unit' to it, or "
    f"list it under team_names in {OWNERS_FILE}"
)
_OWNER_SPLIT = re.compile(r"\s*(?:/|&|,|;|\+|\(|\)|\s[-–—]\s|\band\b|\bor\b)\s*", re.IGNORECASE)
_NAME = r"[A-Z][a-z]+(?:['’-][A-Za-z][a-z]+)*"
_NAME_WORD = re.compile(rf"^{_NAME}$")
_INITIALS = r"(?:[A-Z]\.\s?){1,3}|[A-Z]"  # 'J.', 'J. A.', 'J.A.' or a lone capital 'J'
# 'Smith, Jane' / 'Smith, J.' / 'Smith, Jane A.': a surname, a comma, forename or initials
_SURNAME_FIRST = re.compile(rf"^({_NAME}),\s*({_NAME}|{_INITIALS})(?:\s+(?:{_INITIALS}))?$")
# 'J. Smith', 'J Smith', 'J.A. Smith', 'Smith J.', 'Smith J'
_INITIAL_NAME = re.compile(rf"^(?:(?:{_INITIALS})\s*({_NAME})|({_NAME})\s+(?:{_INITIALS}))$")


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def _is_team_word(word: str) -> bool:
    return word.lower().strip(".") in TEAM_WORDS


def owner_problem(owner: str, allowed: frozenset[str] = frozenset()) -> str | None:
    """Why an owner looks like a person rather than a team or role, or None if it does not.

    The rule (a heuristic, documented in docs/action-plans.md): an owner listed in
    ``allowed`` (params/owners.yaml, compared ignoring case) passes. Otherwise e-mail
    addresses are refused, and so is "Surname, Forename" ('Smith, Jane', 'Smith, J.').
    The owner is then split at '/', '&', ',', ';', ' - ', 'and', 'or'; a part not in
    ``allowed`` is a personal name if it starts with a title (Dr, Mrs, ...), is initials
    with a surname ('J. Smith', 'Smith J'), or is two or three capitalised words none of
    which is a usual team or role word (TEAM_WORDS). A single word cannot be judged.
    """
    text = owner.strip()
    if not text:
        return "the owner is empty"
    if _normal(text) in allowed:
        return None
    if "@" in text:
        return "the owner looks like an e-mail address"
    match = _SURNAME_FIRST.match(" ".join(text.split()))
    if match and not any(_is_team_word(w) for w in match.groups() if w):
        return f"'{text}' looks like a person's name written 'Surname, Forename'"
    for part in filter(None, _OWNER_SPLIT.split(text)):
        if _normal(part) in allowed:
            continue
        words = part.split()
        if words and words[0].lower().strip(".") in PERSON_TITLES:
            return f"'{part}' starts with a personal title"
        match = _INITIAL_NAME.match(" ".join(words))
        if match and not _is_team_word(match.group(1) or match.group(2)):
            return f"'{part}' looks like a person's initials and surname"
        if (
            2 <= len(words) <= 3
            and all(_NAME_WORD.match(w) for w in words)
            and not any(_is_team_word(w) for w in words)
        ):
            return f"'{part}' looks like a person's name"
    return None


# --- field parsers --------------------------------------------------------------------
def _parse_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        raise ValueError("give a date without a time, as YYYY-MM-DD")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError(f"{value!r} is not an ISO date (YYYY-MM-DD)")


def _parse_due(value: object) -> dt.date | str:
    if isinstance(value, str) and value.strip().lower() == ONGOING:
        return ONGOING
    try:
        return _parse_date(value)
    except ValueError:
        raise ValueError(
            f"due must be an ISO date (YYYY-MM-DD) or '{ONGOING}', not {value!r}"
        ) from None


def _parse_status(value: object) -> str:
    text = " ".join(value.lower().replace("_", " ").split()) if isinstance(value, str) else None
    if text not in STATUSES:
        raise ValueError(f"status must be one of {', '.join(map(repr, STATUSES))}")
    return text


def _parse_owner(value: object, info: ValidationInfo) -> str:
    if not isinstance(value, str):
        raise ValueError("the owner must be text naming a team or role")
    allowed = (info.context or {}).get("allowed_owners", frozenset())
    problem = owner_problem(value, allowed)
    if problem:
        raise ValueError(f"{problem}; owners are teams or roles, never people")
    return value.strip()


IsoDate = Annotated[dt.date, BeforeValidator(_parse_date)]
Due = Annotated[dt.date | str, BeforeValidator(_parse_due)]
Status = Annotated[str, BeforeValidator(_parse_status)]
Owner = Annotated[str, BeforeValidator(_parse_owner)]
SourceField = Annotated[Source, BeforeValidator(parse_source)]
Text = Annotated[str, Field(min_length=1)]


class Update(StrictModel):
    """A dated note of progress. `example: true` marks placeholder text still to be written:
    a published report refuses it."""

    date: IsoDate
    text: Text
    example: bool = False


class Action(StrictModel):
    """One action: what it answers, what will be done, by whom, by when, and how it is going."""

    id: str = Field(pattern=ID_PATTERN)
    source: SourceField
    indicators: list[int] = Field(
        default_factory=list, description="further WRES indicators (1-9) it aims to move"
    )
    recommendation: Text = Field(description="the recommendation or gap the action answers")
    response: str = ""
    action: Text
    owner: Owner
    due: Due
    status: Status
    updates: list[Update] = Field(default_factory=list)

    @field_validator("indicators")
    @classmethod
    def _indicator_numbers(cls, value: list[int]) -> list[int]:
        bad = [n for n in value if not 1 <= n <= 9]
        if bad:
            raise ValueError(f"WRES indicators are numbered 1-9, not {bad}")
        return sorted(set(value))

    @property
    def linked_indicators(self) -> list[int]:
        """WRES indicators this action aims to move: its source's, plus any listed."""
        own = [self.source.number] if self.source.kind == "wres_indicator" else []
        return sorted({*own, *self.indicators})

    @property
    def due_text(self) -> str:
        """The due date as an ISO string, or 'ongoing'."""
        return self.due.isoformat() if isinstance(self.due, dt.date) else str(self.due)

    def is_overdue(self, report_date: dt.date) -> bool:
        """Due before the report date and not done; 'ongoing' is never overdue."""
        return isinstance(self.due, dt.date) and self.due < report_date and self.status != "done"


class ActionPlan(StrictModel):
    """One organisation's action plan for one reporting year."""

    org: str = Field(pattern=ORG_CODE_PATTERN)
    year: int = Field(ge=1000, le=9999)
    carried_from: int | None = Field(None, description="year whose open actions began it")
    stated_targets: list[StatedTarget] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique(self) -> ActionPlan:
        seen: dict[str, int] = {}
        for i, action in enumerate(self.actions):
            if action.id in seen:
                raise PydanticCustomError(
                    "duplicate_id",
                    "action id {id!r} is used more than once (first by action {first})",
                    {"id": action.id, "index": i, "first": seen[action.id] + 1},
                )
            seen[action.id] = i
        groups: set[str] = set()
        for i, stated in enumerate(self.stated_targets):
            if stated.group in groups:
                raise PydanticCustomError(
                    "duplicate_target",
                    "group {group!r} has more than one stated target",
                    {"group": stated.group, "target_index": i},
                )
            groups.add(stated.group)
        return self


def plan_to_data(plan: ActionPlan) -> dict[str, Any]:
    """The plan as plain YAML-ready data, in the file's own compact form and key order."""
    data: dict[str, Any] = {"org": plan.org, "year": plan.year}
    if plan.carried_from is not None:
        data["carried_from"] = plan.carried_from
    if plan.stated_targets:
        data["stated_targets"] = [
            {k: v for k, v in t.model_dump().items() if v not in (None, "")}
            for t in plan.stated_targets
        ]
    data["actions"] = []
    for action in plan.actions:
        item: dict[str, Any] = {"id": action.id, "source": action.source.code}
        if action.indicators:
            item["indicators"] = list(action.indicators)
        item["recommendation"] = action.recommendation
        if action.response:
            item["response"] = action.response
        item.update(
            action=action.action,
            owner=action.owner,
            due=action.due,
            status=action.status,
            updates=[
                {"date": u.date, "text": u.text, **({"example": True} if u.example else {})}
                for u in action.updates
            ],
        )
        data["actions"].append(item)
    return data
