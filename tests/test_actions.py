"""Action plans: schema, errors with file and line, progress, tables, carrying forward."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from wres_analysis.actions import (
    SOURCE_SECTIONS,
    actions_for_indicator,
    actions_table,
    carry_plan,
    dump_plan,
    find_plans,
    indicator_links,
    load_action_plan,
    plan_path,
    status_summary,
    tables_by_source,
    updates_table,
)
from wres_analysis.actions.schema import Action, ActionPlan, owner_problem, parse_source
from wres_analysis.errors import InputError
from wres_analysis.paths import PARAMS_DIR

REPORT = dt.date(2020, 10, 31)
EXCCG = plan_path(PARAMS_DIR, "EXCCG", 2020)


def action(id_: str, due, status: str, owner: str = "HR Team", source: str = "wres-2", **kw):
    return Action.model_validate(
        {
            "id": id_,
            "source": source,
            "recommendation": "a gap",
            "action": "do something",
            "owner": owner,
            "due": due,
            "status": status,
            **kw,
        }
    )


def write_plan(tmp_path: Path, body: str, org: str = "ORG", year: int = 2020) -> Path:
    path = plan_path(tmp_path, org, year)
    path.parent.mkdir(parents=True)
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


VALID = """\
org: ORG
year: 2020
actions:
  - id: a1
    source: wres-2
    recommendation: White applicants are more likely to be appointed.
    action: Diverse interview panels.
    owner: Recruitment Team
    due: 2020-09-30
    status: in progress
    updates:
      - date: 2020-06-01
        text: Started.
  - id: a2
    source: btd-4
    recommendation: Risk assessment.
    action: Assess staff.
    owner: HR Team
    due: 2020-07-31
    status: done
  - id: a3
    source: eo-3
    indicators: [9]
    recommendation: Representative board.
    action: Recruit.
    owner: HR Team
    due: ongoing
    status: not started
