"""The RKA lines as an Excel workbook: one sheet, an account row's amount the SUM of its detail
rows, a detail's amount people x months x price (written as computed: the coefficient is text),
the total the SUM of the account rows. Only `--format rka` to a .xlsx file imports it."""

from __future__ import annotations

from openpyxl import Workbook

from jamsostek_budget.engine.budget import Budget
from jamsostek_budget.render.rka.document import AMOUNT_COLUMN, RkaDocument, rka_document
from jamsostek_budget.render.xlsx.lines import sum_of_cells
from jamsostek_budget.render.xlsx.sheet import RUPIAH_FORMAT, Results, SheetWriter, column_letter
from jamsostek_budget.render.xlsx.workbook import save_workbook

HEADER_ROW = 3
PRICE_COLUMN = AMOUNT_COLUMN - 1  # 0-based


def rka_workbook(budget: Budget) -> bytes:
    document = rka_document(budget)
    workbook = Workbook()
    sheet = workbook.worksheets[0]
    sheet.title = "RKA"
    results: Results = {}
    _write(SheetWriter(sheet, results), document)
    workbook.properties.title = document.title
    return save_workbook(workbook, results)


def _write(writer: SheetWriter, document: RkaDocument) -> None:
    writer.title(1, document.title)
    writer.headers(HEADER_ROW, document.headers)
    amount = column_letter(AMOUNT_COLUMN + 1)
    row = HEADER_ROW
    account_rows: list[tuple[int, int]] = []  # (row, amount)
    details: list[int] = []
    for item in document.rows:
        row += 1
        for index, cell in enumerate(item.cells[:PRICE_COLUMN]):
            if cell is not None:
                writer.text(row, index + 1, str(cell))
        note = item.cells[AMOUNT_COLUMN + 1]
        if note is not None:
            writer.text(row, AMOUNT_COLUMN + 2, str(note))
        price, value = item.cells[PRICE_COLUMN], item.cells[AMOUNT_COLUMN]
        if isinstance(price, int):
            writer.number(row, PRICE_COLUMN + 1, price, RUPIAH_FORMAT)
        assert isinstance(value, int)  # every row has an amount
        if item.kind == "detail":
            writer.number(row, AMOUNT_COLUMN + 1, value, RUPIAH_FORMAT)
            details.append(row)
            continue
        _close(writer, account_rows, details, amount)
        if item.kind == "account":
            account_rows.append((row, value))
        else:
            total = sum_of_cells(amount, [place for place, _value in account_rows])
            writer.formula(row, AMOUNT_COLUMN + 1, total, RUPIAH_FORMAT, value)
            writer.bold_row(row, 1, len(document.headers))
    writer.finish(
        freeze=f"A{HEADER_ROW + 1}",
        table=f"A{HEADER_ROW}:{column_letter(len(document.headers))}{row - 1}",
    )


def _close(
    writer: SheetWriter, account_rows: list[tuple[int, int]], details: list[int], amount: str
) -> None:
    """Give the last account row its SUM of the detail rows under it."""
    if account_rows and details:
        place, value = account_rows[-1]
        span = f"SUM({amount}{details[0]}:{amount}{details[-1]})"
        writer.formula(place, AMOUNT_COLUMN + 1, span, RUPIAH_FORMAT, value)
        writer.bold_row(place, 1, AMOUNT_COLUMN + 2)
    details.clear()
