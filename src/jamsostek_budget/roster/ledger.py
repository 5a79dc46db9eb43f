"""Read a bills file and a payments file (CSV or .xlsx) for `jbudget track` and `jbudget revise`
into the records of `model.ledger`: `read_bills` and `read_payments`.

A file is opened as a roster is (`read.open_table`: encodings, BOM, line endings, separators,
Excel's 'sep=;' line, a title above the header, every visible sheet of a workbook with the
header, formulas without a value and error cells), with the columns of BILLS or PAYMENTS: by
name or Indonesian alias, a required column missing or a header cell that looks like a column
the file lacks refuses the file at its header. Then every row is used, rejected with all its
reasons (file, line, sheet), or blank: rows read = used + rejected + blank, nothing dropped.

A bill line names its group by id (`group`) or by the budget code the scenario gives one of its
groups' programs (`budget_code`); a code two groups share cannot say which, and is rejected. A
group whose people are split between funding sources is costed as one group per source, and a
bill line cannot say which source it bills: it is rejected, saying what to write instead. A
second bill line for the same month, group and program, and a second payment with the same SP2D
reference, are rejected naming the line of the first.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from jamsostek_budget.errors import DataError, Problem, clip
from jamsostek_budget.i18n import _
from jamsostek_budget.model.fields import Program
from jamsostek_budget.model.ledger import BillLine, Payment, Rejected, Source
from jamsostek_budget.roster.amount_cells import notation_note
from jamsostek_budget.roster.columns import CELLS, LINE
from jamsostek_budget.roster.headers import TableColumns
from jamsostek_budget.roster.ledger_cells import (
    Refused,
    read_amount,
    read_count,
    read_date,
    read_month,
    read_program,
)
from jamsostek_budget.roster.read import RawRoster, open_table, read_rows
from jamsostek_budget.roster.sheets import STRIDE, SheetRead, place, row_labels

if TYPE_CHECKING:
    from jamsostek_budget.model.scenario import Group

__all__ = ["BILLS", "PAYMENTS", "LedgerFile", "read_bills", "read_payments"]

BILLS = TableColumns(
    ("month", "group", "budget_code", "program", "participants", "amount"),
    ("month", "program", "participants", "amount"),
    {
        "month": ("bulan", "bulan_iuran", "masa_iuran", "periode"),
        "group": ("kelompok", "kelompok_peserta", "grup", "group_id", "id_kelompok"),
        "budget_code": ("kode_rekening", "kode_anggaran", "kode_akun", "kode_rek"),
        "program": ("program_jaminan", "jenis_program", "jaminan"),
        "participants": ("tk", "peserta", "jumlah_tk", "jumlah_peserta", "tenaga_kerja"),
        "amount": ("iuran", "tagihan", "jumlah_iuran", "jumlah_tagihan", "nilai_tagihan"),
    },
    {
        "group": (frozenset({"kelompok", "group", "grup"}), ("group", "budget_code")),
        "budget_code": (frozenset({"kode", "rekening", "code"}), ("group", "budget_code")),
    },
)
PAYMENTS = TableColumns(
    ("date", "amount", "reference", "month"),
    ("date", "amount", "reference"),
    {
        "date": ("tanggal", "tanggal_sp2d", "tanggal_bayar", "tgl", "tgl_sp2d"),
        "amount": ("jumlah", "nilai", "nilai_sp2d", "jumlah_bayar", "jumlah_pembayaran"),
        "reference": ("nomor_sp2d", "no_sp2d", "sp2d", "referensi", "ref"),
        "month": ("bulan", "bulan_iuran", "masa_iuran", "periode"),
    },
    {"month": (frozenset({"bulan", "periode", "masa", "month"}), ("month",))},
)
SHOWN_LINES = 5  # lines a note lists

Record = TypeVar("Record", BillLine, Payment)
Value = TypeVar("Value")


@dataclass(frozen=True)
class LedgerFile(Generic[Record]):
    """What became of every row of a bills or payments file: used (`records`), rejected with
    its reasons, or blank; `notes` tell how it was read (sheets skipped, amounts read from
    notation)."""

    file: str
    records: tuple[Record, ...]
    rejected: tuple[Rejected, ...]
    blank: int
    notes: tuple[Problem, ...]
    sheets: tuple[SheetRead, ...] = ()  # of a workbook: every sheet, read or skipped, its rows

    @property
    def rows_read(self) -> int:
        return len(self.records) + len(self.rejected) + self.blank


@dataclass
class _Reading:
    """The rows of one file as they are read: where each is, what was seen before."""

    raw: RawRoster
    sheets: tuple[str, ...]  # the sheets read, in the order of their rows
    first: dict[Any, int]  # a record's key -> the LINE of the first row used with it
    notation: dict[str, list[tuple[int, str, int]]]  # field -> (LINE, cell, amount) read
    reasons: list[str]  # why the row being read is rejected, so far

    def cell(self, row: Mapping[str, Any], field: str) -> str | None:
        """A cell of `field` stripped, None when blank or the file has no such column."""
        header = self.raw.columns.get(field)
        value = None if header is None else row[header]
        return None if value is None or not str(value).strip() else str(value).strip()

    def source(self, line: int) -> Source:
        if not self.sheets:
            return Source(self.raw.file, line)
        return Source(self.raw.file, line % STRIDE, self.sheets[line // STRIDE])

    def get(self, read: Callable[[], Value]) -> Value | None:
        """The value `read` reads, or None with its reason added to the row's."""
        try:
            return read()
        except Refused as refused:
            self.reasons.append(refused.reason)
            return None

    def read(
        self, row: Mapping[str, Any], field: str, reader: Callable[[str, str], Value]
    ) -> Value | None:
        """The value of a required `field` (`reader` reads its cell), or None with the reason:
        blank, or why `reader` refuses it."""
        cell = self.cell(row, field)
        if cell is None:
            self.reasons.append(_("{field} is blank").format(field=field))
            return None
        return self.get(lambda: reader(cell, field))

    def repeated(self, key: object, line: int, message: str) -> None:
        """The row, otherwise used, is rejected with `message` naming the first row used with
        `key` when there is one; else it is that first row."""
        if self.reasons:
            return
        first = self.first.setdefault(key, line)
        if first != line:
            self.reasons.append(message.format(line=row_labels([first], self.sheets)[0]))

    def amount(self, row: Mapping[str, Any], line: int, *, zero: bool) -> int | None:
        """The row's amount (more than 0 unless `zero`), noted when written in notation."""
        read = self.read(row, "amount", lambda cell, field: read_amount(cell, field, zero=zero))
        if read is None:
            return None
        amount, notation = read
        if notation:
            cell = str(self.cell(row, "amount"))
            self.notation.setdefault("amount", []).append((line, cell, amount))
        return amount


