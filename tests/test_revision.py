"""The mid-year revision and efficiency cuts (`jbudget revise`, planning.revision): hand-worked
figures, budget versions side by side, properties and bad input.

Figures: Kota Metro 2025 (examples/metro.yaml) is 8,477 people, Rp1,720,963,200 a year,
Rp143,413,600 a month: 7,977 people in BPU band 1 at Rp16,800 a month (JKK Rp10,000 + JKM
Rp6,800) and 500 guru honorer in band 2 at Rp18,800 (JKK 1 % of Rp1,200,000 = Rp12,000 + JKM
Rp6,800). Three months (October to December) of one person cost Rp50,400 in band 1 and Rp56,400
in band 2. Nine months (January to September) at plan are 9 x 143,413,600 = Rp1,290,722,400.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jamsostek_budget.app import estimate as api
from jamsostek_budget.engine import premiums as engine
from jamsostek_budget.engine.budget import Budget
from jamsostek_budget.errors import UsageError
from jamsostek_budget.loading import bundled
from jamsostek_budget.loading.files import load_scenario
from jamsostek_budget.model.ledger import BilledHeadcount, BillLine, Source, YearMonth
from jamsostek_budget.model.scenario import Scenario
from jamsostek_budget.planning.cut import Cut
from jamsostek_budget.planning.months_left import trimmed_to
from jamsostek_budget.planning.realized import Realized, realized_from_bills
from jamsostek_budget.planning.revision import HeadcountChange, NeedAt, Revision, revise
from jamsostek_budget.planning.versions import (
    BudgetVersion,
    side_by_side,
    version_of_budget,
    version_of_revision,
)
from tests.helpers import make_group, make_scenario
from tests.test_fit import groups

TABLE = api.load_rate_table()
METRO, _ = load_scenario(bundled.city_file("metro"))
METRO_YEAR, METRO_MONTH = 1_720_963_200, 143_413_600
OCTOBER: YearMonth = (2025, 10)
NINE_MONTHS = 9 * METRO_MONTH  # 1,290,722,400


def bills_at_plan(budget: Budget, last_month: int) -> list[BillLine]:
    """One bill line per group, program and month from January to `last_month`, billed exactly
    as planned (what BPJS bills when the headcounts hold)."""
    return [
        BillLine(
            (budget.fiscal_year, month),
            line.group.id,
            program.program,
            line.group.headcount,
            program.apbd[month - 1],
            Source("bills.csv", 1 + len(line.programs) * month),
        )
        for line in budget.lines
        for program in line.programs
        for month in range(1, last_month + 1)
        if program.apbd[month - 1]
    ]


def metro_bills(fewer_guru_ngaji_in_september: int = 0) -> Realized:
    """Metro's bills for January to September, at plan except `fewer` guru ngaji billed in
    September (people who left: band 1, Rp10,000 JKK + Rp6,800 JKM each)."""
    bills = bills_at_plan(engine.estimate(METRO, TABLE), 9)
    september = [
        bill.__class__(
            bill.month,
            bill.group,
            bill.program,
            bill.participants - fewer_guru_ngaji_in_september,
            bill.amount
            - fewer_guru_ngaji_in_september * (10_000 if bill.program == "jkk" else 6_800),
            bill.source,
        )
        if bill.month == (2025, 9) and bill.group == "guru-ngaji"
        else bill
        for bill in bills
    ]
    return realized_from_bills(september)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def metro_with_juru_parkir_from_october(folder: Path) -> Scenario:
    """The APBD-P variant: 350 juru parkir join in October (band 1)."""
    variant = write(
        folder,
        "metro-apbd-p.yaml",
        "extends: metro\nadd_groups:\n  - id: juru-parkir\n    label: Juru parkir\n"
        "    segment: bpu\n    headcount: 350\n    declared_income: 1000000\n"
        "    programs: [jkk, jkm]\n    start_month: 10\n",
    )
    scenario, _source = load_scenario(variant)
    return scenario


def metro_apbd_p(folder: Path, need_at: NeedAt = "billed") -> Revision:
    """Metro's APBD-P from October: 350 juru parkir join, and September billed 100 guru ngaji
    fewer than planned."""
    return revise(
        METRO,
        TABLE,
        effective=OCTOBER,
        realized=metro_bills(fewer_guru_ngaji_in_september=100),
        revised=metro_with_juru_parkir_from_october(folder),
        need_at=need_at,
    )


def metro_ten_percent_cut() -> Revision:
    """An efficiency order of 10 % of Metro's pagu from October, January-September billed at
    plan."""
    return revise(
        METRO, TABLE, effective=OCTOBER, realized=metro_bills(), cut=Cut(percent=Decimal(10))
    )


def by_id(revision: Revision) -> dict[str, Any]:
    return {line.group_id: line for line in revision.lines}


def test_metro_adds_a_group_from_october(tmp_path: Path) -> None:
    """The months left are priced at the latest bill's headcounts, as track projects the year:
    September billed 1,100 guru ngaji, not the plan's 1,200."""
    revision = metro_apbd_p(tmp_path)
    # realized: 9 months at plan less 100 guru ngaji in September (100 x 16,800 = 1,680,000)
    assert revision.realized_total == NINE_MONTHS - 1_680_000 == 1_289_042_400
    # need: 3 months at September's people (1,680,000 less a month) plus 350 x 16,800 x 3 =
    # 17,640,000 for the juru parkir
    assert revision.need == 3 * (METRO_MONTH - 1_680_000) + 17_640_000 == 442_840_800
    assert revision.planned_left == 3 * METRO_MONTH == 430_240_800
    assert revision.revised_pagu == 1_289_042_400 + 442_840_800 == 1_731_883_200
    assert revision.difference == 17_640_000 - 4 * 1_680_000 == 10_920_000
    assert (revision.cut, revision.fit, revision.losses, revision.unbilled) == (None, None, (), ())
    assert revision.covered == revision.need and revision.left == 0
    assert revision.headcounts == (
        HeadcountChange("guru-ngaji", "Guru ngaji", 1_200, BilledHeadcount((2025, 9), 1_100)),
    )
    lines = by_id(revision)
    parkir = lines["juru-parkir"]
    assert (parkir.planned, parkir.realized, parkir.need, parkir.people) == (0, 0, 17_640_000, 350)
    assert (parkir.revised, parkir.difference) == (17_640_000, 17_640_000)
    ngaji = lines["guru-ngaji"]
    # 1,200 x 201,600 planned; 1,200 x 16,800 x 9 - 1,680,000 billed; 1,100 x 16,800 x 3 needed
    assert (ngaji.planned, ngaji.planned_to_date) == (241_920_000, 181_440_000)
    assert (ngaji.realized, ngaji.need, ngaji.people) == (179_760_000, 55_440_000, 1_100)
    assert (ngaji.revised, ngaji.difference) == (235_200_000, -6_720_000)


