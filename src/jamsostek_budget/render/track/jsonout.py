"""The budget year as of a date as JSON (the contract of issue 15): money in integer Rupiah,
months as "2025-01", dates as ISO text; beside the contract's keys, each group's programs, the
BPU groups at risk, the credits, the rules with their sources and the rejected rows."""

from __future__ import annotations

from typing import Any

from jamsostek_budget import __version__
from jamsostek_budget.model.ledger import Rejected
from jamsostek_budget.planning.tracking import GroupTrack, YearTotals
from jamsostek_budget.planning.tracking_figures import MonthFigures
from jamsostek_budget.planning.tracking_result import FileCount, TrackResult
from jamsostek_budget.planning.tracking_totals import CodeTrack, OpdTrack, SourceTrack


def track_dict(result: TrackResult) -> dict[str, Any]:
    tracking = result.tracking
    scenario = result.budget.scenario
    return {
        "city": scenario.city,
        "name": scenario.name,
        "fiscal_year": tracking.fiscal_year,
        "as_of": tracking.as_of.isoformat(),
        "pagu": tracking.totals.pagu,
        "months": [month_dict(figures) for figures in tracking.months],
        "by_group": [_group(group) for group in tracking.groups],
        "by_budget_code": [_code(code) for code in tracking.by_code],
        "by_opd": [_opd(track) for track in tracking.by_opd],
        "by_source": [_source(track) for track in tracking.by_source],
        "totals": _totals(tracking.totals),
        "at_risk": [group.group_id for group in tracking.at_risk],
        "credits": [
            {
                "reference": credit.payment.reference,
                "date": credit.payment.paid_on.isoformat(),
                "amount": credit.amount,
                "file": credit.payment.source.file,
                "line": credit.payment.source.line,
            }
            for credit in tracking.credits
        ],
        "rules": [
            {
                "id": rule.id,
                "text": rule.text,
                "sources": list(rule.sources),
                "confidence": rule.confidence,
                "recorded": rule.recorded.isoformat(),
            }
            for rule in tracking.rules
        ],
        "files": [_file(counted) for counted in result.files],
        "rejected": [_rejected(row) for row in result.rejected],
        "jbudget_version": __version__,
    }


def month_dict(figures: MonthFigures) -> dict[str, Any]:
    year, month = figures.month
    return {
        "month": f"{year}-{month:02d}",
        "planned": figures.planned,
        "billed": figures.billed,
        "paid": figures.paid,
        "outstanding": figures.outstanding,
        "due": figures.due.isoformat(),
        "days_late": figures.days_late,
        "participants": figures.participants,
    }


def _group(group: GroupTrack) -> dict[str, Any]:
    return {
        "group": group.group_id,
        "label": group.label,
        "segment": group.segment,
        "planned": sum(figures.planned for figures in group.months),
        "billed": sum(figures.billed for figures in group.months),
        "paid": sum(figures.paid for figures in group.months),
        "outstanding": sum(figures.outstanding for figures in group.months),
        "projected_year": group.projected,
        "latest_participants": group.latest_participants,
        "unpaid_months": group.unpaid_months,
        "at_risk": group.at_risk,
        "programs": [
            {
                "program": program.program,
                "projected_year": program.projected,
                "months": [month_dict(figures) for figures in program.months],
            }
            for program in group.programs
        ],
    }


def _code(code: CodeTrack) -> dict[str, Any]:
    return {
        "budget_code": code.code,
        "programs": list(code.programs),
        "groups": list(code.groups),
        "planned": code.planned,
        "billed": code.billed,
        "paid": code.paid,
        "outstanding": code.outstanding,
        "projected_year": code.projected,
        "pagu": code.pagu,
        "balance": code.balance,
    }


def _opd(track: OpdTrack) -> dict[str, Any]:
    return {
        "opd": None if track.opd is None else track.opd.id,
        "label": None if track.opd is None else track.opd.label,
        "groups": list(track.groups),
        "planned": track.planned,
        "billed": track.billed,
        "paid": track.paid,
        "outstanding": track.outstanding,
        "projected_year": track.projected,
    }


def _source(track: SourceTrack) -> dict[str, Any]:
    source = track.source
    return {
        "source": None if source is None else source.id,
        "label": None if source is None else source.label,
        "apbd": None if source is None else source.is_apbd,
        "months": None if source is None else list(source.months),
        "groups": list(track.groups),
        "planned": track.planned,
        "billed": track.billed,
        "paid": track.paid,
        "outstanding": track.outstanding,
        "projected_year": track.projected,
        "ceiling": track.pagu,
        "left": track.balance,
    }


def _totals(totals: YearTotals) -> dict[str, Any]:
    return {
        "planned": totals.planned,
        "billed": totals.billed,
        "paid": totals.paid,
        "outstanding": totals.outstanding,
        "arrears": totals.arrears,
        "credit": totals.credit,
        "projected_year": totals.projected,
        "pagu": totals.pagu,
        "balance": totals.balance,
        "balance_kind": totals.balance_kind,
    }


def _file(counted: FileCount) -> dict[str, Any]:
    return {
        "file": counted.file,
        "rows_read": counted.rows_read,
        "used": counted.used,
        "rejected": len(counted.rejected),
        "blank": counted.blank,
    }


def _rejected(row: Rejected) -> dict[str, Any]:
    source = row.source
    return {
        "file": source.file,
        "line": source.line,
        "sheet": source.sheet,
        "reasons": list(row.reasons),
    }
