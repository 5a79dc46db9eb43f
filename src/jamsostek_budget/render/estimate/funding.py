"""The estimate per office (OPD) and per funding source (sumber dana), as the RKA per budget
code: a section each in every format, and in a workbook one sheet per office, ready to hand to
it. Every amount is a live figure over the Lines sheet, so the sheets add up to the total."""

from __future__ import annotations

from jamsostek_budget.engine.budget import Budget
from jamsostek_budget.engine.funding_totals import OpdTotal, SourceTotal, opd_totals, source_totals
from jamsostek_budget.i18n import _
from jamsostek_budget.render.shared.figures import Live, live, sum_of
from jamsostek_budget.render.shared.funding_names import opd_name, source_months, source_name
from jamsostek_budget.render.shared.labels import months_label, programs_label
from jamsostek_budget.render.shared.sections import Cell, Figure, Money, Section


def opd_section(budget: Budget) -> Section | None:
    """APBD a year per office; only when the scenario lists its offices."""
    totals = opd_totals(budget)
    if not totals:
        return None
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        (
            opd_name(total.opd),
            ", ".join(line.group.label for line in total.lines) or "-",
            Figure(sum(line.group.headcount for line in total.lines), _people(total)),
            Money(total.annual, _annual(line.group.id for line in total.lines)),
        )
        for total in totals
    )
    footer: tuple[Cell, ...] = (
        _("Total"),
        "",
        Figure(budget.headcount, live("people")),
        Money(budget.annual, live("annual")),
    )
    headers = (_("Office (OPD)"), _("Groups"), _("People"), _("APBD a year"))
    return Section(_("Per office (OPD)"), headers, rows, footer, frozenset({2, 3}))


def source_section(budget: Budget) -> Section | None:
    """What each funding source pays against its ceiling and months; only when the scenario
    lists its sources."""
    totals = source_totals(budget)
    if not totals:
        return None
    rows = tuple(_source_row(budget, total) for total in totals)
    ceilings = [t.source.ceiling for t in totals if t.source and t.source.ceiling is not None]
    footer: tuple[Cell, ...] = (
        _("Total"),
        "",
        "",
        Money(budget.annual, live("annual")),
        Money(sum(ceilings)) if len(ceilings) == len(totals) else "",
        Money(sum(ceilings) - budget.annual) if len(ceilings) == len(totals) else "",
        Money(sum(t.relief for t in totals)),
    )
    headers = (
        _("Funding source"),
        _("Months"),
        _("People"),
        _("Pays a year"),
        _("Ceiling"),
        _("Left"),
        _("Relief"),
    )
    return Section(
        _("Per funding source (sumber dana)"), headers, rows, footer, frozenset({2, 3, 4, 5, 6})
    )


def _source_row(budget: Budget, total: SourceTotal) -> tuple[Cell, ...]:
    source = total.source
    ids = [line.group.id for line in budget.lines if line.group.funding == _source_id(total)]
    ceiling = source.ceiling if source is not None else None
    return (
        source_name(source),
        source_months(source),
        Figure(total.people),
        Money(total.annual, _annual(ids)),
        Money(ceiling) if ceiling is not None else "",
        Money(total.left) if total.left is not None else "",
        Money(total.relief),
    )


def opd_sheets(budget: Budget) -> tuple[Section, ...]:
    """One table per office, for a sheet of its own: its groups with their figures."""
    labels = {source.id: source.label for source in budget.scenario.funding_sources}
    return tuple(_opd_sheet(total, labels) for total in opd_totals(budget) if total.lines)


def _opd_sheet(total: OpdTotal, sources: dict[str, str]) -> Section:
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        (
            line.group.label,
            programs_label(line),
            months_label(line),
            Figure(line.group.headcount, live("people", group=line.group.id)),
            _funding_name(line.group.funding, sources),
            *(
                Money(line.by_program.get(program, 0), _program(line.group.id, program))
                for program in ("jkk", "jkm", "jht", "jp")
            ),
            Money(line.annual, live("annual", group=line.group.id)),
        )
        for line in total.lines
    )
    footer: tuple[Cell, ...] = (
        _("Total"),
        "",
        "",
        Figure(sum(line.group.headcount for line in total.lines), _people(total)),
        "",
        *(
            Money(
                sum(line.by_program.get(program, 0) for line in total.lines),
                sum_of(_program(line.group.id, program) for line in total.lines),
            )
            for program in ("jkk", "jkm", "jht", "jp")
        ),
        Money(total.annual, _annual(line.group.id for line in total.lines)),
    )
    headers = (
        _("Group"),
        _("Programs"),
        _("Months"),
        _("People"),
        _("Funding source"),
        "JKK",
        "JKM",
        "JHT",
        "JP",
        _("APBD a year"),
    )
    return Section(opd_name(total.opd), headers, rows, footer, frozenset({3, 5, 6, 7, 8, 9}))


def _program(group: str, program: str) -> Live:
    return live("annual", group=group, program=program)


def _annual(groups: object) -> Live:
    return sum_of(live("annual", group=group) for group in groups)  # type: ignore[attr-defined]


def _people(total: OpdTotal) -> Live:
    return sum_of(live("people", group=line.group.id) for line in total.lines)


def _source_id(total: SourceTotal) -> str | None:
    return None if total.source is None else total.source.id


def _funding_name(funding: object, sources: dict[str, str]) -> str:
    return sources.get(funding, funding) if isinstance(funding, str) else ""