def test_metro_adds_a_group_from_october_at_the_plans_headcounts(tmp_path: Path) -> None:
    """need_at="plan": the months left at the plan's 1,200 guru ngaji, whatever September billed."""
    revision = metro_apbd_p(tmp_path, need_at="plan")
    assert revision.realized_total == 1_289_042_400
    # need: 3 months of the plan plus 350 x 16,800 x 3 = 17,640,000 for the juru parkir
    assert revision.need == 3 * METRO_MONTH + 17_640_000 == 447_880_800
    assert revision.revised_pagu == 1_289_042_400 + 447_880_800 == 1_736_923_200
    assert revision.difference == 17_640_000 - 1_680_000 == 15_960_000
    assert revision.headcounts == ()
    ngaji = by_id(revision)["guru-ngaji"]
    assert (ngaji.realized, ngaji.need, ngaji.people) == (179_760_000, 60_480_000, 1_200)
    assert (ngaji.revised, ngaji.difference) == (240_240_000, -1_680_000)


def test_a_headcount_the_variant_sets_is_kept_over_the_bill(tmp_path: Path) -> None:
    """A variant that sets guru ngaji to 1,300 decided it: the months left cost 1,300 x 16,800 x 3
    = 65,520,000, not September's 1,100."""
    variant = write(
        tmp_path,
        "metro-ngaji.yaml",
        "extends: metro\nchange_groups:\n  - {id: guru-ngaji, headcount: 1300}\n",
    )
    revised, _source = load_scenario(variant)
    realized = metro_bills(fewer_guru_ngaji_in_september=100)
    revision = revise(METRO, TABLE, effective=OCTOBER, realized=realized, revised=revised)
    assert revision.headcounts == ()
    assert by_id(revision)["guru-ngaji"].need == 1_300 * 16_800 * 3 == 65_520_000


