"""One premium rule, two evaluations: the engine's estimate (scalar) and the roster (vectorized)
give the same Rupiah for every person, program and month, on generated rate tables.

The tables are rate files written as YAML text and read by the loader (so they hold only what
`validate` accepts): rates with up to three decimals, reliefs with two, starting and ending in
the fiscal year and scoped by segment, program, sector, payer and enrolment, JP wage caps and
band tables that change mid-year (also mid-month: the 1st of the next month uses them), and
bands of odd nominals. An exact Decimal oracle, written here from the tariff of
/work/shared/domain.md, checks the engine itself.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from typing import Any

import polars as pl
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from jamsostek_budget.engine.budget import Budget, add_months
from jamsostek_budget.engine.premiums import estimate, month_snapshots, person_premium
from jamsostek_budget.engine.rules import premium_rule
from jamsostek_budget.loading.files import validate_model
from jamsostek_budget.loading.ratecheck import build_rate_table
from jamsostek_budget.loading.yamlsource import parse_yaml
from jamsostek_budget.model.fields import PROGRAMS, RISK_CLASSES, Program, year_month
from jamsostek_budget.model.rates import PARAMETER_NAMES, RatesFile, expected_unit
from jamsostek_budget.model.ratetable import RateSnapshot, RateTable
from jamsostek_budget.model.scenario import Group, Scenario
from jamsostek_budget.roster.costing import per_person, roster_budget
from jamsostek_budget.roster.premiums import exact_times, times_ratio
from tests.helpers import make_group, make_scenario

CITE = "regulation: reg\n        last_checked: 2025-01-01\n        confidence: high"
RELIEF_CITE = "    regulation: reg\n    last_checked: 2025-01-01\n    confidence: high\n"
FIELDS = ("declared_income", "monthly_wage", "start_month", "end_month")
SCHEMA = {"line": pl.Int64} | dict.fromkeys(("nik", "name", "group"), pl.String)
SCHEMA |= dict.fromkeys(FIELDS, pl.Int64)


@st.composite
def dates_in(draw: st.DrawFn, year: int, count: int) -> list[str]:
    """`count` increasing effective dates: the first before the fiscal year, the others in it
    (any day: a value from the 15th is in force from the 1st of the next month)."""
    days = draw(
        st.lists(
            st.tuples(st.integers(1, 12), st.sampled_from([1, 1, 2, 15, 28])),
            min_size=count - 1,
            max_size=count - 1,
            unique=True,
        )
    )
    return [f"{year - 1}-01-01", *(f"{year}-{m:02d}-{d:02d}" for m, d in sorted(days))]


@st.composite
def percents(draw: st.DrawFn) -> Decimal:
    """A rate of 0 to 100 % with up to three decimals, mostly small like real rates."""
    thousandths = draw(st.one_of(st.integers(0, 5_000), st.integers(0, 100_000)))
    return Decimal(thousandths).scaleb(-3)


@st.composite
def rupiahs(draw: st.DrawFn, name: str) -> int:
    if name == "pu.jp_wage_cap":
        return draw(st.one_of(st.integers(1, 20_000_000), st.integers(1, 10**12)))
    return draw(st.integers(0, 50_000))


@st.composite
def parameter_text(draw: st.DrawFn, name: str, year: int) -> str:
    unit = expected_unit(name)
    days = draw(dates_in(year, draw(st.integers(1, 3))))
    values = [draw(percents() if unit == "percent" else rupiahs(name)) for _ in days]
    items = "".join(
        f"      - effective: {day}\n        value: {value}\n        {CITE}\n"
        for day, value in zip(days, values, strict=True)
    )
    return f"  - name: {name}\n    label: generated {name}\n    unit: {unit}\n    values:\n{items}"


@st.composite
def bands_text(draw: st.DrawFn) -> str:
    """Contiguous bands on a Rp1,000 step, each nominal inside its band."""
    widths = draw(st.lists(st.integers(1, 3_000), min_size=1, max_size=5))
    lines, lower = [], 0
    for index, width in enumerate(widths):
        upper = lower + width * 1000 - 1000
        top = upper if index < len(widths) - 1 else upper + draw(st.integers(0, 5)) * 1000
        nominal = draw(st.integers(lower, top))
        bound = f", upper: {upper}" if index < len(widths) - 1 else ""
        lines.append(f"          - {{lower: {lower}{bound}, nominal: {nominal}}}\n")
        lower = upper + 1000
    return "".join(lines)


@st.composite
def band_table_text(draw: st.DrawFn, year: int) -> str:
    days = draw(dates_in(year, draw(st.integers(1, 2))))
    versions = "".join(
        f"      - effective: {day}\n        {CITE}\n        bands:\n{draw(bands_text())}"
        for day in days
    )
    return (
        "band_tables:\n  - name: bpu.income_bands\n    label: generated bands\n"
        f"    bound_step: 1000\n    versions:\n{versions}"
    )


@st.composite
def relief(draw: st.DrawFn, index: int, year: int) -> dict[str, Any]:
    first = draw(st.integers((year - 1) * 12 + 10, year * 12 + 11))
    return {
        "id": f"r{index}",
        "first": first,
        "last": draw(st.integers(first, year * 12 + 14)),
        "segments": draw(st.lists(st.sampled_from(["bpu", "pu"]), min_size=1, unique=True)),
        "programs": draw(st.lists(st.sampled_from(PROGRAMS), min_size=1, unique=True)),
        "sectors": draw(st.sampled_from([None, None, ["transport"], ["other"]])),
        "apbd": draw(st.sampled_from([True, True, False])),
        "percent": Decimal(draw(st.integers(0, 10_000))).scaleb(-2),
        "new_members": draw(st.sampled_from([0, 0, 1, 2, 3])),
    }


def _overlap(one: dict[str, Any], other: dict[str, Any]) -> bool:
    """Both reliefs cut the same premiums: the loader refuses such rate files."""
    return (
        max(one["first"], other["first"]) <= min(one["last"], other["last"])
        and bool(set(one["segments"]) & set(other["segments"]))
        and bool(set(one["programs"]) & set(other["programs"]))
        and (
            one["sectors"] is None or other["sectors"] is None or one["sectors"] == other["sectors"]
        )
    )


def relief_text(item: dict[str, Any]) -> str:
    sectors = f"    sectors: [{item['sectors'][0]}]\n" if item["sectors"] else ""
    return (
        f"  - id: {item['id']}\n    label: generated relief\n{RELIEF_CITE}"
        f"    first_month: {year_month(item['first'])}\n"
        f"    last_month: {year_month(item['last'])}\n"
        f"    segments: [{', '.join(item['segments'])}]\n"
        f"    programs: [{', '.join(item['programs'])}]\n{sectors}"
        f"    applies_to_apbd_paid: {str(item['apbd']).lower()}\n"
        f"    payable_percent: {item['percent']}\n"
        f"    new_members_full_months: {item['new_members']}\n"
    )


@st.composite
def rate_files(draw: st.DrawFn, year: int) -> str:
    """The text of one rate file holding a whole generated rate table."""
    reliefs: list[dict[str, Any]] = []
    for index in range(draw(st.integers(0, 5))):
        candidate = draw(relief(index, year))
        if not any(_overlap(candidate, other) for other in reliefs):
            reliefs.append(candidate)
    parameters = "".join(draw(parameter_text(name, year)) for name in PARAMETER_NAMES)
    return (
        "regulations:\n  - id: reg\n    title: generated regulation\n"
        "    url: https://example.org/reg\n"
        f"parameters:\n{parameters}{draw(band_table_text(year))}"
        + ("reliefs:\n" + "".join(map(relief_text, reliefs)) if reliefs else "")
    )


def load_table(text: str) -> RateTable:
    data, source = parse_yaml(text.encode(), "generated.yaml")
    rates, source = validate_model(data, source, RatesFile)
    return build_rate_table([(rates, source)])


@st.composite
def groups(draw: st.DrawFn, index: int, year: int) -> Group:
    segment = draw(st.sampled_from(["bpu", "pu"]))
    programs = ["jkk", "jkm", "jht"] + (["jp"] if segment == "pu" else [])
    start = draw(st.integers(1, 12))
    enrolled = draw(st.one_of(st.none(), st.integers((year - 1) * 12 + 6, year * 12 + 11)))
    fields: dict[str, Any] = {
        "id": f"g{index}",
        "label": "G",
        "segment": segment,
        "headcount": 1,
        "programs": draw(st.lists(st.sampled_from(programs), min_size=1, unique=True)),
        "start_month": start,
        "end_month": draw(st.integers(start, 12)),
        "apbd_paid": draw(st.booleans()),
        "enrolled": None if enrolled is None else year_month(enrolled),
    }
    if segment == "bpu":
        fields["declared_income"] = draw(st.integers(1, 20_000_000))
        fields["sector"] = draw(st.sampled_from(["transport", "other"]))
    else:
        fields["monthly_wage"] = draw(st.integers(1, 20_000_000))
        fields["risk_class"] = draw(st.sampled_from(RISK_CLASSES))
        fields["apbd_pays_worker_share"] = draw(st.booleans())
    return Group.model_validate(fields)


@st.composite
def people(draw: st.DrawFn, scenario: Scenario, table: RateTable) -> list[dict[str, Any]]:
    """Roster rows of the scenario's groups: incomes across the bands, wages about the JP cap."""
    caps = [v.value for v in table.parameters["pu.jp_wage_cap"].values]
    rows = []
    for group in scenario.groups:
        for _ in range(draw(st.integers(1, 3))):
            start = draw(st.integers(1, 12))
            cap = int(draw(st.sampled_from(caps)))
            amount = draw(
                st.one_of(
                    st.integers(1, 30_000_000),
                    st.sampled_from([cap - 1, cap, cap + 1, 1, 10**12]).filter(lambda a: a > 0),
                )
            )
            base = "declared_income" if group.segment == "bpu" else "monthly_wage"
            fields = {base: amount, "start_month": start, "end_month": draw(st.integers(start, 12))}
            row = {"nik": "1871010101900001", "name": "Siti", "group": group.id}
            rows.append(row | {name: getattr(group, name) for name in FIELDS} | fields)
    return rows


