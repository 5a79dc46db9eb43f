"""Reports for `jbudget project`: per year, per group and per program, with the window's totals;
JP wage caps that are projected rather than announced are marked."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from jamsostek_budget import __version__
from jamsostek_budget.planning.projection import Projection, Year
from jamsostek_budget.render.labels import PROGRAM_LABELS, number, rupiah
from jamsostek_budget.render.sections import Report, Section

PROJECTED_MARK = "*"


def project_report(projection: Projection) -> Report:
    scenario, years = projection.scenario, projection.years
    span = f"{years[0].year}-{years[-1].year}" if len(years) > 1 else str(years[0].year)
    title = f"{scenario.name}, {scenario.province}: projection {span}"
    summary = (
        f"APBD total {span}: {rupiah(projection.annual)}",
        f"Worker share {span}: {rupiah(projection.worker_annual)}",
        _assumptions(projection),
    )
    sections = (_per_year(projection), _per_group(projection), _per_program(projection))
    return Report(title, summary, sections, _notes(projection))


def _assumptions(projection: Projection) -> str:
    a = projection.assumptions
    return (
        f"Assumptions a year: headcount {_pct(a.headcount_growth_percent)}, PU wages "
        f"{_pct(a.wage_growth_percent)}, GDP growth for unannounced JP caps "
        f"{_pct(a.gdp_growth_percent)} (groups may set their own growth or headcounts)"
    )


def _pct(value: object) -> str:
    return f"{value} %".replace(".", ",")


def _cap_label(year: Year) -> str:
    return " / ".join(
        rupiah(int(cap.value)) + (PROJECTED_MARK if cap.projected else "") for cap in year.jp_caps
    )


def _per_year(projection: Projection) -> Section:
    rows = tuple(
        (
            str(y.year),
            number(y.budget.headcount),
            number(y.budget.annual),
            number(y.budget.worker_annual),
            _cap_label(y),
        )
        for y in projection.years
    )
    footer = ("Total", "", number(projection.annual), number(projection.worker_annual), "")
    headers = (
        "Year",
        "People",
        "APBD\na year (Rp)",
        "Worker share\na year (Rp)",
        "JP wage cap\n(Jan-Feb / from March)",
    )
    return Section("Per year", headers, rows, footer, frozenset({1, 2, 3}))


def _group_ids(projection: Projection) -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for year in projection.years:
        for line in year.budget.lines:
            seen.setdefault(line.group.id, line.group.label)
    return list(seen.items())


def _per_group(projection: Projection) -> Section:
    years = projection.years
    rows = []
    for group_id, label in _group_ids(projection):
        cells = [
            number(next((ln.annual for ln in y.budget.lines if ln.group.id == group_id), 0))
            for y in years
        ]
        rows.append((label, *cells, number(projection.group_total(group_id))))
    footer = ("Total", *[number(y.budget.annual) for y in years], number(projection.annual))
    headers = ("Group", *[f"{y.year}\n(Rp)" for y in years], "Total\n(Rp)")
    return Section(
        "Per group, APBD a year", headers, tuple(rows), footer, frozenset(range(1, len(headers)))
    )


def _per_program(projection: Projection) -> Section:
    years = projection.years
    rows = tuple(
        (
            PROGRAM_LABELS[program],
            *[number(y.budget.by_program.get(program, 0)) for y in years],
            number(total),
        )
        for program, total in projection.by_program.items()
    )
    footer = ("Total", *[number(y.budget.annual) for y in years], number(projection.annual))
    headers = ("Program", *[f"{y.year}\n(Rp)" for y in years], "Total\n(Rp)")
    return Section(
        "Per program, APBD a year", headers, rows, footer, frozenset(range(1, len(headers)))
    )


def _notes(projection: Projection) -> tuple[str, ...]:
    notes = []
    if any(year.projected_cap for year in projection.years):
        notes.append(
            f"{PROJECTED_MARK} projected JP wage cap: not announced yet; extended with "
            "PP 45/2015 Pasal 29 (previous cap x (1 + GDP growth), rounded down to "
            "Rp100)."
        )
    notes.append(
        "Each year uses the rates in force on the 1st of each of its months; headcounts "
        "and wages grow from the scenario's fiscal year and are rounded once a year."
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
