"""Checks that tie a scenario to the rate table: every covered month must have its rates in force
(an error), and a rate that changes yearly should not have run out (a warning)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from jamsostek_budget.engine.rules import parameter_names
from jamsostek_budget.engine.wagecheck import wage_problems
from jamsostek_budget.errors import Problem, option
from jamsostek_budget.i18n import N_, _, grouped, in_language
from jamsostek_budget.model.rates import DatedValue
from jamsostek_budget.model.ratetable import RateTable
from jamsostek_budget.model.scenario import Group, Scenario
from jamsostek_budget.model.sourcemap import SourceMap

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
    starts last (of those starting that day, the first by name: the same in every run)."""
    starts = {name: table.first_effective(name) for name in sorted(names_needed(group))}
    if group.segment == "bpu":
        starts["bpu.income_bands"] = table.bands.versions[0].effective
    name, day = max(starts.items(), key=lambda item: item[1])
    if day.day != 1:
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return day, name


def check_scenario(
    scenario: Scenario, source: SourceMap, table: RateTable, *, year_asked: bool = False
) -> list[Problem]:
    """Every problem of the scenario against the rate table. `year_asked`: the fiscal year is
    the one the command was asked for, not the scenario's own, so a year without rates is a
    problem of that input (errors.option("year")), not of the file's fiscal_year."""
    problems = list(source.notes)
    problems += [
        p for i, g in enumerate(scenario.groups) if (p := _enrolled_late(scenario, i, g, source))
    ]
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
            _("use {option} {year} (start_month {month}) or later")
            if year_asked
            else _("use fiscal year {year} (start_month {month}) or later")
        ).format(year=start.year, month=start.month, option=option("year"))
        problem = source.problem(where, message, hint)
        problems.append(replace(problem, field=option("year")) if year_asked else problem)
    problems += wage_problems(scenario, source, table)
    return problems + stale_rate_warnings(scenario, source, table)


def _enrolled_late(
    scenario: Scenario, index: int, group: Group, source: SourceMap
) -> Problem | None:
    """A group covered before its participants were registered (`enrolled:`) is a mistake in
    one of the two: premiums are paid from the first month of membership."""
    first = date(scenario.fiscal_year, group.start_month, 1)
    if group.enrolled is None or group.enrolled <= f"{first:%Y-%m}":
        return None
    message = _(
        "groups[{index}] ({group}) is covered from {month} {year}, before its participants "
        "were registered (enrolled: {enrolled})"
    ).format(
        index=index,
        group=group.id,
        month=month_name(first.month),
        year=first.year,
        enrolled=group.enrolled,
    )
    hint = _(
        "premiums start with membership: write enrolled: {first} or earlier, or a later start_month"
    ).format(first=f"{first:%Y-%m}")
    return source.problem(("groups", index, "enrolled"), message, hint)


def month_name(month: int) -> str:
    """Month 1-12 by its full name in the current language."""
    return _(MONTH_NAMES[month - 1])


def stale_rate_warnings(scenario: Scenario, source: SourceMap, table: RateTable) -> list[Problem]:
    """Warn when the fiscal year is past the last announced value of a rate that changes every
    year: the estimate then uses a projected value (the JP wage cap, see jpcap) or a stale one."""
    names = {name for group in scenario.groups for name in names_needed(group)}
    warnings = []
    for name in sorted(names):
        parameter = table.parameters[name]
        announced = [v for v in parameter.values if not v.projected] or parameter.values
        last = announced[-1]
        if not parameter.changes_yearly or last.effective.year >= scenario.fiscal_year:
            continue
        projected = [v for v in parameter.values if v.projected and v.effective > last.effective]
        label = in_language(parameter.label, parameter.label_id)
        message, hint = (
            _projected_message(scenario.fiscal_year, label, last, projected[-1])
            if projected
            else _stale_message(scenario.fiscal_year, label, last)
        )
        problem = source.problem(("fiscal_year",), message, hint)
        warnings.append(replace(problem, severity="warning"))
    return warnings


def _stale_message(year: int, label: str, last: DatedValue) -> tuple[str, str]:
    message = _(
        "fiscal year {year} is past the latest {label} ({value} from {date}); "
        "the estimate uses that stale value"
    ).format(year=year, label=label, value=grouped(last.value), date=last.effective)
    return message, _("add the new value to rates/ once it is announced")


def _projected_message(
    year: int, label: str, last: DatedValue, projected: DatedValue
) -> tuple[str, str]:
    message = _(
        "fiscal year {year} is past the latest announced {label} ({value} from {date}); the "
        "estimate uses the value projected by PP 45/2015 Pasal 29 ayat (3), {projected} from "
        "{projected_date}, assuming GDP growth of {growth} % a year"
    ).format(
        year=year,
        label=label,
        value=grouped(last.value),
        date=last.effective,
        projected=grouped(projected.value),
        projected_date=projected.effective,
        growth=grouped(projected.assumed_growth_percent),
    )
    hint = _(
        "set the growth with {option} or the scenario's projection.gdp_growth_percent; "
        "add the announced value to rates/ once it is published"
    ).format(option=option("jp_cap_growth"))
    return message, hint