def alone(scenario: Scenario, row: dict[str, Any], table: RateTable) -> Budget:
    """The engine's estimate of one person: the row's group with the row's values and months (its
    participants' registration stays the group's)."""
    group = next(g for g in scenario.groups if g.id == row["group"])
    enrolled = year_month(group.enrolment(scenario.fiscal_year))
    update = {**{k: row[k] for k in FIELDS}, "headcount": 1, "enrolled": enrolled}
    one = group.model_copy(update=update)
    return estimate(scenario.model_copy(update={"groups": [one]}), table)


def oracle(group: Group, snapshot: RateSnapshot) -> dict[Program, tuple[int, int]]:
    """Per program, (employer, worker) of one person in the snapshot's month, from the tariff of
    the domain brief in Decimal arithmetic with 100 digits: base x percent / 100 x the reliefs'
    payable percents / 100, rounded half up."""
    found: dict[Program, tuple[int, int]] = {}
    with localcontext() as context:
        context.prec = 100
        for program in group.programs:
            share = Decimal(1)
            for item in snapshot.reliefs_for(
                group.segment,
                program,
                group.sector,
                apbd_paid=group.apbd_paid,
                enrolled=group.enrolment(snapshot.day.year),
            ):
                share *= item.payable_percent / 100
            employer, worker = (
                int((part * share).quantize(Decimal(1), ROUND_HALF_UP))
                for part in _oracle_parts(group, program, snapshot)
            )
            found[program] = (employer, worker)
    return found


