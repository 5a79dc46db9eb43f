"""The budget year as of a date (`jbudget track`) as a Report, drawn by the table, Markdown, HTML
and Excel renderers unchanged (the 80-column layouts of render.shared.fitted apply).

In the workbook the planned figures are live formulas over the lines sheet of the plan (an
edited headcount moves them); billed, paid, outstanding and what derives from them are plain
numbers, as the bills and payments files gave them: they are not on any sheet to refer to.
"""

from __future__ import annotations

from jamsostek_budget.i18n import N_, _
from jamsostek_budget.model.ledger import Rejected
from jamsostek_budget.planning.tracking import GroupTrack, Tracking, YearTotals
from jamsostek_budget.planning.tracking_figures import MonthFigures
from jamsostek_budget.planning.tracking_result import FileCount, TrackResult
from jamsostek_budget.render.shared.figures import live
from jamsostek_budget.render.shared.labels import confidence_label, number, rupiah, segment_label
from jamsostek_budget.render.shared.sections import (
    Cell,
    Figure,
    Report,
    Section,
    phrase,
    rupiah_figure,
)
from jamsostek_budget.render.track.totals import source_shortfalls, total_sections

MONTH_HEADERS = (
    N_("Month"),
    N_("Due"),
    N_("Planned\n(Rp)"),
    N_("Billed\n(Rp)"),
    N_("Paid\n(Rp)"),
    N_("Outstanding\n(Rp)"),
    N_("Days\nlate"),
)
GROUP_HEADERS = (
    N_("Group"),
    N_("Segment"),
    N_("Planned\n(Rp)"),
    N_("Billed\n(Rp)"),
    N_("Paid\n(Rp)"),
    N_("Outstanding\n(Rp)"),
    N_("Projected\nyear (Rp)"),
    N_("Unpaid\nmonths"),
)


def month_text(figures: MonthFigures) -> str:
    year, month = figures.month
    return f"{year}-{month:02d}"


def track_report(result: TrackResult) -> Report:
    tracking = result.tracking
    title = _("{name}: the budget year {year} as of {date}").format(
        name=result.budget.scenario.name,
        year=tracking.fiscal_year,
        date=tracking.as_of.isoformat(),
    )
    sections = (
        _months(tracking),
        _groups(result),
        *total_sections(tracking),
        *_at_risk(tracking),
        *_credits(tracking),
        _rules(tracking),
        *_rejected(result),
    )
    return Report(title, _headline(result), sections, _notes())


def _headline(result: TrackResult) -> tuple[str, ...]:
    totals = result.tracking.totals
    coded = [code for code in result.tracking.by_code if code.pagu is not None]
    pagu = (
        _("Pagu: none given, so no balance")
        if totals.pagu is None
        else _("Pagu: {amount}, the sum of the pagu of {count} budget codes").format(
            amount=rupiah(totals.pagu), count=number(len(coded))
        )
        if coded
        else _("Pagu: {amount}").format(amount=rupiah(totals.pagu))
    )
    return (
        pagu,
        phrase(
            _("Planned for the year: {amount}"),
            amount=rupiah_figure(totals.planned, live("annual")),
        ),
        _("Billed to date: {billed}; paid to date: {paid}; outstanding: {outstanding}").format(
            billed=rupiah(totals.billed),
            paid=rupiah(totals.paid),
            outstanding=rupiah(totals.outstanding),
        ),
        _("Arrears (outstanding past the due date): {amount}").format(
            amount=rupiah(totals.arrears)
        ),
        _(
            "Projected for the year: {amount} (billed to date, then the plan at the latest "
            "billed headcount)"
        ).format(amount=rupiah(totals.projected)),
        *_balance(result.tracking),
        *source_shortfalls(result.tracking),
        *(_file_line(counted) for counted in result.files),
    )


def _balance(tracking: Tracking) -> tuple[str, ...]:
    totals = tracking.totals
    balance = totals.balance
    if balance is None:
        return ()
    template = (
        _(
            "Budget code {code}: a shortfall of {amount}, though the total has room: a shift "
            "between codes (pergeseran) or the APBD Perubahan must cover it"
        )
        if balance >= 0
        else _("Budget code {code}: a shortfall of {amount}")
    )
    short = tuple(
        template.format(code=code.code, amount=rupiah(-code.balance))
        for code in tracking.by_code
        if code.balance is not None and code.balance < 0
    )
    return _total_balance(tracking) + short


def _total_balance(tracking: Tracking) -> tuple[str, ...]:
    totals = tracking.totals
    balance = totals.balance
    if balance is None:
        return ()
    if totals.balance_kind == "surplus":
        return (_("Balance: a surplus (SiLPA) of {amount}").format(amount=rupiah(balance)),)
    if totals.balance_kind == "shortfall":
        return (_("Balance: a shortfall of {amount}").format(amount=rupiah(-balance)),)
    return (_("Balance: the projection uses the whole pagu"),)


def _file_line(counted: FileCount) -> str:
    return _("{file}: {read} rows read = {used} used + {rejected} rejected + {blank} blank").format(
        file=counted.file,
        read=number(counted.rows_read),
        used=number(counted.used),
        rejected=number(len(counted.rejected)),
        blank=number(counted.blank),
    )


