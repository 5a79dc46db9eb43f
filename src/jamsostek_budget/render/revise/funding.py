"""The budget versions per funding source (sumber dana) in `jbudget revise`'s Report: what each
source pays in the adopted plan (murni), the APBD Perubahan and the efficiency cut, with its
ceiling and the change from each version to the next. Only when the scenario lists sources."""

from __future__ import annotations

from itertools import pairwise

from jamsostek_budget.i18n import _
from jamsostek_budget.planning.versions import VersionComparison, VersionRow
from jamsostek_budget.render.shared.funding_names import source_name
from jamsostek_budget.render.shared.labels import rupiah
from jamsostek_budget.render.shared.sections import Cell, Section, Signed

ABSENT = "-"


def source_versions(comparison: VersionComparison) -> tuple[Section, ...]:
    """The versions side by side per funding source, a total row that adds up to the groups'."""
    if not comparison.sources:
        return ()
    versions = comparison.versions
    headers = (
        _("Funding source"),
        _("Ceiling\n(Rp)"),
        *(f"{version.label} (Rp)" for version in versions),
        *(f"{later.kind} - {earlier.kind}" for earlier, later in pairwise(versions)),
    )
    rows = tuple(_row(comparison, row) for row in comparison.sources)
    totals = tuple(
        None if any(amount is None for amount in column) else sum(a or 0 for a in column)
        for column in zip(*(row.amounts for row in comparison.sources), strict=True)
    )
    footer = _cells(_("Total"), "", VersionRow("", "", totals))
    title = _("Budget versions per funding source (sumber dana)")
    return (Section(title, headers, rows, footer, frozenset(range(1, len(headers)))),)


def source_overruns(comparison: VersionComparison) -> tuple[str, ...]:
    """A line for each version in which a source pays more than its ceiling: its groups cannot
    be paid from another source's money."""
    sources = comparison.funding_sources
    lines = []
    for row in comparison.sources:
        source = sources.get(row.key)
        if source is None or source.ceiling is None:
            continue
        for version, amount in zip(comparison.versions, row.amounts, strict=True):
            if amount is not None and amount > source.ceiling:
                lines.append(
                    _(
                        "Funding source {source}: the {version} pays {amount} over its ceiling"
                    ).format(
                        source=source_name(source),
                        version=version.label,
                        amount=rupiah(amount - source.ceiling),
                    )
                )
    return tuple(lines)


def _row(comparison: VersionComparison, row: VersionRow) -> tuple[Cell, ...]:
    source = comparison.funding_sources.get(row.key)
    ceiling: Cell = "" if source is None or source.ceiling is None else source.ceiling
    return _cells(source_name(source), ceiling, row)


def _cells(name: str, ceiling: Cell, row: VersionRow) -> tuple[Cell, ...]:
    return (
        name,
        ceiling,
        *(ABSENT if amount is None else amount for amount in row.amounts),
        *(ABSENT if change is None else Signed(change) for change in row.changes),
    )
