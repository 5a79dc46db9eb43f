"""What happens to every row of a roster, whatever its format (CSV or .xlsx): blank rows skipped
and counted, duplicates judged among otherwise valid rows, money cells in Indonesian notation
read by the scenario files' parser, and reasons of a bounded size whatever the scenario."""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jamsostek_budget.cli.tables import write_table
from jamsostek_budget.loading.bundled import city_file
from jamsostek_budget.loading.files import load_scenario
from jamsostek_budget.model.scenario import Scenario
from jamsostek_budget.roster.checks import RosterRows, read_roster
from tests.helpers import make_group, make_scenario

TODAY = date(2025, 6, 1)
HEADER = ("nik", "name", "group", "declared_income", "monthly_wage")
Row = Sequence[str | None]


@pytest.fixture(scope="module")
def metro() -> Scenario:
    return load_scenario(city_file("metro"))[0]


@pytest.fixture(scope="module")
def mixed() -> Scenario:
    bpu = make_group(id="kader", declared_income=1_200_000)
    pu = make_group(id="honorer", segment="pu", monthly_wage=2_500_000, risk_class="very_low")
    return make_scenario(2025, bpu, pu)


def nik(serial: int) -> str:
    """A valid NIK of Kota Metro (18.72.01), born 1 January 1990."""
    return f"187201010190{serial:04d}"


def write_csv(folder: Path, rows: Sequence[Row], header: Row = HEADER) -> Path:
    path = folder / "roster.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([header, *rows])
    return path


def write_xlsx(folder: Path, rows: Sequence[Row], header: Row = HEADER) -> Path:
    path = folder / "roster.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for number, values in enumerate([header, *rows], start=1):
        for column, value in enumerate(values, start=1):
            sheet.cell(row=number, column=column, value=value)
    book.save(path)
    return path


WRITERS = {"csv": write_csv, "xlsx": write_xlsx}


def read(folder: Path, rows: Sequence[Row], scenario: Scenario, kind: str = "csv") -> RosterRows:
    return read_roster(WRITERS[kind](folder, rows), scenario, today=TODAY)


def reasons(found: RosterRows) -> dict[int, str]:
    return dict(found.rejected.select("line", "reasons").iter_rows())


# Blank rows ---------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_blank_rows_are_skipped_and_counted_the_same_in_csv_and_xlsx(
    tmp_path: Path, metro: Scenario, kind: str
) -> None:
    rows: list[Row] = [
        [nik(1), "Siti", "marbot", "", ""],
        ["  ", " ", "\t", "", " "],  # spaces only: blank to the eye
        [nik(2), "Budi", "nope", "", ""],
        ["", "", "", "", ""],
        [nik(3), "Ani", "marbot", "", ""],
    ]
    found = read(tmp_path, rows, metro, kind)
    assert found.accepted["line"].to_list() == [2, 6]
    assert found.rejected["line"].to_list() == [4]
    assert (found.blank_rows, found.rows_read) == (2, 5)
    assert found.rows_read == found.accepted.height + found.rejected.height + found.blank_rows
    (note,) = found.notes
    assert (note.line, note.severity) == (3, "note")
    lines = "3, 5" if kind == "csv" else "3 of sheet 'Sheet', 5 of sheet 'Sheet'"
    assert note.message == f"2 blank rows skipped (lines {lines}): every cell is empty or spaces"


def test_blank_lines_after_the_last_row_are_not_rows(tmp_path: Path, metro: Scenario) -> None:
    path = tmp_path / "roster.csv"
    path.write_text(f"nik,group\n{nik(1)},marbot\n , \n\n{nik(2)},marbot\n,\n  ,\n\n", "utf-8")
    found = read_roster(path, metro, today=TODAY)
    assert (found.rows_read, found.accepted.height, found.blank_rows) == (4, 2, 2)


