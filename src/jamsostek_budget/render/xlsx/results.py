"""Each formula of the workbook saved with its result, as Excel saves them.

openpyxl writes a formula with an empty result (`<f>SUM(H4:H5)</f><v />`): Excel and LibreOffice
calculate it on opening, but a program that only reads the file (a previewer, pandas, openpyxl
itself with data_only) sees nothing. The writer knows what each formula computes (the budget's
own figure, which the recalculation tests hold it to), so the saved sheet carries it.
"""

from __future__ import annotations

import re
from decimal import Decimal
from xml.sax.saxutils import escape

from jamsostek_budget.render.xlsx.sheet import Number, Results

# A formula cell as openpyxl writes it: its reference, its other attributes, the formula.
FORMULA_CELL = re.compile(rb'<c r="([A-Z]+[0-9]+)"([^>]*)><f>([^<]*)</f><v\s*/></c>')


def sheet_results(results: Results, sheet: str) -> dict[str, Number | str]:
    """The results of one sheet's formulas, by cell."""
    return {cell: value for (title, cell), value in results.items() if title == sheet}


def with_results(xml: bytes, results: dict[str, Number | str]) -> bytes:
    """The sheet's XML with each formula's result; text results are marked as text."""

    def filled(match: re.Match[bytes]) -> bytes:
        cell, attributes, formula = match.groups()
        value = results.get(cell.decode())
        if value is None:
            return match.group(0)
        if isinstance(value, str):
            attributes += b' t="str"'
            shown = escape(value)
        else:
            shown = format(Decimal(value), "f")
        return b'<c r="%s"%s><f>%s</f><v>%s</v></c>' % (
            cell,
            attributes,
            formula,
            shown.encode(),
        )

    return FORMULA_CELL.sub(filled, xml)
