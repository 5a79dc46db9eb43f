"""A scenario made ready for costing people one by one (a roster, a reconciliation).

A roster names each person's group, so a group must be one costing line for the whole year: a
group that `becomes` another type mid-year, or whose people are split between funding sources,
cannot say which rows are which and is refused, naming what to write instead. A `monthly_wage:
umk | ump` is the person's default wage: the minimum wage in force, which a rate table changes
from 1 January, so it is one amount for the fiscal year (a decree changing it mid-year is
refused for a roster). Otherwise the scenario is costed as the engine costs it (apbd_paid from
the funding source, the PPPK paruh waktu job title's budget codes).
"""

from __future__ import annotations

from datetime import date

from jamsostek_budget.engine.premiums import with_account_codes
from jamsostek_budget.engine.rules import wage_floor
from jamsostek_budget.errors import UsageError
from jamsostek_budget.i18n import _
from jamsostek_budget.model.expand import expanded
from jamsostek_budget.model.ratetable import RateTable
from jamsostek_budget.model.scenario import Group, Scenario


def for_people(scenario: Scenario, table: RateTable) -> Scenario:
    for group in scenario.groups:
        _check_one_line(group)
    ready = with_account_codes(expanded(scenario), table)
    groups = [_wage_fixed(group, ready.fiscal_year, table) for group in ready.groups]
    if all(a is b for a, b in zip(groups, ready.groups, strict=True)):
        return ready
    return ready.model_copy(update={"groups": groups})


def _check_one_line(group: Group) -> None:
    if group.becomes is not None:
        raise UsageError(
            _(
                "group {group} changes type from month {month} (becomes:), and a roster names "
                "one group per person"
            ).format(group=group.id, month=group.becomes.from_month),
            _(
                "write two groups for the roster (end_month {last} and start_month {month}) "
                "and give each person the group of their months"
            ).format(last=group.becomes.from_month - 1, month=group.becomes.from_month),
        )
    if isinstance(group.funding, dict):
        raise UsageError(
            _(
                "group {group} splits its people between funding sources, and a roster names "
                "one group per person"
            ).format(group=group.id),
            _("write one group per funding source and give each person the group that pays"),
        )


def _wage_fixed(group: Group, year: int, table: RateTable) -> Group:
    """The group with its minimum wage as Rupiah for the year."""
    if group.monthly_wage not in ("umk", "ump"):
        return group
    amounts = {
        wage_floor(group, table.at(date(year, month, 1))).rupiah  # type: ignore[union-attr]
        for month in group.months
    }
    if len(amounts) > 1:
        raise UsageError(
            _("group {group}: its minimum wage changes within {year}").format(
                group=group.id, year=year
            ),
            _("write each person's wage in the roster's monthly_wage column"),
        )
    return group.model_copy(update={"monthly_wage": amounts.pop()})
