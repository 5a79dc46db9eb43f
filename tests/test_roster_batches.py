"""A large CSV roster is read and checked in batches (`roster.read.start_reading`, beyond
STREAM_BYTES or with `batch_bytes`), so that its text is never in memory at once: every outcome
is the one of reading it at once, whatever the size of a batch (one row, a few, all)."""

from __future__ import annotations

import csv
import random
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from jamsostek_budget.loading.bundled import city_file
from jamsostek_budget.loading.files import load_scenario
from jamsostek_budget.model.scenario import Scenario
from jamsostek_budget.roster import read, seen
from jamsostek_budget.roster.checks import RosterRows, check_reading
from jamsostek_budget.roster.csvfile import line_blocks
from jamsostek_budget.roster.read import open_roster, start_reading

TODAY = date(2025, 6, 1)
HEADER = ("nik", "name", "group", "declared_income", "monthly_wage", "start_month", "note")
SIZES = (1, 60, 700, 1 << 30)  # bytes of a batch: one row each, a few rows, all at once


@pytest.fixture(scope="module")
def metro() -> Scenario:
    return load_scenario(city_file("metro"))[0]


def nik(serial: int) -> str:
    return f"187201010190{serial:04d}"


def mixed_rows(seed: int) -> list[list[str]]:
    """Valid rows, and every kind of row the batches must judge as the whole file does: NIKs
    repeated far below (of a valid row, of an invalid one: the later valid row is accepted),
    a NIK with a space after it, faults, a money cell in notation, blank rows, a quoted name."""
    rng = random.Random(seed)
    rows = [[nik(serial), f"Orang {serial}", "non-asn", "", "", "", "x"] for serial in range(1, 61)]
    rows[3][0] = nik(4) + " "  # kept by the first look, stripped
    rows[5][2] = "Guru Ngaji"  # unknown group: a later row of its NIK is its first valid one
    rows[8][5] = "13"
    rows[9][3] = "Rp1.500.000"  # notation: accepted by the second look
    rows[11][1] = "Siti, S.Pd"
    rows[13] = ["", " ", "", "", "", "", ""]  # blank
    for at, of in ((20, 3), (30, 6), (41, 3), (50, 10), (55, 6)):
        rows[at][0] = nik(of)
    middle = rows[25:40]
    rng.shuffle(middle)
    rows[25:40] = middle
    return [*rows, ["", "", "", "", "", "", ""]]  # a blank row at the end is no row


def write_rows(folder: Path, rows: list[list[str]]) -> Path:
    path = folder / "roster.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows([HEADER, *rows])
    return path


def checked(path: Path, scenario: Scenario, batch_bytes: int | None) -> RosterRows:
    return check_reading(start_reading(open_roster(path), batch_bytes), scenario, today=TODAY)


def assert_same(found: RosterRows, expected: RosterRows) -> None:
    assert found.accepted.equals(expected.accepted)
    assert found.accepted.schema == expected.accepted.schema
    assert found.rejected.equals(expected.rejected)
    assert found.notes == expected.notes
    assert found.blank_lines.equals(expected.blank_lines)
    assert (found.rows_read, found.ignored_columns) == (
        expected.rows_read,
        expected.ignored_columns,
    )


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("batch_bytes", SIZES)
def test_batches_judge_every_row_as_the_whole_file(
    tmp_path: Path, metro: Scenario, seed: int, batch_bytes: int
) -> None:
    path = write_rows(tmp_path, mixed_rows(seed))
    at_once = checked(path, metro, None)
    assert at_once.rows_read == 60
    assert at_once.blank_rows == 1
    # the group, the month, and the later rows of NIK 3 (twice), 10 and 6
    assert at_once.rejected.height == 6
    assert_same(checked(path, metro, batch_bytes), at_once)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_later_valid_row_of_an_invalid_nik_is_accepted_in_its_batch(
    tmp_path: Path, metro: Scenario, seed: int
) -> None:
    """NIK 6 is on line 7 (an unknown group) and on two lines below: the first of them is
    accepted, in its batch of one row, and the other names it."""
    path = write_rows(tmp_path, mixed_rows(seed))
    found = checked(path, metro, 1)
    rows = pl.read_csv(path, infer_schema=False).with_row_index("line", offset=2)
    lines = rows.filter(pl.col("nik") == nik(6)).get_column("line").to_list()
    assert lines[0] == 7
    assert found.accepted.filter(pl.col("nik") == nik(6)).get_column("line").to_list() == [lines[1]]
    assert found.accepted.get_column("line").is_sorted()
    later = found.rejected.filter(pl.col("line") == lines[2]).get_column("reasons").item()
    assert f"nik is already accepted on line {lines[1]}" in later


def test_keys_that_collide_in_the_filter_are_looked_up(
    tmp_path: Path, metro: Scenario, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a filter of two bits every key of a later batch may have been seen: each is looked
    for among the keys of the batches above, and nothing changes."""
    path = write_rows(tmp_path, mixed_rows(2))
    at_once = checked(path, metro, None)
    monkeypatch.setattr(seen, "BLOOM_BITS", 1)
    assert_same(checked(path, metro, 60), at_once)


def test_a_quoted_cell_spanning_lines_numbers_the_rows_below_it(
    tmp_path: Path, metro: Scenario
) -> None:
    rows = mixed_rows(1)
    rows[1][1] = "Budi\nSantoso"  # row 2, on lines 3 and 4
    rows[30][1] = "A\n\nB"  # two more line breaks, below
    path = write_rows(tmp_path, rows)
    at_once = checked(path, metro, None)
    assert_same(checked(path, metro, 60), at_once)
    month = at_once.rejected.filter(pl.col("start_month") == "13").get_column("line")
    assert month.to_list() == [11]  # row 9, below one line break


def test_a_csv_larger_than_stream_bytes_is_read_in_batches(
    tmp_path: Path, metro: Scenario, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_rows(tmp_path, mixed_rows(3))
    at_once = checked(path, metro, None)
    monkeypatch.setattr(read, "STREAM_BYTES", 100)
    monkeypatch.setattr(read, "BATCH_BYTES", 100)
    reading = start_reading(open_roster(path))
    assert reading.query is None
    assert len(list(reading.batches())) > 10
    assert_same(checked(path, metro, None), at_once)


def test_a_roster_of_only_a_header_read_in_batches(tmp_path: Path, metro: Scenario) -> None:
    path = write_rows(tmp_path, [])
    found = checked(path, metro, 10)
    assert (found.rows_read, found.accepted.height, found.rejected.height) == (0, 0, 0)


@pytest.mark.parametrize("size", [1, 7, 64, 1 << 20])
def test_line_blocks_are_whole_lines_below_the_header(tmp_path: Path, size: int) -> None:
    path = tmp_path / "lines.csv"
    path.write_bytes(b"a,b\n1,2\n333,4444444444\n\n5,6")
    blocks = list(line_blocks(path, 1, size))
    assert b"".join(blocks) == b"1,2\n333,4444444444\n\n5,6"
    assert all(block.endswith(b"\n") for block in blocks[:-1])
