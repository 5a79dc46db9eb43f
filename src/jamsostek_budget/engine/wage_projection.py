"""Minimum wages not decreed yet, for `jbudget project`: a year after the rate table's last UMP
or UMK of a region gets that value x (1 + the projection's wage growth) a year, from 1 January,
rounded half up to the Rupiah, marked `projected` with the growth it assumes. Like the projected
JP wage cap (jpcap), the engine then only sees dated values; the report marks them projected.

Only the regions a scenario's `monthly_wage: umk | ump` groups use are extended: their UMK, and
their province's UMP (which a year without a UMK falls back to)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from jamsostek_budget.model.minimum_wage import MinimumWage, province_of
from jamsostek_budget.model.ratetable import RateTable
from jamsostek_budget.model.scenario import Scenario
from jamsostek_budget.money import round_rupiah


def regions_used(scenario: Scenario) -> set[str]:
    """The regions whose minimum wages the scenario's groups are paid at, with their provinces."""
    used = set()
    for group in scenario.groups:
        for wage, region in _wages(group, scenario.region):
            if wage in ("umk", "ump") and region is not None:
                used |= {region, province_of(region)}
    return used


def _wages(group: object, default: str | None) -> list[tuple[object, str | None]]:
    found = [(getattr(group, "monthly_wage", None), getattr(group, "wage_region", None))]
    change = getattr(group, "becomes", None)
    if change is not None:
        found.append((change.monthly_wage, change.wage_region or found[0][1]))
    return [(wage, region or default) for wage, region in found]


def with_projected_wages(
    table: RateTable, scenario: Scenario, until: int, growth: Decimal
) -> RateTable:
    """The rate table with a value for every year up to `until` of the minimum wages the
    scenario uses, each after the table's last projected from the one before."""
    wages = dict(table.minimum_wages)
    changed = False
    for region in sorted(regions_used(scenario)):
        entry = wages.get(region)
        if entry is None or entry.values[-1].effective.year >= until:
            continue
        wages[region] = _extended(entry, until, growth)
        changed = True
    if not changed:
        return table
    return replace(table, minimum_wages=wages)


def _extended(entry: MinimumWage, until: int, growth: Decimal) -> MinimumWage:
    values = list(entry.values)
    last = values[-1]
    while values[-1].effective.year < until:
        before = values[-1]
        year = before.effective.year + 1
        value = None
        if before.value is not None:
            value = Decimal(round_rupiah(before.value * (1 + growth / 100)))
        values.append(
            before.model_copy(
                update={
                    "effective": date(year, 1, 1),
                    "value": value,
                    "projected": True,
                    "assumed_growth_percent": growth,
                    "signed": None,
                    "note": f"projected from {last.effective.year}'s value",
                }
            )
        )
    return entry.model_copy(update={"values": values})
