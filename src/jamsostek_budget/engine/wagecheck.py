"""Checks that tie a scenario's wages to the minimum wages of the rate table: a `monthly_wage:
umk` or `ump` must have a value in force in every covered month (an error), should not use an
earlier year's value (a warning), and a pu wage in Rupiah below the applicable minimum wage is
warned of (PPPK paruh waktu are paid at least the regional minimum wage, KepmenPANRB 16/2025)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from typing import Any

from jamsostek_budget.errors import Problem
from jamsostek_budget.i18n import _, grouped
from jamsostek_budget.model.minimum_wage import WageFloor
from jamsostek_budget.model.ratetable import MinimumWageMissingError, RateTable
from jamsostek_budget.model.scenario import Scenario
from jamsostek_budget.model.sourcemap import DataPath, SourceMap


def wage_problems(scenario: Scenario, source: SourceMap, table: RateTable) -> list[Problem]:
    problems: list[Problem] = []
    for where, part, months in _wage_parts(scenario):
        wage = part["monthly_wage"]
        region = part.get("wage_region") or scenario.region
        if wage in ("umk", "ump"):
            problems += _named_floor(
                scenario, source, table, where=where, kind=wage, region=region, months=months
            )
        elif isinstance(wage, int):
            problem = _below_floor(
                scenario, source, table, where=where, part=part, region=region, month=months[0]
            )
            problems += [problem] if problem else []
    return problems


def _wage_parts(scenario: Scenario) -> Iterator[tuple[DataPath, dict[str, Any], list[int]]]:
    """Each pu group and each pu group it becomes, with its place and covered months."""
    for index, group in enumerate(scenario.groups):
        change = group.becomes
        last = change.from_month - 1 if change else group.end_month
        fields = dict(group)
        if group.segment == "pu" and group.monthly_wage is not None:
            yield ("groups", index), fields, list(range(group.start_month, last + 1))
        if change is not None:
            after = {**fields, **{k: getattr(change, k) for k in change.model_fields_set}}
            if after.get("segment") == "pu" and after.get("monthly_wage") is not None:
                months = list(range(change.from_month, group.end_month + 1))
                yield ("groups", index, "becomes"), after, months


def _floor(table: RateTable, year: int, month: int, region: str, kind: str) -> WageFloor:
    return table.at(date(year, month, 1)).wage_floor(region, "umk" if kind == "umk" else "ump")


def _named_floor(
    scenario: Scenario,
    source: SourceMap,
    table: RateTable,
    *,
    where: DataPath,
    kind: str,
    region: str | None,
    months: list[int],
) -> list[Problem]:
    if region is None:
        return []  # the scenario's own rules report it
    place = (*where, "monthly_wage")
    try:
        floors = [_floor(table, scenario.fiscal_year, m, region, kind) for m in months]
    except MinimumWageMissingError as exc:
        return [source.problem(place, exc.message, exc.hint)]
    problems = []
    stale = next((floor for floor in floors if floor.stale), None)
    if stale is not None:
        problem = source.problem(
            place,
            _(
                "the rate table has no {kind} of {name} for {year}; the estimate uses the value "
                "in force from {date}, {value}"
            ).format(
                year=scenario.fiscal_year,
                kind=stale.entry.kind.upper(),
                name=stale.entry.name,
                value=grouped(stale.value.value),
                date=stale.value.effective,
            ),
            _("add the {year} value, with its decree, to rates/minimum-wages.yaml").format(
                year=scenario.fiscal_year
            ),
        )
        problems.append(replace(problem, severity="warning"))
    if kind == "umk" and any(floor.entry.kind == "ump" for floor in floors):
        fallback = next(floor for floor in floors if floor.entry.kind == "ump")
        problem = source.problem(
            place,
            _("region {region} set no UMK for {year}: the UMP of {name} ({value}) applies").format(
                region=region,
                year=scenario.fiscal_year,
                name=fallback.entry.name,
                value=grouped(fallback.value.value),
            ),
            _("write monthly_wage: ump to say so, or add the UMK if one was set"),
        )
        problems.append(replace(problem, severity="warning"))
    return problems


def _below_floor(
    scenario: Scenario,
    source: SourceMap,
    table: RateTable,
    *,
    where: DataPath,
    part: dict[str, Any],
    region: str | None,
    month: int,
) -> Problem | None:
    """A wage in Rupiah under the region's UMK (or its province's UMP), in the first month."""
    region = region or _province_by_name(table, scenario.province)
    if region is None:
        return None
    kind = "umk" if "." in region and region in table.minimum_wages else "ump"
    try:
        floor = _floor(table, scenario.fiscal_year, month, region, kind)
    except MinimumWageMissingError:
        return None
    assert floor.value.value is not None
    if part["monthly_wage"] >= floor.value.value:
        return None
    shown = {
        "wage": grouped(part["monthly_wage"]),
        "kind": floor.entry.kind.upper(),
        "name": floor.entry.name,
        "year": scenario.fiscal_year,
        "floor": grouped(floor.value.value),
    }
    message = (
        _(
            "PPPK paruh waktu are paid at least the regional minimum wage (KepmenPANRB 16/2025), "
            "and the wage {wage} is below the {kind} of {name} for {year}, {floor}"
        )
        if part.get("staff_type") == "pppk-paruh-waktu"
        else _("the wage {wage} is below the {kind} of {name} for {year}, {floor}")
    ).format(**shown)
    hint = _("write monthly_wage: {kind}, or check the wage").format(kind=floor.entry.kind)
    problem = source.problem((*where, "monthly_wage"), message, hint)
    return replace(problem, severity="warning")


def _province_by_name(table: RateTable, province: str) -> str | None:
    wanted = province.casefold().removeprefix("provinsi ").strip()
    for region, entry in table.minimum_wages.items():
        if entry.kind == "ump" and entry.name.casefold() == wanted:
            return region
    return None
