"""Following the budget through the year (planning.tracking): hand-worked cases and properties.

The plan is Kota Metro 2025 (examples/metro.yaml): every group is BPU band 1 at Rp16,800 a
person a month (JKK 1 % of Rp1,000,000 = Rp10,000 + JKM Rp6,800, PP 44/2015; the figure of the
Metro news article 000_4568f24a7734133d), except 500 guru honorer in band 2 (Rp18,800). So:
- penjaga makam, 138 people: JKK 138 x 10,000 = 1,380,000 + JKM 138 x 6,800 = 938,400, so
  Rp2,318,400 a month;
- marbot, 600 people: JKK 6,000,000 + JKM 4,080,000 = Rp10,080,000 a month, 120,960,000 a year;
- guru ngaji, 1,200 people: Rp20,160,000 a month;
- the year: Rp1,720,963,200.
BPU premiums are due on the 15th of the same month (BPJS manual "908 PROBIS KEPESERTAAN" p. 19).
"""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from jamsostek_budget.app import estimate as api
from jamsostek_budget.engine import premiums as engine
from jamsostek_budget.engine.budget import Budget
from jamsostek_budget.i18n import set_language
from jamsostek_budget.loading import bundled
from jamsostek_budget.loading.files import load_scenario
from jamsostek_budget.model.fields import Program
from jamsostek_budget.model.ledger import BillLine, Pagu, Payment, Source, YearMonth
from jamsostek_budget.planning.tracking import GroupTrack, Tracking, track
from jamsostek_budget.planning.tracking_rules import DUE_RULES, RULES, due_date
from tests.helpers import make_group, make_scenario

TABLE = api.load_rate_table()
METRO, _ = load_scenario(bundled.city_file("metro"))
PLAN = engine.estimate(METRO, TABLE)
PER_PERSON: dict[Program, int] = {"jkk": 10_000, "jkm": 6_800}
HEADCOUNT = {group.id: group.headcount for group in METRO.groups}


class Ledger:
    """Bill lines and payments numbered as in their files (header on line 1)."""

    def __init__(self) -> None:
        self.bills: list[BillLine] = []
        self.payments: list[Payment] = []

    def bill(
        self, month: int, group: str, participants: int | None = None, *, year: int = 2025
    ) -> Ledger:
        """The JKK and JKM lines of a band 1 group for a month, at Rp16,800 a person."""
        people = HEADCOUNT.get(group, 0) if participants is None else participants
        for program in ("jkk", "jkm"):
            line = len(self.bills) + 2
            self.bills.append(
                BillLine(
                    (year, month),
                    group,
                    program,
                    people,
                    people * PER_PERSON[program],
                    Source("tagihan.csv", line),
                )
            )
        return self

    def pay(self, day: date, amount: int, month: YearMonth | None = None) -> Ledger:
        line = len(self.payments) + 2
        self.payments.append(
            Payment(day, amount, f"SP2D/{line:03d}", month, Source("sp2d.csv", line))
        )
        return self

    def track(self, as_of: date, pagu: int | None = None) -> Tracking:
        return track(PLAN, None if pagu is None else Pagu(pagu), self.bills, self.payments, as_of)


def makam(*months: int) -> Ledger:
    """The penjaga makam (138 people, Rp2,318,400 a month) billed for `months`."""
    ledger = Ledger()
    for month in months:
        ledger.bill(month, "penjaga-makam")
    return ledger


def pu_plan(headcount: int) -> Budget:
    """PU staff on Rp3,000,000 a month, very low risk, JKK and JKM."""
    staff = make_group(
        id="staf",
        label="Staf",
        segment="pu",
        headcount=headcount,
        monthly_wage=3_000_000,
        risk_class="very_low",
        programs=["jkk", "jkm"],
    )
    return engine.estimate(make_scenario(2025, staff), TABLE)


def group(result: Tracking, group_id: str) -> GroupTrack:
    return next(line for line in result.groups if line.group_id == group_id)


def test_the_plan_is_metro_at_its_real_figures() -> None:
    assert PLAN.annual == 1_720_963_200
    assert group(Ledger().track(date(2025, 1, 1)), "penjaga-makam").months[0].planned == 2_318_400


def test_a_month_paid_late() -> None:
    # January's Rp2,318,400 for the penjaga makam is due 15 January and paid 3 February:
    # 16 days to 31 January + 3 = 19 days late, then settled.
    result = makam(1).pay(date(2025, 2, 3), 2_318_400).track(date(2025, 3, 1))
    january = group(result, "penjaga-makam").months[0]
    assert (january.due, january.billed, january.paid, january.outstanding) == (
        date(2025, 1, 15),
        2_318_400,
        2_318_400,
        0,
    )
    assert january.days_late == 19
    assert january.settled
    assert result.months[0].days_late == 19
    assert result.totals.arrears == 0