def _oracle_parts(
    group: Group, program: Program, snapshot: RateSnapshot
) -> tuple[Decimal, Decimal]:
    value = snapshot.percent
    if group.segment == "bpu":
        assert group.declared_income is not None
        nominal = snapshot.band_for(group.declared_income)[1].nominal
        if program == "jkm":
            return value("bpu.jkm_flat"), Decimal(0)
        return nominal * value(f"bpu.{program}_percent") / 100, Decimal(0)
    assert group.monthly_wage is not None
    wage = Decimal(group.monthly_wage)
    if program in ("jkk", "jkm"):
        name = f"pu.jkk_percent.{group.risk_class}" if program == "jkk" else "pu.jkm_percent"
        return wage * value(name) / 100, Decimal(0)
    if program == "jp":
        wage = min(wage, value("pu.jp_wage_cap"))
    employer, worker = (
        value(f"pu.{program}_employer_percent"),
        value(f"pu.{program}_worker_percent"),
    )
    return wage * employer / 100, wage * worker / 100


def assert_person_matches(person: dict[str, Any], single: Budget) -> None:
    """One row of the per-person table against the engine's estimate of that person alone."""
    line = single.lines[0]
    first = line.months[0]
    for program in line.programs:
        assert person[f"{program.program}_annual"] == program.annual
        assert person[f"{program.program}_monthly"] == program.apbd[first - 1]
    assert person["apbd_annual"] == single.annual
    assert person["worker_annual"] == single.worker_annual


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.data())
def test_roster_and_engine_agree_on_generated_rate_tables(data: st.DataObject) -> None:
    year = data.draw(st.integers(2021, 2030))
    table = load_table(data.draw(rate_files(year)))
    count = data.draw(st.integers(1, 4))
    scenario = make_scenario(year, *(data.draw(groups(i, year)) for i in range(count)))
    rows = data.draw(people(scenario, table))
    accepted = pl.DataFrame([{"line": i} | row for i, row in enumerate(rows, 2)], schema=SCHEMA)
    budget = roster_budget(accepted, scenario, table)
    table_rows = per_person(accepted, scenario, table).iter_rows(named=True)
    singles = [alone(scenario, row, table) for row in rows]
    for person, single in zip(table_rows, singles, strict=True):
        assert_person_matches(person, single)
    for line in budget.lines:
        theirs = [s.lines[0] for s in singles if s.lines[0].group.id == line.group.id]
        for program in line.programs:
            same = [p for one in theirs for p in one.programs if p.program == program.program]
            assert program.apbd == add_months(p.apbd for p in same)  # every month
            assert program.worker == add_months(p.worker for p in same)
    used = {(use.name, use.effective) for single in singles for use in single.rates_used}
    assert {(use.name, use.effective) for use in budget.rates_used} == used
    reliefs = {item.id for single in singles for item in single.reliefs_applied}
    assert {item.id for item in budget.reliefs_applied} == reliefs
    event(f"reliefs applied: {min(len(reliefs), 2)}")
    event(f"dated values used: {min(len(used), 30) // 10 * 10}+")
    snapshots = month_snapshots(table, year)
    for single in singles:
        group = single.lines[0].group
        for month in group.months:
            expected = oracle(group, snapshots[month])
            for name in group.programs:
                premium = person_premium(group, name, snapshots[month])
                assert (premium.employer, premium.worker) == expected[name]


