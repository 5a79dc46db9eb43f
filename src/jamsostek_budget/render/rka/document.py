"""The RKA lines as rows to type into SIPD: for each office, sub kegiatan, funding source and
account code (kode rekening) a line with its amount, then its detail lines (rincian) with their
description (uraian), coefficient (koefisien: "15.000 Orang x 12 Bulan"), unit (satuan), price
(harga) and amount (jumlah); a total last.

SIPD is written in Bahasa Indonesia, so the document is too, whatever the report's language:
the texts go through the catalogue and are read in Indonesian (`in_indonesian`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Literal

from jamsostek_budget.engine.budget import Budget
from jamsostek_budget.engine.rka import RkaDetail, RkaLine, rka_lines
from jamsostek_budget.i18n import N_, _, current_language, set_language
from jamsostek_budget.model.fields import Program
from jamsostek_budget.render.shared.labels import month_abbr, number

RowKind = Literal["account", "detail", "total"]
Cell = str | int | None
KEY_COLUMNS = 6  # row kind, office, sub kegiatan code and name, source, account code
AMOUNT_COLUMN = 10  # 0-based: jumlah

KIND_LABELS: dict[RowKind, str] = {
    "account": N_("account"),
    "detail": N_("detail"),
    "total": N_("total"),
}
STAFF_LABELS = {
    "honorer": N_("Non-ASN staff"),
    "pekerja-rentan": N_("vulnerable workers"),
    "pppk-paruh-waktu": N_("part-time PPPK"),
}
ROSTER_NOTE = N_(
    "costed from a roster: its people change from month to month, so the amount is not "
    "people x months x price and has no coefficient; enter the amount as it is"
)


@dataclass(frozen=True)
class RkaRow:
    kind: RowKind
    cells: tuple[Cell, ...]  # one per header


@dataclass(frozen=True)
class RkaDocument:
    title: str
    headers: tuple[str, ...]
    rows: tuple[RkaRow, ...]
    total: int


@contextmanager
def in_indonesian() -> Iterator[None]:
    """Translate into Indonesian inside the block, then restore the language."""
    before = current_language()
    set_language("id")
    try:
        yield
    finally:
        set_language(before)


def rka_document(budget: Budget) -> RkaDocument:
    """The budget's RKA lines as rows, in Indonesian; the amounts of the account rows, and of
    the detail rows, each add up to budget.annual."""
    with in_indonesian():
        lines = rka_lines(budget)
        rows: list[RkaRow] = []
        for line in lines:
            key = _key(line)
            rows.append(_row("account", key, amount=line.amount))
            rows += [_detail_row(key, detail) for detail in line.details]
        total = sum(line.amount for line in lines)
        rows.append(_row("total", (None,) * (KEY_COLUMNS - 1), amount=total))
        title = _("{city}, {province}: RKA lines for SIPD, fiscal year {year}").format(
            city=budget.scenario.name, province=budget.scenario.province, year=budget.fiscal_year
        )
        return RkaDocument(title, _headers(), tuple(rows), total)


def _headers() -> tuple[str, ...]:
    return (
        _("Row"),
        _("Office (SKPD)"),
        _("Sub kegiatan code"),
        _("Sub kegiatan"),
        _("Funding source"),
        _("Account code"),
        _("Description"),
        _("Coefficient"),
        _("Unit"),
        _("Price (Rp)"),
        _("Amount (Rp)"),
        _("Note"),
    )


def _key(line: RkaLine) -> tuple[Cell, ...]:
    """Office, sub kegiatan code and name, funding source, account code."""
    sub = line.sub_kegiatan
    return (
        line.opd.label if line.opd else _("(office not given)"),
        sub.code if sub else None,
        sub.name if sub else _("(sub kegiatan not given)"),
        line.source.label if line.source else _("(source not given)"),
        line.code or _("(no code)"),
    )


def _row(
    kind: RowKind,
    key: tuple[Cell, ...],
    *,
    detail: tuple[Cell, Cell, Cell, Cell] = (None, None, None, None),
    amount: int,
    note: str | None = None,
) -> RkaRow:
    return RkaRow(kind, (_(KIND_LABELS[kind]), *key, *detail, amount, note))


def _detail_row(key: tuple[Cell, ...], detail: RkaDetail) -> RkaRow:
    period = detail.period
    description = _description(detail)
    if period is None:
        cells: tuple[Cell, Cell, Cell, Cell] = (description, None, None, None)
        return _row("detail", key, detail=cells, amount=detail.amount, note=_(ROSTER_NOTE))
    if (period.first, period.last) != (1, 12):
        description += f" ({month_abbr(period.first)}-{month_abbr(period.last)})"
    coefficient = _("{people} Person x {months} Month").format(
        people=number(period.people), months=number(period.months)
    )
    cells = (description, coefficient, _("Person/Month"), period.per_person)
    return _row("detail", key, detail=cells, amount=detail.amount)


def _description(detail: RkaDetail) -> str:
    """Iuran JKK dan JKM bagi Non ASN - Ketua RT/RW."""
    group = detail.group.group
    programs = _programs(detail.programs)
    staff = STAFF_LABELS.get(group.staff_type or "")
    if staff is None:
        return _("Premium {programs} - {group}").format(programs=programs, group=group.label)
    return _("Premium {programs} for {staff} - {group}").format(
        programs=programs, staff=_(staff), group=group.label
    )


def _programs(programs: tuple[Program, ...]) -> str:
    names = [program.upper() for program in programs]
    if len(names) == 1:
        return names[0]
    return _("{first} and {last}").format(first=", ".join(names[:-1]), last=names[-1])
