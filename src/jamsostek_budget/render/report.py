"""The estimate as a format-neutral report: titled sections of text cells. The table and Markdown
renderers draw the same report, so they can never show different figures."""

from __future__ import annotations

from jamsostek_budget.budget import Budget, RateUse
from jamsostek_budget.planning.benefits import Benefits
from jamsostek_budget.render.labels import (
    MONTH_ABBR,
    PROGRAM_LABELS,
    first_month_total,
    months_label,
    number,
    per_person_label,
    percent,
    programs_label,
    rupiah,
    segment_label,
)
from jamsostek_budget.render.outcomes import (
    benefits_section,
    benefits_summary,
    coverage_section,
    coverage_summary,
)
from jamsostek_budget.render.sections import Report, Section

__all__ = ["Report", "Section", "estimate_report"]


ROSTER_NOTE = (
    "Costed from a roster: each participant's own income or wage and months; "
    "'per person a month' is the average over the participants covered that month."
)


def estimate_report(
    budget: Budget, benefits: Benefits | None = None, *, from_roster: bool = False
) -> Report:
    scenario = budget.scenario
    title = (
        f"{scenario.name}, {scenario.province}: BPJS Ketenagakerjaan premiums from the "
        f"APBD, fiscal year {budget.fiscal_year}"
    )
    summary = [
        f"APBD total: {rupiah(budget.annual)} a year for {number(budget.headcount)} people",
        f"Worker share (deducted from wages, not APBD): {rupiah(budget.worker_annual)} a year"
        if _has_worker_share(budget)
        else "No worker share: the Pemda pays the whole premium of BPU participants",
    ]
    summary += [line for line in (coverage_summary(budget),) if line]
    summary += [benefits_summary(benefits)] if benefits else []
    sections = [_lines(budget), _programs(budget), _months(budget)]
    sections += [section for section in (coverage_section(budget),) if section]
    sections += [benefits_section(benefits)] if benefits else []
    sections += [_rates(budget), _regulations(budget)]
    notes = ((ROSTER_NOTE,) if from_roster else ()) + _notes(budget)
    return Report(title, tuple(summary), tuple(sections), notes)


def _has_worker_share(budget: Budget) -> bool:
    return any(line.group.segment == "pu" for line in budget.lines)


def _lines(budget: Budget) -> Section:
    worker = _has_worker_share(budget)
    rows = tuple(
        (
            line.group.label,
            segment_label(line),
            number(line.group.headcount),
            programs_label(line),
            months_label(line),
            per_person_label(line),
            number(first_month_total(line)) + ("*" if line.per_person_varies else ""),
            number(line.annual),
            *([number(line.worker_annual)] if worker else []),
        )
        for line in budget.lines
    )
    footer = (
        "Total",
        "",
        number(budget.headcount),
        "",
        "",
        "",
        _steady_month(budget),
        number(budget.annual),
        *([number(budget.worker_annual)] if worker else []),
    )
    headers = (
        "Group",
        "Segment",
        "People",
        "Programs",
        "Months",
        "Per person\na month (Rp)",
        "APBD\na month (Rp)",
        "APBD\na year (Rp)",
        *(["Worker share\na year (Rp)"] if worker else []),
    )
    return Section("Per group", headers, rows, footer, frozenset({2, 5, 6, 7, 8}))


def _steady_month(budget: Budget) -> str:
    """The monthly total when it is the same every paying month, else a pointer to the schedule."""
    paying = {amount for amount in budget.monthly if amount}
    return number(paying.pop()) if len(paying) == 1 else "varies*"


def _months(budget: Budget) -> Section:
    worker = _has_worker_share(budget)
    rows = tuple(
        (
            MONTH_ABBR[index],
            rupiah(amount),
            *([rupiah(budget.worker_monthly[index])] if worker else []),
        )
        for index, amount in enumerate(budget.monthly)
    )
    footer = ("Total", rupiah(budget.annual), *([rupiah(budget.worker_annual)] if worker else []))
    headers = ("Month", "APBD", *(["Worker share"] if worker else []))
    return Section(f"Per month ({budget.fiscal_year})", headers, rows, footer, frozenset({1, 2}))


def _programs(budget: Budget) -> Section:
    worker = _has_worker_share(budget)
    rows = tuple(
        (
            PROGRAM_LABELS[program],
            rupiah(annual),
            *([rupiah(budget.worker_by_program[program])] if worker else []),
        )
        for program, annual in budget.by_program.items()
    )
    footer = ("Total", rupiah(budget.annual), *([rupiah(budget.worker_annual)] if worker else []))
    headers = ("Program", "APBD a year", *(["Worker share\na year"] if worker else []))
    return Section("Per program", headers, rows, footer, frozenset({1, 2}))


def _rate_value(use: RateUse) -> str:
    return rupiah(int(use.value)) if use.unit == "rupiah" else percent(use.value)


def _rates(budget: Budget) -> Section:
    rows = tuple(
        (
            use.label,
            _rate_value(use),
            use.effective.isoformat(),
            f"{use.regulation.id} {use.article}".strip(),
            use.confidence,
            use.last_checked.isoformat(),
        )
        for use in budget.rates_used
    )
    headers = ("Rate", "Value", "In force\nfrom", "Regulation", "Confidence", "Last\nchecked")
    return Section("Rates used", headers, rows, right=frozenset({1}))


def _regulations(budget: Budget) -> Section:
    rows = tuple((reg.id, reg.title, reg.url) for reg in budget.regulations)
    return Section("Regulations", ("Id", "Title", "URL"), rows)


def _notes(budget: Budget) -> tuple[str, ...]:
    notes = []
    if any(line.per_person_varies for line in budget.lines):
        notes.append(
            "* the premium changes during the year (a new JP wage cap in March, or a "
            "relief); 'APBD a month' is the first covered month, 'per person' the range."
        )
    notes += [
        f"Relief applied: {r.label} ({r.regulation} {r.article}, contribution months "
        f"{r.first_month} to {r.last_month})."
        for r in budget.reliefs_applied
    ]
    if budget.scenario.assumptions:
        notes.append(f"Assumptions: {budget.scenario.assumptions}")
    notes += [f"Source: {source}" for source in budget.scenario.sources]
    return tuple(notes)
