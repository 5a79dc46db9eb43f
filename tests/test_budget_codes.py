"""Budget codes: each group may name the chart of accounts line each program is paid from, and
the estimate totals the APBD per code, as an RKA lists it."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from jamsostek_budget.app import estimate as api
from jamsostek_budget.app.estimate import scenario_path
from jamsostek_budget.engine.premiums import estimate
from jamsostek_budget.model.ratetable import RateTable
from jamsostek_budget.model.scenario import Group
from tests.cli_runner import run
from tests.helpers import make_group, make_scenario

JKK, JKM = "5.1.02.02.02.0006", "5.1.02.02.02.0007"


def test_lubuklinggau_totals_per_code_add_up_to_the_budget() -> None:
    budget = api.estimate(scenario_path("lubuklinggau", None)).unwrap().budget
    totals = {(t.code, t.program): t.annual for t in budget.by_budget_code}
    # 3,500 non-ASN at Rp2,500,000: JKK 0.24 % = 6,000 and JKM 0.30 % = 7,500 a month, 12 months
    assert totals[(JKK, "jkk")] == 3_500 * 6_000 * 12 == 252_000_000
    assert totals[(JKM, "jkm")] == 3_500 * 7_500 * 12 == 315_000_000
    # 1,000 BPU in band 1 from July: JKK 10,000 and JKM 6,800, 6 months, no code given
    assert totals[(None, "jkk")] == 1_000 * 10_000 * 6
    assert totals[(None, "jkm")] == 1_000 * 6_800 * 6
    assert sum(totals.values()) == budget.annual == 667_800_000


def test_groups_sharing_a_code_are_totalled_together(table: RateTable) -> None:
    codes = {"jkk": JKK, "jkm": JKM}
    groups = [
        make_group(id="rt", label="rt", headcount=10, budget_codes=codes),
        make_group(id="rw", label="rw", headcount=5, budget_codes=codes),
    ]
    budget = estimate(make_scenario(2025, *groups), table)
    assert [(t.code, t.groups, t.annual) for t in budget.by_budget_code] == [
        (JKK, ("rt", "rw"), 15 * 10_000 * 12),
        (JKM, ("rt", "rw"), 15 * 6_800 * 12),
    ]


def test_report_and_json_show_the_codes() -> None:
    table = run("estimate", "--city", "lubuklinggau", "--lang", "en")
    assert "Per budget code (RKA)" in table.stdout
    assert "5.1.02.02.02.0006" in table.stdout
    data = json.loads(run("estimate", "--city", "lubuklinggau", "--format", "json").stdout)
    codes = {(c["code"], c["program"]): c["annual"] for c in data["totals"]["by_budget_code"]}
    assert codes[(JKK, "jkk")] == 252_000_000


def test_no_codes_no_section() -> None:
    assert "RKA" not in run("estimate", "--city", "metro").stdout


@pytest.mark.parametrize(
    ("codes", "words"),
    [
        ({"jkk": "5.1.02 02"}, "should match pattern"),
        ({"jp": JKK}, "does not pay jp"),
        ({"jkx": JKK}, "jkx"),
    ],
)
def test_bad_codes_are_refused(codes: dict[str, str], words: str) -> None:
    fields = make_group(budget_codes={}).model_dump()
    with pytest.raises(ValidationError, match=words):
        Group.model_validate({**fields, "budget_codes": codes})
