"""Reliefs that overlap: two reliefs for the same contribution month, segment, program and
sector would both cut the premium (1 % of 1 % instead of 1 %), so the rate files are refused."""

from __future__ import annotations

from collections.abc import Sequence

from jamsostek_budget.errors import Problem
from jamsostek_budget.i18n import _
from jamsostek_budget.model.fields import month_number, year_month
from jamsostek_budget.model.rates import Relief
from jamsostek_budget.model.sourcemap import DataPath, SourceMap

Placed = tuple[Relief, SourceMap, DataPath]


def overlapping_reliefs(places: Sequence[Placed]) -> list[Problem]:
    """One problem for each relief that overlaps one listed before it, at its first_month."""
    problems = []
    for index, (relief, source, path) in enumerate(places):
        for other, other_source, other_path in places[:index]:
            shared = _shared(relief, other)
            if shared:
                where = _("{file} line {line}").format(
                    file=other_source.file, line=other_source.locate(other_path).line
                )
                message = _(
                    "relief {id} overlaps relief {other} ({where}) for {scope}: "
                    "both would cut the same premiums"
                ).format(id=relief.id, other=other.id, where=where, scope=shared)
                hint = _(
                    "give each contribution month, segment, program and sector one relief at "
                    "most: shorten a period or narrow a scope"
                )
                problems.append(source.problem((*path, "first_month"), message, hint))
                break
    return problems


def _shared(one: Relief, other: Relief) -> str:
    """The months, segments and programs both reliefs cover ('' when none)."""
    first = max(month_number(one.first_month), month_number(other.first_month))
    last = min(month_number(one.last_month), month_number(other.last_month))
    segments = [s for s in one.segments if s in other.segments]
    programs = [p for p in one.programs if p in other.programs]
    sectors = (
        one.sectors is None
        or other.sectors is None
        or any(sector in other.sectors for sector in one.sectors)
    )
    if first > last or not segments or not programs or not sectors:
        return ""
    return _("segments {segments}, programs {programs}, {first} to {last}").format(
        segments=", ".join(segments),
        programs=", ".join(programs),
        first=year_month(first),
        last=year_month(last),
    )