"""


# --- the model organisation's plan ---------------------------------------------------------
def test_model_plan_covers_every_recommendation_and_wres_item():
    plan = load_action_plan(EXCCG)
    codes = {a.source.code for a in plan.actions}
    assert {f"btd-{n}" for n in range(1, 8)} <= codes
    assert {"nhsei-8", "nhsei-9", "nhsei-10", "eo-3"} <= codes
    wres = {a.id: a.source.number for a in plan.actions if a.id.startswith("wres-")}
    assert wres == {
        **{f"wres-{n:02d}": 9 for n in range(1, 5)},
        **{f"wres-{n:02d}": 1 for n in range(5, 8)},
        **{f"wres-{n:02d}": 2 for n in range(8, 13)},
        "wres-13": 3,
    }
    assert {t.group: t.bme_people for t in plan.stated_targets} == {
        "board": 2,
        "senior_8b_plus_and_board": 9,
    }


def test_model_plan_keeps_the_reports_slipped_dates_with_a_note():
    plan = load_action_plan(EXCCG)
    slipped = {a.id: a for a in plan.actions if a.due == dt.date(2020, 1, 31)}
    assert {"nhsei8-a", "nhsei9-a", "wres-05"} <= set(slipped)
    for a in slipped.values():
        assert any("2020" in u.text and ("review" in u.text or "kept" in u.text) for u in a.updates)


def test_model_plan_owners_are_teams_or_roles_and_updates_read_as_updates():
    plan = load_action_plan(EXCCG)
    for a in plan.actions:
        assert owner_problem(a.owner) is None
        assert a.updates, a.id
        for u in a.updates:  # nothing about how the example was made reaches a reader
            assert not u.example and "this example" not in u.text, a.id
            assert "model report" not in u.text.lower(), a.id


def test_every_example_plan_loads():
    paths = find_plans(PARAMS_DIR, 2020)
    orgs = {p.parent.parent.name for p in paths}
    assert {"EXCCG", "LTCCG", "EXHOSP", "EXMHCT"} <= orgs
    for path in paths:
        plan = load_action_plan(path)
        assert plan.org == path.parent.parent.name
        if plan.org != "EXCCG":
            assert 3 <= len(plan.actions) <= 6


def test_model_plan_summary_at_report_date():
    summary = status_summary(load_action_plan(EXCCG), REPORT)
    assert summary["total"] == 41
    assert summary["overdue"] == [
        "nhsei8-a",
        "nhsei9-a",
        "nhsei9-b",
        "nhsei9-c",
        "wres-05",
        "wres-06",
    ]


# --- sources and owners --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "kind", "number"),
    [
        ("wres-3", "wres_indicator", 3),
        ("BTD-7", "beyond_the_data", 7),
        ("nhsei-10", "nhsei", 10),
        ("eo-12", "equality_objective", 12),
    ],
)
def test_compact_sources(text, kind, number):
    source = parse_source(text)
    assert (source.kind, source.number, source.code) == (kind, number, text.lower())


@pytest.mark.parametrize(
    "text",
    [
        "wres-0",
        "wres-10",
        "btd-8",
        "nhsei-7",
        "nhsei-11",
        "eo-0",
        "foo-1",
        "wres3",
        "wres_3",
        "",
        3,
        {"kind": "btd", "number": 2},
    ],
)
def test_unknown_source_forms_are_refused(text):
    with pytest.raises(ValueError):
        parse_source(text)


@pytest.mark.parametrize(
    "owner",
    [
        "HR Team",
        "Equality Lead",
        "Primary Care",
        "MLCSU Strategy Unit",
        "E&I Business Partner",
        "Comms and Engagement",
        "HR & Comms and Engagement",
        "Director of Workforce",
        "HR",
        "Contracts Team, Quality Team",
    ],
)
def test_team_and_role_owners_pass(owner):
    assert owner_problem(owner) is None


@pytest.mark.parametrize(
    "owner",
    [
        "Jane Smith",
        "Mary Anne Jones",
        "Dr Patel",
        "HR Team / John Smith",
        "Primary Care - Jane Smith",
        "someone@example.nhs.uk",
        "  ",
    ],
)
def test_personal_names_are_refused(owner):
    assert owner_problem(owner) is not None


# --- errors name file, line, key, value and fix -------------------------------------------
def test_valid_file_loads(tmp_path):
    plan = load_action_plan(write_plan(tmp_path, VALID))
    assert [a.id for a in plan.actions] == ["a1", "a2", "a3"]
    assert plan.actions[2].due == "ongoing"


@pytest.mark.parametrize(
    ("old", "new", "line", "words"),
    [
        ("    owner: Recruitment Team", "    owner: Jane Smith", 8, "looks like a person"),
        ("    due: 2020-09-30", "    due: soon", 9, "ISO date"),
        ("    status: in progress", "    status: finished", 10, "status must be one of"),
        ("    source: btd-4", "    source: btd-9", 15, "1-7"),
        ("  - id: a2", "  - id: a1", 14, "used already"),
        ("    indicators: [9]", "    indicators: [10]", 23, "1-9"),
        ("      - date: 2020-06-01", "      - date: 2020-13-01", 12, "not a real date"),
        ("    action: Assess staff.", "    action: Assess staff.\n    colour: red", 18, "unknown"),
        ("year: 2020", "year: 2021", 2, "folder"),
    ],
)
def test_errors_name_file_line_key_and_value(tmp_path, old, new, line, words):
    assert old in VALID
    path = write_plan(tmp_path, VALID.replace(old, new, 1))
    with pytest.raises(InputError) as exc:
        load_action_plan(path)
    message = str(exc.value)
    assert "actions.yaml" in message
    assert f"line {line}" in message
    assert words in message
    assert "Fix:" in message


def test_missing_key_and_all_problems_reported_together(tmp_path):
    body = VALID.replace("    action: Diverse interview panels.\n", "").replace(
        "owner: HR Team", "owner: Dr Who", 1
    )
    with pytest.raises(InputError) as exc:
        load_action_plan(write_plan(tmp_path, body))
    assert len(exc.value.problems) == 2
    assert "required key is missing" in str(exc.value)


def test_missing_file_says_how_to_start_one(tmp_path):
    with pytest.raises(InputError, match="wres actions carry"):
        load_action_plan(plan_path(tmp_path, "ORG", 2020))


# --- progress --------------------------------------------------------------------------------
def test_overdue_rules():
    plan = ActionPlan(
        org="ORG",
        year=2020,
        actions=[
            action("before", "2020-10-30", "in progress"),
            action("on-the-day", "2020-10-31", "not started"),
            action("after", "2020-11-01", "not started", owner="Equality Lead"),
            action("done-late", "2020-01-31", "done"),
            action("ongoing", "ongoing", "in progress", owner="Equality Lead"),
        ],
    )
    summary = status_summary(plan, REPORT)
    assert summary["overdue"] == ["before"]
    assert summary["by_status"] == {"not started": 2, "in progress": 2, "done": 1}
    assert summary["ongoing"] == 1
    assert summary["by_owner"]["Equality Lead"] == {
        "total": 2,
        "not started": 1,
        "in progress": 1,
        "done": 0,
        "overdue": 0,
    }
    assert summary["by_owner"]["HR Team"]["overdue"] == 1
    assert list(summary["by_owner"]) == ["Equality Lead", "HR Team"]


# --- tables and links --------------------------------------------------------------------------
def test_tables_grouped_by_source_in_report_order():
    plan = load_action_plan(EXCCG)
    tables = tables_by_source(plan, REPORT)
    assert list(tables) == list(SOURCE_SECTIONS.values())
    wres = tables["WRES action plan"]
    assert list(wres["source"]) == ["wres-1"] * 3 + ["wres-2"] * 5 + ["wres-3"] + ["wres-9"] * 4
    assert sum(len(t) for t in tables.values()) == len(plan.actions)
    row = actions_table(plan, REPORT).set_index("id").loc["wres-05"]
    assert (row["due"], row["overdue"], row["source_label"]) == (
        "2020-01-31",
        True,
        "WRES indicator 1",
    )


def test_indicator_links_use_source_and_extra_indicators():
    plan = load_action_plan(EXCCG)
    links = indicator_links(plan)
    assert links[3] == ["wres-13"]
    assert {"wres-01", "wres-02", "wres-03", "wres-04", "eo3-a", "eo3-b"} == set(links[9])
    assert "wres-02" in links[1]  # a board action that also aims at indicator 1
    assert list(actions_for_indicator(plan, 2)["id"])[-5:] == [
        f"wres-{n:02d}" for n in range(8, 13)
    ]
    assert links[5] == []


def test_updates_table_is_oldest_first():
    plan = ActionPlan(
        org="ORG",
        year=2020,
        actions=[
            action(
                "x",
                "ongoing",
                "in progress",
                updates=[{"date": "2020-09-01", "text": "b"}, {"date": "2020-05-01", "text": "a"}],
            )
        ],
    )
    assert list(updates_table(plan)["text"]) == ["a", "b"]


# --- carrying forward ---------------------------------------------------------------------------
def test_carry_keeps_open_actions_with_history_and_a_dated_note(tmp_path):
    write_plan(tmp_path, VALID)
    path = carry_plan(tmp_path, "ORG", 2020, 2021, on=dt.date(2021, 4, 1))
    assert path == plan_path(tmp_path, "ORG", 2021)
    plan = load_action_plan(path)
    assert (plan.year, plan.carried_from) == (2021, 2020)
    assert [a.id for a in plan.actions] == ["a1", "a3"]  # a2 was done
    a1 = plan.actions[0]
    assert [u.text for u in a1.updates[:1]] == ["Started."]
    assert a1.updates[-1].date == dt.date(2021, 4, 1)
    assert "Carried over from the 2020 action plan" in a1.updates[-1].text
    assert a1.due == dt.date(2020, 9, 30)  # stated date kept
    assert not [p for p in path.parent.iterdir() if p.name != "actions.yaml"]  # no temp files


def test_carry_refuses_to_overwrite_unless_told(tmp_path):
    write_plan(tmp_path, VALID)
    target = carry_plan(tmp_path, "ORG", 2020, 2021, on=dt.date(2021, 4, 1))
    target.write_text("hand edits", encoding="utf-8")
    with pytest.raises(InputError, match="already exists"):
        carry_plan(tmp_path, "ORG", 2020, 2021)
    assert target.read_text(encoding="utf-8") == "hand edits"
    carry_plan(tmp_path, "ORG", 2020, 2021, overwrite=True, on=dt.date(2021, 4, 1))
    assert load_action_plan(target).year == 2021


def test_carry_backwards_is_refused(tmp_path):
    write_plan(tmp_path, VALID)
    with pytest.raises(InputError, match="later year"):
        carry_plan(tmp_path, "ORG", 2020, 2020)


def test_model_plan_round_trips_through_yaml(tmp_path):
    plan = load_action_plan(EXCCG)
    path = plan_path(tmp_path, "EXCCG", 2020)
    path.parent.mkdir(parents=True)
    text = dump_plan(plan)
    path.write_text(text, encoding="utf-8")
    assert load_action_plan(path) == plan
    assert "&id" not in text  # no YAML anchors
    assert max(len(line) for line in text.splitlines()) <= 110


def test_the_documented_example_is_a_valid_plan(tmp_path):
    text = (Path(__file__).parents[1] / "docs" / "action-plans.md").read_text(encoding="utf-8")
    example = text.split("```yaml\n", 1)[1].split("```", 1)[0]
    plan = load_action_plan(write_plan(tmp_path, example, org="EXCCG", year=2020))
    assert plan.actions[0].linked_indicators == [1, 2]


@pytest.mark.parametrize(
    "owner",
    [
        "Smith, Jane",
        "Smith, J.",
        "Smith, Jane A.",
        "J. Smith",
        "J Smith",
        "J.A. Smith",
        "Smith J.",
        "HR Team / J. Smith",
        "Equality Lead and Smith J",
    ],
)
def test_names_written_surname_first_or_with_initials_are_refused(owner):
    assert owner_problem(owner) is not None


@pytest.mark.parametrize(
    "owner",
    ["Quality, Safety", "Finance, Estates", "A Team", "OD Practitioner", "Kingfisher Ward"],
)
def test_team_words_keep_look_alike_owners_passing(owner):
    assert owner_problem(owner) is None


def test_the_allow_list_accepts_a_team_that_looks_like_a_person_ignoring_case():
    allowed = frozenset({"bevan brittan"})
    assert owner_problem("Bevan Brittan") is not None
    assert owner_problem("Bevan  BRITTAN", allowed) is None
    assert owner_problem("Bevan Brittan and Jane Smith", allowed) is not None


def test_a_plan_uses_the_allow_list_of_its_own_params_folder(tmp_path):
    path = write_plan(tmp_path, VALID.replace("owner: HR Team", "owner: Bevan Brittan", 1))
    with pytest.raises(InputError, match="Bevan Brittan"):
        load_action_plan(path)
    (tmp_path / "owners.yaml").write_text("team_names: [Bevan Brittan]\n", encoding="utf-8")
    assert "Bevan Brittan" in [a.owner for a in load_action_plan(path).actions]
