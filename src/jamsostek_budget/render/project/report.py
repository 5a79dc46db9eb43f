"""Reports for `jbudget project`: per year, per group and per program, with the window's totals;
JP wage caps that are projected rather than announced are marked."""

from __future__ import annotations

from decimal import Decimal

from jamsostek_budget.i18n import _
from jamsostek_budget.model.rates import DatedValue
from jamsostek_budget.planning.projection import Projection, Year
from jamsostek_budget.render.project.funding import (
    ceiling_lines,
    ceiling_note,
    opd_section,
    source_section,
)
from jamsostek_budget.render.shared.figures import live
from jamsostek_budget.render.shared.labels import number, percent, program_label, rupiah
from jamsostek_budget.render.shared.sections import (
    Bar,
    Cell,
    Chart,
    Figure,
    Numeric,
    Report,
    Section,
    phrase,
    rupiah_figure,
)

PROJECTED_MARK = "*"


def project_report(projection: Projection) -> Report:
    scenario, years = projection.scenario, projection.years
    span = f"{years[0].year}-{years[-1].year}" if len(years) > 1 else str(years[0].year)
    title = _("{name}, {province}: projection {span}").format(
        name=scenario.name, province=scenario.province, span=span
    )
    summary = (
        phrase(
            _("APBD total {span}: {amount}"),
            span=span,
            amount=rupiah_figure(projection.annual, live("annual", None)),
        ),
        phrase(
            _("Worker share {span}: {amount}"),
            span=span,
            amount=rupiah_figure(projection.worker_annual, live("worker_annual", None)),
        ),
        _assumptions(projection),
        *ceiling_lines(projection),
    )
    funding = (opd_section(projection), source_section(projection))
    sections = (
        _per_year(projection),
        _per_group(projection),
        *(section for section in funding if section is not None),
        _per_program(projection),
    )
    return Report(title, summary, sections, _notes(projection), (project_chart(projection),))


def project_totals(projection: Projection) -> list[tuple[str, int]]:
    """The window's APBD total, for --words."""
    years = projection.years
    span = f"{years[0].year}-{years[-1].year}" if len(years) > 1 else str(years[0].year)
    return [(_("APBD total {span}").format(span=span), projection.annual)]


def _assumptions(projection: Projection) -> str:
    a = projection.assumptions
    return _(
        "Assumptions a year: headcount {headcount}, PU wages {wages}, GDP growth for "
        "unannounced JP caps {gdp} (groups may set their own growth or headcounts)"
    ).format(
        headcount=_pct(a.headcount_growth_percent),
        wages=_pct(a.wage_growth_percent),
        gdp=_pct(a.gdp_growth_percent),
    )


def _pct(value: Decimal) -> str:
    """As the assumption was written: 5 -> 5 %, 5.0 -> 5,0 % (Indonesian)."""
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return percent(value, decimals=places) if places else percent(value)


def _caps(year: Year) -> tuple[Cell, Cell]:
    """The JP wage cap in force in January-February and the one from March, each a number in a
    workbook (marked when projected); a year with one cap shows it in both, none shows blanks."""
    if not year.jp_caps:
        return "", ""
    return _cap(year.jp_caps[0]), _cap(year.jp_caps[-1])


def _cap(cap: DatedValue) -> Numeric:
    mark = PROJECTED_MARK if cap.projected else ""
    return Numeric(number(int(cap.value)) + mark, int(cap.value), "rupiah", mark=mark)


def _per_year(projection: Projection) -> Section:
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        (
            str(y.year),
            Figure(y.budget.headcount, live("people", index)),
            Figure(y.budget.annual, live("annual", index)),
            Figure(y.budget.worker_annual, live("worker_annual", index)),
            *_caps(y),
        )
        for index, y in enumerate(projection.years)
    )
    footer: tuple[Cell, ...] = (
        _("Total"),
        "",
        Figure(projection.annual, live("annual", None)),
        Figure(projection.worker_annual, live("worker_annual", None)),
        "",
        "",
    )
    headers = (
        _("Year"),
        _("People"),
        _("APBD\na year (Rp)"),
        _("Worker share\na year (Rp)"),
        _("JP wage cap\nJan-Feb (Rp)"),
        _("JP wage cap\nfrom March (Rp)"),
    )
    return Section(_("Per year"), headers, rows, footer, frozenset({1, 2, 3, 4, 5}))


def _per_group(projection: Projection) -> Section:
    years = projection.years
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        (
            label,
            *_by_year(projection.group_by_year(group_id), group=group_id),
            Figure(projection.group_total(group_id), live("annual", None, group=group_id)),
        )
        for group_id, label in projection.groups
    )
    headers = (_("Group"), *[f"{y.year}\n(Rp)" for y in years], _("Total\n(Rp)"))
    return Section(
        _("Per group, APBD a year"),
        headers,
        rows,
        _year_totals(projection),
        frozenset(range(1, len(headers))),
    )


def _by_year(
    amounts: tuple[int, ...], *, group: str | None = None, program: str | None = None
) -> list[Cell]:
    """A group's or a program's APBD in each year, from that year's lines sheet."""
    return [
        Figure(amount, live("annual", index, group=group, program=program))
        for index, amount in enumerate(amounts)
    ]


def _year_totals(projection: Projection) -> tuple[Cell, ...]:
    years = [y.budget.annual for y in projection.years]
    return (_("Total"), *_by_year(tuple(years)), Figure(projection.annual, live("annual", None)))


def _per_program(projection: Projection) -> Section:
    years = projection.years
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        (
            program_label(program),
            *_by_year(projection.program_by_year(program), program=program),
            Figure(total, live("annual", None, program=program)),
        )
        for program, total in projection.by_program.items()
    )
    headers = (_("Program"), *[f"{y.year}\n(Rp)" for y in years], _("Total\n(Rp)"))
    return Section(
        _("Per program, APBD a year"),
        headers,
        rows,
        _year_totals(projection),
        frozenset(range(1, len(headers))),
    )


def _notes(projection: Projection) -> tuple[str, ...]:
    notes = []
    if any(year.projected_cap for year in projection.years):
        notes.append(
            PROJECTED_MARK
            + " "
            + _(
                "projected JP wage cap: not announced yet; extended with PP 45/2015 Pasal 29 "
                "(previous cap x (1 + GDP growth), rounded down to {step})."
            ).format(step=rupiah(100))
        )
    ceiling = ceiling_note(projection)
    if ceiling is not None:
        notes.append(ceiling)
    notes.append(
        _(
            "Each year uses the rates in force on the 1st of each of its months; headcounts "
            "and wages grow from the scenario's fiscal year and are rounded once a year."
        )
    )
    return tuple(notes)


def project_chart(projection: Projection) -> Chart:
    """The APBD total of each projected year, to show how fast the budget grows."""
    bars = tuple(
        Bar(str(year.year), year.budget.annual, live("annual", index))
        for index, year in enumerate(projection.years)
    )
    return Chart(_("APBD total per year"), bars)