def test_kab_bogor_covers_19235_rt_rw_heads_for_october_to_december(tmp_path: Path) -> None:
    """Kab. Bogor's APBD-P 2023 covered 19,235 RT/RW heads for October to December (republika,
    1/10/2023): 19,235 x 16,800 x 3 = Rp969,444,000. Its murni plan is not published; 1,000
    people covered all year stand in for it (1,000 x 16,800 x 12 = Rp201,600,000)."""
    write(
        tmp_path,
        "bogor.yaml",
        "city: bogor\nname: Kabupaten Bogor\nprovince: Jawa Barat\nfiscal_year: 2023\n"
        "groups:\n  - id: pekerja-rentan\n    label: Pekerja rentan\n    segment: bpu\n"
        "    headcount: 1000\n    declared_income: 1000000\n    programs: [jkk, jkm]\n",
    )
    plan, _source = load_scenario(tmp_path / "bogor.yaml")
    variant = write(
        tmp_path,
        "bogor-apbd-p.yaml",
        "extends: bogor.yaml\nadd_groups:\n  - id: ketua-rt-rw\n    label: Ketua RT/RW\n"
        "    segment: bpu\n    headcount: 19235\n    declared_income: 1000000\n"
        "    programs: [jkk, jkm]\n    start_month: 10\n",
    )
    revised, _source = load_scenario(variant)
    realized = realized_from_bills(bills_at_plan(engine.estimate(plan, TABLE), 9))
    revision = revise(plan, TABLE, effective=(2023, 10), realized=realized, revised=revised)
    assert revision.original_pagu == 201_600_000
    assert revision.realized_total == 1_000 * 16_800 * 9 == 151_200_000
    assert revision.need == 1_000 * 16_800 * 3 + 969_444_000 == 1_019_844_000
    assert revision.revised_pagu == 1_171_044_000
    assert revision.difference == 969_444_000
    assert by_id(revision)["ketua-rt-rw"].need == 19_235 * 16_800 * 3


def test_a_ten_percent_cut_in_file_order() -> None:
    revision = metro_ten_percent_cut()
    # 10 % of 1,720,963,200 = 172,096,320; the pagu falls to 1,548,866,880
    assert (revision.cut, revision.revised_pagu) == (172_096_320, 1_548_866_880)
    assert revision.difference == -172_096_320
    # left for October-December: 1,548,866,880 - 1,290,722,400 realized = 258,144,480
    assert revision.ceiling_left == 258_144_480
    # non-ASN 3,699 x 50,400 = 186,429,600 (left 71,714,880); RT/RW 1,400 x 50,400 = 70,560,000
    # (left 1,154,880); guru ngaji 1,154,880 // 50,400 = 22 people, 1,108,800 (left 46,080);
    # guru honorer cost 56,400 and the others 50,400, more than 46,080: nobody else
    assert revision.covered == 186_429_600 + 70_560_000 + 1_108_800 == 258_098_400
    assert revision.left == 46_080
    lost = [(loss.group_id, loss.people, loss.from_month) for loss in revision.losses]
    assert lost == [
        ("guru-ngaji", 1_178, OCTOBER),
        ("kader-posyandu", 940, OCTOBER),
        ("marbot", 600, OCTOBER),
        ("guru-honorer", 500, OCTOBER),
        ("penjaga-makam", 138, OCTOBER),
    ]
    assert sum(loss.people for loss in revision.losses) == 8_477 - 3_699 - 1_400 - 22 == 3_356
    ngaji = by_id(revision)["guru-ngaji"]
    assert (ngaji.people, ngaji.people_covered, ngaji.covered) == (1_200, 22, 1_108_800)
    # the group's year: 181,440,000 billed + 1,108,800 covered = 182,548,800
    assert (ngaji.revised, ngaji.difference) == (182_548_800, 182_548_800 - 241_920_000)
    assert revision.need == 3 * METRO_MONTH  # what keeping everyone would have needed