def read_bills(
    path: Path, groups: Sequence[Group], fiscal_year: int, sheets: Sequence[str] = ()
) -> LedgerFile[BillLine]:
    """The bill lines of a bills file (BILLS) for a scenario with `groups`, in `fiscal_year`;
    `sheets`, a workbook's sheets to read (by default every visible one with the header)."""
    reading = _open(path, BILLS, sheets)
    _check_group_column(reading.raw)
    resolve = _group_resolver(groups)
    twice = _("the same month, group and program as line {line}")

    def bill(row: Mapping[str, Any], line: int) -> BillLine | None:
        month = reading.read(row, "month", lambda cell, field: read_month(cell, field, fiscal_year))
        program = reading.read(row, "program", read_program)
        named = (reading.cell(row, "group"), reading.cell(row, "budget_code"))
        group = reading.get(lambda: resolve(*named, program))
        count = reading.read(row, "participants", read_count)
        amount = reading.amount(row, line, zero=True)
        reading.repeated((month, group, program), line, twice)
        if month is None or program is None or group is None or count is None or amount is None:
            return None
        return BillLine(month, group, program, count, amount, reading.source(line))

    return _read(reading, bill)


def read_payments(path: Path, fiscal_year: int, sheets: Sequence[str] = ()) -> LedgerFile[Payment]:
    """The payments (SP2D) of a payments file (PAYMENTS); a month a payment names must be of
    `fiscal_year`."""
    reading = _open(path, PAYMENTS, sheets)
    twice = _("the same SP2D reference as line {line}")

    def payment(row: Mapping[str, Any], line: int) -> Payment | None:
        paid_on = reading.read(row, "date", read_date)
        amount = reading.amount(row, line, zero=False)
        reference = reading.read(row, "reference", lambda cell, _field: cell)
        named = reading.cell(row, "month")
        month = (
            None if named is None else reading.get(lambda: read_month(named, "month", fiscal_year))
        )
        key = None if reference is None else " ".join(reference.lower().split())
        reading.repeated(key, line, twice)
        if paid_on is None or amount is None or reference is None or reading.reasons:
            return None
        return Payment(paid_on, amount, reference, month, reading.source(line))

    return _read(reading, payment)


def _open(path: Path, table: TableColumns, sheets: Sequence[str]) -> _Reading:
    raw = open_table(path, sheets, table)
    return _Reading(raw, raw.sheets_read, {}, {}, [])


