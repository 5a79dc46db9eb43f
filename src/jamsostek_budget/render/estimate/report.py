"""The estimate as a format-neutral report: titled sections of text cells. The table and Markdown
renderers draw the same report, so they can never show different figures."""

from __future__ import annotations

from typing import TYPE_CHECKING

from jamsostek_budget.engine.budget import Budget, CodeTotal, GroupLine, RateUse
from jamsostek_budget.i18n import N_, _, in_language
from jamsostek_budget.render.estimate.funding import opd_section, opd_sheets, source_section
from jamsostek_budget.render.estimate.outcomes import (
    benefits_section,
    benefits_summary,
    coverage_section,
    coverage_summary,
)
from jamsostek_budget.render.shared.figures import Live, live, rate_figure, sum_of
from jamsostek_budget.render.shared.labels import (
    confidence_label,
    month_abbr,
    months_label,
    number,
    per_person_label,
    percent,
    program_label,
    programs_label,
    rupiah,
    rupiah_sen,
    segment_label,
)
from jamsostek_budget.render.shared.provenance import scenario_notes
from jamsostek_budget.render.shared.rate_labels import rate_label
from jamsostek_budget.render.shared.sections import (
    Bar,
    Cell,
    Chart,
    Figure,
    Money,
    Numeric,
    Report,
    Section,
    Style,
    count_figure,
    phrase,
    rupiah_figure,
)

if TYPE_CHECKING:  # annotations only: the estimate's report needs none of planning
    from jamsostek_budget.planning.benefits import Benefits

__all__ = ["Report", "Section", "estimate_report"]


ROSTER_NOTE = N_(
    "Costed from a roster: each participant's own income or wage and months; "
    "'per person a month' is the average over the participants covered that month."
)


def estimate_report(
    budget: Budget, benefits: Benefits | None = None, *, from_roster: bool = False
) -> Report:
    scenario = budget.scenario
    title = _(
        "{name}, {province}: BPJS Ketenagakerjaan premiums from the APBD, fiscal year {year}"
    ).format(name=scenario.name, province=scenario.province, year=budget.fiscal_year)
    summary: list[str] = [
        phrase(
            _("APBD total: {amount} a year for {people} people"),
            amount=rupiah_figure(budget.annual, live("annual")),
            people=count_figure(budget.headcount, live("people")),
        ),
        phrase(
            _("Worker share (deducted from wages, not APBD): {amount} a year"),
            amount=rupiah_figure(budget.worker_annual, live("worker_annual")),
        )
        if budget.has_worker_share
        else _("No worker share: the Pemda pays the whole premium of BPU participants"),
    ]
    summary += projected_summary(budget)
    summary += [line for line in (coverage_summary(budget),) if line]
    summary += [benefits_summary(benefits)] if benefits else []
    sections = [_lines(budget), _programs(budget), _months(budget)]
    sections += [
        section
        for section in (_budget_codes(budget), opd_section(budget), source_section(budget))
        if section
    ]
    sections += [section for section in (coverage_section(budget),) if section]
    sections += [benefits_section(benefits)] if benefits else []
    sections += [_rates(budget), _regulations(budget)]
    notes = ((_(ROSTER_NOTE),) if from_roster else ()) + _notes(budget)
    return Report(
        title,
        tuple(summary),
        tuple(sections),
        notes,
        (estimate_chart(budget),),
        sheets=opd_sheets(budget),
    )


def estimate_totals(budget: Budget) -> list[tuple[str, int]]:
    """The totals a budget document writes in words: the APBD total, and the worker share."""
    totals = [(_("APBD total"), budget.annual)]
    if budget.has_worker_share:
        totals.append((_("Worker share"), budget.worker_annual))
    return totals