def test_a_month_paid_on_time_is_not_late_and_one_not_due_yet_is_not_late() -> None:
    result = makam(1, 2).pay(date(2025, 1, 15), 2_318_400).track(date(2025, 2, 10))
    january, february = group(result, "penjaga-makam").months[:2]
    assert (january.days_late, january.settled) == (0, True)
    # February is due on the 15th: on 10 February nothing is late yet, though all is owed
    assert (february.days_late, february.outstanding, february.settled) == (0, 2_318_400, False)
    assert result.totals.arrears == 0


def test_a_partial_payment_settles_the_oldest_month_first() -> None:
    # January and February billed at 2,318,400 each; Rp3,000,000 paid 20 February naming no month:
    # January gets 2,318,400 (settled 20 Feb, 36 days after 15 Jan), February the other 681,600,
    # all to its JKK line, first in the bill file (JKK 1,380,000 - 681,600 = 698,400 owed; JKM
    # 938,400 owed; together 1,636,800). As of 1 March February is 14 days past its 15 February.
    result = makam(1, 2).pay(date(2025, 2, 20), 3_000_000).track(date(2025, 3, 1))
    track_of_makam = group(result, "penjaga-makam")
    january, february = track_of_makam.months[:2]
    assert (january.paid, january.days_late, january.settled) == (2_318_400, 36, True)
    assert (february.paid, february.outstanding, february.days_late) == (681_600, 1_636_800, 14)
    jkk, jkm = track_of_makam.programs
    assert (jkk.months[1].outstanding, jkm.months[1].outstanding) == (698_400, 938_400)
    assert result.totals.arrears == 1_636_800
    assert (result.totals.billed, result.totals.paid, result.totals.credit) == (
        4_636_800,
        3_000_000,
        0,
    )


def test_a_month_billed_above_plan_and_the_projection_at_the_latest_headcount() -> None:
    # Marbot: 600 planned (10,080,000 a month); March billed for 620: 620 x 16,800 = 10,416,000,
    # 336,000 above plan. Projection: billed Jan-Mar 10,080,000 x 2 + 10,416,000 = 30,576,000,
    # plus April-December at the latest headcount, 9 x 10,416,000 = 93,744,000: 124,320,000,
    # 3,360,000 (20 people x 16,800 x 10 months) over the marbot plan of 120,960,000.
    result = (
        Ledger().bill(1, "marbot").bill(2, "marbot").bill(3, "marbot", 620).track(date(2025, 3, 20))
    )
    marbot = group(result, "marbot")
    march = marbot.months[2]
    assert (march.planned, march.billed, march.above_plan, march.participants) == (
        10_080_000,
        10_416_000,
        336_000,
        620,
    )
    assert marbot.latest_participants == 620
    # the whole plan's March: every group's plan (1,720,963,200 / 12 = 143,413,600), marbot's bill
    everyone = result.months[2]
    assert (everyone.planned, everyone.billed, everyone.participants) == (
        143_413_600,
        10_416_000,
        620,
    )
    # April is not billed: nothing owed, nothing late, and not settled either
    april = result.months[3]
    assert (april.billed_lines, april.outstanding, april.days_late, april.settled) == (
        0,
        0,
        0,
        False,
    )
    assert marbot.projected == 124_320_000
    # the other groups are not billed: their plan stands, so the year is the plan + 3,360,000
    assert result.totals.projected == 1_720_963_200 + 3_360_000
    # against a pagu of Rp1,721,000,000 (the reported ~Rp1.721 billion): the plan left a surplus
    # of 36,800; the 20 extra marbot turn it into a shortfall of 3,323,200
    surplus = Ledger().track(date(2025, 3, 20), pagu=1_721_000_000).totals
    assert (surplus.balance, surplus.balance_kind) == (36_800, "surplus")
    assert result.totals.pagu is None
    assert (result.totals.balance, result.totals.balance_kind) == (None, None)
    shortfall = track(PLAN, Pagu(1_721_000_000), result.bills, (), date(2025, 3, 20)).totals
    assert (shortfall.balance, shortfall.balance_kind) == (-3_323_200, "shortfall")


