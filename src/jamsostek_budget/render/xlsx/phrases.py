"""How the workbook writes a Numeric figure: its number format in a cell, and its text inside a
sentence that is a formula (`"APBD total: Rp"&FIXED('Lines'!H40,0)&" a year"`).

FIXED writes the number with the thousands separator of the spreadsheet's own locale, as the
cells' formats do, where TEXT would need a format code that changes with the locale.
"""

from __future__ import annotations

from decimal import Decimal

from jamsostek_budget.i18n import _
from jamsostek_budget.render.shared.labels import percent, rupiah
from jamsostek_budget.render.shared.sections import Numeric, Phrase
from jamsostek_budget.render.xlsx.formulas import Places, atom
from jamsostek_budget.render.xlsx.sheet import (
    COUNT_FORMAT,
    PERCENT_FORMAT,
    RUPIAH_FORMAT,
)

MAX_LITERAL = 255  # Excel's longest text constant in a formula


def numeric_format(cell: Numeric) -> str:
    """The cell's number format, with its mark ("*") after the number in every section."""
    places = "." + "0" * cell.decimals if cell.decimals else ""
    formats = {
        "rupiah": RUPIAH_FORMAT,
        "signed_rupiah": '+"Rp"#,##0;-"Rp"#,##0;"Rp"0',
        "count": COUNT_FORMAT,
        "percent": f"0{places}%",
        "signed_percent": f"+0{places}%;-0{places}%;0{places}%",
        "rate_percent": PERCENT_FORMAT,
        "decimal": f"#,##0{places}",
    }
    shown = formats[cell.style]
    if not cell.mark:
        return shown
    mark = '"' + cell.mark.replace('"', "") + '"'
    return ";".join(section + mark for section in shown.split(";"))


def phrase_formula(line: str, places: Places) -> str | None:
    """The sentence as a formula when it is a Phrase with a live figure, else None."""
    if not isinstance(line, Phrase):
        return None
    parts = [_part(part, places) for part in line.parts]
    if not any(live for _text, live in parts):
        return None
    if any(len(part) > MAX_LITERAL for part in line.parts):
        return None
    return "&".join(text for text, _live in parts)


def _part(part: str, places: Places) -> tuple[str, bool]:
    """The part as a formula, and whether it is a live figure."""
    formula = places.formula(part.live) if isinstance(part, Numeric) and part.live else None
    if not isinstance(part, Numeric) or formula is None:
        return quoted(part), False
    value = atom(formula)
    signed = f'IF({value}>0,"+","")&'
    prefix = quoted(rupiah(0)[:-1])  # "Rp" or "IDR ", as the report writes it
    sign = quoted(percent(Decimal(0))[1:])  # "%" or " %", as the report writes it
    percentage = f"FIXED({value}*100,{part.decimals})&{sign}"
    texts = {
        "rupiah": f"{prefix}&FIXED({value},0)",
        "signed_rupiah": f"{signed}{prefix}&FIXED({value},0)",
        "count": f"FIXED({value},0)",
        "percent": f"IFERROR({percentage},{quoted(_('n/a'))})",
        "signed_percent": f"IFERROR({signed}{percentage},{quoted(_('n/a'))})",
        "rate_percent": f"FIXED({value}*100,4)&{sign}",
        "decimal": f"FIXED({value},{part.decimals})",
    }
    return texts[part.style] + (f"&{quoted(part.mark)}" if part.mark else ""), True


def quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'
