"""Words shared by every renderer: how programs, segments, months and money are written."""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_currency, format_decimal

from jamsostek_budget.budget import GroupLine
from jamsostek_budget.fields import Program
from jamsostek_budget.i18n import Language, _, current_language

BABEL_LOCALES: dict[Language, str] = {"id": "id_ID", "en": "en_US"}
# Whole Rupiah. English sets the code apart from the digits (CLDR's currency spacing, which
# babel does not apply), with a plain space so the figure can be searched as typed.
CURRENCY_PATTERNS: dict[Language, str] = {"id": "¤#,##0", "en": "¤ #,##0"}

PROGRAM_LABELS: dict[Program, str] = {
    "jkk": "JKK (work accident)",
    "jkm": "JKM (death)",
    "jht": "JHT (old-age savings)",
    "jp": "JP (pension)",
}
MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def rupiah(amount: int) -> str:
    """Rp1.721.000.000 in Indonesian (dots group thousands, as budget documents write them),
    IDR 1,721,000,000 in English: babel's CLDR data for the language, whole Rupiah."""
    return _babel_currency(amount)


def number(amount: int) -> str:
    return format_decimal(amount, locale=babel_locale())


def percent(value: Decimal) -> str:
    """0,54 % in Indonesian, 0.54% in English."""
    text = format_decimal(value.normalize(), format="#,##0.######", locale=babel_locale())
    return f"{text} %" if current_language() == "id" else f"{text}%"


def in_words(amount: int) -> str:
    """Satu miliar tujuh ratus dua puluh satu juta rupiah: the amount as budget documents spell
    it, by num2words in the current language."""
    from num2words import num2words  # noqa: PLC0415  # only --words pays for it

    words = num2words(abs(amount), lang=current_language())
    minus = _("minus") + " " if amount < 0 else ""
    return f"{minus}{words} {_('rupiah')}"


def babel_locale() -> str:
    return BABEL_LOCALES[current_language()]


def _babel_currency(amount: int) -> str:
    return format_currency(
        amount,
        "IDR",
        format=CURRENCY_PATTERNS[current_language()],
        locale=babel_locale(),
        currency_digits=False,
    )


def months_label(line: GroupLine) -> str:
    first, last = line.months[0], line.months[-1]
    span = f"{MONTH_ABBR[first - 1]}-{MONTH_ABBR[last - 1]}"
    return span if len(line.months) == 12 else f"{span} ({len(line.months)})"


def segment_label(line: GroupLine) -> str:
    group = line.group
    if group.segment == "bpu":
        return f"BPU band {line.band}" if line.band is not None else "BPU, several bands"
    risk = (group.risk_class or "").replace("_", " ")
    return f"PU {risk} risk"


def programs_label(line: GroupLine) -> str:
    return "+".join(program.upper() for program in line.group.programs)


def per_person_label(line: GroupLine) -> str:
    """The per-person monthly premium; a range when it changes during the year."""
    values = [line.per_person_by_month[m - 1] for m in line.months]
    if min(values) == max(values):
        return number(values[0])
    return f"{number(min(values))}-{number(max(values))}"


def first_month_total(line: GroupLine) -> int:
    return line.monthly[line.months[0] - 1]
