"""JP wage caps not announced yet, projected by the PP 45/2015 Pasal 29 ayat (3) rule: the
previous cap x (1 + the previous year's GDP growth), rounded down to Rp100, from March.

Projecting belongs where the rate table is resolved for a fiscal year: `estimate`, `fit`,
`compare`, `roster` and `project` all extend the table here, with one growth assumption, so the
engine only ever sees dated values. A projected value is marked `projected` and carries the growth
it assumes. It cites the regulation whose rule projects it: the one the rate table's latest cap
worked out by that rule cites (its article is RULE_ARTICLE), so which id the rule has is data.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from decimal import ROUND_FLOOR, Decimal

from jamsostek_budget.errors import UsageError
from jamsostek_budget.i18n import _, grouped
from jamsostek_budget.model.bounds import MONTHLY_RUPIAH
from jamsostek_budget.model.rates import DatedValue
from jamsostek_budget.model.ratetable import RateTable
from jamsostek_budget.model.scenario import Scenario
from jamsostek_budget.money import HUNDRED

JP_CAP = "pu.jp_wage_cap"
CAP_ROUNDING = 100  # PP 45/2015 Pasal 29 ayat (3): rounded down to Rp100
RULE_ARTICLE = "Pasal 29 ayat (3)"
CAP_MONTH = 3  # announced in February, in force from the March contribution


def pays_jp(scenario: Scenario) -> bool:
    """Whether any group pays JP, so its premiums depend on the cap."""
    return any("jp" in group.programs for group in scenario.groups)


def projected_for(table: RateTable, until: int, growth: Decimal, *, needs_cap: bool) -> RateTable:
    """with_projected_caps for a scenario; one whose groups pay JP (`needs_cap`) cites the
    projected caps, so the rule's regulation must be in the registry."""
    if not needs_cap and rule_regulation(table.parameters[JP_CAP].values) is None:
        return table
    return with_projected_caps(table, until, growth)


def with_projected_caps(table: RateTable, until: int, growth: Decimal) -> RateTable:
    """The rate table with a JP wage cap for every March up to `until` that has none yet, each
    projected from the one before with `growth` percent a year."""
    parameter = table.parameters[JP_CAP]
    values = list(parameter.values)
    if values[-1].effective.year >= until:
        return table
    rule = rule_regulation(values)
    if rule is None:
        raise _no_rule(values[-1], until)
    while values[-1].effective.year < until:
        values.append(next_cap(values[-1], growth, rule))
        if values[-1].value > MONTHLY_RUPIAH.limit:
            raise MONTHLY_RUPIAH.outgrown(JP_CAP, "value", values[-1].effective.year)
    extended = parameter.model_copy(update={"values": values})
    parameters = {**table.parameters, JP_CAP: extended}
    return replace(table, parameters=parameters)


def rule_regulation(caps: Sequence[DatedValue]) -> str | None:
    """The regulation whose rule projects the caps: the one the latest cap worked out by it
    cites; None when no cap cites the rule's article."""
    cited = [cap.regulation for cap in caps if cap.article == RULE_ARTICLE]
    return cited[-1] if cited else None


def next_cap(previous: DatedValue, growth: Decimal, regulation: str) -> DatedValue:
    """The cap of the March after `previous`, by the PP 45/2015 rule (`regulation`'s id)."""
    raw = previous.value * (1 + growth / HUNDRED) / CAP_ROUNDING
    value = raw.to_integral_value(ROUND_FLOOR) * CAP_ROUNDING
    return previous.model_copy(
        update={
            "effective": date(previous.effective.year + 1, CAP_MONTH, 1),
            "value": value,
            "projected": True,
            "assumed_growth_percent": growth,
            "regulation": regulation,
            # data like the rate files' own citations: the same in JSON in any language
            "article": f"{RULE_ARTICLE}, projected",
            "confidence": "low",
            "sources": [],
            "note": (
                f"projected: {previous.value:,} x (1 + {growth} %), rounded down to Rp100, "
                "with the GDP growth assumed"
            ),
        }
    )


def _no_rule(last: DatedValue, until: int) -> UsageError:
    return UsageError(
        _(
            "the JP wage cap for {year} must be projected from the last one in the rate tables "
            "({value} from {date}), but no value of pu.jp_wage_cap cites the rule that projects "
            "it ({article} of PP 45/2015)"
        ).format(year=until, value=grouped(last.value), date=last.effective, article=RULE_ARTICLE),
        _(
            "cite the rule on a value of pu.jp_wage_cap (its regulation, with article: "
            "{article}), or add the announced cap for {year} to pu.jp_wage_cap"
        ).format(article=RULE_ARTICLE, year=until),
    )