def test_a_ten_percent_cut_in_priority_order() -> None:
    priority = ["guru-honorer", "kader-posyandu", "penjaga-makam", "marbot", "guru-ngaji"]
    revision = revise(
        METRO.model_copy(update={"priority": [*priority, "ketua-rt-rw"]}),
        TABLE,
        effective=OCTOBER,
        realized=metro_bills(),
        cut=Cut(percent=Decimal(10)),
    )
    # of 258,144,480: guru honorer 500 x 56,400 = 28,200,000; kader 940 x 50,400 = 47,376,000;
    # penjaga makam 138 x 50,400 = 6,955,200; marbot 600 x 50,400 = 30,240,000; guru ngaji
    # 1,200 x 50,400 = 60,480,000; RT/RW 1,400 x 50,400 = 70,560,000: 243,811,200, leaving
    # 14,333,280 for the non-ASN, unlisted and so last: 284 x 50,400 = 14,313,600, 19,680 left
    assert revision.fit is not None
    assert revision.fit.order == (*priority, "ketua-rt-rw", "non-asn")
    assert revision.covered == 243_811_200 + 14_313_600 == 258_124_800
    assert revision.left == 19_680
    (loss,) = revision.losses
    assert (loss.group_id, loss.people, loss.from_month) == ("non-asn", 3_699 - 284, OCTOBER)
    assert loss.cost == 3_415 * 50_400


def test_a_cut_by_amount() -> None:
    """An efficiency order taking Rp200,000,000 off the pagu."""
    revision = revise(
        METRO, TABLE, effective=OCTOBER, realized=metro_bills(), cut=Cut(amount=200_000_000)
    )
    assert (revision.revised_pagu, revision.difference) == (1_520_963_200, -200_000_000)
    # 1,520,963,200 - 1,290,722,400 = 230,240,800 left: non-ASN 186,429,600 (left 43,811,200),
    # then RT/RW 43,811,200 // 50,400 = 869 people, 43,797,600 (left 13,600)
    assert revision.ceiling_left == 230_240_800
    assert revision.covered == 186_429_600 + 43_797_600 and revision.left == 13_600
    lost = {loss.group_id: loss.people for loss in revision.losses}
    assert lost == {
        "ketua-rt-rw": 531,
        "guru-ngaji": 1_200,
        "kader-posyandu": 940,
        "marbot": 600,
        "guru-honorer": 500,
        "penjaga-makam": 138,
    }


def test_a_cut_after_a_group_added_from_november_loses_it_from_november() -> None:
    """A group starting after the revision loses cover from its own first month."""
    late = make_group(id="late", label="Late", headcount=10, start_month=11)
    plan = make_scenario(2025, make_group(id="early", label="Early", headcount=10), late)
    # 10 x 16,800 x 9 = 1,512,000 realized; the plan's year is 20 x 16,800 x 2 + 10 x 16,800 x 10
    realized = Realized({(2025, month): 168_000 for month in range(1, 10)})
    revision = revise(plan, TABLE, effective=OCTOBER, realized=realized, cut=Cut(amount=33_600))
    # pagu 2,352,000 - 33,600 = 2,318,400; left 806,400: early 10 x 50,400 = 504,000, then
    # 302,400 // (16,800 x 2) = 9 of the late group
    assert revision.ceiling_left == 806_400
    (loss,) = revision.losses
    assert (loss.group_id, loss.people, loss.from_month) == ("late", 1, (2025, 11))


def test_months_without_bills_are_named() -> None:
    realized = Realized({(2025, month): METRO_MONTH for month in (1, 2, 3, 5)})
    revision = revise(METRO, TABLE, effective=(2025, 7), realized=realized)
    assert revision.unbilled == ((2025, 4), (2025, 6))
    assert revision.revised_pagu == 4 * METRO_MONTH + 6 * METRO_MONTH
    assert by_id(revision)["marbot"].realized is None  # monthly totals give no groups


