"""What `jbudget reconcile` found, for the renderers: the lists as read, what became of every
row, and the Pemda's roster costed (the budget the workbook's lines and rates sheets show)."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from jamsostek_budget.engine.budget import Budget
from jamsostek_budget.model.scenario import Scenario
from jamsostek_budget.roster.bpjs_list import ListRows
from jamsostek_budget.roster.checks import RosterRows
from jamsostek_budget.roster.reconcile import Reconciliation


@dataclass(frozen=True)
class Reconciled:
    """The lists as read, what became of every row, the roster's budget."""

    scenario: Scenario
    roster: RosterRows
    bpjs: ListRows
    others: tuple[ListRows, ...]
    reconciliation: Reconciliation
    budget: Budget
    roster_file: str

    @property
    def bpjs_rejected(self) -> pl.DataFrame:
        """BPJS's rows not used: rejected by the reader, or that could not be priced."""
        unpriced = self.reconciliation.unpriced
        rejected = self.bpjs.rejected
        if "sheet" not in rejected.columns:
            rejected = rejected.with_columns(pl.lit(None, dtype=pl.String).alias("sheet"))
        frames = [rejected.select("sheet", "line", "reasons"), unpriced]
        frame = pl.concat(frames)
        if frame.get_column("sheet").is_null().all():
            frame = frame.drop("sheet")
        return frame.sort("line")

    @property
    def roster_rejected(self) -> pl.DataFrame:
        """The roster's rows not used, but for the repeats of a NIK (they are duplicates)."""
        lines = self.roster.duplicates.get_column("line").implode()
        return self.roster.rejected.filter(~pl.col("line").is_in(lines))