# Duplicates ---------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_valid_row_is_never_the_duplicate_of_a_rejected_one(
    tmp_path: Path, metro: Scenario, kind: str
) -> None:
    rows: list[Row] = [
        [nik(1), "Siti", "guru-ngji", "", ""],  # rejected: unknown group
        [nik(1), "Siti", "guru-ngaji", "", ""],  # the same person, fixed below: accepted
        [nik(2), "Budi", "marbot", "1.500", ""],  # rejected: ambiguous amount
        [f" {nik(2)} ", "Budi", "marbot", "1500000", ""],  # accepted
    ]
    found = read(tmp_path, rows, metro, kind)
    assert found.accepted.select("line", "nik").rows() == [(3, nik(1)), (5, nik(2))]
    sheet = "" if kind == "csv" else " of sheet 'Sheet'"  # a workbook's rows by sheet and row
    assert reasons(found) == {
        2: "group 'guru-ngji' is not in the scenario (did you mean 'guru-ngaji'?); "
        f"the same nik is on line(s) 3{sheet}",
        4: reasons(found)[4],
    }
    assert reasons(found)[4].endswith(f"; the same nik is on line(s) 5{sheet}")


def test_every_row_of_a_repeated_nik_names_the_others(tmp_path: Path, metro: Scenario) -> None:
    rows = [
        [nik(1), "A", "nope", "", ""],
        [nik(9), "B", "marbot", "", ""],
        [nik(1), "C", "marbot", "", ""],
        [nik(1), "D", "marbot", "", ""],
        [nik(1), "E", "marbot", "0", ""],
    ]
    found = read(tmp_path, rows, metro)
    assert found.accepted.select("line", "name").rows() == [(3, "B"), (4, "C")]
    assert reasons(found) == {
        2: "group 'nope' is not in the scenario, whose groups are non-asn, ketua-rt-rw, "
        "guru-ngaji, kader-posyandu, marbot, guru-honorer, penjaga-makam; "
        "the same nik is on line(s) 4, 5, 6",
        5: "nik is already accepted on line 4; the same nik is on line(s) 2, 4, 6",
        6: "declared_income must be more than 0, got 0; the same nik is on line(s) 2, 4, 5",
    }
    (note,) = [note for note in found.notes if note.field == "nik"]
    assert (note.line, note.severity) == (2, "note")
    assert note.message.startswith("1 NIK is on more than one line (first at line 2)")


def test_a_nik_on_many_lines_names_five_and_counts_the_rest(
    tmp_path: Path, metro: Scenario
) -> None:
    found = read(tmp_path, [[nik(1), "X", "marbot", "", ""]] * 100, metro)
    assert found.accepted["line"].to_list() == [2]
    assert reasons(found)[101] == (
        "nik is already accepted on line 2; the same nik is on line(s) 2, 3, 4, 5, 6 and 94 more"
    )


# Money cells --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "amount", ["1.500.000", "Rp1.500.000", "Rp 1.500.000,00", "1,5 juta", "1500rb", "1,500,000"]
)
def test_money_cells_in_indonesian_notation_are_read_with_a_note(
    tmp_path: Path, metro: Scenario, amount: str
) -> None:
    found = read(tmp_path, [[nik(1), "Siti", "marbot", amount, ""]], metro)
    assert found.accepted["declared_income"].to_list() == [1_500_000]
    (note,) = found.notes
    assert (note.line, note.field, note.severity) == (2, "declared_income", "note")
    assert f"'{amount}' as 1500000" in note.message


def test_a_wage_in_notation_in_a_workbook(tmp_path: Path, mixed: Scenario) -> None:
    found = read(tmp_path, [[nik(1), "Siti", "honorer", None, "Rp3.250.000"]], mixed, "xlsx")
    assert found.accepted["monthly_wage"].to_list() == [3_250_000]


@pytest.mark.parametrize(
    ("group", "cells", "words"),
    [
        ("kader", ["1.500", ""], ["declared_income: '1.500' is ambiguous", "write 1500 without"]),
        ("kader", ["0", ""], ["declared_income must be more than 0, got 0"]),
        ("honorer", ["", "0"], ["monthly_wage must be more than 0, got 0"]),
        ("honorer", ["", "Rp 0"], ["monthly_wage must be more than 0, got 0"]),
        ("honorer", ["", "-2.500.000"], ["monthly_wage must be more than 0, got -2500000"]),
        ("honorer", ["", "2,5 M"], ["monthly_wage: '2,5 M': 'M' is ambiguous", "miliar"]),
    ],
)
def test_money_cells_refused_with_the_parsers_reason(
    tmp_path: Path, mixed: Scenario, group: str, cells: list[str], words: list[str]
) -> None:
    found = read(tmp_path, [[nik(1), "Siti", group, *cells]], mixed)
    assert found.accepted.is_empty()
    for word in words:
        assert word in reasons(found)[2]