def test_versions_side_by_side(tmp_path: Path) -> None:
    murni = version_of_budget(
        engine.estimate(METRO, TABLE), legal_basis="Perda Kota Metro tentang APBD 2025"
    )
    added = metro_apbd_p(tmp_path)
    cut = metro_ten_percent_cut()
    perubahan, efisiensi = version_of_revision(added), version_of_revision(cut)
    assert (murni.kind, perubahan.kind, efisiensi.kind) == ("murni", "perubahan", "efisiensi")
    assert murni.label == "APBD murni (adopted)" and efisiensi.label == "efisiensi (ordered cut)"
    table = side_by_side([murni, perubahan, efisiensi])
    assert table.pagu.amounts == (METRO_YEAR, 1_731_883_200, 1_548_866_880)
    # +10,920,000 in the APBD-P; 1,548,866,880 - 1,731,883,200 in the cut
    assert table.pagu.changes == (10_920_000, -183_016_320)
    rows = {row.key: row for row in table.groups}
    assert rows["guru-ngaji"].amounts == (241_920_000, 235_200_000, 182_548_800)
    assert rows["juru-parkir"].amounts == (0, 17_640_000, 0)
    assert rows["juru-parkir"].changes == (17_640_000, -17_640_000)
    assert [row.key for row in table.groups][-1] == "juru-parkir"
    # Per program, realized + covered. Metro's month is JKK 7,977 x 10,000 + 500 x 12,000 =
    # 85,770,000 and JKM 8,477 x 6,800 = 57,643,600; the adopted year JKK 12 x 85,770,000, JKM
    # 12 x 57,643,600. APBD-P: September billed 100 guru ngaji fewer (JKK -1,000,000, JKM
    # -680,000), the months left priced at that and the juru parkir added (350 x 10,000 x 3 and
    # 350 x 6,800 x 3):
    #   JKK 9 x 85,770,000 - 1,000,000 + 3 x 84,770,000 + 10,500,000 = 1,035,740,000
    #   JKM 9 x 57,643,600 - 680,000 + 3 x 56,963,600 + 7,140,000 = 696,143,200
    # The cut covers 3,699 non-ASN, 1,400 RT/RW heads and 22 guru ngaji (5,121 people) for three
    # months: JKK 9 x 85,770,000 + 5,121 x 30,000 = 925,560,000, JKM 9 x 57,643,600 + 5,121 x
    # 20,400 = 623,260,800.
    programs = {row.key: row.amounts for row in table.programs}
    assert programs == {
        "jkk": (1_029_240_000, 1_035_740_000, 925_560_000),
        "jkm": (691_723_200, 696_143_200, 623_260_800),
    }
    assert table.programs[0].changes == (6_500_000, -110_180_000)
    for version in (perubahan, efisiensi):  # the programs add up to the groups
        assert version.programs is not None and version.groups is not None
        assert sum(version.programs.values()) == sum(group.annual for group in version.groups)


def test_a_version_without_groups_compares_its_pagu_only() -> None:
    shift = BudgetVersion("pergeseran", "Pergeseran I", 1_700_000_000, None, None)
    table = side_by_side([version_of_budget(engine.estimate(METRO, TABLE)), shift])
    assert table.pagu.changes == (1_700_000_000 - METRO_YEAR,)
    assert all(row.amounts[1] is None and row.changes == (None,) for row in table.groups)


def test_the_window_costs_what_the_plan_costs_for_those_months() -> None:
    """Trimming a group to the months left keeps its enrolment month. PP 49/2020 cut JKK and JKM
    from August 2020 to January 2021, but members who joined from August paid their first two
    months in full: a group joining in August pays in full in August and September and the
    reduced premium from October, in the whole year and in the plan trimmed to September on
    (which, taking September as the joining month, would charge October in full)."""
    plan = make_scenario(2020, make_group(id="new", headcount=7, start_month=8))
    whole = engine.estimate(plan, TABLE).lines[0].monthly
    assert whole[7] == whole[8] > whole[9]  # full in August and September, reduced in October
    left = engine.estimate(trimmed_to(plan, 9), TABLE).lines[0].monthly
    assert left == (0,) * 8 + whole[8:]


