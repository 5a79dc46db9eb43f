"""The quarterly report a Pemda sends Kemendagri on its workers' social security (SE Mendagri
842.2/5193/SJ, 11 November 2021): per category (a scenario group), the people covered, the
budget for the year and for the quarter, and the realization when bills are given.

The SE's own report form was not found (see README): the shape follows what the SE asks, that
every worker be registered and the premiums be budgeted and paid. Every figure is the
estimate's or the tracking's, added: the quarter is the sum of its three months."""

from __future__ import annotations

from dataclasses import dataclass

from jamsostek_budget.engine.budget import Budget, GroupLine
from jamsostek_budget.model.fields import Program
from jamsostek_budget.planning.tracking import GroupTrack, Tracking


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int  # 1-4

    @property
    def months(self) -> tuple[int, int, int]:
        first = 3 * self.number - 2
        return first, first + 1, first + 2

    @property
    def label(self) -> str:
        return f"{self.year}-Q{self.number}"


@dataclass(frozen=True)
class Realization:
    """From the bills and payments, for one category or in total."""

    billed_quarter: int
    paid_quarter: int
    paid_to_date: int  # January to the quarter's last month


@dataclass(frozen=True)
class CategoryRow:
    group_id: str
    label: str
    segment: str
    staff_type: str | None
    programs: tuple[Program, ...]
    people: int  # the plan's headcount
    billed_people: int | None  # participants on the latest bill up to the quarter's end
    year_budget: int
    quarter_budget: int
    realization: Realization | None


@dataclass(frozen=True)
class QuarterlyReport:
    budget: Budget
    quarter: Quarter
    rows: tuple[CategoryRow, ...]
    obstacles: str  # free text; empty when none was given
    tracked: bool  # bills were given

    @property
    def people(self) -> int:
        return sum(row.people for row in self.rows)

    @property
    def year_budget(self) -> int:
        return sum(row.year_budget for row in self.rows)

    @property
    def quarter_budget(self) -> int:
        return sum(row.quarter_budget for row in self.rows)

    @property
    def realization(self) -> Realization | None:
        found = [row.realization for row in self.rows if row.realization is not None]
        if not self.tracked:
            return None
        return Realization(
            sum(r.billed_quarter for r in found),
            sum(r.paid_quarter for r in found),
            sum(r.paid_to_date for r in found),
        )


def quarterly(
    budget: Budget, quarter: Quarter, tracking: Tracking | None, obstacles: str = ""
) -> QuarterlyReport:
    tracks = {} if tracking is None else {track.group_id: track for track in tracking.groups}
    rows = tuple(_row(line, quarter, tracks.get(line.group.id), tracking) for line in budget.lines)
    return QuarterlyReport(budget, quarter, rows, obstacles, tracking is not None)


def _row(
    line: GroupLine, quarter: Quarter, track: GroupTrack | None, tracking: Tracking | None
) -> CategoryRow:
    group = line.group
    return CategoryRow(
        group.id,
        group.label,
        group.segment,
        group.staff_type,
        tuple(group.programs),
        group.headcount,
        _billed_people(track, quarter),
        line.annual,
        sum(line.monthly[month - 1] for month in quarter.months),
        None if tracking is None else _realization(track, quarter),
    )


def _realization(track: GroupTrack | None, quarter: Quarter) -> Realization:
    if track is None:
        return Realization(0, 0, 0)
    months = track.months
    in_quarter = [months[month - 1] for month in quarter.months]
    return Realization(
        sum(month.billed for month in in_quarter),
        sum(month.paid for month in in_quarter),
        sum(month.paid for month in months[: quarter.months[-1]]),
    )


def _billed_people(track: GroupTrack | None, quarter: Quarter) -> int | None:
    """Participants on the group's latest bill for a month up to the quarter's end."""
    if track is None:
        return None
    billed = [m.participants for m in track.months[: quarter.months[-1]] if m.billed_lines]
    return next((people for people in reversed(billed) if people is not None), None)