def _amounts(planned: Figure, billed: int, paid: int) -> tuple[Cell, ...]:
    """Planned (a live figure of the plan), billed, paid and outstanding."""
    return (planned, billed, paid, billed - paid)


def _month_cells(figures: MonthFigures) -> tuple[Cell, ...]:
    planned = Figure(figures.planned, live("month", month=figures.month[1]))
    return _amounts(planned, figures.billed, figures.paid)


def _total_amounts(totals: YearTotals) -> tuple[Cell, ...]:
    return _amounts(Figure(totals.planned, live("annual")), totals.billed, totals.paid)


def _months(tracking: Tracking) -> Section:
    rows = tuple(
        (
            month_text(figures),
            figures.due.isoformat(),
            *_month_cells(figures),
            figures.days_late,
        )
        for figures in tracking.months
    )
    totals = tracking.totals
    footer = (_("Total"), "", *_total_amounts(totals), "")
    headers = tuple(_(header) for header in MONTH_HEADERS)
    return Section(_("Per month"), headers, rows, footer, frozenset({2, 3, 4, 5, 6}))


def _group_row(result: TrackResult, group: GroupTrack) -> tuple[Cell, ...]:
    line = next(line for line in result.budget.lines if line.group.id == group.group_id)
    planned = sum(figures.planned for figures in group.months)
    billed = sum(figures.billed for figures in group.months)
    paid = sum(figures.paid for figures in group.months)
    return (
        group.label,
        segment_label(line),
        *_amounts(Figure(planned, live("annual", group=group.group_id)), billed, paid),
        group.projected,
        group.unpaid_months,
    )


def _groups(result: TrackResult) -> Section:
    rows = tuple(_group_row(result, group) for group in result.tracking.groups)
    totals = result.tracking.totals
    footer = (_("Total"), "", *_total_amounts(totals), totals.projected, "")
    headers = tuple(_(header) for header in GROUP_HEADERS)
    return Section(_("Per group"), headers, rows, footer, frozenset(range(2, 8)))


def _at_risk(tracking: Tracking) -> tuple[Section, ...]:
    if not tracking.at_risk:
        return ()
    rows = tuple(
        (
            group.label,
            "" if group.latest_participants is None else group.latest_participants,
            group.unpaid_months,
        )
        for group in tracking.at_risk
    )
    headers = (_("Group"), _("Participants"), _("Unpaid months"))
    return (
        Section(_("BPU groups at risk of deactivation"), headers, rows, None, frozenset({1, 2})),
    )


def _credits(tracking: Tracking) -> tuple[Section, ...]:
    if not tracking.credits:
        return ()
    rows = tuple(
        (
            credit.payment.reference,
            credit.payment.paid_on.isoformat(),
            _where(credit.payment.source.file, credit.payment.source.line, ""),
            credit.amount,
        )
        for credit in tracking.credits
    )
    headers = (_("SP2D"), _("Date"), _("Line"), _("Credit (Rp)"))
    return (Section(_("Credits: payments no bill absorbed"), headers, rows, None, frozenset({3})),)


def _rules(tracking: Tracking) -> Section:
    rows = tuple(
        (_(rule.text), "; ".join(rule.sources), confidence_label(rule.confidence))
        for rule in tracking.rules
    )
    headers = (_("Rule"), _("Sources"), _("Confidence"))
    return Section(_("Due dates and deactivation: the rules"), headers, rows)


def _where(file: str, line: int, sheet: str) -> str:
    if sheet:
        return _("{file}, sheet {sheet}, line {line}").format(file=file, sheet=sheet, line=line)
    return _("{file}, line {line}").format(file=file, line=line)


def _rejected_row(row: Rejected) -> tuple[Cell, ...]:
    source = row.source
    return (_where(source.file, source.line, source.sheet), "; ".join(row.reasons))


def _rejected(result: TrackResult) -> tuple[Section, ...]:
    rejected = result.rejected
    if not rejected:
        return ()
    rows = tuple(_rejected_row(row) for row in rejected)
    headers = (_("Row"), _("Why it is not used"))
    return (Section(_("Rejected rows"), headers, rows),)


def _notes() -> tuple[str, ...]:
    return (
        _(
            "Payments settle the oldest month owed first, unless a payment names its month; "
            "what no bill absorbs is a credit. Days late: of a month paid in full, from its due "
            "date to the payment that completed it; of a month still owed, to the as-of date."
        ),
    )


def track_totals(result: TrackResult) -> list[tuple[str, int]]:
    """The key totals, for --words."""
    totals = result.tracking.totals
    named = [
        (_("Planned for the year"), totals.planned),
        (_("Billed to date"), totals.billed),
        (_("Paid to date"), totals.paid),
        (_("Outstanding"), totals.outstanding),
        (_("Projected for the year"), totals.projected),
    ]
    if totals.pagu is not None and totals.balance is not None:
        named = [(_("Pagu"), totals.pagu), *named, (_("Balance"), abs(totals.balance))]
    return named
