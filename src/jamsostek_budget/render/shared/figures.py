"""What a figure of a report is, said without a format: the APBD a year of a group, the people of
a budget, the difference between two scenarios. The terminal and Markdown ignore it; the workbook
turns it into a formula over its lines and rates sheets, so the summary follows an edited input.

A Live figure is a sum of terms, each a whole coefficient times a Measure of one budget (or a
constant), optionally divided by another Live (a share, a percentage change).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from jamsostek_budget.engine.budget import RateUse

What = Literal[
    "annual",  # APBD a year
    "worker_annual",  # worker share a year
    "people",
    "month",  # APBD in calendar month `month`
    "worker_month",
    "per_person_month",  # APBD of one person a month (a group whose rate never changes)
    "per_person_year",  # APBD of one person over the group's months
    "rate",  # the value of a rate, from the rates sheet
]


@dataclass(frozen=True)
class Measure:
    """One figure of a lines sheet: of budget `budget` (None: summed over every budget), of a
    group (by id) or of all, of a program or of all, in a month or over the year."""

    what: What
    budget: int | None = 0
    group: str | None = None
    program: str | None = None
    month: int | None = None
    rate: RateUse | None = None


Term = tuple[int, Measure | None]  # coefficient x measure; None: the coefficient is a constant


@dataclass(frozen=True)
class Live:
    terms: tuple[Term, ...]
    over: Live | None = None  # the denominator of a ratio

    def __sub__(self, other: Live) -> Live:
        return Live((*self.terms, *((-c, m) for c, m in other.terms)))

    def __add__(self, other: Live) -> Live:
        return Live((*self.terms, *other.terms))

    def __truediv__(self, other: Live) -> Live:
        return Live(self.terms, other)


def live(
    what: What,
    budget: int | None = 0,
    *,
    group: str | None = None,
    program: str | None = None,
    month: int | None = None,
) -> Live:
    """The figure `what` of budget `budget`, narrowed to a group, a program or a month."""
    return Live(((1, Measure(what, budget, group, program, month)),))


def rate_figure(use: RateUse) -> Live:
    return Live(((1, Measure("rate", rate=use)),))


def constant(value: int) -> Live:
    return Live(((value, None),))


def sum_of(figures: Iterable[Live]) -> Live:
    """The sum of figures (of no figure: 0)."""
    terms = tuple(term for figure in figures for term in figure.terms)
    return Live(terms or ((0, None),))
