"""What the budget buys: coverage against the eligible population (Universal Coverage
Jamsostek) and the expected JKM death benefits against the premiums."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from jamsostek_budget.engine.budget import Budget
from jamsostek_budget.i18n import _
from jamsostek_budget.render.shared.labels import decimal_text, number, percent, rupiah
from jamsostek_budget.render.shared.sections import Cell, Money, Section

if TYPE_CHECKING:  # annotations only: the estimate's report needs none of planning
    from jamsostek_budget.planning.benefits import Benefits


def share(ratio: Decimal | None) -> str:
    """0.8512 -> '85,1 %' in Indonesian, '85.1%' in English (display only)."""
    if ratio is None:
        return "-"
    return percent((ratio * 100).quantize(Decimal("0.1"), ROUND_HALF_UP), decimals=1)


def claims(value: Decimal) -> str:
    return decimal_text(value.quantize(Decimal("0.1"), ROUND_HALF_UP), decimals=1)


def coverage_summary(budget: Budget) -> str | None:
    if budget.eligible is None:
        return None
    return _(
        "Coverage: {share} of {eligible} eligible people (groups that state who could be covered)"
    ).format(share=share(budget.coverage), eligible=number(budget.eligible))


def coverage_section(budget: Budget) -> Section | None:
    if budget.eligible is None:
        return None
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        (
            line.group.label,
            line.group.headcount,
            line.group.eligible if line.group.eligible is not None else "-",
            share(line.coverage),
        )
        for line in budget.lines
    )
    footer: tuple[Cell, ...] = (
        _("Total (groups with eligible)"),
        budget.covered_eligible,
        budget.eligible,
        share(budget.coverage),
    )
    return Section(
        _("Coverage (Universal Coverage Jamsostek)"),
        (_("Group"), _("Covered"), _("Eligible"), _("Coverage")),
        rows,
        footer,
        frozenset({1, 2, 3}),
    )


def benefits_section(benefits: Benefits) -> Section:
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        (
            b.line.group.label,
            b.line.group.headcount,
            decimal_text(b.death_rate_per_1000) if b.death_rate_per_1000 is not None else "-",
            claims(b.expected_claims),
            Money(b.expected_value),
            Money(b.premiums),
        )
        for b in benefits.lines
    )
    footer: tuple[Cell, ...] = (
        _("Total"),
        "",
        "",
        claims(benefits.expected_claims),
        Money(benefits.expected_value),
        Money(benefits.premiums),
    )
    title = _("Expected JKM death benefits ({amount} a claim) against the premiums").format(
        amount=rupiah(benefits.death_benefit)
    )
    headers = (
        _("Group"),
        _("People"),
        _("Deaths a year\nper 1,000"),
        _("Expected\nclaims"),
        _("Expected\nbenefits"),
        _("APBD\npremiums"),
    )
    return Section(title, headers, rows, footer, frozenset({1, 2, 3, 4, 5}))


def benefits_summary(benefits: Benefits) -> str:
    return _(
        "Expected JKM death benefits: {claims} claims, {value}, against {premiums} of premiums"
    ).format(
        claims=claims(benefits.expected_claims),
        value=rupiah(benefits.expected_value),
        premiums=rupiah(benefits.premiums),
    )
