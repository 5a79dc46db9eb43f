"""The budget year per budget code, per office (OPD) and per funding source (sumber dana) in
`jbudget track`'s Report: planned (a live figure over the plan's lines sheet), billed, paid,
outstanding and the year projected; with a pagu per code, each code's pagu and balance; for a
source with a ceiling, the ceiling and what the year projected leaves of it. Each section only
when the plan has what it totals by (budget codes, the scenario's offices or sources)."""

from __future__ import annotations

from collections.abc import Iterable

from jamsostek_budget.i18n import N_, _
from jamsostek_budget.planning.tracking import Tracking, YearTotals
from jamsostek_budget.planning.tracking_totals import CodeTrack, OpdTrack, SourceTrack
from jamsostek_budget.render.shared.figures import Live, live, sum_of
from jamsostek_budget.render.shared.funding_names import opd_name, source_months, source_name
from jamsostek_budget.render.shared.labels import rupiah
from jamsostek_budget.render.shared.sections import Cell, Figure, Section, Signed

CODE_HEADERS = (N_("Budget code"), N_("Programs"))
CODE_PAGU_HEADERS = (N_("Pagu\n(Rp)"), N_("Balance\n(Rp)"))
AMOUNT_HEADERS = (
    N_("Planned\n(Rp)"),
    N_("Billed\n(Rp)"),
    N_("Paid\n(Rp)"),
    N_("Outstanding\n(Rp)"),
    N_("Projected\nyear (Rp)"),
)
CEILING_HEADERS = (N_("Ceiling\n(Rp)"), N_("Left\n(Rp)"))


def total_sections(tracking: Tracking) -> tuple[Section, ...]:
    """Per budget code, per office, per source: each when the plan has them."""
    return (*_codes(tracking), *_offices(tracking), *_sources(tracking))


def source_shortfalls(tracking: Tracking) -> tuple[str, ...]:
    """A line for each source whose year projected goes past its ceiling: one source's money
    cannot pay another's groups."""
    return tuple(
        _("Funding source {source}: the year projected is {amount} over its ceiling").format(
            source=source_name(track.source), amount=rupiah(-track.balance)
        )
        for track in tracking.by_source
        if track.balance is not None and track.balance < 0
    )


def _amounts(track: CodeTrack | OpdTrack | SourceTrack | YearTotals, planned: Live) -> list[Cell]:
    """Planned (a live figure of the plan), billed, paid, outstanding and the year projected."""
    return [
        Figure(track.planned, planned),
        track.billed,
        track.paid,
        track.outstanding,
        track.projected,
    ]


def _of_groups(groups: Iterable[str]) -> Live:
    return sum_of(live("annual", group=group) for group in groups)


def _code_row(code: CodeTrack, with_pagu: bool) -> tuple[Cell, ...]:
    planned = sum_of(live("annual", group=group, program=program) for group, program in code.parts)
    row: tuple[Cell, ...] = (
        _("(no budget code)") if code.code is None else code.code,
        ", ".join(program.upper() for program in code.programs),
        *_amounts(code, planned),
    )
    if with_pagu:
        row += (
            "" if code.pagu is None else code.pagu,
            "" if code.balance is None else Signed(code.balance),
        )
    return row


def _codes(tracking: Tracking) -> tuple[Section, ...]:
    """Per budget code (an account line of the RKA), with its pagu and balance when the pagu is
    given per code."""
    if not tracking.by_code:
        return ()
    with_pagu = any(code.pagu is not None for code in tracking.by_code)
    rows = tuple(_code_row(code, with_pagu) for code in tracking.by_code)
    totals = tracking.totals
    footer: tuple[Cell, ...] = (_("Total"), "", *_amounts(totals, live("annual")))
    headers = CODE_HEADERS + AMOUNT_HEADERS + (CODE_PAGU_HEADERS if with_pagu else ())
    if with_pagu:
        balance = totals.balance
        footer += (
            "" if totals.pagu is None else totals.pagu,
            "" if balance is None else Signed(balance),
        )
    numeric = frozenset(range(2, len(headers)))
    return (
        Section(
            _("Per budget code"), tuple(_(header) for header in headers), rows, footer, numeric
        ),
    )


def _offices(tracking: Tracking) -> tuple[Section, ...]:
    if not tracking.by_opd:
        return ()
    rows = tuple(
        (opd_name(track.opd), *_amounts(track, _of_groups(track.groups)))
        for track in tracking.by_opd
    )
    footer: tuple[Cell, ...] = (_("Total"), *_amounts(tracking.totals, live("annual")))
    headers = (_("Office (OPD)"), *(_(header) for header in AMOUNT_HEADERS))
    return (Section(_("Per office (OPD)"), headers, rows, footer, frozenset(range(1, 6))),)


def _sources(tracking: Tracking) -> tuple[Section, ...]:
    tracks = tracking.by_source
    if not tracks:
        return ()
    with_ceiling = any(track.pagu is not None for track in tracks)
    rows = tuple(_source_row(track, with_ceiling) for track in tracks)
    footer: tuple[Cell, ...] = (_("Total"), "", *_amounts(tracking.totals, live("annual")))
    if with_ceiling:
        ceilings = [track.pagu for track in tracks if track.pagu is not None]
        whole = len(ceilings) == len(tracks)  # a total ceiling only when every source has one
        footer += (
            sum(ceilings) if whole else "",
            Signed(sum(ceilings) - tracking.totals.projected) if whole else "",
        )
    headers = (
        _("Funding source"),
        _("Months"),
        *(_(header) for header in AMOUNT_HEADERS),
        *((_(header) for header in CEILING_HEADERS) if with_ceiling else ()),
    )
    numeric = frozenset(range(2, len(headers)))
    return (Section(_("Per funding source (sumber dana)"), headers, rows, footer, numeric),)


def _source_row(track: SourceTrack, with_ceiling: bool) -> tuple[Cell, ...]:
    row: tuple[Cell, ...] = (
        source_name(track.source),
        source_months(track.source),
        *_amounts(track, _of_groups(track.groups)),
    )
    if with_ceiling:
        row += (
            "" if track.pagu is None else track.pagu,
            "" if track.balance is None else Signed(track.balance),
        )
    return row
