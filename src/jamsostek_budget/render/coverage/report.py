"""Reports for `jbudget coverage`: per year the target, the people it needs, what the new people
cost and the gap to the pagu; per group the new people and their cost; charts of the cost and of
the gap."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from jamsostek_budget.i18n import _
from jamsostek_budget.planning.coverage import Coverage
from jamsostek_budget.render.shared.figures import live
from jamsostek_budget.render.shared.labels import number, percent
from jamsostek_budget.render.shared.provenance import scenario_notes
from jamsostek_budget.render.shared.sections import (
    Bar,
    Cell,
    Chart,
    Figure,
    Numeric,
    Report,
    Section,
    Signed,
    count_figure,
    phrase,
    rupiah_figure,
)


def coverage_report(found: Coverage) -> Report:
    scenario = found.scenario
    title = _("{name}, {province}: coverage target {span}").format(
        name=scenario.name, province=scenario.province, span=span(found)
    )
    summary = (
        phrase(
            _(
                "Eligible population: {eligible} people in {groups} groups; covered in {year}: "
                "{covered} ({share})"
            ),
            eligible=count_figure(found.eligible),
            groups=number(len(found.groups)),
            year=str(scenario.fiscal_year),
            covered=count_figure(found.covered),
            share=share_text(found.now),
        ),
        reading(found),
        phrase(
            _("Cost of the new people {span}: {amount}"),
            span=span(found),
            amount=rupiah_figure(sum(year.new_annual for year in found.years)),
        ),
        pagu_line(found),
        *left_out(found),
    )
    sections = (per_year(found), per_group_people(found), per_group_cost(found))
    return Report(title, summary, sections, notes(found), charts(found))


def coverage_totals(found: Coverage) -> list[tuple[str, int]]:
    """The cost of the new people over the window, for --words."""
    total = sum(year.new_annual for year in found.years)
    return [(_("Cost of the new people {span}").format(span=span(found)), total)]


def span(found: Coverage) -> str:
    first, last = found.years[0].year, found.years[-1].year
    return f"{first}-{last}" if last > first else str(first)


def share_text(share: Fraction) -> Numeric:
    """A share of the eligible population to two decimals: 36,67 %; a ratio in a workbook."""
    ratio = Decimal(share.numerator) / Decimal(share.denominator)
    shown = (ratio * 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return Numeric(percent(shown, decimals=2), ratio, "percent", decimals=2)


def reading(found: Coverage) -> str:
    target, base = found.target, found.scenario.fiscal_year
    if target.reading == "growth":
        return _(
            "Target: the people covered grow {growth} a year from {year}, compounded (the "
            'Permendagri 15/2024 "+20 %" read as 20 % more people covered each year, not 20 '
            "percentage points), never past the eligible population"
        ).format(growth=percent(target.percent), year=base)
    return _(
        "Target: {target} of the eligible population in {last}, reached in a straight line from "
        "the coverage of {year}"
    ).format(target=percent(target.percent), last=found.years[-1].year, year=base)


def pagu_line(found: Coverage) -> str:
    if found.pagu is None:
        return _(
            "No pagu: the scenario gives no pagu: and none was given on the command line, so no "
            "gap is shown"
        )
    source = _("given on the command line") if found.pagu_given else _("the scenario's pagu:")
    return phrase(
        _("Pagu a year: {amount} ({source}), the same every year"),
        amount=rupiah_figure(found.pagu),
        source=source,
    )


def left_out(found: Coverage) -> tuple[str, ...]:
    if not found.left_out:
        return ()
    labels = ", ".join(group.label for group in found.left_out)
    return (
        _("Left out of the target (no eligible:), their people still costed: {groups}").format(
            groups=labels
        ),
    )


def per_year(found: Coverage) -> Section:
    """Without a pagu, the pagu and gap columns are left out (the summary says why)."""
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        (
            str(year.year),
            share_text(year.share),
            Figure(year.people),
            Figure(year.new),
            Figure(year.new_annual),
            Figure(year.annual, live("annual", index)),
            *(
                ()
                if year.pagu is None or year.gap is None
                else (Figure(year.pagu), Signed(year.gap))
            ),
        )
        for index, year in enumerate(found.years)
    )
    against = found.pagu is not None
    footer: tuple[Cell, ...] = (
        _("Total"),
        "",
        "",
        "",
        Figure(sum(year.new_annual for year in found.years)),
        Figure(sum(year.annual for year in found.years), live("annual", None)),
        *(("", "") if against else ()),
    )
    headers = (
        _("Year"),
        _("Target"),
        _("People\nto cover"),
        _("New\npeople"),
        _("New people\na year (Rp)"),
        _("APBD\na year (Rp)"),
        *((_("Pagu\n(Rp)"), _("Gap to\nthe pagu (Rp)")) if against else ()),
    )
    return Section(_("Per year"), headers, rows, footer, frozenset(range(1, len(headers))))


def per_group_people(found: Coverage) -> Section:
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        (
            group.label,
            Figure(group.eligible or 0),
            Figure(group.headcount),
            share_text(
                Fraction(group.headcount, group.eligible) if group.eligible else Fraction(0)
            ),
            *(Figure(year.shares[index].new) for year in found.years),
        )
        for index, group in enumerate(found.groups)
    )
    year = found.scenario.fiscal_year
    headers = (
        _("Group"),
        _("Eligible"),
        _("Covered\n{year}").format(year=year),
        _("Coverage\n{year}").format(year=year),
        *(_("New\n{year}").format(year=y.year) for y in found.years),
    )
    footer: tuple[Cell, ...] = (
        _("Total"),
        Figure(found.eligible),
        Figure(found.covered),
        share_text(found.now),
        *(Figure(y.new) for y in found.years),
    )
    return Section(
        _("New people per group"), headers, rows, footer, frozenset(range(1, len(headers)))
    )


def per_group_cost(found: Coverage) -> Section:
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        (group.label, *(Figure(year.shares[index].new_annual) for year in found.years))
        for index, group in enumerate(found.groups)
    )
    headers = (_("Group"), *(f"{y.year}\n(Rp)" for y in found.years))
    footer: tuple[Cell, ...] = (_("Total"), *(Figure(y.new_annual) for y in found.years))
    return Section(
        _("Cost of the new people per group, a year"),
        headers,
        rows,
        footer,
        frozenset(range(1, len(headers))),
    )


def notes(found: Coverage) -> tuple[str, ...]:
    found_notes = [
        _(
            "People to cover are rounded up; the new people (beyond the fiscal year's headcount) "
            "are shared over the groups in proportion to their eligible population, whole "
            "people, the largest remainders first. Each is costed at the engine's per-person "
            "cost of the group for the year."
        ),
        _(
            "Eligible populations (eligible:, from the scenario's sources and assumptions "
            "below) and the headcounts covered now are those of the scenario's fiscal year; "
            "each year uses its own rates, with JP wage caps and minimum wages not announced "
            "yet projected as jbudget project projects them."
        ),
    ]
    if found.capped:
        found_notes.append(
            _("The growth reaches the eligible population: the target is held there.")
        )
    if any(use.projected for year in found.years for use in year.budget.rates_used):
        found_notes.append(_("Some years use projected rates (see the rates section)."))
    return (*found_notes, *scenario_notes(found.scenario))


def charts(found: Coverage) -> tuple[Chart, ...]:
    drawn = [
        Chart(
            _("Cost of the new people per year"),
            tuple(Bar(str(year.year), year.new_annual) for year in found.years),
        )
    ]
    if found.pagu is not None:
        drawn.append(
            Chart(
                _("Gap to the pagu per year (negative: short)"),
                tuple(Bar(str(year.year), year.gap or 0) for year in found.years),
            )
        )
    return tuple(drawn)
