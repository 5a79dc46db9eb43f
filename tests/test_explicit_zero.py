"""An explicit zero on an optional number stays zero: it is never replaced by a default.

Each optional number a scenario may give (a group's death rate, eligible population, growth rates)
is either absent (None: use the default) or a value, 0 included. The audit found
`death_rate_per_1000: 0` replaced by the scenario's default through an `or`.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from jamsostek_budget.engine.premiums import estimate
from jamsostek_budget.model.ratetable import RateTable
from jamsostek_budget.model.scenario import YearHeadcount
from jamsostek_budget.planning.benefits import expected_benefits
from jamsostek_budget.planning.projection import Assumptions, project
from tests.cli_runner import run
from tests.helpers import make_group, make_scenario

NO_GROWTH = Assumptions(Decimal(0), Decimal(0), Decimal(5))


def test_a_group_death_rate_of_zero_is_not_the_scenario_default(table: RateTable) -> None:
    # scenario default 3 per 1,000; group a says 0 (expects no deaths), group b gives none.
    # b: 1,000 people x 3 / 1,000 = 3 claims x Rp42,000,000 (PP 82/2019 JKM benefit) = 126,000,000
    # a: 0 claims, Rp0 (today's `or` turned its 0 into 3: 3 claims, 126,000,000 more)
    zero = make_group(id="a", headcount=1_000, death_rate_per_1000=0)
    unset = make_group(id="b", headcount=1_000)
    scenario = make_scenario(2025, zero, unset).model_copy(
        update={"death_rate_per_1000": Decimal(3)}
    )
    benefits = expected_benefits(estimate(scenario, table), table)
    a, b = benefits.lines
    assert a.death_rate_per_1000 == 0 and a.expected_claims == 0 and a.expected_value == 0
    assert b.death_rate_per_1000 == 3 and b.expected_claims == 3
    assert b.expected_value == 126_000_000
    assert benefits.expected_value == 126_000_000


def test_a_zero_death_rate_through_the_cli(tmp_path: Path) -> None:
    path = tmp_path / "kota.yaml"
    path.write_text(
        "city: k\nname: K\nprovince: P\nfiscal_year: 2025\ndeath_rate_per_1000: 3\ngroups:\n"
        "  - {id: a, label: A, segment: bpu, headcount: 1000, declared_income: 1000000,\n"
        "     programs: [jkk, jkm], death_rate_per_1000: 0}\n",
        encoding="utf-8",
    )
    result = run("estimate", "--scenario", str(path), "--benefits", "-f", "json")
    assert result.exit_code == 0, result.stderr
    benefits = json.loads(result.stdout)["benefits"]
    assert benefits["lines"][0]["death_rate_per_1000"] == "0"
    assert (benefits["expected_claims"], benefits["expected_value"]) == ("0.00", 0)


def test_a_group_of_zero_eligible_still_counts_its_people(table: RateTable) -> None:
    # a stated eligible population of 0 is a statement, not "unknown": in 2027 group a has 5
    # people (headcount_by_year) of 0 eligible, group b 50 of 100. Covered 5 + 50 = 55 of
    # 0 + 100 eligible = 55 % (the truthiness test dropped a's 5 people: 50 %).
    a = make_group(
        id="a",
        headcount=0,
        eligible=0,
        headcount_by_year=[YearHeadcount(year=2027, headcount=5)],
    )
    b = make_group(id="b", headcount=50, eligible=100)
    year = project(make_scenario(2026, a, b), table, [2027], NO_GROWTH).years[0]
    assert year.budget.eligible == 100
    assert year.budget.coverage == Decimal("0.55")
    assert year.budget.lines[0].coverage is None  # 5 of 0: no share to show