def test_a_payment_naming_its_month_settles_it_and_carries_the_excess_forward() -> None:
    # January, February and March billed (2,318,400 each); Rp3,000,000 names February: February
    # is settled, the 681,600 excess goes to March (the next month), January stays unpaid.
    result = makam(1, 2, 3).pay(date(2025, 2, 14), 3_000_000, (2025, 2)).track(date(2025, 3, 10))
    january, february, march = group(result, "penjaga-makam").months[:3]
    assert (january.paid, february.paid, march.paid) == (0, 2_318_400, 681_600)
    assert (february.settled, february.days_late) == (True, 0)
    assert january.days_late == (date(2025, 3, 10) - date(2025, 1, 15)).days == 54
    # with nothing owed from February on, the excess is a credit: it is not carried back to
    # January, which stays in arrears (2,318,400 owed, 54 days late)
    forward = makam(1, 2).pay(date(2025, 2, 14), 3_000_000, (2025, 2)).track(date(2025, 3, 10))
    assert [figures.paid for figures in group(forward, "penjaga-makam").months[:2]] == [
        0,
        2_318_400,
    ]
    assert (forward.totals.credit, forward.totals.arrears) == (681_600, 2_318_400)


def test_an_overpayment_beyond_everything_owed_is_a_credit_with_its_source() -> None:
    # January billed 2,318,400; Rp2,500,000 paid: 181,600 left over, kept with its payment line.
    ledger = makam(1).pay(date(2025, 1, 10), 2_500_000)
    result = ledger.track(date(2025, 1, 31))
    assert result.totals.paid == 2_318_400
    assert result.totals.credit == 181_600
    (credit,) = result.credits
    assert (credit.amount, credit.payment.source, credit.payment.reference) == (
        181_600,
        Source("sp2d.csv", 2),
        "SP2D/002",
    )


def test_three_unpaid_bpu_months_put_the_group_at_risk_of_deactivation() -> None:
    # Guru ngaji, 1,200 people (20,160,000 a month): January paid, February to April not. April
    # is due 15 April: on the 15th two months are past due, on the 16th three: at risk.
    ledger = Ledger()
    for month in (1, 2, 3, 4):
        ledger.bill(month, "guru-ngaji")
    ledger.pay(date(2025, 1, 14), 20_160_000)
    on_time = ledger.track(date(2025, 4, 15))
    assert (group(on_time, "guru-ngaji").unpaid_months, on_time.at_risk) == (2, ())
    late = ledger.track(date(2025, 4, 16))
    ngaji = group(late, "guru-ngaji")
    assert (ngaji.unpaid_months, ngaji.at_risk, ngaji.latest_participants) == (3, True, 1_200)
    assert late.at_risk == (ngaji,)
    assert late.totals.arrears == 3 * 20_160_000
    # a payment settling February breaks the run: March and April remain, two months
    ledger.pay(date(2025, 4, 16), 20_160_000)
    assert group(ledger.track(date(2025, 4, 16)), "guru-ngaji").unpaid_months == 2


def test_due_dates_bpu_same_month_pu_following_month_and_cited() -> None:
    assert due_date("bpu", (2025, 12)) == date(2025, 12, 15)
    assert due_date("pu", (2025, 12)) == date(2026, 1, 15)
    assert due_date("pu", (2025, 1)) == date(2025, 2, 15)
    assert DUE_RULES["pu"].rule in RULES
    assert all("908 PROBIS KEPESERTAAN" in rule.rule.sources[0] for rule in DUE_RULES.values())
    result = track(pu_plan(1), None, (), (), date(2025, 6, 1))
    assert [figures.due for figures in result.months[:2]] == [date(2025, 2, 15), date(2025, 3, 15)]
    assert result.rules == RULES


def test_bills_and_payments_the_plan_cannot_place_are_rejected_with_their_line() -> None:
    ledger = Ledger().bill(1, "marbot")
    ledger.bill(12, "marbot", year=2024)  # lines 4, 5: before the fiscal year
    ledger.bill(2, "juru-parkir", 50)  # lines 6, 7: planned in Metro, not in the scenario
    ledger.bills.append(
        BillLine((2025, 2), "marbot", "jht", 600, 12_000_000, Source("tagihan.csv", 8))
    )
    ledger.pay(date(2025, 2, 1), 10_080_000).pay(date(2025, 3, 2), 100)  # after the as-of date
    ledger.pay(date(2025, 2, 1), 5, (2026, 1))
    ledger.pay(date(2025, 2, 1), 0)
    result = ledger.track(date(2025, 2, 28))
    assert result.bills_read == len(ledger.bills) == 7
    assert [bill.source.line for bill in result.bills] == [2, 3]
    reasons = {rejected.source.line: rejected.reasons for rejected in result.rejected_bills}
    assert sorted(reasons) == [4, 5, 6, 7, 8]
    assert reasons[4] == ("month 2024-12 is outside the fiscal year 2025",)
    assert reasons[6][0].startswith("group 'juru-parkir' is not in the scenario")
    assert reasons[8] == ("group 'marbot' does not pay JHT (it pays JKK, JKM)",)
    assert result.payments_read == len(ledger.payments) == 4
    assert [rejected.source.line for rejected in result.rejected_payments] == [3, 4, 5]
    assert result.rejected_payments[2].reasons == ("the amount must be more than 0, got 0",)
    assert result.rejected_payments[0].reasons == (
        "paid on 2025-03-02, after the as-of date 2025-02-28",
    )
    assert result.totals.billed == result.totals.paid == 10_080_000


