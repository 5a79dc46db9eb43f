"""An estimate as JSON: the stable machine contract. Money is always a plain integer of Rupiah.
Also the JSON of a roster's budget (its `input` comes from render.roster) and, embedded, of fit.

Without babel or rich: `--format json` pays only for what it uses."""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from jamsostek_budget import __version__
from jamsostek_budget.engine.budget import Budget, GroupLine, RateUse
from jamsostek_budget.engine.funding_totals import opd_totals, source_totals
from jamsostek_budget.planning.benefits import Benefits
from jamsostek_budget.render.shared.rate_labels import rate_data_label


def budget_dict(
    budget: Budget, benefits: Benefits | None = None, roster_input: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """The budget as JSON data; `roster_input` (a roster's budget) says what happened to the
    roster's rows, under `input`."""
    scenario = budget.scenario
    return {
        "city": scenario.city,
        "name": scenario.name,
        "province": scenario.province,
        "fiscal_year": budget.fiscal_year,
        **({"input": dict(roster_input)} if roster_input is not None else {}),
        "lines": [_line(line) for line in budget.lines],
        "totals": {
            "headcount": budget.headcount,
            "monthly": list(budget.monthly),
            "by_program": budget.by_program,
            "annual": budget.annual,
            "worker_monthly": list(budget.worker_monthly),
            "worker_by_program": budget.worker_by_program,
            "by_budget_code": [
                {"code": c.code, "program": c.program, "groups": list(c.groups), "annual": c.annual}
                for c in budget.by_budget_code
            ],
            "by_opd": [
                {
                    "opd": None if t.opd is None else t.opd.id,
                    "label": None if t.opd is None else t.opd.label,
                    "groups": [line.group.id for line in t.lines],
                    "people": sum(line.group.headcount for line in t.lines),
                    "annual": t.annual,
                }
                for t in opd_totals(budget)
            ],
            "by_source": [
                {
                    "source": None if t.source is None else t.source.id,
                    "label": None if t.source is None else t.source.label,
                    "apbd": None if t.source is None else t.source.is_apbd,
                    "months": None if t.source is None else list(t.source.months),
                    "ceiling": None if t.source is None else t.source.ceiling,
                    "people": t.people,
                    "annual": t.annual,
                    "left": t.left,
                    "relief": t.relief,
                }
                for t in source_totals(budget)
            ],
            "worker_annual": budget.worker_annual,
            "eligible": budget.eligible,
            "coverage": _ratio(budget.coverage),
        },
        **({"benefits": _benefits(benefits)} if benefits else {}),
        "projected": budget.projected,
        "rates_used": [_rate(use) for use in budget.rates_used],
        "reliefs_applied": [relief.id for relief in budget.reliefs_applied],
        "sources": scenario.sources,
        "jbudget_version": __version__,
    }


def _line(line: GroupLine) -> dict[str, Any]:
    group = line.group
    return {
        "group": group.id,
        "label": group.label,
        "segment": group.segment,
        "band": line.band,
        "risk_class": group.risk_class,
        "headcount": group.headcount,
        "programs": list(group.programs),
        "months": list(line.months),
        "per_person_monthly": line.per_person_monthly,
        "per_person_by_month": list(line.per_person_by_month),
        "monthly": list(line.monthly),
        "by_program": line.by_program,
        "annual": line.annual,
        "apbd_pays_worker_share": group.apbd_pays_worker_share,
        "worker_monthly": list(line.worker_monthly),
        "worker_by_program": line.worker_by_program,
        "worker_annual": line.worker_annual,
        "eligible": group.eligible,
        "coverage": _ratio(line.coverage),
        "staff_type": group.staff_type,
        "monthly_wage": group.monthly_wage,
        "wage_region": group.wage_region,
        "opd": group.opd,
        "funding": group.funding if isinstance(group.funding, str) else None,
        "apbd_paid": group.apbd_paid,
        "relief": line.relief,
    }


def _rate(use: RateUse) -> dict[str, Any]:
    value = use.value
    return {
        "name": use.name,
        "label": rate_data_label(use),
        "unit": use.unit,
        "value": int(value) if use.unit == "rupiah" else str(value),
        "effective": use.effective.isoformat(),
        "regulation": use.regulation.id,
        "regulation_title": use.regulation.title,
        "url": use.regulation.url,
        "article": use.article,
        "confidence": use.confidence,
        "last_checked": use.last_checked.isoformat(),
        "projected": use.projected,
        "assumed_growth_percent": None
        if use.assumed_growth_percent is None
        else str(use.assumed_growth_percent),
    }


def _ratio(value: Decimal | None) -> str | None:
    """A ratio as a decimal string with four places (0.8512), or null."""
    return None if value is None else str(value.quantize(Decimal("0.0001"), ROUND_HALF_UP))


def _benefits(benefits: Benefits) -> dict[str, Any]:
    return {
        "death_benefit": benefits.death_benefit,
        "expected_claims": str(benefits.expected_claims.quantize(Decimal("0.01"), ROUND_HALF_UP)),
        "expected_value": benefits.expected_value,
        "premiums": benefits.premiums,
        "lines": [
            {
                "group": b.line.group.id,
                "death_rate_per_1000": None
                if b.death_rate_per_1000 is None
                else str(b.death_rate_per_1000),
                "expected_claims": str(b.expected_claims.quantize(Decimal("0.01"), ROUND_HALF_UP)),
                "expected_value": b.expected_value,
            }
            for b in benefits.lines
        ],
    }


def render_json(
    budget: Budget, benefits: Benefits | None = None, roster_input: Mapping[str, Any] | None = None
) -> str:
    data = budget_dict(budget, benefits, roster_input)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
