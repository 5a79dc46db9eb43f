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
        rejected, repeats = self.roster.rejected, self.roster.duplicates
        if repeats.is_empty():
            return rejected
        where = [name for name in ("sheet", "line") if name in repeats.columns]
        return rejected.join(repeats.select(where), on=where, how="anti", maintain_order="left")

    def details(self) -> pl.DataFrame:
        """Every row read of both lists but the blank ones: each entry (`Reconciliation.details`)
        and each rejected row, category `rejected`, with its line and reasons."""
        return pl.concat(
            [
                self.reconciliation.details(),
                _rejected_rows(self.roster_rejected, "roster"),
                _rejected_rows(self.bpjs_rejected, "bpjs"),
            ],
            how="diagonal_relaxed",
        )


def _rejected_rows(frame: pl.DataFrame, side: str) -> pl.DataFrame:
    sheet = pl.col("sheet") if "sheet" in frame.columns else pl.lit(None, dtype=pl.String)
    return frame.select(
        pl.lit("rejected").alias("category"),
        pl.col("line").alias(f"{side}_line"),
        sheet.alias(f"{side}_sheet"),
        pl.col("reasons").cast(pl.String),
    )
