"""Where a report's figures come from: the rate tables read, the regulations cited by the rates
actually used, and how recently those rates were checked against their regulation."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from jamsostek_budget import __version__
from jamsostek_budget.engine.budget import Budget
from jamsostek_budget.model.regulation import Regulation


@dataclass(frozen=True)
class Provenance:
    rates_folder: str | None  # None: the tables bundled with jbudget
    rate_files: tuple[str, ...]
    regulations: tuple[Regulation, ...]
    oldest_check: date | None
    newest_check: date | None
    version: str = __version__


def provenance_for(
    budgets: Iterable[Budget], rates_folder: str | None, rate_files: Sequence[str]
) -> Provenance:
    budgets = list(budgets)
    uses = [use for budget in budgets for use in budget.rates_used]
    checks = [use.last_checked for use in uses]
    regulations: dict[str, Regulation] = {}
    for budget in budgets:
        for regulation in budget.regulations:
            regulations.setdefault(regulation.id, regulation)
    return Provenance(
        rates_folder=rates_folder,
        rate_files=tuple(rate_files),
        regulations=tuple(regulations.values()),
        oldest_check=min(checks, default=None),
        newest_check=max(checks, default=None),
    )
