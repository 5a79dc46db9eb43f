"""What the budget buys: coverage against the eligible population (Universal Coverage
Jamsostek) and the expected JKM death benefits against the premiums."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from jamsostek_budget.engine.budget import Budget
from jamsostek_budget.i18n import _
from jamsostek_budget.render.shared.figures import Live, constant, live, sum_of
from jamsostek_budget.render.shared.labels import decimal_text, number, percent, rupiah
from jamsostek_budget.render.shared.sections import (
    Cell,
    Figure,
    Money,
    Numeric,
    Section,
    phrase,
    rupiah_figure,
)

if TYPE_CHECKING:  # annotations only: the estimate's report needs none of planning
    from jamsostek_budget.planning.benefits import Benefits


def share(ratio: Decimal | None, figure: Live | None = None) -> str:
    """0.8512 -> '85,1 %' in Indonesian, '85.1%' in English (display only); a workbook keeps
    the ratio, computed from the people on its lines sheet when `figure` says how."""
    if ratio is None:
        return "-"
    shown = percent((ratio * 100).quantize(Decimal("0.1"), ROUND_HALF_UP), decimals=1)
    return Numeric(shown, ratio, "percent", decimals=1, live=figure)


def claims(value: Decimal) -> str:
    shown = value.quantize(Decimal("0.1"), ROUND_HALF_UP)
    return Numeric(decimal_text(shown, decimals=1), shown, "decimal", decimals=1)


def _covered(budget: Budget) -> Live:
    """The people of the groups that state their eligible population."""
    return sum_of(
        live("people", group=line.group.id)
        for line in budget.lines
        if line.group.eligible is not None
    )


def coverage_summary(budget: Budget) -> str | None:
    if budget.eligible is None:
        return None
    return phrase(
        _(
            "Coverage: {share} of {eligible} eligible people (groups that state who could be "
            "covered)"
        ),
        share=share(budget.coverage, _covered(budget) / constant(budget.eligible)),
        eligible=number(budget.eligible),
    )


def coverage_section(budget: Budget) -> Section | None:
    if budget.eligible is None:
        return None
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        (
            line.group.label,
            Figure(line.group.headcount, live("people", group=line.group.id)),
            line.group.eligible if line.group.eligible is not None else "-",
            share(
                line.coverage,
                live("people", group=line.group.id) / constant(line.group.eligible or 0),
            ),
        )
        for line in budget.lines
    )
    footer: tuple[Cell, ...] = (
        _("Total (groups with eligible)"),
        Figure(budget.covered_eligible, _covered(budget)),
        budget.eligible,
        share(budget.coverage, _covered(budget) / constant(budget.eligible)),
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
            Figure(b.line.group.headcount, live("people", group=b.line.group.id)),
            _death_rate(b.death_rate_per_1000),
            claims(b.expected_claims),
            Money(b.expected_value),
            Money(b.premiums, live("annual", group=b.line.group.id)),
        )
        for b in benefits.lines
    )
    footer: tuple[Cell, ...] = (
        _("Total"),
        "",
        "",
        claims(benefits.expected_claims),
        Money(benefits.expected_value),
        Money(benefits.premiums, live("annual")),
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


def _death_rate(rate: Decimal | None) -> str:
    if rate is None:
        return "-"
    places = rate.normalize().as_tuple().exponent
    decimals = -places if isinstance(places, int) and places < 0 else 0
    return Numeric(decimal_text(rate), rate, "decimal", decimals=decimals)


def benefits_summary(benefits: Benefits) -> str:
    """The expected claims and their value (computed by planning, so numbers as produced) against
    the premiums (the lines sheet's total in a workbook)."""
    return phrase(
        _("Expected JKM death benefits: {claims} claims, {value}, against {premiums} of premiums"),
        claims=claims(benefits.expected_claims),
        value=rupiah(benefits.expected_value),
        premiums=rupiah_figure(benefits.premiums, live("annual")),
    )