def test_a_ratio_too_fine_for_64_bits_is_computed_exactly() -> None:
    """Two reliefs on one premium (the loader refuses overlapping reliefs, a table built in code
    need not) make a ratio whose terms pass 64 bits: the roster computes it on Python integers
    rather than refusing it."""
    ratio = Fraction(99_999, 100_000) * Fraction(3_333, 10_000) * Fraction(6_667, 10_000)
    assert 2 * ratio.numerator * ratio.denominator > 2**63
    bases = [0, 1, 2_500_000, 10**12, 2**63 - 1]
    frame = pl.DataFrame({"base": bases}, schema={"base": pl.Int64})
    found = frame.select(times_ratio(pl.col("base"), ratio)).to_series().to_list()
    assert found == [
        (2 * b * ratio.numerator + ratio.denominator) // (2 * ratio.denominator) for b in bases
    ]
    assert exact_times(pl.Series("b", [None, 3]), Fraction(1, 2)).to_list() == [None, 2]


def test_stacked_reliefs_cost_the_same_in_the_roster_as_in_the_engine(table: RateTable) -> None:
    """Two extra reliefs of 33.33 % on PP 49/2020's 1 %: JKK at 0.24 % x 1 % x 33.33 % x 33.33 %
    of a Rp7,777,777 wage in September 2020."""
    covid = next(r for r in table.reliefs if r.id == "pp-49-2020-covid")
    halves = [
        covid.model_copy(update={"id": f"half{n}", "payable_percent": Decimal("33.33")})
        for n in (1, 2)
    ]
    stacked = replace(table, reliefs=(*table.reliefs, *halves))
    group = make_group(
        segment="pu", risk_class="very_low", monthly_wage=7_777_777, programs=["jkk", "jkm"]
    )
    scenario = make_scenario(2020, group)
    rule = premium_rule(group, "jkk", month_snapshots(stacked, 2020)[9])
    assert [r.id for r in rule.reliefs] == ["pp-49-2020-covid", "half1", "half2"]
    assert rule.employer == Fraction(24, 10_000) * Fraction(1, 100) * Fraction(3333, 10_000) ** 2
    row = {"line": 2, "nik": "1871010101900001", "name": "Siti", "group": "g"}
    accepted = pl.DataFrame([row | {k: getattr(group, k) for k in FIELDS}], schema=SCHEMA)
    expected = estimate(scenario, stacked)
    assert roster_budget(accepted, scenario, stacked) == expected
    assert per_person(accepted, scenario, stacked)["apbd_annual"].to_list() == [expected.annual]
    # September 2020: 7,777,777 x 0.24 % x 1 % x 33.33 % x 33.33 % = 20.7366 -> 21
    assert expected.lines[0].programs[0].apbd[8] == 21
    assert expected.lines[0].programs[0].apbd[0] == 18_667  # January: 18,666.66 -> 18,667


@pytest.mark.parametrize("payable", ["99.99", "0.01", "33.33"])
def test_the_finest_rates_the_loader_accepts_stay_in_64_bits(payable: str) -> None:
    """A rate of three decimals and one relief of two, the finest `validate` accepts, keep the
    Int64 split (2 x p x q + q within 64 bits), so the fast path is the only one they take."""
    for thousandths in (1, 99_999, 100_000, 12_345):
        ratio = Fraction(thousandths, 100_000) * Fraction(Decimal(payable)) / 100
        assert 2 * ratio.numerator * ratio.denominator + ratio.denominator < 2**63