def test_notes_on_money_cells_are_counted_not_repeated(tmp_path: Path, metro: Scenario) -> None:
    rows = [[nik(serial), "X", "marbot", "Rp1.000.000", ""] for serial in range(1, 101)]
    found = read(tmp_path, rows, metro)
    assert found.accepted.height == 100
    (note,) = found.notes
    assert note.message == (
        "100 declared_income cells written with separators or a unit were read as whole "
        "Rupiah, for example 'Rp1.000.000' as 1000000 (lines 2, 3, 4, 5, 6 and 95 more)"
    )


# Bounded reasons ----------------------------------------------------------------------------


def test_reasons_stay_bounded_with_two_thousand_groups(tmp_path: Path) -> None:
    """A scenario of 2,000 groups made each unknown group's reason list them all: 100,000 bad
    rows took 228 s and a 1.3 GB rejects file."""
    groups = [make_group(id=f"kelurahan-{number:04d}") for number in range(2_000)]
    scenario = make_scenario(2025, *groups)
    rows: list[Row] = [[nik(1), "X", "kelurahan-0007x", "", ""]] * 5  # the most frequent typo
    rows += [[nik(1), "X", f"kelurahan-{number:05d}x", "", ""] for number in range(2_000)]
    rows += [[nik(2), "Y" * 5_000, "q" * 5_000, "", ""]]
    found = read(tmp_path, rows, scenario)
    assert found.rejected.height == 2_006
    longest = found.rejected["reasons"].str.len_chars().max()
    assert isinstance(longest, int)
    assert longest < 400
    assert "(did you mean 'kelurahan-0007'?)" in reasons(found)[2]
    assert ("q" * 59 + "\u2026") in reasons(found)[2_007]
    assert "kelurahan-0009 and 1,990 more" in reasons(found)[2_007]
    rejects = tmp_path / "rejects.csv"
    write_table(found.rejected, rejects, force=False)
    assert rejects.stat().st_size < 2_006 * 400 + 2 * 5_000


CELL = {
    "nik": st.sampled_from(["", " ", "123", nik(1), nik(2), f" {nik(1)} ", f"{nik(2)} "]),
    "name": st.sampled_from(["", " ", "Siti"]),
    "group": st.sampled_from(["", " ", "kader", "honorer", "nope", " kader "]),
    "declared_income": st.sampled_from(["", " ", "1000000", "0", "1.500", "Rp1.200.000"]),
    "monthly_wage": st.sampled_from(["", "", "", "2500000", "x"]),
}
ROWS = st.lists(st.fixed_dictionaries(CELL).map(lambda cells: [cells[c] for c in HEADER]))


@settings(max_examples=80, deadline=None)
@given(rows=ROWS)
def test_every_row_is_accepted_rejected_or_blank_and_duplicates_follow_valid_rows(
    mixed: Scenario, rows: list[list[str]]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        found = read(Path(folder), rows, mixed)
    accepted = dict(found.accepted.select("line", "nik").iter_rows())
    rejected = reasons(found)
    blank = [line for line, row in enumerate(rows, start=2) if not "".join(row).strip()]
    last = max([*accepted, *rejected], default=0)
    assert found.blank_rows == len([line for line in blank if line < last])
    assert found.rows_read == len(accepted) + len(rejected) + found.blank_rows
    assert sorted([*accepted, *rejected, *(line for line in blank if line < last)]) == list(
        range(2, last + 1)
    )
    assert len(set(accepted.values())) == len(accepted)  # one accepted row per NIK
    for line, why in rejected.items():
        if why.startswith("nik is already accepted on line "):
            first = int(why.split("; ")[0].rsplit(" ", 1)[1])
            assert first < line
            assert accepted[first] == rows[line - 2][0].strip()