def _lines(budget: Budget) -> Section:
    worker = budget.has_worker_share
    rows = tuple(
        (
            line.group.label,
            segment_label(line),
            Figure(line.group.headcount, live("people", group=line.group.id)),
            programs_label(line),
            months_label(line),
            _per_person(line),
            _first_month(line),
            Figure(line.annual, live("annual", group=line.group.id)),
            *(
                [Figure(line.worker_annual, live("worker_annual", group=line.group.id))]
                if worker
                else []
            ),
        )
        for line in budget.lines
    )
    footer: tuple[Cell, ...] = (
        _("Total"),
        "",
        Figure(budget.headcount, live("people")),
        "",
        "",
        "",
        _steady_month(budget),
        Figure(budget.annual, live("annual")),
        *([Figure(budget.worker_annual, live("worker_annual"))] if worker else []),
    )
    headers = (
        _("Group"),
        _("Segment"),
        _("People"),
        _("Programs"),
        _("Months"),
        _("Per person\na month (Rp)"),
        _("APBD\na month (Rp)"),
        _("APBD\na year (Rp)"),
        *([_("Worker share\na year (Rp)")] if worker else []),
    )
    return Section(_("Per group"), headers, rows, footer, frozenset({2, 5, 6, 7, 8}))


def _per_person(line: GroupLine) -> Cell:
    """One person a month; a range (text) when it changes during the year."""
    if line.per_person_varies:
        return per_person_label(line)
    amount = line.per_person_monthly
    figure = live("per_person_month", group=line.group.id)
    return Numeric(per_person_label(line), amount, "count", live=figure)


def _first_month(line: GroupLine) -> Cell:
    amount, first = line.first_month_apbd, line.months[0]
    figure = live("month", group=line.group.id, month=first)
    if line.per_person_varies:
        return Numeric(number(amount) + "*", amount, "count", live=figure, mark="*")
    return Figure(amount, figure)


def _steady_month(budget: Budget) -> Cell:
    """The monthly total when it is the same every paying month (0 when no month pays), else a
    pointer to the schedule, footnoted in _notes."""
    if _monthly_varies(budget):
        return _("varies*")
    first = next((month for month, amount in enumerate(budget.monthly, 1) if amount), None)
    if first is None:
        return 0
    return Figure(budget.steady_monthly or 0, live("month", month=first))


def _monthly_varies(budget: Budget) -> bool:
    return budget.steady_monthly is None and any(budget.monthly)


def _months(budget: Budget) -> Section:
    worker = budget.has_worker_share
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        (
            month_abbr(month),
            Money(amount, live("month", month=month)),
            *(
                [Money(budget.worker_monthly[month - 1], live("worker_month", month=month))]
                if worker
                else []
            ),
        )
        for month, amount in enumerate(budget.monthly, 1)
    )
    footer = _money_footer(budget, worker)
    headers = (_("Month"), "APBD", *([_("Worker share")] if worker else []))
    title = _("Per month ({year})").format(year=budget.fiscal_year)
    return Section(title, headers, rows, footer, frozenset({1, 2}))


def _money_footer(budget: Budget, worker: bool) -> tuple[Cell, ...]:
    worker_cells = [Money(budget.worker_annual, live("worker_annual"))] if worker else []
    return (_("Total"), Money(budget.annual, live("annual")), *worker_cells)


def _programs(budget: Budget) -> Section:
    worker = budget.has_worker_share
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        (
            program_label(program),
            Money(annual, live("annual", program=program)),
            *(
                [Money(budget.worker_by_program[program], live("worker_annual", program=program))]
                if worker
                else []
            ),
        )
        for program, annual in budget.by_program.items()
    )
    footer = _money_footer(budget, worker)
    headers = (_("Program"), _("APBD a year"), *([_("Worker share\na year")] if worker else []))
    return Section(_("Per program"), headers, rows, footer, frozenset({1, 2}))


def _budget_codes(budget: Budget) -> Section | None:
    """APBD a year per chart of accounts code, for the RKA; only when a group gives codes."""
    totals = budget.by_budget_code
    if all(total.code is None for total in totals):
        return None
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        (
            total.code or _("(no code)"),
            program_label(total.program),
            ", ".join(total.groups),
            Money(total.annual, _code_figure(budget, total)),
        )
        for total in totals
    )
    footer: tuple[Cell, ...] = (_("Total"), "", "", Money(budget.annual, live("annual")))
    headers = (_("Budget code"), _("Program"), _("Groups"), _("APBD a year"))
    return Section(_("Per budget code (RKA)"), headers, rows, footer, frozenset({3}))


