"""Words shared by every renderer: how programs, segments, months and money are written."""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_currency, format_decimal

from jamsostek_budget.engine.budget import GroupLine
from jamsostek_budget.i18n import N_, Language, _, current_language
from jamsostek_budget.model.fields import Program, RiskClass

BABEL_LOCALES: dict[Language, str] = {"id": "id_ID", "en": "en_US"}
# Whole Rupiah. English sets the code apart from the digits (CLDR's currency spacing, which
# babel does not apply), with a plain space so the figure can be searched as typed.
CURRENCY_PATTERNS: dict[Language, str] = {"id": "¤#,##0", "en": "¤ #,##0"}

PROGRAM_LABELS: dict[Program, str] = {
    "jkk": N_("JKK (work accident)"),
    "jkm": N_("JKM (death)"),
    "jht": N_("JHT (old-age savings)"),
    "jp": N_("JP (pension)"),
}
# English abbreviations: also the stable column names of the CSV output (apbd_jan...)
MONTH_LABELS = (
    N_("Jan"),
    N_("Feb"),
    N_("Mar"),
    N_("Apr"),
    N_("May"),
    N_("Jun"),
    N_("Jul"),
    N_("Aug"),
    N_("Sep"),
    N_("Oct"),
    N_("Nov"),
    N_("Dec"),
)
RISK_LABELS: dict[RiskClass, str] = {
    "very_low": N_("PU very low risk"),
    "low": N_("PU low risk"),
    "medium": N_("PU medium risk"),
    "high": N_("PU high risk"),
    "very_high": N_("PU very high risk"),
}
CONFIDENCE_LABELS = {"high": N_("high"), "medium": N_("medium"), "low": N_("low")}


def program_label(program: Program) -> str:
    return _(PROGRAM_LABELS[program])


def month_abbr(month: int) -> str:
    """Month 1-12 as a short name in the current language."""
    return _(MONTH_LABELS[month - 1])


def confidence_label(confidence: str) -> str:
    return _(CONFIDENCE_LABELS[confidence]) if confidence in CONFIDENCE_LABELS else confidence


def rupiah(amount: int) -> str:
    """Rp1.721.000.000 in Indonesian (dots group thousands, as budget documents write them),
    IDR 1,721,000,000 in English: babel's CLDR data for the language, whole Rupiah."""
    return _babel_currency(amount)


def number(amount: int) -> str:
    return format_decimal(amount, locale=babel_locale())


def decimal_text(value: Decimal, decimals: int | None = None) -> str:
    """A decimal as written in the current language: 2,5 in Indonesian, 2.5 in English; all its
    significant digits, or exactly `decimals` of them."""
    pattern = "#,##0.######" if decimals is None else "#,##0." + "0" * decimals
    shown = value.normalize() if decimals is None else value
    return format_decimal(shown, format=pattern, locale=babel_locale())


def percent(value: Decimal, decimals: int | None = None) -> str:
    """0,54 % in Indonesian, 0.54% in English."""
    text = decimal_text(value, decimals)
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


def rupiah_sen(amount: Decimal) -> str:
    """Rupiah with its sen, as a decree writes a minimum wage: Rp2.215.071,18."""
    return format_currency(
        amount,
        "IDR",
        format=CURRENCY_PATTERNS[current_language()] + ".00",
        locale=babel_locale(),
        currency_digits=False,
    )


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
    span = f"{month_abbr(first)}-{month_abbr(last)}"
    return span if len(line.months) == 12 else f"{span} ({len(line.months)})"


def segment_label(line: GroupLine) -> str:
    group = line.group
    if group.segment == "bpu":
        if line.band is None:  # only a roster's line: nobody accepted, or people in several bands
            return _("BPU, several bands") if group.headcount else _("BPU, no one accepted")
        return _("BPU band {band}").format(band=line.band)
    return _(RISK_LABELS[group.risk_class]) if group.risk_class else "PU"


def programs_label(line: GroupLine) -> str:
    return "+".join(program.upper() for program in line.group.programs)


def per_person_label(line: GroupLine) -> str:
    """The per-person monthly premium; a range when it changes during the year."""
    lowest, highest = line.per_person_range
    if lowest == highest:
        return number(lowest)
    return f"{number(lowest)}-{number(highest)}"
