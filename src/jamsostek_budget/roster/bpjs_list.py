"""Read the list of participants BPJS Ketenagakerjaan bills a Pemda for (and another payer's
list, for `--other`), CSV or .xlsx, for `jbudget reconcile`.

The file is opened as a roster is (`read.open_table`: encodings, separators, a title above the
header, every sheet with the header), with the columns of BPJS_LIST, by name or Indonesian alias.
Every row is then accepted, rejected with all its reasons (joined by "; ") and its line, or
blank: rows read = accepted + rejected + blank. The checks are vectorised: the NIK by the
roster's own rule (`roster.nik`), the group against the scenario's, amounts as whole Rupiah
(digits, or groups of three joined by dots as Indonesian spreadsheets write them, `Rp` before
them allowed), programs as `jkk+jkm` (also `jkk, jkm`, `jkk/jkm`). Whether a NIK comes twice is
for the reconciliation to say: a repeat is a finding, not a fault of the file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from pathlib import Path

import polars as pl

from jamsostek_budget.errors import Problem
from jamsostek_budget.i18n import _
from jamsostek_budget.model.fields import PROGRAMS
from jamsostek_budget.model.scenario import Group
from jamsostek_budget.roster.columns import LINE, REASONS, group_ids
from jamsostek_budget.roster.headers import TableColumns
from jamsostek_budget.roster.nik import (
    NUMBER,
    nik_checks,
    nik_fails,
    nik_key,
    nik_number,
    nik_passes,
    with_nik_columns,
)
from jamsostek_budget.roster.read import open_table, start_reading
from jamsostek_budget.roster.reasons import clipped, reason
from jamsostek_budget.roster.sheets import located

__all__ = ["BPJS_LIST", "ListRows", "read_list"]

BPJS_LIST = TableColumns(
    (
        "nik",
        "name",
        "kpj",
        "group",
        "declared_income",
        "monthly_wage",
        "programs",
        "amount",
        "month",
        *PROGRAMS,
    ),
    ("nik",),
    {
        "nik": ("no_ktp", "nomor_ktp", "no_nik", "nomor_nik", "ktp", "nomor_induk_kependudukan"),
        "name": ("nama", "nama_lengkap", "nama_peserta", "nama_tenaga_kerja", "nama_tk"),
        "kpj": ("no_kpj", "nomor_kpj", "no_peserta", "nomor_peserta", "kartu_peserta"),
        "group": ("kelompok", "kelompok_peserta", "grup", "group_id", "id_kelompok"),
        "declared_income": ("penghasilan", "income", "pendapatan", "penghasilan_bulanan"),
        "monthly_wage": ("upah", "wage", "upah_bulanan", "gaji", "gaji_bulanan"),
        "programs": ("program", "program_jaminan", "jaminan", "jenis_program"),
        "amount": ("iuran", "tagihan", "jumlah_iuran", "nilai_iuran", "iuran_bulanan"),
        "month": ("bulan", "bulan_iuran", "masa_iuran", "periode"),
        **{program: (f"iuran_{program}", f"program_{program}") for program in PROGRAMS},
    },
)
AMOUNTS = ("declared_income", "monthly_wage", "amount")
SEPARATOR = "; "  # between the reasons of a row, as the roster's rejects write them
KEY = "key"  # the NIK as a number (Int64), what the lists are joined on
PASSES = "_jbudget_passes"
MONTH = r"^[0-9]{4}-(0[1-9]|1[0-2])$"
# a program's own column says whether the row pays it: a mark, or an amount (more than 0: yes)
MARKED = ("1", "y", "ya", "yes", "x", "v", "true", "ada", "\u2713", "\u2714")
UNMARKED = ("0", "n", "t", "tidak", "no", "-", "false", "tidak ada")
RUPIAH = r"^(?:Rp\.?\s*)?([0-9]+|[0-9]{1,3}(?:\.[0-9]{3})+)$"


@dataclass(frozen=True)
class ListRows:
    """What became of every row of a list: accepted (LINE, [sheet,] KEY, name, group,
    declared_income, monthly_wage, amount, programs, month; a column the file lacks is null;
    the NIK is KEY, its 16 digits as a number, and the KPJ number is not kept: ten million of
    either as text would cost a gigabyte), rejected (LINE, [sheet,] reasons) or blank."""

    file: str
    accepted: pl.DataFrame
    rejected: pl.DataFrame
    blank: int
    notes: tuple[Problem, ...] = ()

    @property
    def rows_read(self) -> int:
        return self.accepted.height + self.rejected.height + self.blank


def read_list(path: Path, groups: Sequence[Group], today: date, year: int) -> ListRows:
    """Read and check a BPJS (or another payer's) list against the scenario's groups and its
    fiscal year (a row's `month`, when given, is one of its months)."""
    raw = open_table(path, (), BPJS_LIST)
    # every column the checks read (the KPJ number is not: see ListRows)
    read = {field: header for field, header in raw.columns.items() if field != "kpj"}
    headers = {field: read.get(field) for field in BPJS_LIST.columns}
    wanted = [LINE, *dict.fromkeys(read.values())]
    kept_parts, rest_parts = [], []
    for batch in start_reading(raw).batches():  # a large CSV in batches: never all its text
        looked = batch.select(pl.col(LINE), *_first_look(headers, groups, today, year))
        passes = looked.get_column(PASSES)
        rest_parts.append(batch.filter(~passes).select(wanted))
        kept_parts.append(looked.filter(passes).drop(PASSES))
        del batch, looked
    kept = pl.concat(kept_parts).with_columns(pl.col("programs").cast(PROGRAM_SETS))
    rest = pl.concat(rest_parts)
    del kept_parts, rest_parts
    second, rejected, blanks = _second_look(rest, headers, groups, (today, year))
    accepted = pl.concat([kept, second]).sort(LINE) if second.height else kept
    sheets = raw.sheets_read
    return ListRows(
        raw.file, located(accepted, sheets), located(rejected, sheets), blanks, raw.notes
    )


def _first_look(
    headers: dict[str, str | None], groups: Sequence[Group], today: date, year: int
) -> list[pl.Expr]:
    """The accepted columns of every row read as it stands (no stripping, no notation) and
    PASSES, whether that reading is the whole truth: in a clean list nearly every row, so a
    million rows cost little more than reading them. The others get the second look."""

    def column(field: str) -> pl.Expr:
        header = headers[field]
        return pl.lit(None, dtype=pl.String) if header is None else pl.col(header)

    key = nik_key(nik_number(column("nik")))
    group = column("group").cast(group_ids(groups), strict=False)
    amounts = {field: column(field).cast(pl.Int64, strict=False) for field in AMOUNTS}
    spelled = column("programs").replace_strict(
        PROGRAM_SPELLINGS, default=None, return_dtype=pl.String
    )
    marked, known = _marked(headers, column)
    programs = pl.coalesce(spelled, marked)
    month = column("month")
    passes = (
        nik_passes(key, today)
        & (column("group").is_null() | group.is_not_null())
        & pl.all_horizontal(
            column(field).is_null() | (value > 0).fill_null(False)
            for field, value in amounts.items()
        )
        & (column("programs").is_null() | spelled.is_not_null())
        & known
        & (month.is_null() | _in_year(month, year).fill_null(False))
    )
    return [
        key.alias(KEY),
        column("name").alias("name"),
        group.alias("group"),
        *(value.alias(field) for field, value in amounts.items()),
        programs.alias("programs"),
        month.alias("month"),
        passes.alias(PASSES),
    ]


def _mark_read(cell: pl.Expr) -> pl.Expr:
    """Whether a program column's cell reads: blank, a mark, no mark, or an amount (0 or more)."""
    text = cell.str.to_lowercase()
    amount = text.cast(pl.Int64, strict=False)
    marks = [*MARKED, *UNMARKED]
    return text.is_null() | text.is_in(marks) | (amount >= 0).fill_null(False)


def _in_year(month: pl.Expr, year: int) -> pl.Expr:
    """Whether a month cell is YYYY-MM of the fiscal year."""
    return month.str.contains(MONTH) & month.str.starts_with(f"{year}-")


def _marked(
    headers: dict[str, str | None], column: Callable[[str], pl.Expr]
) -> tuple[pl.Expr, pl.Expr]:
    """The programs the row's program columns mark (`jkk+jkm`; null when the file has none, or
    none is marked), and whether every such cell is read: a mark (1, ya, x), no mark (0, tidak,
    blank) or an amount."""
    own = [program for program in PROGRAMS if headers.get(program) is not None]
    if not own:
        return pl.lit(None, dtype=pl.String), pl.lit(True)
    marks, known = [], []
    for program in own:
        text = column(program).str.to_lowercase()
        yes = text.is_in(list(MARKED)) | (text.cast(pl.Int64, strict=False) > 0).fill_null(False)
        marks.append(pl.when(yes).then(pl.lit(program)))
        known.append(_mark_read(column(program)))
    found = pl.concat_str(marks, separator="+", ignore_nulls=True)
    return pl.when(found != "").then(found), pl.all_horizontal(known)


def _second_look(
    rest: pl.DataFrame,
    headers: dict[str, str | None],
    groups: Sequence[Group],
    when: tuple[date, int],
) -> tuple[pl.DataFrame, pl.DataFrame, int]:
    """The rows the first look did not keep, every cell stripped: accepted as the first look
    would (amounts in notation read), rejected with every reason, or blank (counted)."""
    cells = {field: _cell(header) for field, header in headers.items()}
    blank = pl.all_horizontal(cell.is_null() for cell in cells.values())
    rows = rest.select(
        pl.col(LINE), *(cell.alias(field) for field, cell in cells.items()), blank.alias("_blank")
    )
    blanks = int(rows.get_column("_blank").sum())
    today, year = when
    rows = with_nik_columns(rows.filter(~pl.col("_blank")).lazy(), "nik", today).collect()
    marked, _known = _marked(headers, pl.col)
    rows = rows.with_columns(marked.alias("_marked"))
    checked = rows.with_columns(_values(groups)).with_columns(_reasons(groups, headers, year))
    failing = pl.col(REASONS) != ""
    accepted = checked.filter(~failing).select(
        LINE,
        nik_key(pl.col(NUMBER)).alias(KEY),
        "name",
        pl.col("_group").alias("group"),
        *(pl.col(f"_{field}").alias(field) for field in AMOUNTS),
        pl.coalesce("_programs", "_marked").cast(PROGRAM_SETS).alias("programs"),
        pl.col("month"),
    )
    return accepted, checked.filter(failing).select(LINE, REASONS), blanks


def _cell(header: str | None) -> pl.Expr:
    """A column's cells stripped, null when blank or when the file has no such column."""
    if header is None:
        return pl.lit(None, dtype=pl.String)
    text = pl.col(header).cast(pl.String).str.strip_chars()
    return pl.when(text != "").then(text)


def _values(groups: Sequence[Group]) -> list[pl.Expr]:
    """Each cell read: `_group` (a scenario group id or null), `_<amount>` (Int64 or null),
    `_programs` (`jkk+jkm` in the rate tables' order, or null)."""
    amounts = [_rupiah(pl.col(field)).alias(f"_{field}") for field in AMOUNTS]
    return [
        pl.col("group").cast(group_ids(groups), strict=False).alias("_group"),
        *amounts,
        _programs(pl.col("programs")).alias("_programs"),
    ]


def _rupiah(text: pl.Expr) -> pl.Expr:
    digits = text.str.extract(RUPIAH, 1).str.replace_all(".", "", literal=True)
    return digits.cast(pl.Int64, strict=False)


def _spellings() -> dict[str, str]:
    """The usual ways of writing a set of programs (`jkk+jkm`, `JKK, JKM`, `jkk/jkm`), each with
    its canonical form: the first look reads them without parsing."""
    found: dict[str, str] = {}
    for size in range(1, len(PROGRAMS) + 1):
        for chosen in combinations(PROGRAMS, size):
            canonical = "+".join(chosen)
            for separator in ("+", ", ", ",", "/", " + "):
                for case in (str.lower, str.upper):
                    found[case(separator.join(chosen))] = canonical
    return found


PROGRAM_SPELLINGS = _spellings()
# the sets of programs a row can name, `jkk+jkm`, as one small type: ten million rows of them
# cost a byte or four each, not a string each
PROGRAM_SETS = pl.Enum(sorted(set(PROGRAM_SPELLINGS.values())))


def _programs(text: pl.Expr) -> pl.Expr:
    """`jkk+jkm` from any order and separator; null when blank or a program is unknown."""
    tokens = text.str.to_lowercase().str.replace_all(r"[\s,/;&+]+", "+").str.strip_chars("+")
    parts = tokens.str.split("+")
    known = parts.list.eval(pl.element().is_in(list(PROGRAMS))).list.all()
    present = [pl.when(parts.list.contains(program)).then(pl.lit(program)) for program in PROGRAMS]
    canonical = pl.concat_str(present, separator="+", ignore_nulls=True)
    return pl.when(known).then(canonical)


def _reasons(groups: Sequence[Group], headers: dict[str, str | None], year: int) -> pl.Expr:
    """Every reason a row is not used, in the order a reader would fix them."""
    ids = ", ".join(group.id for group in groups)
    nik_bad = pl.col(NUMBER).is_null() | nik_fails()
    checks = [(nik_bad & fails, why) for fails, why in nik_checks("nik")]
    checks += [
        (
            pl.col("group").is_not_null() & pl.col("_group").is_null(),
            reason(
                _("group '{group}' is not a group of the scenario, whose groups are {groups}"),
                group=clipped(pl.col("group")),
                groups=ids,
            ),
        )
    ]
    for field in AMOUNTS:
        bad = pl.col(field).is_not_null() & (
            pl.col(f"_{field}").is_null() | (pl.col(f"_{field}") <= 0)
        )
        checks.append(
            (
                bad,
                reason(
                    _("{field} '{value}' is not a whole number of Rupiah above 0"),
                    field=field,
                    value=clipped(pl.col(field)),
                ),
            )
        )
    checks.append(
        (
            pl.col("programs").is_not_null() & pl.col("_programs").is_null(),
            reason(
                _("programs '{value}' must name programs among {programs}, joined by +"),
                value=clipped(pl.col("programs")),
                programs=", ".join(PROGRAMS),
            ),
        )
    )
    checks.append(
        (
            pl.col("month").is_not_null() & ~_in_year(pl.col("month"), year),
            reason(
                _("month '{value}' is not a month of fiscal year {year} written YYYY-MM"),
                value=clipped(pl.col("month")),
                year=str(year),
            ),
        )
    )
    own = [program for program in PROGRAMS if headers.get(program) is not None]
    why = _("{program} '{value}' is neither a mark (1, ya, x), no mark (0, tidak) nor an amount")
    checks += [
        (
            ~_mark_read(pl.col(program)),
            reason(why, program=program, value=clipped(pl.col(program))),
        )
        for program in own
    ]
    found = [pl.when(fails.fill_null(False)).then(why) for fails, why in checks]
    return pl.concat_list(found).list.drop_nulls().list.join(SEPARATOR).alias(REASONS)
