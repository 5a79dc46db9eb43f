"""CSV rosters as offices send them: every line ending, encoding and malformed shape is either
read exactly as the same roster written with LF line ends, or refused with the file, the line
and a hint (jamsostek_budget.roster.csvfile). Never a polars message, never a traceback, never
a roster whose rows are silently lost."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest

from jamsostek_budget.app.roster import roster_estimate
from jamsostek_budget.errors import DataError
from jamsostek_budget.loading.bundled import city_file
from jamsostek_budget.loading.files import load_scenario
from jamsostek_budget.model.scenario import Scenario
from jamsostek_budget.roster import read
from jamsostek_budget.roster.checks import read_roster
from tests.cli_runner import run

TODAY = date(2025, 6, 1)
ROWS = (
    "nik,name,group,declared_income,start_month",
    "1872010101900001,Siti,non-asn,1000000,",
    "1872010101900002,Budi,marbot,,3",
    '1872010101900003,"Rahayu, S.Pd",guru-honorer,1500000,',
    "1872010101900004,Eko,kader-posyandu,,",
)
LF = "\n".join(ROWS) + "\n"
# Every row accepted: (line, nik, name, group, declared_income, monthly_wage, start, end)
EXPECTED = [
    (2, "1872010101900001", "Siti", "non-asn", 1_000_000, None, 1, 12),
    (3, "1872010101900002", "Budi", "marbot", 1_000_000, None, 3, 12),
    (4, "1872010101900003", "Rahayu, S.Pd", "guru-honorer", 1_500_000, None, 1, 12),
    (5, "1872010101900004", "Eko", "kader-posyandu", 1_000_000, None, 1, 12),
]


@pytest.fixture(scope="module")
def metro() -> Scenario:
    return load_scenario(city_file("metro"))[0]


def write(folder: Path, data: bytes, name: str = "roster.csv") -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


SHAPES = {
    # Excel for Mac, "CSV (Macintosh)": CR only
    "cr-only": LF.replace("\n", "\r").encode(),
    "cr-only, no final line end": LF.rstrip("\n").replace("\n", "\r").encode(),
    # lines from two programs pasted together
    "cr, lf and crlf mixed": (
        ROWS[0] + "\r\n" + ROWS[1] + "\r" + ROWS[2] + "\n" + ROWS[3] + "\r" + ROWS[4] + "\r\n"
    ).encode(),
    # Excel, "Unicode Text": UTF-16 with a BOM, tab-separated, CRLF
    "utf-16 unicode text": LF.replace(",", "\t")
    .replace('"Rahayu\t S.Pd"', "Rahayu, S.Pd")
    .replace("\n", "\r\n")
    .encode("utf-16"),
    "utf-16le without bom": LF.replace("\n", "\r\n").encode("utf-16-le"),
}


@pytest.mark.parametrize("shape", list(SHAPES))
def test_every_line_ending_and_encoding_reads_as_the_lf_file(
    tmp_path: Path, metro: Scenario, shape: str
) -> None:
    found = read_roster(write(tmp_path, SHAPES[shape]), metro, today=TODAY)
    assert found.accepted.rows() == EXPECTED
    assert (found.rows_read, found.rejected.height) == (4, 0)


def test_a_cr_only_roster_costs_what_the_lf_roster_costs(tmp_path: Path) -> None:
    """Excel for Mac's CSV was read as one header line: 0 rows, Rp0, exit 0 even with --strict.
    The four people of EXPECTED cost 16,800 a month each (band 1: JKK 10,000 + JKM 6,800),
    Budi from March: (3 x 12 + 10) x 16,800 = 772,800 a year; Rahayu's income 1,500,000 is in
    band 4 (rates/bpu.yaml: 1,500,000 to 1,699,000, nominal 1,600,000: JKK 16,000 + JKM 6,800
    = 22,800): 772,800 - 16,800 x 12 + 22,800 x 12 = 844,800."""
    scenario = city_file("metro")
    lf = roster_estimate(write(tmp_path, LF.encode(), "lf.csv"), scenario, today=TODAY).unwrap()
    cr = roster_estimate(
        write(tmp_path, SHAPES["cr-only"], "cr.csv"), scenario, today=TODAY
    ).unwrap()
    assert cr.budget.annual == lf.budget.annual == 844_800
    roster = tmp_path / "cr.csv"
    result = run("roster", str(roster), "--city", "metro", "--strict", "--today", "2025-06-01")
    assert result.exit_code == 0, result.stderr
    assert "4 rows read = 4 accepted + 0 rejected" in result.stderr


def test_a_line_break_inside_a_quoted_cell_of_a_cr_only_file(
    tmp_path: Path, metro: Scenario
) -> None:
    """Excel for Mac writes a cell's own line break (Alt-Enter) inside quotes; the cell's second
    line holds a ';', which is no other separator."""
    data = (
        LF.replace("Rahayu, S.Pd", "Rahayu\nS.Pd; M.Pd").replace(",\n", ",\r").replace("0\n", "0\r")
    )
    data = data.replace("3\n", "3\r")
    found = read_roster(write(tmp_path, data.encode()), metro, today=TODAY)
    assert found.accepted["name"].to_list() == ["Siti", "Budi", "Rahayu\nS.Pd; M.Pd", "Eko"]
    assert found.accepted["line"].to_list() == [2, 3, 4, 6]


def test_excels_sep_line_gives_the_separator(tmp_path: Path, metro: Scenario) -> None:
    """Excel reads and writes a first line "sep=;" naming the separator: the header is below
    it, and every line keeps its number in the file."""
    semicolons = LF.replace(",", ";").replace('"Rahayu; S.Pd"', "Rahayu, S.Pd")
    found = read_roster(write(tmp_path, ("sep=;\r\n" + semicolons).encode()), metro, today=TODAY)
    assert found.accepted.rows() == [(line + 1, *rest) for line, *rest in EXPECTED]
    broken = semicolons.replace("Budi", 'Bu"di')
    with pytest.raises(DataError) as error:
        read_roster(write(tmp_path, ("sep=;\n" + broken).encode()), metro, today=TODAY)
    assert error.value.problems[0].line == 4


def after(line: int, text: str) -> bytes:
    """The LF roster with line `line` (from 1) replaced by `text`."""
    lines = list(ROWS)
    lines[line - 1] = text
    return ("\n".join(lines) + "\n").encode()


MALFORMED = {
    "quote never closed": (
        after(3, '1872010101900002,"Budi,marbot,,3'),
        3,
        "never closed",
        "close the quote",
    ),
    "quote never closed on the last line": (
        LF.encode() + b'1872010101900005,"Ani,non-asn,,\n',
        6,
        "never closed",
        "close the quote",
    ),
    "quote inside an unquoted cell": (
        after(2, '1872010101900001,Si"ti,non-asn,1000000,'),
        2,
        "inside a cell that does not start with one",
        "written twice",
    ),
    "text after a closing quote": (
        after(4, '1872010101900003,"Rahayu" S.Pd,guru-honorer,1500000,'),
        4,
        "text follows the closing quote",
        "written twice",
    ),
    "nul byte": (after(3, "1872010101900002,Bu\x00di,marbot,,3"), 3, "NUL byte", "CSV UTF-8"),
    "cp1252 in the header": (
        "nik,nama,kelompok,Catatan \u2013 keterangan\n1872010101900001,Jose,non-asn,\n".encode(
            "cp1252"
        ),
        1,
        "is not UTF-8 text",
        "CSV UTF-8",
    ),
    "another separator in the rows": (
        (ROWS[0] + "\n" + "\n".join(row.replace(",", ";") for row in ROWS[1:]) + "\n").encode(),
        2,
        "uses ';' between cells, but the header uses ','",
        "one separator",
    ),
    "a stray cr splits a row of an lf file": (
        after(3, "1872010101900002,Bu\rdi,marbot,,3"),
        3,
        "has 2 cells but the header has 5",
        "split",
    ),
    "a stray cr splits a row of a crlf file": (
        after(2, "1872010101900001,Siti,non-\rasn,1000000,").replace(b"\n", b"\r\n"),
        2,
        "has 3 cells but the header has 5",
        "split",
    ),
}


@pytest.mark.parametrize("case", list(MALFORMED))
def test_malformed_csv_is_refused_at_its_line(tmp_path: Path, metro: Scenario, case: str) -> None:
    data, line, words, hint = MALFORMED[case]
    with pytest.raises(DataError) as error:
        read_roster(write(tmp_path, data), metro, today=TODAY)
    problem = error.value.problems[0]
    assert (Path(problem.file).name, problem.line) == ("roster.csv", line)
    assert words in problem.message
    assert hint in problem.hint


def test_a_malformed_roster_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    roster = write(tmp_path, MALFORMED["quote never closed"][0])
    result = run("roster", str(roster), "--city", "metro", "--today", "2025-06-01")
    assert result.exit_code == 1
    # a problem of a line, not of a field: no empty field between the colons
    assert "roster.csv:3:1: a quoted cell starts on this line and is never closed" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr
    assert "polars" not in result.stderr.lower()


def test_rows_lost_by_the_reader_refuse_the_file(
    tmp_path: Path, metro: Scenario, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The safety net under every shape above: whatever made the reader return no row (as
    the CR-only file did), a file with values below its header is never read as empty."""

    def nothing(text: object) -> pl.LazyFrame:
        return pl.LazyFrame(schema=dict.fromkeys(ROWS[0].split(","), pl.String))

    monkeypatch.setattr(read, "scan", nothing)
    with pytest.raises(DataError) as error:
        read_roster(write(tmp_path, LF.encode()), metro, today=TODAY)
    problem = error.value.problems[0]
    assert problem.line == 2
    assert "cannot be read as CSV" in problem.message
    assert "CSV UTF-8" in problem.hint
