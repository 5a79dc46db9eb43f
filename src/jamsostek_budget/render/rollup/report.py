"""A rollup as a Report (table, Markdown, HTML, Excel): per regency or city and in total, per
group type and program, who pays, and the NIKs counted in two places when rosters are given."""

from __future__ import annotations

from jamsostek_budget.i18n import _
from jamsostek_budget.model.fields import PROGRAMS, Program
from jamsostek_budget.planning.rollup import Amounts, Rollup, TypeTotal
from jamsostek_budget.render.shared.figures import Live, live
from jamsostek_budget.render.shared.labels import program_label, rupiah
from jamsostek_budget.render.shared.sections import (
    Bar,
    Cell,
    Chart,
    Money,
    Report,
    Section,
    Verbatim,
    count_figure,
    phrase,
    rupiah_figure,
)
from jamsostek_budget.roster.overlap import Overlap

__all__ = ["group_type_label", "rollup_report", "rollup_totals", "type_label"]


def rollup_report(rollup: Rollup, overlap: Overlap | None) -> Report:
    title = _("Rollup: {name}, fiscal year {year}").format(
        name=rollup.province or _("{count} scenarios").format(count=len(rollup.places)),
        year=rollup.fiscal_year,
    )
    sections = [_places(rollup), _types(rollup), _payers(rollup)]
    if overlap is not None:
        sections.append(_overlap(overlap))
    bars = tuple(Bar(place.place.name, place.all.annual) for place in rollup.places)
    charts = (Chart(_("APBD a year per regency or city"), bars),)
    return Report(title, _summary(rollup, overlap), tuple(sections), _notes(overlap), charts)


def rollup_totals(rollup: Rollup) -> list[tuple[str, int]]:
    """The total and each scenario's APBD a year, for --words."""
    places = [(place.place.name, place.all.annual) for place in rollup.places]
    return [(_("Total"), rollup.total.annual), *places]


def type_label(row: TypeTotal) -> str:
    return group_type_label(row.staff_type, row.segment, row.label)


def group_type_label(staff_type: str | None, segment: str | None, label: str | None) -> str:
    """A staff type as written in the scenarios; else 'BPU: label'."""
    return staff_type or f"{(segment or '').upper()}: {label}"


def _summary(rollup: Rollup, overlap: Overlap | None) -> tuple[str, ...]:
    lines: list[str] = [
        phrase(
            _("{count} scenarios, fiscal year {year}: APBD {amount} a year for {people} people"),
            count=str(len(rollup.places)),
            year=str(rollup.fiscal_year),
            amount=rupiah_figure(rollup.total.annual),
            people=count_figure(rollup.total.people),
        )
    ]
    if rollup.province is not None:
        lines.append(
            phrase(
                _("{province} pays {amount} a year; the regencies and cities {rest}"),
                province=rollup.province,
                amount=rupiah_figure(rollup.province_pays),
                rest=rupiah_figure(rollup.total.annual - rollup.province_pays),
            )
        )
    if overlap is not None:
        lines.append(
            phrase(
                _("NIKs counted in two places or more: {count}; paid twice: {amount} a year"),
                count=count_figure(len(overlap.people)),
                amount=rupiah_figure(overlap.paid_twice),
            )
        )
    return tuple(lines)


def _notes(overlap: Overlap | None) -> tuple[str, ...]:
    notes = [
        _(
            "Group types: the staff type a group gives (staff_type); else its segment and label. "
            "Each scenario is estimated as `jbudget estimate` does: the totals are the sum of "
            "the estimates."
        )
    ]
    if overlap is not None:
        notes.append(
            _(
                "Paid twice: for a NIK on more than one roster, what the places pay beyond the "
                "one that pays the most. Rosters compared: {places}."
            ).format(places=", ".join(overlap.places))
        )
    return tuple(notes)


def _programs(rollup: Rollup) -> list[Program]:
    used = {
        p
        for place in rollup.places
        for line in place.place.budget.lines
        for p in line.group.programs
    }
    return [program for program in PROGRAMS if program in used]


def _amount_cells(
    amounts: Amounts, programs: list[Program], budget: int | None = -1
) -> tuple[Cell, ...]:
    """People, APBD per program and in all; of budget `budget` (None: of every budget), the
    workbook computes them from its lines sheets; -1: written as they are."""

    def figure(program: Program | None) -> Live | None:
        return None if budget == -1 else live("annual", budget, program=program)

    return (
        amounts.people,
        *[Money(amounts.by_program[program], figure(program)) for program in programs],
        Money(amounts.annual, figure(None)),
    )


def _amount_headers(programs: list[Program]) -> tuple[str, ...]:
    return (_("People"), *[program_label(p) for p in programs], _("Total (Rp)"))


def _places(rollup: Rollup) -> Section:
    programs = _programs(rollup)
    headers = (
        _("Regency or city"),
        *_amount_headers(programs),
        _("Paid by its Pemda"),
        _("Paid by the province"),
    )
    rows = tuple(
        (
            place.place.name,
            *_amount_cells(place.all, programs, index),
            Money(place.pemda),
            Money(place.province),
        )
        for index, place in enumerate(rollup.places)
    )
    province = rollup.province_pays
    footer = (
        _("Total"),
        *_amount_cells(rollup.total, programs, None),
        Money(rollup.total.annual - province),
        Money(province),
    )
    right = frozenset(range(1, len(headers)))
    return Section(_("Per regency or city, APBD a year"), headers, rows, footer, right)


def _types(rollup: Rollup) -> Section:
    programs = _programs(rollup)
    headers = (_("Group type"), *_amount_headers(programs))
    rows = tuple((type_label(row), *_amount_cells(row.amounts, programs)) for row in rollup.types)
    footer = (_("Total"), *_amount_cells(rollup.total, programs))
    right = frozenset(range(1, len(headers)))
    return Section(_("Per group type and program, APBD a year"), headers, rows, footer, right)


def _payers(rollup: Rollup) -> Section:
    rows: list[tuple[Cell, ...]] = []
    if rollup.province is not None:
        rows.append((rollup.province, Money(rollup.province_pays)))
    rows += [(place.place.name, Money(place.pemda)) for place in rollup.places]
    footer = (_("Total"), Money(rollup.total.annual))
    return Section(
        _("Who pays, APBD a year"),
        (_("Payer"), _("APBD a year")),
        tuple(rows),
        footer,
        frozenset({1}),
    )


def _overlap(overlap: Overlap) -> Section:
    headers = (_("NIK"), _("Name"), _("Counted in"), _("Paid there a year"), _("Paid twice a year"))
    rows = tuple(
        (
            Verbatim(person.nik),
            person.name,
            ", ".join(person.places),
            " + ".join(rupiah(amount) for amount in person.amounts),
            Money(person.paid_twice),
        )
        for person in overlap.people
    )
    footer = (
        _("NIKs: {count}").format(count=len(overlap.people)),
        "",
        "",
        "",
        Money(overlap.paid_twice),
    )
    return Section(_("NIKs counted in two places"), headers, rows, footer, frozenset({4}))
