"""`wres actions check` and `wres actions carry` on a throwaway params folder."""

from __future__ import annotations

import shutil

from wres_analysis.actions import load_action_plan, plan_path
from wres_analysis.cli import main
from wres_analysis.paths import PARAMS_DIR


def _params(tmp_path):
    shutil.copytree(PARAMS_DIR / "orgs" / "EXCCG" / "2020", tmp_path / "orgs" / "EXCCG" / "2020")
    shutil.copytree(PARAMS_DIR / "years", tmp_path / "years")
    return tmp_path


def test_check_prints_progress_at_the_report_date(tmp_path, capsys):
    params = _params(tmp_path)
    assert main(["actions", "check", "--year", "2020", "--params-dir", str(params)]) == 0
    out = capsys.readouterr().out
    assert "41 actions" in out
    assert "overdue at 2020-10-31: nhsei8-a" in out


def test_check_fails_with_file_and_line(tmp_path, capsys):
    params = _params(tmp_path)
    path = plan_path(params, "EXCCG", 2020)
    path.write_text(path.read_text().replace("owner: HR Lead", "owner: Jane Smith"))
    assert main(["actions", "check", "--params-dir", str(params)]) == 1
    err = capsys.readouterr().err
    assert "actions.yaml, line" in err and "Jane Smith" in err


def test_carry_writes_next_year_and_refuses_a_second_time(tmp_path, capsys):
    params = _params(tmp_path)
    args = ["actions", "carry", "--from", "2020", "--to", "2021", "--params-dir", str(params)]
    assert main(args) == 0
    assert "EXCCG: wrote" in capsys.readouterr().out
    plan = load_action_plan(plan_path(params, "EXCCG", 2021))
    assert len(plan.actions) == 39  # 41 less the two done
    assert main(args) == 1
    assert "already exists" in capsys.readouterr().err
    assert main([*args, "--force", "--org", "EXCCG"]) == 0


def test_carry_without_plans_says_so(tmp_path, capsys):
    args = ["actions", "carry", "--from", "2019", "--to", "2020", "--params-dir", str(tmp_path)]
    assert main(args) == 1
    assert "no action plans for 2019" in capsys.readouterr().err
