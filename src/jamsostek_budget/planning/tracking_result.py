"""What `jbudget track` hands its renderers: the plan (an engine Budget), the Tracking computed
from it, and what became of the rows of each bills and payments file (read elsewhere: rows read =
used + rejected + blank), the rows the computation rejected counted with the file's own."""

from __future__ import annotations

from dataclasses import dataclass

from jamsostek_budget.engine.budget import Budget
from jamsostek_budget.model.ledger import Rejected
from jamsostek_budget.planning.tracking import Tracking


@dataclass(frozen=True)
class FileCount:
    """The rows of one bills or payments file: read = used + rejected + blank."""

    file: str
    rows_read: int
    used: int
    rejected: tuple[Rejected, ...]
    blank: int


@dataclass(frozen=True)
class TrackResult:
    budget: Budget
    tracking: Tracking
    files: tuple[FileCount, ...]  # the bills file, then the payments file when one was given

    @property
    def rejected(self) -> tuple[Rejected, ...]:
        return tuple(row for counted in self.files for row in counted.rejected)