@pytest.mark.parametrize(
    ("kwargs", "message", "hint"),
    [
        ({"effective": (2024, 10)}, "2024-10, outside fiscal year 2025", "2025-01 to 2025-12"),
        ({"effective": (2025, 9)}, "realized for 2025-09, outside", "before the month"),
        ({"cut": Cut(percent=Decimal(150))}, "a cut of 150 %", "at most 100"),
        ({"cut": Cut(amount=500_000_000)}, "less than the Rp1,290,722,400", "430,240,800"),
        ({"cut": Cut(amount=0)}, "takes nothing", "above 0"),
        ({"cut": Cut()}, "one of the two", "10%"),
        ({"cut": Cut(Decimal(5), 10)}, "one of the two", "10%"),
        ({"cut": Cut(amount=1), "priority": ["marbott"]}, "names 'marbott'", "'marbot'"),
        ({"revised": METRO.model_copy(update={"fiscal_year": 2026})}, "year 2026", "same year"),
    ],
)
def test_bad_input(kwargs: dict[str, Any], message: str, hint: str) -> None:
    arguments: dict[str, Any] = {"effective": OCTOBER, "realized": metro_bills(), **kwargs}
    with pytest.raises(UsageError) as caught:
        revise(METRO, TABLE, **arguments)
    assert message in caught.value.message
    assert hint in caught.value.hint


def test_bad_realized_amounts() -> None:
    with pytest.raises(UsageError, match="less than nothing"):
        revise(METRO, TABLE, effective=OCTOBER, realized=Realized({(2025, 1): -1}))
    stranger = Realized({(2025, 1): 1}, {"tukang-ojek": 1})
    with pytest.raises(UsageError, match="'tukang-ojek', which the plan does not have"):
        revise(METRO, TABLE, effective=OCTOBER, realized=stranger)


@st.composite
def revisions(draw: st.DrawFn) -> tuple[Scenario, Scenario, YearMonth, Realized]:
    year = draw(st.integers(2020, 2026))
    plan = make_scenario(year, *(draw(groups(i)) for i in range(draw(st.integers(1, 3)))))
    added = draw(groups(9))
    revised = plan.model_copy(update={"groups": [*plan.groups, added]})
    effective = (year, draw(st.integers(1, 12)))
    amounts = st.integers(0, 10**9)
    realized = {(year, month): draw(amounts) for month in range(1, effective[1])}
    return plan, revised, effective, Realized(realized)


@settings(max_examples=100, deadline=None)
@given(revisions())
def test_without_a_cut_the_pagu_is_realized_plus_need(
    case: tuple[Scenario, Scenario, YearMonth, Realized],
) -> None:
    plan, revised, effective, realized = case
    revision = revise(plan, TABLE, effective=effective, realized=realized, revised=revised)
    assert revision.revised_pagu == revision.realized_total + revision.need
    assert revision.need == sum(engine.estimate(revised, TABLE).monthly[effective[1] - 1 :])
    assert revision.need == engine.estimate(trimmed_to(revised, effective[1]), TABLE).annual


@settings(max_examples=100, deadline=None)
@given(revisions(), st.data())
def test_a_cut_covers_at_most_what_is_left_and_no_one_more(
    case: tuple[Scenario, Scenario, YearMonth, Realized], data: st.DataObject
) -> None:
    plan, revised, effective, realized = case
    need = sum(engine.estimate(revised, TABLE).monthly[effective[1] - 1 :])
    pagu = realized.total + data.draw(st.integers(1, need + 10**6))
    cut = Cut(amount=data.draw(st.integers(1, pagu - realized.total)))
    revision = revise(
        plan, TABLE, effective=effective, realized=realized, pagu=pagu, revised=revised, cut=cut
    )
    assert revision.revised_pagu == pagu - cut.rupiah(pagu)
    assert 0 <= revision.covered <= revision.ceiling_left
    assert revision.fit is not None and revision.covered == revision.fit.cost
    waiting = [line for line in revision.fit.lines if line.not_covered]
    assert all(line.per_person_annual > revision.left for line in waiting)
    lost = sum(loss.people for loss in revision.losses)
    assert lost == sum(line.people - line.people_covered for line in revision.lines)
