"""Checks that tie a scenario to the rate table: every covered month must have its rates in force
(an error), and a rate that changes yearly should not have run out (a warning)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from jamsostek_budget.engine import parameter_names
from jamsostek_budget.errors import Problem
from jamsostek_budget.i18n import N_, _, grouped
from jamsostek_budget.ratetable import RateTable
from jamsostek_budget.scenario import Group, Scenario
from jamsostek_budget.sourcemap import SourceMap

# Marked for the catalogue; translated where a message names the month.
MONTH_NAMES = (
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
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
    problems = list(source.notes)
    for index, group in enumerate(scenario.groups):
        start, latest = first_covered_day(table, group)
        if date(scenario.fiscal_year, group.start_month, 1) >= start:
            continue
        where = (
            ("fiscal_year",)
            if scenario.fiscal_year < start.year
            else ("groups", index, "start_month")
        )
        message = _(
            "groups[{index}] ({group}) has no rates in force for {month} {year}: the rate "
            "tables cover contribution months from {first_month} {first_year} "
            "({rate} starts then)"
        ).format(
            index=index,
            group=group.id,
            month=month_name(group.start_month),
            year=scenario.fiscal_year,
            first_month=month_name(start.month),
            first_year=start.year,
            rate=latest,
        )
        hint = (
            _("use --year {year} (start_month {month}) or later")
            if year_from_flag
            else _("use fiscal year {year} (start_month {month}) or later")
        ).format(year=start.year, month=start.month)
        problem = source.problem(where, message, hint)
        problems.append(replace(problem, field="--year") if year_from_flag else problem)
    return problems + stale_rate_warnings(scenario, source, table)


def month_name(month: int) -> str:
    """Month 1-12 by its full name in the current language."""
    return _(MONTH_NAMES[month - 1])


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
                _(
                    "fiscal year {year} is past the latest {label} ({value} from {date}); "
                    "the estimate uses that stale value"
                ).format(
                    year=scenario.fiscal_year,
                    label=parameter.label,
                    value=grouped(last.value),
                    date=last.effective,
                ),
                _("add the new value to rates/ once it is announced"),
            )
            warnings.append(replace(problem, severity="warning"))
    return warnings
