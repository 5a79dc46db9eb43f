"""The RKA lines as CSV: a header row, then the document's rows. Amounts and prices are plain
numbers (no separators) so a spreadsheet reads them as numbers; the coefficient is text as SIPD
writes it ("15.000 Orang x 12 Bulan")."""

from __future__ import annotations

import csv
import io

from jamsostek_budget.engine.budget import Budget
from jamsostek_budget.render.rka.document import rka_document


def rka_csv(budget: Budget) -> str:
    document = rka_document(budget)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(document.headers)
    for row in document.rows:
        writer.writerow(["" if cell is None else cell for cell in row.cells])
    return out.getvalue()
