"""The rates sheet of the workbook: every rate the budgets used, with its regulation, the date it
took effect and a link to its source, then the regulations cited.

A percentage is stored as the fraction it is (0.24 % as 0.0024) with a percent format, an amount
as whole Rupiah; dates are real date cells, so an analyst can sort and filter them.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.worksheet.worksheet import Worksheet

from jamsostek_budget.engine.budget import RateUse
from jamsostek_budget.engine.provenance import Provenance
from jamsostek_budget.i18n import _, in_language
from jamsostek_budget.model.regulation import Regulation
from jamsostek_budget.render.shared.labels import confidence_label, percent
from jamsostek_budget.render.shared.rate_labels import rate_label
from jamsostek_budget.render.xlsx.sheet import (
    BOLD,
    PERCENT_FORMAT,
    RUPIAH_FORMAT,
    SheetWriter,
    column_letter,
)

HEADER_ROW = 3
RATE_COLUMNS = 9


def write_rates_sheet(sheet: Worksheet, provenance: Provenance) -> list[tuple[RateUse, int]]:
    """Writes the sheet; returns the row of each rate's value (column B), for the summary."""
    writer = SheetWriter(sheet)
    writer.title(1, _("Rates used and the regulations they come from"))
    writer.headers(
        HEADER_ROW,
        (
            _("Rate"),
            _("Value"),
            _("In force\nfrom"),
            _("Regulation"),
            _("Title"),
            _("Source"),
            _("Confidence"),
            _("Last\nchecked"),
            _("Projected"),
        ),
    )
    placed = list(zip(provenance.rates_used, range(HEADER_ROW + 1, 2**20), strict=False))
    for use, row in placed:
        _rate_row(writer, row, use)
    last_rate_row = HEADER_ROW + len(placed)
    _regulation_table(writer, provenance.regulations, last_rate_row + 2)
    table = f"A{HEADER_ROW}:{column_letter(RATE_COLUMNS)}{last_rate_row}"
    writer.finish(freeze=f"A{HEADER_ROW + 1}", table=table)
    return placed


def _rate_row(writer: SheetWriter, row: int, use: RateUse) -> None:
    writer.text(row, 1, rate_label(use))
    if use.unit == "rupiah":
        writer.number(row, 2, int(use.value), RUPIAH_FORMAT)
    else:
        writer.number(row, 2, use.value / 100, PERCENT_FORMAT)
    writer.date_cell(row, 3, use.effective)
    writer.text(row, 4, f"{use.regulation.id} {use.article}".strip())
    writer.text(row, 5, use.regulation.title)
    writer.link(row, 6, use.regulation.url)
    writer.text(row, 7, confidence_label(use.confidence))
    writer.date_cell(row, 8, use.last_checked)
    writer.text(row, 9, projected_label(use))


def projected_label(use: RateUse) -> str:
    """'projected, GDP growth 5% a year' for a projected value, '' for an announced one."""
    if not use.projected:
        return ""
    if use.assumed_growth_percent is None:
        return _("projected")
    return _("projected, GDP growth {growth} a year").format(
        growth=percent(use.assumed_growth_percent)
    )


def _regulation_table(writer: SheetWriter, cited: Sequence[Regulation], row: int) -> None:
    """The regulations below the rates, in the rate table's columns where the kinds match (dates
    under dates, the id under the regulation, the link under the source), so widths fit both."""
    writer.text(row, 1, _("Regulations"), measure=False).font = BOLD
    writer.headers(
        row + 1,
        (_("Title"), _("Signed"), _("In force\nfrom"), _("Regulation"), _("Note"), _("Source")),
    )
    for offset, regulation in enumerate(cited, row + 2):
        writer.text(offset, 1, regulation.title)
        if regulation.signed:
            writer.date_cell(offset, 2, regulation.signed)
        if regulation.effective:
            writer.date_cell(offset, 3, regulation.effective)
        writer.text(offset, 4, regulation.id)
        writer.text(offset, 5, in_language(regulation.note, regulation.note_id))
        writer.link(offset, 6, regulation.url)
