"""A group's budget codes against the chart of accounts for the scenario's fiscal year (rates/
chart-of-accounts.yaml): a code the chart does not list for the year is a warning that names the
nearest code it lists (difflib), among the codes named for the same program first: a typo or an
old code is usually a digit or two away, and 0060 is as near 0008 as 0006 by the digits alone."""

from __future__ import annotations

import difflib
from dataclasses import replace

from jamsostek_budget.errors import Problem
from jamsostek_budget.i18n import _
from jamsostek_budget.model.chart import ChartCode
from jamsostek_budget.model.fields import Program
from jamsostek_budget.model.ratetable import RateTable
from jamsostek_budget.model.scenario import Scenario
from jamsostek_budget.model.sourcemap import SourceMap

# How the chart's names name each program's premium (Belanja Iuran Jaminan Kecelakaan Kerja ...).
PROGRAM_NAMES: dict[Program, str] = {
    "jkk": "Kecelakaan Kerja",
    "jkm": "Kematian",
    "jht": "Hari Tua",
    "jp": "Pensiun",
}


def chart_warnings(scenario: Scenario, source: SourceMap, table: RateTable) -> list[Problem]:
    """One warning per group and program whose budget code the chart does not list for the
    fiscal year; none without a chart."""
    if not table.chart:
        return []
    year = scenario.fiscal_year
    listed = {code.code: code for code in table.chart if code.listed_in(year)}
    known = {code.code: code for code in table.chart}
    warnings = []
    for index, group in enumerate(scenario.groups):
        for program, code in group.budget_codes.items():
            if code in listed:
                continue
            message = _not_listed(code, year, known.get(code))
            problem = source.problem(
                ("groups", index, "budget_codes", program), message, _hint(code, program, listed)
            )
            warnings.append(replace(problem, severity="warning"))
    return warnings


def _not_listed(code: str, year: int, known: ChartCode | None) -> str:
    if known is not None and known.first_year is not None and year < known.first_year:
        return _(
            "budget code {code} is not in the chart of accounts for {year}: the earliest "
            "dated copy that lists it is for {first}"
        ).format(code=code, year=year, first=known.first_year)
    if known is not None and known.last_year is not None:
        return _("budget code {code} is in the chart of accounts up to {last} only").format(
            code=code, last=known.last_year
        )
    return _("budget code {code} is not in the chart of accounts for {year}").format(
        code=code, year=year
    )


def nearest_code(code: str, program: Program, listed: dict[str, ChartCode]) -> ChartCode | None:
    """The listed code most like `code`, one named for `program` first, then any."""
    words = PROGRAM_NAMES[program]

    def likeness(item: ChartCode) -> tuple[bool, float, str]:
        same_program = words in (item.name or "")
        return same_program, difflib.SequenceMatcher(None, code, item.code).ratio(), item.code

    return max(listed.values(), key=likeness, default=None)


def _hint(code: str, program: Program, listed: dict[str, ChartCode]) -> str:
    found = nearest_code(code, program, listed)
    if found is None:
        return _("check the code in SIPD (rates/chart-of-accounts.yaml lists the codes)")
    return _("the nearest code listed is {code} ({name}); check the code in SIPD").format(
        code=found.code, name=found.name or _("name not found")
    )