def _code_figure(budget: Budget, total: CodeTotal) -> Live:
    """The lines of the groups that pay the program under the code."""
    groups = [
        line.group.id
        for line in budget.lines
        if any(p.program == total.program for p in line.programs)
        and line.group.budget_codes.get(total.program) == total.code
    ]
    return sum_of(live("annual", group=group, program=total.program) for group in groups)


def _rate_value(use: RateUse) -> Cell:
    """The rate as written (Rp10.000, 0,24%), its number and where the rates sheet has it."""
    rupiah_unit = use.unit == "rupiah"
    whole = use.value == use.value.to_integral_value()
    value = (
        (rupiah(int(use.value)) if whole else rupiah_sen(use.value))  # a decreed wage has sen
        if rupiah_unit
        else percent(use.value)
    )
    mark = " " + _("(projected)") if use.projected else ""
    number_value = (int(use.value) if whole else use.value) if rupiah_unit else use.value / 100
    style: Style = "rupiah" if rupiah_unit else "rate_percent"
    return Numeric(value + mark, number_value, style, live=rate_figure(use), mark=mark)


def projected_summary(budget: Budget) -> list[str]:
    """A line for every rate that is projected, not announced: the budget is only as good as
    the growth it assumes, so the report says it at the top."""
    return [
        _(
            "Projected, not announced yet: {label} {value} from {date} (PP 45/2015 Pasal 29 "
            "ayat (3): the previous value x (1 + GDP growth), rounded down to {step}), "
            "assuming GDP growth of {growth} a year"
        ).format(
            label=rate_label(use),
            value=rupiah(int(use.value)),
            date=use.effective.isoformat(),
            step=rupiah(100),
            growth="-"
            if use.assumed_growth_percent is None
            else percent(use.assumed_growth_percent),
        )
        for use in budget.rates_used
        if use.projected
    ]


def _rates(budget: Budget) -> Section:
    rows = tuple(
        (
            rate_label(use),
            _rate_value(use),
            use.effective.isoformat(),
            f"{use.regulation.id} {use.article}".strip(),
            confidence_label(use.confidence),
            use.last_checked.isoformat(),
        )
        for use in budget.rates_used
    )
    headers = (
        _("Rate"),
        _("Value"),
        _("In force\nfrom"),
        _("Regulation"),
        _("Confidence"),
        _("Last\nchecked"),
    )
    return Section(_("Rates used"), headers, rows, right=frozenset({1}))


def _regulations(budget: Budget) -> Section:
    rows = tuple((reg.id, reg.title, reg.url) for reg in budget.regulations)
    return Section(_("Regulations"), ("Id", _("Title"), "URL"), rows)


def _notes(budget: Budget) -> tuple[str, ...]:
    notes = []
    if _monthly_varies(budget):  # the footnote of _steady_month's "varies*"
        notes.append(
            _(
                "* varies: the APBD a month is not the same in every month (a group starts or "
                "ends during the year, or a premium changes); each month's amount is under "
                "'Per month'."
            )
        )
    if any(line.per_person_varies for line in budget.lines):
        notes.append(
            _(
                "* the premium changes during the year (a new JP wage cap in March, or a "
                "relief); 'APBD a month' is the first covered month, 'per person' the range."
            )
        )
    notes += [
        _(
            "Relief applied: {label} ({regulation} {article}, contribution months "
            "{first} to {last})."
        ).format(
            label=in_language(r.label, r.label_id),
            regulation=r.regulation,
            article=r.article,
            first=r.first_month,
            last=r.last_month,
        )
        for r in budget.reliefs_applied
    ]
    notes += scenario_notes(budget.scenario)
    return tuple(notes)


def estimate_chart(budget: Budget) -> Chart:
    """What each group costs the APBD in the fiscal year, in the order of the groups' table."""
    bars = tuple(
        Bar(line.group.label, line.annual, live("annual", group=line.group.id))
        for line in budget.lines
    )
    return Chart(_("APBD a year per group"), bars)
