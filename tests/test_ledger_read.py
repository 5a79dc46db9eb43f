"""Bills and payments files for `jbudget track` (roster.ledger): read as rosters are, CSV or
.xlsx, under English names or Indonesian aliases; every row used, rejected with each of its
reasons (file, line, sheet), or blank, so that rows read = used + rejected + blank; a file whose
header cannot be read refused at its header. The synthetic Kota Metro 2025 files of
examples/track read without a rejection and add up to the figures their README works by hand."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jamsostek_budget.errors import DataError
from jamsostek_budget.i18n import set_language
from jamsostek_budget.loading.files import load_scenario
from jamsostek_budget.model.ledger import BillLine, Payment, Source
from jamsostek_budget.model.scenario import Group
from jamsostek_budget.roster.ledger import LedgerFile, read_bills, read_payments
from tests.helpers import make_group

EXAMPLES = Path(__file__).parent.parent / "examples"
TRACK = EXAMPLES / "track"
YEAR = 2025
BILL = "2025-03,marbot,jkk,600,6000000"
PAYMENT = "2025-03-14,143413600,SP2D-0618/LS/BPKAD/2025,2025-03"
BILLS_HEADER = "month,group,program,participants,amount"
PAYMENTS_HEADER = "date,amount,reference,month"
JKK = {"guru-honorer": 12_000}  # per person a month; every other Metro group: 10,000
JKM = 6_800


@pytest.fixture(scope="module")
def groups() -> list[Group]:
    return load_scenario(EXAMPLES / "metro.yaml")[0].groups


@pytest.fixture(scope="module")
def coded() -> list[Group]:
    """Three groups; two share the JKM code 5.1.02.02.02.0035, as one account paying both."""
    return [
        make_group(
            id="marbot", budget_codes={"jkk": "5.1.02.02.02.0027", "jkm": "5.1.02.02.02.0035"}
        ),
        make_group(
            id="guru-ngaji", budget_codes={"jkk": "5.1.02.02.02.0028", "jkm": "5.1.02.02.02.0035"}
        ),
        make_group(id="kader-posyandu"),
    ]


def write(folder: Path, text: str, name: str = "bills.csv", encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def bills(
    folder: Path, groups: list[Group], *lines: str, header: str = BILLS_HEADER
) -> LedgerFile[BillLine]:
    path = write(folder, "\n".join((header, *lines)) + "\n")
    return read_bills(path, groups, YEAR)


def payments(folder: Path, *lines: str, header: str = PAYMENTS_HEADER) -> LedgerFile[Payment]:
    path = write(folder, "\n".join((header, *lines)) + "\n", "payments.csv")
    return read_payments(path, YEAR)


def only_reasons(read: LedgerFile[BillLine] | LedgerFile[Payment]) -> tuple[str, ...]:
    assert not read.records
    assert len(read.rejected) == 1
    return read.rejected[0].reasons


def workbook(
    path: Path, sheets: Mapping[str, Sequence[Sequence[object]]], hidden: tuple[str, ...] = ()
) -> Path:
    book = openpyxl.Workbook()
    assert book.active is not None
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        sheet.sheet_state = "hidden" if name in hidden else "visible"
    book.save(path)
    return path


# --- the synthetic Kota Metro 2025 files -------------------------------------------------------


def test_the_example_bills_follow_the_plan_and_add_up_by_hand(groups: list[Group]) -> None:
    read = read_bills(TRACK / "metro-2025-bills.csv", groups, YEAR)
    assert (len(read.records), read.rejected, read.blank, read.rows_read) == (126, (), 0, 126)
    headcount = {group.id: group.headcount for group in groups}
    for line in read.records:
        rate = JKK.get(line.group, 10_000) if line.program == "jkk" else JKM
        assert line.amount == line.participants * rate
        above = line.month == (2025, 9) and line.group == "ketua-rt-rw"
        assert line.participants == headcount[line.group] + (50 if above else 0)
    by_month: dict[tuple[int, int], int] = {}
    for line in read.records:
        by_month[line.month] = by_month.get(line.month, 0) + line.amount
    assert by_month == {(2025, m): 143_413_600 for m in range(1, 9)} | {(2025, 9): 144_253_600}
    assert sum(by_month.values()) == 1_291_562_400
    first = read.records[0].source
    assert (first.file.endswith("metro-2025-bills.csv"), first.line, first.sheet) == (True, 3, "")


def test_the_example_workbook_holds_the_same_bill_lines(groups: list[Group]) -> None:
    csv = read_bills(TRACK / "metro-2025-bills.csv", groups, YEAR)
    xlsx = read_bills(TRACK / "metro-2025-bills.xlsx", groups, YEAR)
    assert (len(xlsx.rejected), xlsx.blank, xlsx.notes) == (0, 0, ())
    strip = [(r.month, r.group, r.program, r.participants, r.amount) for r in csv.records]
    assert [(r.month, r.group, r.program, r.participants, r.amount) for r in xlsx.records] == strip
    assert (xlsx.records[0].source.sheet, xlsx.records[0].source.line) == ("Tagihan", 3)


def test_the_example_payments_leave_june_partly_unpaid() -> None:
    read = read_payments(TRACK / "metro-2025-payments.csv", YEAR)
    assert (len(read.records), read.rejected, read.rows_read) == (9, (), 9)
    assert sum(payment.amount for payment in read.records) == 1_248_148_800
    assert 1_291_562_400 - 1_248_148_800 == 43_413_600  # June's remainder, the README's figure
    june = read.records[5]
    assert (june.paid_on, june.amount, june.month) == (
        datetime.date(2025, 6, 13),
        100_000_000,
        None,
    )
    april = read.records[3]
    assert (april.month, (april.paid_on - datetime.date(2025, 4, 15)).days) == ((2025, 4), 23)


@pytest.mark.parametrize(
    "name",
    ["metro-2025-bills.csv", "metro-2025-bills.xlsx", "metro-2025-payments.csv", "README.md"],
)
def test_each_example_file_says_it_is_synthetic(name: str) -> None:
    if name.endswith(".xlsx"):
        sheet = openpyxl.load_workbook(TRACK / name).active
        assert sheet is not None
        first = sheet["A1"].value
    else:
        first = (TRACK / name).read_text(encoding="utf-8")
    assert "SYNTHETIC" in str(first)


# --- columns: names and aliases ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "header"),
    [
        ("month", "bulan"),
        ("month", "Bulan Iuran"),
        ("group", "kelompok"),
        ("group", "Kelompok Peserta"),
        ("program", "PROGRAM"),
        ("program", "Jenis Program"),
        ("participants", "tk"),
        ("participants", "peserta"),
        ("participants", "Jumlah TK"),
        ("participants", "jumlah_peserta"),
        ("amount", "iuran"),
        ("amount", "Tagihan"),
        ("amount", "Jumlah Iuran"),
        ("amount", "Iuran (Rp)"),
    ],
)
def test_a_bills_column_is_read_under_its_alias(
    groups: list[Group], tmp_path: Path, column: str, header: str
) -> None:
    names = BILLS_HEADER.replace(column, header)
    read = bills(tmp_path, groups, BILL, header=names)
    source = Source(str(tmp_path / "bills.csv"), 2)
    assert read.records == (BillLine((2025, 3), "marbot", "jkk", 600, 6_000_000, source),)


@pytest.mark.parametrize("header", ["budget_code", "kode_rekening", "Kode Anggaran", "kode_akun"])
def test_a_bill_line_names_its_group_by_budget_code(
    coded: list[Group], tmp_path: Path, header: str
) -> None:
    read = bills(
        tmp_path,
        coded,
        "2025-03,5.1.02.02.02.0027,jkk,600,6000000",
        header=f"month,{header},program,tk,iuran",
    )
    assert [(line.group, line.program) for line in read.records] == [("marbot", "jkk")]


@pytest.mark.parametrize(
    ("column", "header"),
    [
        ("date", "tanggal"),
        ("date", "Tanggal SP2D"),
        ("amount", "jumlah"),
        ("amount", "nilai"),
        ("amount", "Nilai SP2D (Rp)"),
        ("reference", "nomor_sp2d"),
        ("reference", "No. SP2D"),
        ("reference", "sp2d"),
        ("reference", "referensi"),
        ("month", "bulan"),
        ("month", "Masa Iuran"),
    ],
)
def test_a_payments_column_is_read_under_its_alias(
    tmp_path: Path, column: str, header: str
) -> None:
    read = payments(tmp_path, PAYMENT, header=PAYMENTS_HEADER.replace(column, header))
    source = Source(str(tmp_path / "payments.csv"), 2)
    expected = Payment(
        datetime.date(2025, 3, 14), 143_413_600, "SP2D-0618/LS/BPKAD/2025", (2025, 3), source
    )
    assert read.records == (expected,)


@pytest.mark.parametrize(
    ("cell", "program"),
    [
        ("JKK", "jkk"),
        ("Jaminan Kematian", "jkm"),
        ("jaminan hari tua", "jht"),
        ("Pension", "jp"),
        (" jp ", "jp"),
    ],
)
def test_a_program_is_read_by_code_or_name(
    groups: list[Group], tmp_path: Path, cell: str, program: str
) -> None:
    read = bills(tmp_path, groups, f"2025-03,marbot,{cell},600,6000000")
    assert [line.program for line in read.records] == [program]


def test_a_group_id_is_read_whatever_its_case(groups: list[Group], tmp_path: Path) -> None:
    read = bills(tmp_path, groups, "2025-03, Ketua-RT-RW ,jkm,1400,9520000")
    assert [line.group for line in read.records] == ["ketua-rt-rw"]


def test_an_amount_in_notation_is_read_and_noted(groups: list[Group], tmp_path: Path) -> None:
    read = bills(
        tmp_path,
        groups,
        '2025-03,non-asn,jkk,3699,"36.990.000"',
        "2025-03,non-asn,jkm,3699,Rp25.153.200",
    )
    assert [line.amount for line in read.records] == [36_990_000, 25_153_200]
    (note,) = read.notes
    assert (note.severity, note.line, note.field) == ("note", 2, "amount")
    assert "'36.990.000' as 36990000" in note.message
    assert "2, 3" in note.message


# --- rows rejected, each with every reason ------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (",marbot,jkk,600,6000000", "month is blank"),
        (
            "Maret 2025,marbot,jkk,600,6000000",
            "month 'Maret 2025' is not a month: write it as YYYY-MM",
        ),
        ("2025-13,marbot,jkk,600,6000000", "month '2025-13' is not a month"),
        ("2024-12,marbot,jkk,600,6000000", "month 2024-12 is outside the fiscal year 2025"),
        (
            "2025-03,satpam,jkk,600,6000000",
            "group 'satpam' is not a group of the scenario (its groups: non-asn, ",
        ),
        ("2025-03,,jkk,600,6000000", "group and budget_code are both blank"),
        (
            "2025-03,marbot,jkn,600,6000000",
            "program 'jkn' is not a program: write one of jkk, jkm, jht, jp",
        ),
        ("2025-03,marbot,jkk,,6000000", "participants is blank"),
        ("2025-03,marbot,jkk,12.5,6000000", "participants '12.5' is not a whole number of people"),
        ("2025-03,marbot,jkk,-3,6000000", "participants '-3' is not a whole number of people"),
        (
            "2025-03,marbot,jkk,600,-6000000",
            "amount -6000000 is negative: an amount billed is 0 or more",
        ),
        ('2025-03,marbot,jkk,600,"6000000,50"', "amount '6000000,50': "),
        ("2025-03,marbot,jkk,1,16.800", "amount '16.800': '16.800' is ambiguous"),
        ("2025-03,marbot,jkk,600,", "amount is blank"),
    ],
)
def test_a_bill_line_is_rejected_with_its_reason(
    groups: list[Group], tmp_path: Path, line: str, reason: str
) -> None:
    read = bills(tmp_path, groups, line)
    (found,) = only_reasons(read)
    assert found.startswith(reason), found
    assert read.rejected[0].source == Source(str(tmp_path / "bills.csv"), 2)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (
            "2025-03,5.1.02.02.02.0099,jkk,600,6000000",
            "budget_code 5.1.02.02.02.0099 is not the budget code of any group's jkk",
        ),
        (
            "2025-03,5.1.02.02.02.0028,jkm,600,4080000",
            "budget_code 5.1.02.02.02.0028 is not the budget code of any group's jkm",
        ),
        (
            "2025-03,5.1.02.02.02.0035,jkm,600,4080000",
            "budget_code 5.1.02.02.02.0035 is the jkm code of several groups "
            "(marbot, guru-ngaji): give the group",
        ),
    ],
)
def test_a_budget_code_that_names_no_group_or_several_is_rejected(
    coded: list[Group], tmp_path: Path, line: str, reason: str
) -> None:
    read = bills(tmp_path, coded, line, header="month,budget_code,program,participants,amount")
    assert only_reasons(read) == (reason,)


def test_a_shared_budget_code_is_read_when_the_line_gives_its_group(
    coded: list[Group], tmp_path: Path
) -> None:
    header = "month,group,budget_code,program,participants,amount"
    read = bills(
        tmp_path,
        coded,
        "2025-03,guru-ngaji,5.1.02.02.02.0035,jkm,1200,8160000",
        "2025-03,kader-posyandu,5.1.02.02.02.0035,jkm,940,6392000",
        header=header,
    )
    assert [line.group for line in read.records] == ["guru-ngaji"]
    assert read.rejected[0].reasons == (
        "budget_code 5.1.02.02.02.0035 is the code of marbot, guru-ngaji, "
        "not of group kader-posyandu",
    )


def test_a_second_bill_line_for_the_same_month_group_and_program_names_the_first(
    groups: list[Group], tmp_path: Path
) -> None:
    read = bills(
        tmp_path, groups, BILL, "2025-03,marbot,jkm,600,4080000", "2025-03,Marbot,JKK,610,6100000"
    )
    assert [line.source.line for line in read.records] == [2, 3]
    assert read.rejected[0].reasons == ("the same month, group and program as line 2",)
    assert read.rejected[0].source.line == 4


def test_a_rejected_line_does_not_make_a_later_one_a_duplicate(
    groups: list[Group], tmp_path: Path
) -> None:
    read = bills(tmp_path, groups, "2025-03,marbot,jkk,600,-1", BILL)
    assert [line.source.line for line in read.records] == [3]


def test_a_row_is_rejected_with_every_reason(groups: list[Group], tmp_path: Path) -> None:
    read = bills(tmp_path, groups, "2025-3x,satpam,jkn,banyak,")
    assert only_reasons(read) == (
        "month '2025-3x' is not a month: write it as YYYY-MM, e.g. 2025-03",
        "program 'jkn' is not a program: write one of jkk, jkm, jht, jp",
        "group 'satpam' is not a group of the scenario (its groups: non-asn, ketua-rt-rw, "
        "guru-ngaji, kader-posyandu, marbot, guru-honorer, penjaga-makam)",
        "participants 'banyak' is not a whole number of people: write it in digits",
        "amount is blank",
    )


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (",143413600,SP2D-1,", "date is blank"),
        ("14/03/2025,143413600,SP2D-1,", "date '14/03/2025' is not a date: write it as YYYY-MM-DD"),
        ("2025-02-30,143413600,SP2D-1,", "date '2025-02-30' is not a date"),
        ("2025-03-14,0,SP2D-1,", "amount 0 is not an amount owed or paid: it must be more than 0"),
        ("2025-03-14,-5,SP2D-1,", "amount -5 is not an amount owed or paid"),
        ("2025-03-14,143413600.5,SP2D-1,", "amount '143413600.5': "),
        ("2025-03-14,143413600,,", "reference is blank"),
        ("2025-03-14,143413600,SP2D-1,2026-01", "month 2026-01 is outside the fiscal year 2025"),
        ("2025-03-14,143413600,SP2D-1,Maret", "month 'Maret' is not a month"),
    ],
)
def test_a_payment_is_rejected_with_its_reason(tmp_path: Path, line: str, reason: str) -> None:
    (found,) = only_reasons(payments(tmp_path, line))
    assert found.startswith(reason), found


def test_a_second_payment_with_the_same_sp2d_reference_names_the_first(tmp_path: Path) -> None:
    read = payments(tmp_path, PAYMENT, "2025-04-14,143413600,sp2d-0618/ls/bpkad/2025 ,2025-04")
    assert len(read.records) == 1
    assert read.rejected[0].reasons == ("the same SP2D reference as line 2",)


def test_a_payment_of_january_next_year_is_read(tmp_path: Path) -> None:
    """December's premium may be paid in January of the next year: the date is not checked
    against the fiscal year, the month it names is."""
    read = payments(tmp_path, "2026-01-10,143413600,SP2D-0003/2026,2025-12")
    assert [(p.paid_on, p.month) for p in read.records] == [
        (datetime.date(2026, 1, 10), (2025, 12))
    ]


def test_rows_read_are_used_rejected_or_blank(groups: list[Group], tmp_path: Path) -> None:
    read = bills(
        tmp_path,
        groups,
        BILL,
        ",,,,",
        "",
        "2025-03,satpam,jkk,1,10000",
        "2025-03,marbot,jkm,600,4080000",
        " , ,,,",
    )
    # the empty line is a blank row, as in a roster; the lines keep their numbers
    assert (len(read.records), len(read.rejected), read.blank, read.rows_read) == (2, 1, 3, 6)
    assert [line.source.line for line in read.records] == [2, 6]
    assert read.rejected[0].source.line == 5


CELLS = {
    "month": ["2025-03", "2025-04", "2024-12", "", "Maret"],
    "group": ["marbot", "Marbot", "satpam", ""],
    "program": ["jkk", "JKM", "jkn", ""],
    "participants": ["600", "0", "1.5", ""],
    "amount": ["6000000", "Rp6.000.000", "-1", "16.800", ""],
}


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(*(st.sampled_from(cells) for cells in CELLS.values())), max_size=12))
def test_every_line_below_the_header_is_a_row_used_rejected_or_blank(
    groups: list[Group], tmp_path: Path, rows: list[tuple[str, ...]]
) -> None:
    read = bills(tmp_path, groups, *(",".join(row) for row in rows))
    assert read.rows_read == len(rows)
    assert read.blank == sum(not any(row) for row in rows)
    lines = sorted(
        [line.source.line for line in read.records] + [r.source.line for r in read.rejected]
    )
    assert lines == [number for number, row in enumerate(rows, start=2) if any(row)]
    keys = [(line.month, line.group, line.program) for line in read.records]
    assert len(keys) == len(
        set(keys)
    )  # a second line for the same month, group and program is rejected


# --- file refused at its header -----------------------------------------------------------------


def test_a_missing_required_column_refuses_the_file(groups: list[Group], tmp_path: Path) -> None:
    with pytest.raises(DataError) as error:
        bills(tmp_path, groups, "2025-03,marbot,jkk,600", header="month,group,program,participants")
    (problem,) = error.value.problems
    assert (problem.line, problem.field) == (1, "amount")
    assert problem.message == "required column 'amount' is missing"
    assert "iuran, tagihan" in problem.hint


def test_a_bills_file_without_group_or_budget_code_is_refused(
    groups: list[Group], tmp_path: Path
) -> None:
    with pytest.raises(DataError) as error:
        bills(
            tmp_path, groups, "2025-03,jkk,600,6000000", header="month,program,participants,amount"
        )
    (problem,) = error.value.problems
    assert (problem.line, problem.field, problem.message) == (
        1,
        "group",
        "required column 'group' or 'budget_code' is missing",
    )
    assert "kelompok" in problem.hint and "kode_rekening" in problem.hint


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("month,Nama Kelompok,program,participants,amount", "group"),
        ("month,Kode Rek. Belanja,program,participants,amount", "budget_code"),
    ],
)
def test_a_lookalike_group_column_refuses_the_bills_file(
    groups: list[Group], tmp_path: Path, header: str, field: str
) -> None:
    with pytest.raises(DataError) as error:
        bills(tmp_path, groups, BILL, header=header)
    (problem,) = error.value.problems
    assert (problem.line, problem.column, problem.field) == (1, 2, field)
    assert problem.message.endswith("but is not read as it: its values would be ignored")


def test_a_lookalike_month_column_refuses_the_payments_file(tmp_path: Path) -> None:
    with pytest.raises(DataError) as error:
        payments(tmp_path, PAYMENT, header="date,amount,reference,Untuk Bulan")
    (problem,) = error.value.problems
    assert (problem.column, problem.field) == (4, "month")


# --- the syntax the roster reader handles, inherited -------------------------------------------


@pytest.mark.parametrize(
    ("text", "encoding", "first_line"),
    [
        ("\ufeff" + BILLS_HEADER + "\n" + BILL + "\n", "utf-8", 2),  # Excel's CSV UTF-8: a BOM
        (BILLS_HEADER + "\r\n" + BILL + "\r\n", "utf-8", 2),  # Windows line ends
        (BILLS_HEADER + "\r" + BILL + "\r", "utf-8", 2),  # Excel for Mac: CR only
        (BILLS_HEADER.replace(",", ";") + "\n" + BILL.replace(",", ";") + "\n", "utf-8", 2),
        (
            "sep=;\n" + BILLS_HEADER.replace(",", ";") + "\n" + BILL.replace(",", ";") + "\n",
            "utf-8",
            3,
        ),
        (
            "Tagihan BPJS Ketenagakerjaan Maret 2025\n\n" + BILLS_HEADER + "\n" + BILL + "\n",
            "utf-8",
            4,
        ),
        (BILLS_HEADER.replace(",", "\t") + "\n" + BILL.replace(",", "\t") + "\n", "utf-16", 2),
    ],
    ids=["bom", "crlf", "cr", "semicolon", "sep-line", "title-row", "utf-16-tab"],
)
def test_a_bills_csv_is_read_in_any_shape_a_roster_is(
    groups: list[Group], tmp_path: Path, text: str, encoding: str, first_line: int
) -> None:
    path = write(tmp_path, text, encoding=encoding)
    read = read_bills(path, groups, YEAR)
    assert read.records == (
        BillLine((2025, 3), "marbot", "jkk", 600, 6_000_000, Source(str(path), first_line)),
    )


def test_a_workbook_is_read_from_every_visible_sheet_and_a_hidden_one_named(
    groups: list[Group], tmp_path: Path
) -> None:
    path = workbook(
        tmp_path / "bills.xlsx",
        {
            "Maret": [
                ["Rincian iuran Maret 2025"],
                ["Bulan", "Kelompok", "Program", "TK", "Iuran"],
                ["2025-03", "marbot", "JKK", 600, 6_000_000],
            ],
            "Lama": [
                ["bulan", "kelompok", "program", "tk", "iuran"],
                ["2025-02", "marbot", "JKK", 600, 6_000_000],
            ],
            "April": [
                ["bulan", "kelompok", "program", "tk", "iuran"],
                [None],
                ["2025-04", "marbot", "jkm", 600, 4_080_000],
            ],
        },
        hidden=("Lama",),
    )
    read = read_bills(path, groups, YEAR)
    assert [(line.month, line.source.sheet, line.source.line) for line in read.records] == [
        ((2025, 3), "Maret", 3),
        ((2025, 4), "April", 3),
    ]
    assert (read.blank, read.rows_read) == (1, 3)
    assert [(sheet.name, sheet.skipped, sheet.rows_read) for sheet in read.sheets] == [
        ("Maret", None, 1),
        ("Lama", "hidden", 0),
        ("April", None, 2),
    ]
    (note,) = read.notes
    assert (note.file, note.severity, note.message) == (
        f"{path}[Lama]",
        "note",
        "sheet 'Lama' is hidden: not read",
    )


def test_a_workbook_formula_without_a_value_rejects_its_row(
    groups: list[Group], tmp_path: Path
) -> None:
    path = workbook(
        tmp_path / "bills.xlsx",
        {
            "Tagihan": [
                ["month", "group", "program", "participants", "amount"],
                ["2025-03", "marbot", "jkk", 600, "=D2*10000"],
            ]
        },
    )
    reasons = only_reasons(read_bills(path, groups, YEAR))
    assert reasons[0].startswith("cell E2: amount is a formula without a computed value")


def test_a_workbook_date_cell_is_a_payment_date_and_a_month(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "payments.xlsx",
        {
            "SP2D": [
                ["Tanggal", "Nilai", "Nomor SP2D", "Bulan"],
                [datetime.date(2025, 3, 14), 143_413_600, "SP2D-0618", datetime.date(2025, 3, 1)],
                [datetime.datetime(2025, 4, 14, 9, 30), 143_413_600, "SP2D-0901", "2025-04"],
            ]
        },
    )
    read = read_payments(path, YEAR)
    assert [(p.paid_on, p.month, p.source.line) for p in read.records] == [
        (datetime.date(2025, 3, 14), (2025, 3), 2),
        (datetime.date(2025, 4, 14), (2025, 4), 3),
    ]


def test_a_workbook_renamed_csv_is_refused_with_what_it_is(
    groups: list[Group], tmp_path: Path
) -> None:
    path = workbook(
        tmp_path / "bills.xlsx", {"Tagihan": [BILLS_HEADER.split(","), BILL.split(",")]}
    )
    renamed = path.rename(tmp_path / "bills.csv")
    with pytest.raises(DataError) as error:
        read_bills(renamed, groups, YEAR)
    assert ".xlsx" in error.value.problems[0].message + error.value.problems[0].hint


def test_a_reason_is_in_the_users_language(groups: list[Group], tmp_path: Path) -> None:
    set_language("id")
    read = bills(tmp_path, groups, BILL, "2024-12,marbot,jkk,600,6000000", BILL)
    assert [rejected.reasons for rejected in read.rejected] == [
        ("month 2024-12 di luar tahun anggaran 2025",),
        ("bulan, kelompok dan program sama dengan baris 2",),
    ]


def test_a_workbook_without_a_bills_header_is_refused_naming_the_bills_columns(
    groups: list[Group], tmp_path: Path
) -> None:
    path = workbook(tmp_path / "bills.xlsx", {"Catatan": [["Keterangan"], ["dibayar lewat SP2D"]]})
    with pytest.raises(DataError) as error:
        read_bills(path, groups, YEAR)
    columns = "month, program, participants, amount"
    note, *missing, refusal = error.value.problems
    assert (note.file, note.severity, note.message) == (
        f"{path}[Catatan]",
        "note",
        f"sheet 'Catatan' has no header naming {columns}: not read",
    )
    # as for a roster: what its first row lacks, were it the header
    assert [problem.field for problem in missing] == ["month", "program", "participants", "amount"]
    assert (refusal.file, refusal.message) == (
        str(path),
        f"no sheet of the workbook has a header naming {columns}: none was read",
    )
    assert "bulan, kelompok, kode_rekening" in refusal.hint
