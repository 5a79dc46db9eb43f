"""A budget as SIPD's RKA lines: one line per office, sub kegiatan, account code (kode rekening)
and funding source (sumber dana), each with its detail lines (rincian): people x months x the
price of one person a month, one detail per group and run of months at one price.

A group's programs budgeted under the same code make one price (BPU JKK + JKM under one code:
Rp16.800); a price that changes during the year (the JP wage cap in March, a relief) splits the
group into one detail per run of months (GroupLine.rate_periods). A roster's line is not people
x months x price (its people change from month to month, its price is an average): it is a
detail with its amount and no price. Every detail's amount is a sum of the engine's monthly
amounts, so the lines add up to the budget's total to the Rupiah.
"""

from __future__ import annotations

from dataclasses import dataclass

from jamsostek_budget.engine.budget import Budget, GroupLine, Period, ProgramLine, add_months
from jamsostek_budget.model.fields import Program
from jamsostek_budget.model.funding import FundingSource, Opd, SubKegiatan


@dataclass(frozen=True)
class RkaDetail:
    """One rincian: a group's programs under one code, for one run of months at one price;
    period None for a roster's line, whose amount is not people x months x price."""

    group: GroupLine
    programs: tuple[Program, ...]
    period: Period | None
    amount: int

    @property
    def computed(self) -> bool:
        """Whether the amount is people x months x price (always, for a period)."""
        return self.period is not None


@dataclass(frozen=True)
class RkaLine:
    """What one office budgets under one sub kegiatan, code and funding source."""

    opd: Opd | None  # None: the groups name no office
    code: str | None  # None: the groups give no code for these programs
    source: FundingSource | None  # None: the groups name no source
    details: tuple[RkaDetail, ...]

    @property
    def sub_kegiatan(self) -> SubKegiatan | None:
        return None if self.opd is None else self.opd.sub_kegiatan

    @property
    def amount(self) -> int:
        return sum(detail.amount for detail in self.details)


def rka_lines(budget: Budget) -> tuple[RkaLine, ...]:
    """The budget's RKA lines, by office (in the scenario's order, none last), code (in order,
    none last) and source (in the scenario's order, none last). Adds up to budget.annual."""
    scenario = budget.scenario
    offices = {opd.id: opd for opd in scenario.opds}
    sources = {source.id: source for source in scenario.funding_sources}
    found: dict[tuple[str | None, str | None, str | None], list[RkaDetail]] = {}
    for line in budget.lines:
        for code, programs in _by_code(line).items():
            funding = line.group.funding  # one source id once expanded (model.expand)
            key = (line.group.opd, code, funding if isinstance(funding, str) else None)
            found.setdefault(key, []).extend(_details(line, programs))
    office_order = [*offices, None]
    source_order = [*sources, None]
    ordered = sorted(
        found,
        key=lambda key: (
            office_order.index(key[0]) if key[0] in office_order else len(office_order),
            key[1] is None,
            key[1] or "",
            source_order.index(key[2]) if key[2] in source_order else len(source_order),
        ),
    )
    lines = (
        RkaLine(
            offices.get(opd) if opd else None,
            code,
            sources.get(source) if source else None,
            tuple(found[(opd, code, source)]),
        )
        for opd, code, source in ordered
    )
    return tuple(line for line in lines if line.details)  # a group fitted to no one has none


def _by_code(line: GroupLine) -> dict[str | None, tuple[ProgramLine, ...]]:
    """The group's program lines per budget code (None: no code), in program order."""
    codes: dict[str | None, list[ProgramLine]] = {}
    for program in line.programs:
        codes.setdefault(line.group.budget_codes.get(program.program), []).append(program)
    return {code: tuple(programs) for code, programs in codes.items()}


def _details(line: GroupLine, programs: tuple[ProgramLine, ...]) -> list[RkaDetail]:
    """One detail per run of months at one price of the programs together; one detail with
    the amount when any of them is not people x rate (a roster's line)."""
    names = tuple(program.program for program in programs)
    together = ProgramLine(
        programs[0].program,
        add_months(program.per_person for program in programs),
        add_months(program.apbd for program in programs),
        add_months(program.worker for program in programs),
    )
    periods = line.rate_periods(together)
    if periods is None or any(line.rate_periods(program) is None for program in programs):
        return [RkaDetail(line, names, None, together.annual)]
    return [RkaDetail(line, names, period, period.annual) for period in periods if period.annual]
