"""Amounts in words (`--words`), as budget documents write them under the figure:
Rp1.721.000.000 (satu miliar tujuh ratus dua puluh satu juta rupiah)."""

from __future__ import annotations

from collections.abc import Sequence

from jamsostek_budget.i18n import _
from jamsostek_budget.render.shared.labels import in_words, rupiah
from jamsostek_budget.render.shared.sections import AsProduced, Report


def with_words(report: Report, totals: Sequence[tuple[str, int]]) -> Report:
    """The report with a summary line per total: its label, the figure and the figure in words
    (AsProduced: a workbook cannot compute words, and says so)."""
    lines = tuple(
        AsProduced(
            _("{label} in words: {amount} ({words})").format(
                label=label, amount=rupiah(amount), words=in_words(amount)
            )
        )
        for label, amount in totals
    )
    return Report(
        report.title, report.summary + lines, report.sections, report.notes, report.charts
    )
