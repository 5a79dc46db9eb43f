"""A comparison per office (OPD) and per funding source (sumber dana), side by side like its
groups: each scenario's people and APBD a year, the differences to the baseline, and each
scenario's ceiling and what it leaves for a source. Only when a scenario lists them."""

from __future__ import annotations

from jamsostek_budget.i18n import _
from jamsostek_budget.model.funding import FundingSource, Opd
from jamsostek_budget.planning.compare import Comparison, FundingRow
from jamsostek_budget.render.compare.cells import (
    ABSENT,
    Of,
    amount_cells,
    delta_cells,
    delta_headers,
    of,
    value_headers,
)
from jamsostek_budget.render.shared.figures import What, constant, live, sum_of
from jamsostek_budget.render.shared.funding_names import opd_name, source_name
from jamsostek_budget.render.shared.sections import Cell, Figure, Section


def opd_section(comparison: Comparison) -> Section | None:
    if not comparison.offices:
        return None
    return _section(comparison, comparison.offices, _("Office (OPD)"), _("Per office (OPD)"))


def source_section(comparison: Comparison) -> Section | None:
    if not comparison.sources:
        return None
    return _section(
        comparison,
        comparison.sources,
        _("Funding source"),
        _("Per funding source (sumber dana)"),
    )


def _section(
    comparison: Comparison, rows: tuple[FundingRow, ...], what: str, title: str
) -> Section:
    ceilings = any(ceiling is not None for row in rows for ceiling in row.ceilings)
    headers = (
        what,
        *value_headers(comparison, _("people")),
        *value_headers(comparison, _("a year (Rp)")),
        *delta_headers(comparison),
        *(_ceiling_headers(comparison) if ceilings else ()),
    )
    body = tuple(
        (
            _name(row),
            *amount_cells(row.headcount, _of(row, "people")),
            *amount_cells(row.annual, _of(row, "annual")),
            *delta_cells(row.annual, _of(row, "annual")),
            *(_ceiling_cells(row) if ceilings else ()),
        )
        for row in rows
    )
    footer: tuple[Cell, ...] = (
        _("Total"),
        *amount_cells(comparison.headcount, of("people")),
        *amount_cells(comparison.annual, of("annual")),
        *delta_cells(comparison.annual, of("annual")),
        *(_ceiling_totals(comparison, rows) if ceilings else ()),
    )
    return Section(title, headers, body, footer, frozenset(range(1, len(headers))))


def _name(row: FundingRow) -> str:
    if isinstance(row.item, Opd):
        return opd_name(row.item)
    return source_name(row.item if isinstance(row.item, FundingSource) else None)


def _of(row: FundingRow, what: What) -> Of:
    """The figure of the row's groups in the scenario with this index."""
    return lambda index: sum_of(live(what, index, group=g) for g in row.groups[index] or ())


def _ceiling_headers(comparison: Comparison) -> list[str]:
    return [
        *value_headers(comparison, _("ceiling (Rp)")),
        *value_headers(comparison, _("left (Rp)")),
    ]


def _ceiling_cells(row: FundingRow) -> list[Cell]:
    annual = _of(row, "annual")
    return [
        *(ABSENT if ceiling is None else Figure(ceiling) for ceiling in row.ceilings),
        *(
            ABSENT
            if ceiling is None
            else Figure(ceiling - (value or 0), constant(ceiling) - annual(i))
            for i, (ceiling, value) in enumerate(zip(row.ceilings, row.annual.values, strict=True))
        ),
    ]


def _ceiling_totals(comparison: Comparison, rows: tuple[FundingRow, ...]) -> list[Cell]:
    """Each scenario's ceilings added up, and what they leave, when all its sources have one."""
    totals: list[int | None] = []
    for index in range(comparison.width):
        ceilings = [row.ceilings[index] for row in rows if row.groups[index] is not None]
        full = all(ceiling is not None for ceiling in ceilings)
        totals.append(sum(c or 0 for c in ceilings) if full else None)
    annual = of("annual")
    return [
        *("" if total is None else Figure(total) for total in totals),
        *(
            ""
            if total is None
            else Figure(total - (comparison.annual.values[i] or 0), constant(total) - annual(i))
            for i, total in enumerate(totals)
        ),
    ]
