"""What the budget buys: coverage against the eligible population (Universal Coverage
Jamsostek) and the expected JKM death benefits against the premiums."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from jamsostek_budget.budget import Budget
from jamsostek_budget.planning.benefits import Benefits
from jamsostek_budget.render.labels import number, rupiah
from jamsostek_budget.render.sections import Section


def share(ratio: Decimal | None) -> str:
    """0.8512 -> '85,1 %' (display only)."""
    if ratio is None:
        return "-"
    return f"{(ratio * 100).quantize(Decimal('0.1'), ROUND_HALF_UP)} %".replace(".", ",")


def claims(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.1"), ROUND_HALF_UP)).replace(".", ",")


def coverage_summary(budget: Budget) -> str | None:
    if budget.eligible is None:
        return None
    return (
        f"Coverage: {share(budget.coverage)} of {number(budget.eligible)} eligible people "
        "(groups that state who could be covered)"
    )


def coverage_section(budget: Budget) -> Section | None:
    if budget.eligible is None:
        return None
    rows = tuple(
        (
            line.group.label,
            number(line.group.headcount),
            number(line.group.eligible) if line.group.eligible is not None else "-",
            share(line.coverage),
        )
        for line in budget.lines
    )
    covered = sum(line.group.headcount for line in budget.lines if line.group.eligible)
    footer = (
        "Total (groups with eligible)",
        number(covered),
        number(budget.eligible),
        share(budget.coverage),
    )
    return Section(
        "Coverage (Universal Coverage Jamsostek)",
        ("Group", "Covered", "Eligible", "Coverage"),
        rows,
        footer,
        frozenset({1, 2, 3}),
    )


def benefits_section(benefits: Benefits) -> Section:
    rows = tuple(
        (
            b.line.group.label,
            number(b.line.group.headcount),
            str(b.death_rate_per_1000) if b.death_rate_per_1000 is not None else "-",
            claims(b.expected_claims),
            rupiah(b.expected_value),
            rupiah(b.premiums),
        )
        for b in benefits.lines
    )
    footer = (
        "Total",
        "",
        "",
        claims(benefits.expected_claims),
        rupiah(benefits.expected_value),
        rupiah(benefits.premiums),
    )
    title = (
        f"Expected JKM death benefits ({rupiah(benefits.death_benefit)} a claim) against "
        "the premiums"
    )
    headers = (
        "Group",
        "People",
        "Deaths a year\nper 1.000",
        "Expected\nclaims",
        "Expected\nbenefits",
        "APBD\npremiums",
    )
    return Section(title, headers, rows, footer, frozenset({1, 2, 3, 4, 5}))


def benefits_summary(benefits: Benefits) -> str:
    return (
        f"Expected JKM death benefits: {claims(benefits.expected_claims)} claims, "
        f"{rupiah(benefits.expected_value)}, against {rupiah(benefits.premiums)} of premiums"
    )
