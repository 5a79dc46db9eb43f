"""Bounds no real budget exceeds: whatever a scenario file or a flag holds, jbudget either refuses
it with the bound and why, or computes and renders it. A value `validate` accepts never crashes
`estimate`, `project` or a renderer (an OverflowError, a Decimal InvalidOperation)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jamsostek_budget.model.bounds import DEATH_RATE, MONTHLY_RUPIAH, PEOPLE
from tests.cli_runner import run

MAX_PER_GROUP = PEOPLE.limit // 3  # three groups together stay within the population


def write_scenario(folder: Path, groups: list[dict[str, Any]], year: int = 2026) -> Path:
    data = {"city": "x", "name": "X", "province": "P", "fiscal_year": year, "groups": groups}
    path = folder / "bounds.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


@st.composite
def groups(draw: st.DrawFn, index: int) -> dict[str, Any]:
    segment = draw(st.sampled_from(["bpu", "pu"]))
    extra = draw(st.sets(st.sampled_from(["jht", "jp"] if segment == "pu" else ["jht"])))
    start = draw(st.integers(1, 12))
    group: dict[str, Any] = {
        "id": f"g{index}",
        "label": "G",
        "segment": segment,
        "headcount": draw(
            st.one_of(st.just(MAX_PER_GROUP), st.integers(0, MAX_PER_GROUP), st.integers(0, 10**30))
        ),
        "programs": ["jkk", "jkm", *sorted(extra)],
        "start_month": start,
        "end_month": draw(st.integers(start, 12)),
        "death_rate_per_1000": float(
            draw(st.decimals(0, DEATH_RATE.limit * 2, places=2, allow_nan=False))
        ),
    }
    money = draw(
        st.one_of(
            st.just(MONTHLY_RUPIAH.limit),
            st.integers(1, MONTHLY_RUPIAH.limit),
            st.integers(1, 10**40),
        )
    )
    if segment == "bpu":
        group["declared_income"] = money
    else:
        group["monthly_wage"] = money
        group["risk_class"] = draw(st.sampled_from(["very_low", "very_high"]))
    return group


@settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    drawn=st.lists(st.integers(0, 2), min_size=1, max_size=3).flatmap(
        lambda ids: st.tuples(*(groups(i) for i in range(len(ids))))
    )
)
def test_what_validate_accepts_estimates_and_renders(
    tmp_path: Path, drawn: tuple[dict[str, Any], ...]
) -> None:
    path = write_scenario(tmp_path, list(drawn))
    checked = run("validate", str(path), "--today", "2026-11-22")
    if checked.exit_code != 0:
        assert checked.exit_code == 1
        bounds = ("must be at most", "far longer than any", "the groups together count")
        assert any(bound in checked.output for bound in bounds), checked.output
        return
    result = run("estimate", "--scenario", str(path), "--benefits", "-f", "json")
    assert result.exit_code == 0, result.output
    budget = json.loads(result.stdout)
    assert budget["totals"]["annual"] >= 0
    for form in ("table", "csv", "markdown"):
        rendered = run("estimate", "--scenario", str(path), "--benefits", "-f", form)
        assert rendered.exit_code == 0, rendered.output
    projected = run("project", "--scenario", str(path), "--years", "2026-2028", "-f", "json")
    assert projected.exit_code == 0, projected.output


def test_the_largest_accepted_values_cost_exactly(tmp_path: Path) -> None:
    """300 million people on a Rp1 trillion wage: exact integers, no overflow.
    JKK very low 0.24 % of 10**12 = 2.4 billion, JKM 0.30 % = 3 billion a person a month."""
    group = {
        "id": "all",
        "label": "Everyone",
        "segment": "pu",
        "headcount": PEOPLE.limit,
        "monthly_wage": MONTHLY_RUPIAH.limit,
        "risk_class": "very_low",
        "programs": ["jkk", "jkm"],
    }
    result = run("estimate", "--scenario", str(write_scenario(tmp_path, [group])), "-f", "json")
    assert result.exit_code == 0, result.output
    per_person_month = 2_400_000_000 + 3_000_000_000
    assert json.loads(result.stdout)["totals"]["annual"] == PEOPLE.limit * 12 * per_person_month
    group["headcount"] = PEOPLE.limit + 1
    refused = run("estimate", "--scenario", str(write_scenario(tmp_path, [group])))
    assert refused.exit_code == 1 and "must be at most 300,000,000" in refused.output


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("headcount", 10**25, "must be at most 300,000,000"),
        ("headcount", PEOPLE.limit + 1, "about the population of Indonesia"),
        ("declared_income", 10**30, "must be at most 1,000,000,000,000"),
        ("declared_income", "1000 triliun", "must be at most 1,000,000,000,000"),
        ("eligible", 10**12, "must be at most 300,000,000"),
        ("death_rate_per_1000", 1000.5, "cannot pass 1,000"),
    ],
)
def test_a_value_past_its_bound_is_refused_by_every_command(
    tmp_path: Path, field: str, value: object, words: str
) -> None:
    group = {
        "id": "a",
        "label": "A",
        "segment": "bpu",
        "headcount": 10,
        "declared_income": 1_000_000,
        "programs": ["jkk", "jkm"],
        field: value,
    }
    path = write_scenario(tmp_path, [group])
    for command in (
        ["validate", str(path)],
        ["estimate", "--scenario", str(path), "--benefits"],
        ["project", "--scenario", str(path), "--years", "2026-2027"],
        ["fit", "--scenario", str(path), "--budget", "1 miliar"],
    ):
        result = run(*command)
        assert result.exit_code == 1, (command, result.output)
        assert f"groups[0].{field}" in result.output and words in result.output


@pytest.mark.parametrize(
    ("flags", "words"),
    [
        (["--headcount-growth", "1000"], "headcount grows past 300,000,000"),
        (["--wage-growth", "1000"], "monthly_wage grows past 1,000,000,000,000"),
        (["--gdp-growth", "1000"], "pu.jp_wage_cap: value grows past 1,000,000,000,000"),
    ],
)
def test_a_projection_that_grows_past_a_bound_is_refused(flags: list[str], words: str) -> None:
    result = run("project", "--city", "lubuklinggau", "--years", "2025-2074", *flags)
    assert result.exit_code == 2  # the growth assumed, not a file, is the problem
    assert words in result.output and "lower growth" in result.output


def test_a_projection_at_minus_100_percent_a_year_costs_nothing_later() -> None:
    result = run(
        "project", "--city", "lubuklinggau", "--years", "2025-2027",
        "--headcount-growth", "-100", "-f", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    years = json.loads(result.stdout)["years"]
    assert [year["annual"] for year in years][1:] == [0, 0]
    assert years[0]["annual"] > 0


def test_a_year_before_the_base_at_minus_100_percent_is_refused() -> None:
    result = run(
        "project", "--city", "lubuklinggau", "--years", "2024-2025", "--headcount-growth", "-100"
    )
    assert result.exit_code == 2
    assert "grows past 300,000,000" in result.output


def test_growth_decimal_is_exact_at_the_bound() -> None:
    from jamsostek_budget.planning.projection import grow

    assert grow(PEOPLE.limit, 1, Decimal(0)) == PEOPLE.limit
    assert grow(PEOPLE.limit, 1, Decimal("0.01")) is None
    assert grow(0, 50, Decimal(1000)) == 0
