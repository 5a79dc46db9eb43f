"""Where a report's figures come from: the rate tables read, the regulations cited by the rates
actually used, and how recently those rates were checked against their regulation."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from jamsostek_budget import __version__
from jamsostek_budget.engine.budget import Budget, RateUse
from jamsostek_budget.model.regulation import Regulation


@dataclass(frozen=True)
class Provenance:
    rates_folder: str | None  # None: the tables bundled with jbudget
    rate_files: tuple[str, ...]
    regulations: tuple[Regulation, ...]
    rates_used: tuple[RateUse, ...]  # every dated rate value of every budget, once each
    oldest_check: date | None
    newest_check: date | None
    version: str = __version__


def provenance_for(
    budgets: Iterable[Budget], rates_folder: str | None, rate_files: Sequence[str]
) -> Provenance:
    budgets = list(budgets)
    used = rates_used(budgets)
    checks = [use.last_checked for use in used]
    return Provenance(
        rates_folder=rates_folder,
        rate_files=tuple(rate_files),
        regulations=regulations_cited(budgets),
        rates_used=used,
        oldest_check=min(checks, default=None),
        newest_check=max(checks, default=None),
    )


def rates_used(budgets: Iterable[Budget]) -> tuple[RateUse, ...]:
    """The rates of every budget, each dated value once, in the engine's order (name, date)."""
    found: dict[tuple[str, date], RateUse] = {}
    for budget in budgets:
        for use in budget.rates_used:
            found.setdefault((use.name, use.effective), use)
    return tuple(found[key] for key in sorted(found))


def regulations_cited(budgets: Iterable[Budget]) -> tuple[Regulation, ...]:
    """The regulations every budget cites, each once, in the order they are first cited."""
    found: dict[str, Regulation] = {}
    for budget in budgets:
        for regulation in budget.regulations:
            found.setdefault(regulation.id, regulation)
    return tuple(found.values())
