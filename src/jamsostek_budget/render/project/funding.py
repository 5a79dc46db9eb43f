"""A projection per office (OPD) and per funding source (sumber dana): APBD in each year and over
the window, each source against its ceiling (the scenario's, for its fiscal year, held the same
in every year) and the years it does not cover. Only when the scenario lists them."""

from __future__ import annotations

from jamsostek_budget.i18n import _
from jamsostek_budget.model.funding import FundingSource, Opd
from jamsostek_budget.planning.projection import Projection
from jamsostek_budget.planning.projection_funding import YearlyTotal, opd_years, source_years
from jamsostek_budget.render.shared.figures import Live, live, sum_of
from jamsostek_budget.render.shared.funding_names import opd_name, source_name
from jamsostek_budget.render.shared.labels import rupiah
from jamsostek_budget.render.shared.sections import (
    Cell,
    Figure,
    Phrase,
    Section,
    phrase,
    rupiah_figure,
)


def opd_section(projection: Projection) -> Section | None:
    totals = opd_years(projection)
    if not totals:
        return None
    rows = tuple((_office(total), *_amounts(total)) for total in totals)
    headers = (_("Office (OPD)"), *_year_headers(projection))
    return Section(
        _("Per office (OPD)"),
        headers,
        rows,
        _footer(projection),
        frozenset(range(1, len(headers))),
    )


def source_section(projection: Projection) -> Section | None:
    totals = source_years(projection)
    if not totals:
        return None
    rows = tuple(
        (
            _source(total),
            *_amounts(total),
            "" if total.ceiling is None else Figure(total.ceiling),
            ", ".join(str(year) for year, _over in total.short) or ("-" if total.ceiling else ""),
        )
        for total in totals
    )
    headers = (
        _("Funding source"),
        *_year_headers(projection),
        _("Ceiling\na year (Rp)"),
        _("Not covered\nin"),
    )
    return Section(
        _("Per funding source (sumber dana)"),
        headers,
        rows,
        (*_footer(projection), "", ""),
        frozenset(range(1, len(headers) - 1)),
    )


def ceiling_lines(projection: Projection) -> tuple[Phrase, ...]:
    """For the summary: each source whose ceiling does not cover a projected year."""
    return tuple(
        phrase(
            _(
                "{source}: its ceiling of {ceiling} a year does not cover {years} "
                "(at most {over} over)"
            ),
            source=_source(total),
            ceiling=rupiah(total.ceiling or 0),
            years=", ".join(str(year) for year, _over in total.short),
            over=rupiah_figure(max(over for _year, over in total.short)),
        )
        for total in source_years(projection)
        if total.short
    )


def ceiling_note(projection: Projection) -> str | None:
    """The assumption behind the years a ceiling does not cover, when a source has one."""
    if not any(s.ceiling is not None for s in projection.scenario.funding_sources):
        return None
    return _(
        "A funding source's ceiling is the scenario's, given for its fiscal year {year}; no later "
        "ceiling is known, so every projected year is held against that same ceiling."
    ).format(year=projection.scenario.fiscal_year)


def _office(total: YearlyTotal) -> str:
    return opd_name(total.item if isinstance(total.item, Opd) else None)


def _source(total: YearlyTotal) -> str:
    return source_name(total.item if isinstance(total.item, FundingSource) else None)


def _year_headers(projection: Projection) -> list[str]:
    return [*[f"{y.year}\n(Rp)" for y in projection.years], _("Total\n(Rp)")]


def _amounts(total: YearlyTotal) -> list[Cell]:
    per_year = [_groups_live(groups, index) for index, groups in enumerate(total.groups)]
    return [
        *(Figure(amount, figure) for amount, figure in zip(total.annual, per_year, strict=True)),
        Figure(total.total, sum_of(per_year)),
    ]


def _groups_live(groups: tuple[str, ...], index: int) -> Live:
    return sum_of(live("annual", index, group=group) for group in groups)


def _footer(projection: Projection) -> tuple[Cell, ...]:
    return (
        _("Total"),
        *(Figure(y.budget.annual, live("annual", i)) for i, y in enumerate(projection.years)),
        Figure(projection.annual, live("annual", None)),
    )
