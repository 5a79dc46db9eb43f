"""The tracked year added up per budget code, per office (OPD) and per funding source (sumber
dana), the way an RKA and a DPA list it: planned, billed, paid and outstanding to date and the
year projected, each held against its own limit (a code's pagu, a source's ceiling).

Each total adds up the group tracks of planning.tracking, so the codes, the offices and the
sources each add up to the year's totals. Offices and sources are the scenario's, in its order
(engine.funding_totals): a group belongs to one office and one source once model.expand has
split a group whose people several sources pay.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from jamsostek_budget.engine.budget import Budget, GroupLine
from jamsostek_budget.engine.funding_totals import opd_totals, sources_with_lines
from jamsostek_budget.model.fields import Program
from jamsostek_budget.model.funding import FundingSource, Opd
from jamsostek_budget.model.ledger import Pagu
from jamsostek_budget.planning.tracking_figures import MonthFigures

BalanceKind = Literal["surplus", "shortfall", "even"]


def balance_kind(balance: int | None) -> BalanceKind | None:
    """How a report says a balance in words: a surplus (SiLPA), a shortfall, or even."""
    if balance is None:
        return None
    return "surplus" if balance > 0 else "shortfall" if balance < 0 else "even"


class HeldAgainstPagu:
    """Billed, paid and projected held against a pagu: what is owed and the balance."""

    billed: int
    paid: int
    projected: int
    pagu: int | None

    @property
    def outstanding(self) -> int:
        return self.billed - self.paid

    @property
    def balance(self) -> int | None:
        """Pagu - projected: positive a surplus (SiLPA), negative a shortfall; None: no pagu."""
        return None if self.pagu is None else self.pagu - self.projected

    @property
    def balance_kind(self) -> BalanceKind | None:
        """How a report says the balance in words: a surplus (SiLPA), a shortfall, or even."""
        return balance_kind(self.balance)


class Tracked(Protocol):
    """What a total adds up: months and a projected year (planning.tracking's GroupTrack and
    ProgramTrack both give them)."""

    @property
    def months(self) -> tuple[MonthFigures, ...]: ...

    @property
    def projected(self) -> int: ...


@dataclass(frozen=True)
class CodeTrack(HeldAgainstPagu):
    """The year of one budget code (an account line of the RKA): the group programs paid from
    it added up, held against its own pagu when the pagu is given per code."""

    code: str | None  # None: programs the groups pay from no code
    parts: tuple[tuple[str, Program], ...]  # (group id, program) paid from the code, plan order
    planned: int
    billed: int
    paid: int
    projected: int
    pagu: int | None

    @property
    def programs(self) -> tuple[Program, ...]:
        return tuple(dict.fromkeys(program for _group, program in self.parts))

    @property
    def groups(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(group for group, _program in self.parts))


@dataclass(frozen=True)
class OpdTrack(HeldAgainstPagu):
    """The year of one office: its groups added up (an office has no limit of its own here)."""

    opd: Opd | None  # None: groups that name no office
    groups: tuple[str, ...]  # group ids, plan order
    planned: int
    billed: int
    paid: int
    projected: int
    pagu: int | None = None  # never given


@dataclass(frozen=True)
class SourceTrack(HeldAgainstPagu):
    """The year of one funding source: its groups added up, the year projected held against
    the source's ceiling (its pagu here; None without a ceiling)."""

    source: FundingSource | None  # None: groups that name no source
    groups: tuple[str, ...]  # group ids, plan order
    planned: int
    billed: int
    paid: int
    projected: int
    pagu: int | None


def by_code(
    budget: Budget, programs: Sequence[Sequence[tuple[Program, Tracked]]], pagu: Pagu | None
) -> tuple[CodeTrack, ...]:
    """The programs added up per budget code, in the order of Budget.by_budget_code (codes
    sorted, programs without a code last); nothing when no group gives a code. `programs`:
    each line's programs with their tracks, in plan order."""
    parts: dict[str | None, list[tuple[str, Program, Tracked]]] = {}
    for line, tracked in zip(budget.lines, programs, strict=True):
        for program, track in tracked:
            code = line.group.budget_codes.get(program)
            parts.setdefault(code, []).append((line.group.id, program, track))
    if set(parts) == {None}:
        return ()
    per_code = None if pagu is None else pagu.by_code
    order = sorted(parts, key=lambda code: (code is None, code or ""))
    return tuple(_code_track(code, parts[code], per_code) for code in order)


def _code_track(
    code: str | None,
    parts: Sequence[tuple[str, Program, Tracked]],
    per_code: Mapping[str, int] | None,
) -> CodeTrack:
    planned, billed, paid, projected = _added([track for _group, _program, track in parts])
    return CodeTrack(
        code=code,
        parts=tuple((group, program) for group, program, _track in parts),
        planned=planned,
        billed=billed,
        paid=paid,
        projected=projected,
        pagu=None if per_code is None or code is None else per_code.get(code),
    )


def by_opd(budget: Budget, groups: Mapping[str, Tracked]) -> tuple[OpdTrack, ...]:
    """The groups added up per office; nothing when the scenario lists no offices. `groups`:
    each group's track by group id."""
    return tuple(
        OpdTrack(total.opd, _ids(total.lines), *_added(_of(total.lines, groups)))
        for total in opd_totals(budget)
    )


def by_source(budget: Budget, groups: Mapping[str, Tracked]) -> tuple[SourceTrack, ...]:
    """The groups added up per funding source, each against its ceiling; nothing when the
    scenario lists no sources. A source no group names still shows (its figures 0)."""
    tracks = []
    for source, lines in sources_with_lines(budget):
        ceiling = None if source is None else source.ceiling
        tracks.append(SourceTrack(source, _ids(lines), *_added(_of(lines, groups)), ceiling))
    return tuple(tracks)


def _ids(lines: Sequence[GroupLine]) -> tuple[str, ...]:
    return tuple(line.group.id for line in lines)


def _of(lines: Sequence[GroupLine], groups: Mapping[str, Tracked]) -> list[Tracked]:
    return [groups[line.group.id] for line in lines]


def _added(tracks: Sequence[Tracked]) -> tuple[int, int, int, int]:
    """Planned, billed, paid and projected over the tracks' months and years."""
    months = [figures for track in tracks for figures in track.months]
    return (
        sum(figures.planned for figures in months),
        sum(figures.billed for figures in months),
        sum(figures.paid for figures in months),
        sum(track.projected for track in tracks),
    )
