"""Checks that tie a scenario to the rate table: every covered month must have its rates in force
(an error), and a rate that changes yearly should not have run out (a warning)."""

from __future__ import annotations

from datetime import date

from jamsostek_budget.engine import parameter_names
from jamsostek_budget.errors import Problem
from jamsostek_budget.ratetable import RateTable
from jamsostek_budget.scenario import Group, Scenario
from jamsostek_budget.sourcemap import SourceMap

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def names_needed(group: Group) -> set[str]:
    return {name for program in group.programs for name in parameter_names(group, program)}


def first_covered_day(table: RateTable, group: Group) -> tuple[date, str]:
    """The first 1st-of-month on which every rate the group needs is in force, and which rate
    starts last."""
    starts = {name: table.first_effective(name) for name in names_needed(group)}
    if group.segment == "bpu":
        starts["bpu.income_bands"] = table.bands.versions[0].effective
    name, day = max(starts.items(), key=lambda item: item[1])
    if day.day != 1:
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return day, name


def check_scenario(
    scenario: Scenario, source: SourceMap, table: RateTable, *, year_from_flag: bool = False
) -> list[Problem]:
    problems = []
    for index, group in enumerate(scenario.groups):
        start, latest = first_covered_day(table, group)
        if date(scenario.fiscal_year, group.start_month, 1) >= start:
            continue
        month = f"{MONTH_NAMES[start.month - 1]} {start.year}"
        where = (
            ("fiscal_year",)
            if scenario.fiscal_year < start.year
            else ("groups", index, "start_month")
        )
        problem = source.problem(
            where,
            f"groups[{index}] ({group.id}) has no rates in force "
            f"for {MONTH_NAMES[group.start_month - 1]} "
            f"{scenario.fiscal_year}: the rate tables cover contribution "
            f"months from {month} ({latest} starts then)",
            f"use fiscal year {start.year} (start_month {start.month}) or later",
        )
        problems.append(_from_flag(problem) if year_from_flag else problem)
    return problems + stale_rate_warnings(scenario, source, table)


def stale_rate_warnings(scenario: Scenario, source: SourceMap, table: RateTable) -> list[Problem]:
    """Warn when the fiscal year is past the last value of a rate that changes every year."""
    names = {name for group in scenario.groups for name in names_needed(group)}
    warnings = []
    for name in sorted(names):
        parameter = table.parameters[name]
        last = parameter.values[-1]
        if parameter.changes_yearly and last.effective.year < scenario.fiscal_year:
            problem = source.problem(
                ("fiscal_year",),
                f"fiscal year {scenario.fiscal_year} is "
                f"past the latest {parameter.label} ({last.value:,} from "
                f"{last.effective}); the estimate uses that stale value",
                "add the new value to rates/ once it is announced",
            )
            warnings.append(
                Problem(
                    problem.file,
                    problem.line,
                    problem.column,
                    problem.field,
                    problem.message,
                    problem.hint,
                    "warning",
                )
            )
    return warnings


def _from_flag(problem: Problem) -> Problem:
    return Problem(
        problem.file,
        problem.line,
        problem.column,
        "--year",
        problem.message,
        problem.hint.replace("fiscal year", "--year"),
    )
