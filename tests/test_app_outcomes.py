"""Each command's app function returns its result and its problems (an Outcome), never raising
what the inputs or the request get wrong; the CLI shows them once, with the same exit codes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from jamsostek_budget.app import estimate as api
from jamsostek_budget.app import planning, validate
from jamsostek_budget.app.roster import roster_estimate
from jamsostek_budget.app.schema import schema
from jamsostek_budget.errors import DataError, UsageError
from jamsostek_budget.loading import bundled
from tests.cli_runner import run

INVALID = Path(__file__).parent / "invalid"
WARNED = INVALID / "warning-scenario-past-jp-wage-cap.yaml"  # fiscal 2028: the cap is projected
BROKEN = INVALID / "scenario-monthly-wage-zero.yaml"
METRO = bundled.city_file("metro")


def test_errors_in_an_input_are_values() -> None:
    outcome = api.estimate(BROKEN)
    assert outcome.result is None and outcome.refused is None
    assert outcome.errors == outcome.problems
    (problem,) = outcome.errors
    assert (Path(problem.file).name, problem.field) == (BROKEN.name, "groups[0].monthly_wage")
    with pytest.raises(DataError) as raised:
        outcome.unwrap()
    assert raised.value.problems == outcome.problems


def test_warnings_come_with_the_result() -> None:
    outcome = api.estimate(WARNED)
    assert outcome.result is not None and outcome.errors == ()
    # the JP cap, and the wage below Lampung's UMP (engine.wagecheck)
    assert [p.severity for p in outcome.problems] == ["warning", "warning"]
    messages = sorted(p.message for p in outcome.problems)
    assert "past the latest announced JP wage cap" in messages[0]
    assert "is below the UMP of Lampung" in messages[1]
    # 10 staff at Rp2,500,000: JP is 3 % under any cap, so the budget does not depend on it
    assert outcome.unwrap().budget.headcount == 10


def test_a_request_that_cannot_run_is_a_problem_too() -> None:
    outcome = planning.fit(METRO, 1)  # Rp1 a year covers nobody
    assert outcome.result is None
    refused = outcome.refused
    assert refused is not None and refused.request and refused.file == ""
    assert refused.message.startswith("a ceiling of Rp1 a year covers nobody")
    with pytest.raises(UsageError, match="covers nobody"):
        outcome.unwrap()


def test_compare_keeps_the_warnings_read_before_its_usage_error() -> None:
    outcome = planning.compare([str(WARNED)])
    # the JP cap and the wage below Lampung's UMP, then the refusal
    assert [p.severity for p in outcome.problems] == ["warning", "warning", "error"]
    assert outcome.refused is not None
    assert outcome.refused.message == "a comparison needs at least two scenarios"
    result = run("compare", str(WARNED), "--lang", "en")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert any(
        "warning: fiscal year 2028 is past the latest announced JP wage cap" in line
        for line in lines
    )
    assert any("warning: the wage 2,500,000 is below the UMP of Lampung" in line for line in lines)
    assert lines[-2:] == [
        "error: a comparison needs at least two scenarios",
        "  hint: the first is the baseline",
    ]


def test_compare_stops_at_the_first_scenario_with_errors() -> None:
    outcome = planning.compare([str(WARNED), str(BROKEN), "metro"])
    assert outcome.result is None
    assert [Path(p.file).name for p in outcome.problems] == [BROKEN.name]


def test_validate_a_missing_path_is_refused(tmp_path: Path) -> None:
    outcome = validate.validate([tmp_path / "none.yaml"], rates_dir=None, today=date(2026, 1, 1))
    assert outcome.result is None and outcome.refused is not None
    assert outcome.refused.message.endswith("none.yaml does not exist")
    assert run("validate", str(tmp_path / "none.yaml")).exit_code == 2


def test_validate_returns_what_it_checked_even_with_errors() -> None:
    outcome = validate.validate([BROKEN, METRO], rates_dir=None, today=date(2026, 1, 1))
    assert outcome.result is not None
    checked = [(Path(name).name, kind) for name, kind in outcome.result]
    assert checked == [(BROKEN.name, "scenario"), ("metro.yaml", "scenario")]
    assert len(outcome.errors) == 1


def test_the_other_commands_return_outcomes(tmp_path: Path) -> None:
    rates = api.rates(date(2026, 3, 1)).unwrap()
    assert rates.snapshot.values["pu.jp_wage_cap"].value == 11_086_300
    too_early = api.rates(date(2000, 1, 1))
    assert too_early.refused is not None and "no rate is in force" in too_early.refused.message
    assert "metro" in [city.slug for city in api.cities().unwrap()]
    assert schema("rates").unwrap().startswith("{")
    projection = planning.project(METRO, [2026, 2027], {}).unwrap()
    assert [year.year for year in projection.years] == [2026, 2027]
    roster = tmp_path / "r.csv"
    roster.write_text("nik,name,group\n", encoding="utf-8")
    costed = roster_estimate(roster, BROKEN)
    assert costed.result is None and costed.errors  # the scenario's errors, said first


def test_a_program_calling_the_app_reads_the_parameter_not_a_marker(tmp_path: Path) -> None:
    """Below the CLI an option is named by its input; `unwrap` names it as the parameter the
    caller passed (`rates_dir`), where the command line writes --rates."""
    missing = tmp_path / "no-such-rates"
    with pytest.raises(UsageError) as refused:
        api.estimate(bundled.city_file("metro"), rates_dir=missing).unwrap()
    assert refused.value.hint == "pass `rates_dir` DIR"
    assert "\x00" not in refused.value.message + refused.value.hint
    assert "--rates" in run("estimate", "--city", "metro", "--rates", str(missing)).output
