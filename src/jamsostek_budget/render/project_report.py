"""Reports for `jbudget project`: per year, per group and per program, with the window's totals;
JP wage caps that are projected rather than announced are marked."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from typing import Any

from jamsostek_budget import __version__
from jamsostek_budget.i18n import _
from jamsostek_budget.planning.projection import Projection, Year
from jamsostek_budget.render.chart_data import project_chart
from jamsostek_budget.render.labels import percent, program_label, rupiah
from jamsostek_budget.render.sections import Cell, Report, Section

PROJECTED_MARK = "*"


def project_report(projection: Projection) -> Report:
    scenario, years = projection.scenario, projection.years
    span = f"{years[0].year}-{years[-1].year}" if len(years) > 1 else str(years[0].year)
    title = _("{name}, {province}: projection {span}").format(
        name=scenario.name, province=scenario.province, span=span
    )
    summary = (
        _("APBD total {span}: {amount}").format(span=span, amount=rupiah(projection.annual)),
        _("Worker share {span}: {amount}").format(
            span=span, amount=rupiah(projection.worker_annual)
        ),
        _assumptions(projection),
    )
    sections = (_per_year(projection), _per_group(projection), _per_program(projection))
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


def _cap_label(year: Year) -> str:
    return " / ".join(
        rupiah(int(cap.value)) + (PROJECTED_MARK if cap.projected else "") for cap in year.jp_caps
    )


def _per_year(projection: Projection) -> Section:
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        (
            str(y.year),
            y.budget.headcount,
            y.budget.annual,
            y.budget.worker_annual,
            _cap_label(y),
        )
        for y in projection.years
    )
    footer: tuple[Cell, ...] = (
        _("Total"),
        "",
        projection.annual,
        projection.worker_annual,
        "",
    )
    headers = (
        _("Year"),
        _("People"),
        _("APBD\na year (Rp)"),
        _("Worker share\na year (Rp)"),
        _("JP wage cap\n(Jan-Feb / from March)"),
    )
    return Section(_("Per year"), headers, rows, footer, frozenset({1, 2, 3}))


def _per_group(projection: Projection) -> Section:
    years = projection.years
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        (label, *projection.group_by_year(group_id), projection.group_total(group_id))
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


def _year_totals(projection: Projection) -> tuple[Cell, ...]:
    return (_("Total"), *[y.budget.annual for y in projection.years], projection.annual)


def _per_program(projection: Projection) -> Section:
    years = projection.years
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        (program_label(program), *projection.program_by_year(program), total)
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
    notes.append(
        _(
            "Each year uses the rates in force on the 1st of each of its months; headcounts "
            "and wages grow from the scenario's fiscal year and are rounded once a year."
        )
    )
    return tuple(notes)


def project_dict(projection: Projection) -> dict[str, Any]:
    a = projection.assumptions
    return {
        "city": projection.scenario.city,
        "name": projection.scenario.name,
        "base_year": projection.scenario.fiscal_year,
        "assumptions": {
            "headcount_growth_percent": str(a.headcount_growth_percent),
            "wage_growth_percent": str(a.wage_growth_percent),
            "gdp_growth_percent": str(a.gdp_growth_percent),
        },
        "years": [_year_dict(year) for year in projection.years],
        "totals": {
            "annual": projection.annual,
            "worker_annual": projection.worker_annual,
            "by_program": projection.by_program,
        },
        "jbudget_version": __version__,
    }


def _year_dict(year: Year) -> dict[str, Any]:
    budget = year.budget
    return {
        "year": year.year,
        "headcount": budget.headcount,
        "annual": budget.annual,
        "worker_annual": budget.worker_annual,
        "monthly": list(budget.monthly),
        "by_program": budget.by_program,
        "jp_wage_caps": [
            {
                "effective": cap.effective.isoformat(),
                "value": int(cap.value),
                "projected": cap.projected,
            }
            for cap in year.jp_caps
        ],
        "lines": [
            {
                "group": line.group.id,
                "headcount": line.group.headcount,
                "monthly_wage": line.group.monthly_wage,
                "annual": line.annual,
                "by_program": line.by_program,
                "worker_annual": line.worker_annual,
            }
            for line in budget.lines
        ],
    }


def render_project_json(projection: Projection) -> str:
    return json.dumps(project_dict(projection), indent=2, ensure_ascii=False) + "\n"


def project_csv(projection: Projection) -> str:
    """One row per year per group per program, then a total row per year and for the window."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "city",
            "year",
            "group",
            "program",
            "headcount",
            "apbd_annual",
            "worker_annual",
            "jp_cap_projected",
        ]
    )
    city = projection.scenario.city
    for year in projection.years:
        for line in year.budget.lines:
            for program in line.programs:
                writer.writerow(
                    [
                        city,
                        year.year,
                        line.group.id,
                        program.program,
                        line.group.headcount,
                        program.annual,
                        program.worker_annual,
                        int(year.projected_cap),
                    ]
                )
        writer.writerow(
            [
                city,
                year.year,
                "TOTAL",
                "all",
                year.budget.headcount,
                year.budget.annual,
                year.budget.worker_annual,
                int(year.projected_cap),
            ]
        )
    writer.writerow(
        [city, "all", "TOTAL", "all", "", projection.annual, projection.worker_annual, ""]
    )
    return out.getvalue()