def _read(
    reading: _Reading, record: Callable[[Mapping[str, Any], int], Record | None]
) -> LedgerFile[Record]:
    """Every row of the file: blank, rejected with every reason (the cells a workbook cannot
    give as they stand, then each cell `record` refuses), or the record it makes."""
    raw = reading.raw
    records: list[Record] = []
    rejected: list[Rejected] = []
    blank = 0
    per_sheet: Counter[str] = Counter()
    for row in read_rows(raw).iter_rows(named=True):
        line = int(row[LINE])
        per_sheet[reading.source(line).sheet] += 1
        if row[CELLS] is None and _blank(raw, row):
            blank += 1
            continue
        reading.reasons = [] if row[CELLS] is None else [str(row[CELLS])]
        made = record(row, line)
        if made is None or reading.reasons:
            rejected.append(Rejected(reading.source(line), tuple(reading.reasons)))
        else:
            records.append(made)
    notes = (*reading.raw.notes, *_notation_notes(reading))
    sheets = tuple(replace(sheet, rows_read=per_sheet[sheet.name]) for sheet in raw.sheets)
    return LedgerFile(raw.file, tuple(records), tuple(rejected), blank, notes, sheets)


def _blank(raw: RawRoster, row: Mapping[str, Any]) -> bool:
    """Whether no cell of the row holds a value (in any column, the table's or not)."""
    return all(row[header] is None or not str(row[header]).strip() for header in raw.headers)


def _check_group_column(raw: RawRoster) -> None:
    """A bills file names each line's group by id or by budget code: one of the two columns."""
    if "group" in raw.columns or "budget_code" in raw.columns:
        return
    line = raw.csv.header_line if raw.csv is not None else 1
    message = _("required column 'group' or 'budget_code' is missing")
    hint = _(
        "add a column group with the scenario's group ids (also accepted: {groups}), or "
        "budget_code with its budget codes (also accepted: {codes})"
    ).format(
        groups=", ".join(BILLS.aliases["group"]), codes=", ".join(BILLS.aliases["budget_code"])
    )
    raise DataError([Problem(raw.file, line, 1, "group", message, hint)])


def _group_resolver(
    groups: Sequence[Group],
) -> Callable[[str | None, str | None, Program | None], str | None]:
    """The group a bill line is for, from its group id (any case) or its budget code for its
    program; Refused when neither names one group of the scenario, or the two disagree."""
    ids = {group.id.lower(): group.id for group in groups}
    split = {group.id: _split_sources(group) for group in groups}
    codes: dict[tuple[str, Program], list[str]] = {}
    for group in groups:
        for program, code in group.budget_codes.items():
            codes.setdefault((code, program), []).append(group.id)

    def resolve(group: str | None, code: str | None, program: Program | None) -> str | None:
        found = None if group is None else ids.get(group.lower())
        if group is not None and found is None:
            message = _("group '{group}' is not a group of the scenario (its groups: {ids})")
            raise Refused(message.format(group=clip(group), ids=", ".join(ids.values())))
        if code is None:
            if found is None:
                raise Refused(_("group and budget_code are both blank"))
            return _not_split(found, split)
        if program is None:  # the code cannot be looked up: the program's reason says why
            return found
        by_code = codes.get((code, program), [])
        _check_code(code, program, by_code, found)
        return _not_split(found or by_code[0], split)

    return resolve


def _split_sources(group: Group) -> list[str]:
    """The funding sources a group splits its people between (empty: one source or none)."""
    splits = [group.funding, None if group.becomes is None else group.becomes.funding]
    return [source for split in splits if isinstance(split, dict) for source in split]


def _not_split(group: str, split: Mapping[str, list[str]]) -> str:
    """Refused when the group's people are split between funding sources: its bill cannot be
    shared between them exactly, so each source's people are billed as a group of their own."""
    sources = split.get(group)
    if not sources:
        return group
    message = _(
        "group '{group}' splits its people between funding sources ({sources}), and a bill "
        "line cannot say which source it bills; write one group per source in the scenario "
        "(each with its own funding) and bill each of them, or give the group one source"
    )
    raise Refused(message.format(group=group, sources=", ".join(dict.fromkeys(sources))))


def _check_code(code: str, program: Program, groups: Sequence[str], group: str | None) -> None:
    """Refused when budget code `code` for `program` names no group, several groups (and the
    row does not say which), or another group than the row's `group`."""
    if not groups:
        message = _("budget_code {code} is not the budget code of any group's {program}")
        raise Refused(message.format(code=clip(code), program=program))
    if group is not None and group not in groups:
        message = _("budget_code {code} is the code of {groups}, not of group {group}")
        raise Refused(message.format(code=code, groups=", ".join(groups), group=group))
    if group is None and len(groups) > 1:
        message = _(
            "budget_code {code} is the {program} code of several groups ({groups}): give the group"
        )
        raise Refused(message.format(code=code, program=program, groups=", ".join(groups)))


def _notation_notes(reading: _Reading) -> list[Problem]:
    """One note per field whose cells were read from notation ('2.352.000', 'Rp2.352.000')."""
    notes = []
    for field, cells in reading.notation.items():
        lines = [line for line, _cell, _amount in cells[:SHOWN_LINES]]
        at = place(reading.raw.file, lines[0], reading.sheets)
        shown = row_labels(lines, reading.sheets)
        example = (cells[0][1], cells[0][2])
        notes.append(notation_note(at, field, count=len(cells), lines=shown, example=example))
    return notes