# --- properties -----------------------------------------------------------------------------

GROUP_IDS = ("penjaga-makam", "marbot", "guru-ngaji")
bill_lines = st.lists(
    st.tuples(st.integers(1, 12), st.sampled_from(GROUP_IDS), st.integers(0, 2_000)), max_size=12
)
payments = st.lists(
    st.tuples(
        st.dates(date(2024, 12, 1), date(2025, 12, 31)),
        st.integers(1, 60_000_000),
        st.none() | st.integers(1, 12),
    ),
    max_size=8,
)


def ledger_of(
    bills: list[tuple[int, str, int]], paid: list[tuple[date, int, int | None]]
) -> Ledger:
    ledger = Ledger()
    for month, group_id, people in bills:
        ledger.bill(month, group_id, people)
    for day, amount, named in paid:
        ledger.pay(day, amount, None if named is None else (2025, named))
    return ledger


@settings(max_examples=60, deadline=None)
@given(bill_lines, payments)
def test_every_month_billed_is_paid_plus_outstanding_and_no_rupiah_is_made_or_lost(
    bills: list[tuple[int, str, int]], paid: list[tuple[date, int, int | None]]
) -> None:
    result = ledger_of(bills, paid).track(date(2025, 12, 31))
    allocated: dict[YearMonth, int] = {}
    for allocation in result.allocations:
        month = allocation.bill.month
        allocated[month] = allocated.get(month, 0) + allocation.amount
    for figures in result.months:
        billed = sum(bill.amount for bill in result.bills if bill.month == figures.month)
        assert figures.billed == billed
        assert figures.paid == allocated.get(figures.month, 0)
        assert 0 <= figures.outstanding <= figures.billed
        assert figures.billed == figures.paid + figures.outstanding
    assert sum(allocated.values()) + result.totals.credit == sum(
        payment.amount for payment in result.payments
    )
    assert result.totals.paid == sum(allocated.values())
    # a credit from a payment naming no month only remains when nothing billed is owed
    if any(credit.payment.month is None for credit in result.credits):
        assert result.totals.outstanding == 0


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 12), payments)
def test_the_projection_equals_the_plan_when_bills_follow_it(
    months_billed: int, paid: list[tuple[date, int, int | None]]
) -> None:
    ledger = ledger_of(
        [
            (month, group_id, HEADCOUNT[group_id])
            for month in range(1, months_billed + 1)
            for group_id in GROUP_IDS
        ],
        paid,
    )
    result = ledger.track(date(2025, 12, 31), pagu=PLAN.annual)
    assert result.totals.projected == PLAN.annual
    assert (result.totals.balance, result.totals.balance_kind) == (0, "even")


def test_reasons_are_given_in_indonesian() -> None:
    set_language("id")
    result = (
        Ledger().bill(12, "marbot", year=2024).pay(date(2025, 3, 2), 100).track(date(2025, 2, 28))
    )
    assert result.rejected_bills[0].reasons == ("bulan 2024-12 di luar tahun anggaran 2025",)
    assert result.rejected_payments[0].reasons == (
        "dibayar pada 2025-03-02, setelah tanggal posisi 2025-02-28",
    )


def test_a_pu_month_falls_due_the_next_month_and_pu_groups_are_never_deactivated() -> None:
    # 10 PU staff on Rp3,000,000, very low risk: JKK 0.24 % = 7,200 + JKM 0.30 % = 9,000 a person,
    # 162,000 a month (PP 44/2015). January is due 15 February: unpaid on 10 February it is not
    # late yet; on 20 February it is 5 days late. Four unpaid months do not deactivate PU staff.
    plan = pu_plan(10)
    amounts: tuple[tuple[Program, int], ...] = (("jkk", 72_000), ("jkm", 90_000))
    bills = [
        BillLine(
            (2025, month), "staf", program, 10, amount, Source("tagihan.csv", 2 * month + side)
        )
        for month in (1, 2, 3, 4)
        for side, (program, amount) in enumerate(amounts)
    ]
    before = track(plan, None, bills, (), date(2025, 2, 10))
    assert (before.months[0].planned, before.months[0].days_late, before.totals.arrears) == (
        162_000,
        0,
        0,
    )
    after = track(plan, None, bills, (), date(2025, 2, 20))
    assert (after.months[0].days_late, after.totals.arrears) == (5, 162_000)
    late = track(plan, None, bills, (), date(2025, 6, 1))
    (staf,) = late.groups
    assert (staf.unpaid_months, staf.at_risk, late.at_risk) == (4, False, ())
    assert late.totals.arrears == 4 * 162_000
