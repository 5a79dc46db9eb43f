"""Words shared by every renderer: how programs, segments, months and money are written."""

from __future__ import annotations

from decimal import Decimal

from jamsostek_budget.budget import GroupLine
from jamsostek_budget.fields import Program

PROGRAM_LABELS: dict[Program, str] = {
    "jkk": "JKK (work accident)",
    "jkm": "JKM (death)",
    "jht": "JHT (old-age savings)",
    "jp": "JP (pension)",
}
MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def rupiah(amount: int) -> str:
    """Rp1.721.000.000: dots group thousands, as Indonesian budget documents write them."""
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp{abs(amount):,}".replace(",", ".")


def number(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


def percent(value: Decimal) -> str:
    return f"{value.normalize():f} %".replace(".", ",")


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
