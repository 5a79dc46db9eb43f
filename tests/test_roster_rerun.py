"""A roster can be run again: its default rejects file (FILE-rejects.csv beside the roster) from an
earlier run is replaced, or emptied when nothing is rejected any more, and a file there that
jbudget did not write is never overwritten without --force."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from jamsostek_budget.render.roster import is_rejects_header
from tests.cli_runner import run

HEADER = "nik,name,group,declared_income,monthly_wage,start_month,end_month\n"
ANI = "1872010103850001,Ani,marbot,1000000,,,\n"
BUDI_BAD = "123,Budi,marbot,,,,\n"  # a 3-digit NIK
CITRA_BAD = "1872010103850002,Citra,marbott,1000000,,,\n"  # no such group


def run_roster(roster: Path, *more: str) -> tuple[int, str, str]:
    result = run(
        "roster", str(roster), "--city", "metro", "--today", "2026-11-22", "--lang", "en",
        "-f", "json", *more,
    )  # fmt: skip
    return result.exit_code, result.stdout, result.stderr


def lines_of(path: Path) -> list[str]:
    return [line.split(",")[0] for line in path.read_text(encoding="utf-8").splitlines()[1:]]


def test_a_rerun_replaces_the_rejects_file_of_the_earlier_run(tmp_path: Path) -> None:
    roster, rejects = tmp_path / "kota.csv", tmp_path / "kota-rejects.csv"
    roster.write_text(HEADER + ANI + BUDI_BAD, encoding="utf-8")
    assert run_roster(roster)[0] == 0
    assert lines_of(rejects) == ["3"]
    roster.write_text(HEADER + ANI + CITRA_BAD + BUDI_BAD, encoding="utf-8")  # Budi now line 4
    code, stdout, stderr = run_roster(roster)
    assert code == 0, stderr
    assert lines_of(rejects) == ["3", "4"]
    assert "kota-rejects.csv (replaces an earlier run's)" in stderr
    assert json.loads(stdout)["input"]["rejected"] == 2


def test_a_rerun_of_a_workbook_replaces_its_rejects_file(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["NIK", "Nama", "Kelompok", "Penghasilan"])
    sheet.append(["123", "Budi", "marbot", 1000000])
    roster = tmp_path / "peserta.xlsx"
    book.save(roster)
    assert run_roster(roster)[0] == 0
    rejects = tmp_path / "peserta-rejects.csv"
    assert rejects.read_text(encoding="utf-8").startswith("sheet,line,")
    code, _stdout, stderr = run_roster(roster)
    assert code == 0, stderr
    assert "replaces an earlier run's" in stderr


def test_a_rerun_without_rejects_empties_the_earlier_file(tmp_path: Path) -> None:
    """Else the file beside the roster would still list Budi, whom this run accepts."""
    roster, rejects = tmp_path / "kota.csv", tmp_path / "kota-rejects.csv"
    roster.write_text(HEADER + ANI + BUDI_BAD, encoding="utf-8")
    assert run_roster(roster)[0] == 0
    roster.write_text(HEADER + ANI + "1872010103850003,Budi,marbot,,,,\n", encoding="utf-8")
    code, stdout, stderr = run_roster(roster)
    assert code == 0, stderr
    assert rejects.read_text(encoding="utf-8") == HEADER.replace("nik,", "line,nik,").replace(
        "end_month\n", "end_month,reasons\n"
    )
    assert "no row rejected: " in stderr and "now lists none" in stderr
    assert json.loads(stdout)["input"]["rejects_file"] == str(rejects)


USERS_FILES = {
    "notes": b"my notes about the roster\n",
    "another CSV": b"nik,name,reasons\n123,Budi,moved away\n",
    "line first, no reasons": b"line,nik,name\n3,123,Budi\n",
    "a header without its newline": b"line,nik,reasons",
    "not UTF-8": b"line,nama,alasan\xff,reasons\n",
    "empty": b"",
}


@pytest.mark.parametrize("content", USERS_FILES.values(), ids=USERS_FILES.keys())
def test_a_file_jbudget_did_not_write_at_the_default_path_is_refused(
    tmp_path: Path, content: bytes
) -> None:
    roster, rejects = tmp_path / "kota.csv", tmp_path / "kota-rejects.csv"
    roster.write_text(HEADER + ANI + BUDI_BAD, encoding="utf-8")
    rejects.write_bytes(content)
    people = tmp_path / "people.csv"
    code, stdout, stderr = run_roster(roster, "--per-person", str(people))
    assert code == 1
    assert "kota-rejects.csv already exists, and it is not a rejects file jbudget wrote" in stderr
    assert "--rejects FILE" in stderr and "--force" in stderr
    assert rejects.read_bytes() == content
    assert stdout == "" and not people.exists()  # a refused run writes nothing
    forced = run_roster(roster, "--force")
    assert forced[0] == 0, forced[2]
    assert lines_of(rejects) == ["3"]


def test_a_users_file_at_the_default_path_stays_when_nothing_is_rejected(tmp_path: Path) -> None:
    roster, rejects = tmp_path / "kota.csv", tmp_path / "kota-rejects.csv"
    roster.write_text(HEADER + ANI, encoding="utf-8")
    rejects.write_text("my notes\n", encoding="utf-8")
    code, stdout, stderr = run_roster(roster)
    assert code == 0, stderr
    assert rejects.read_text(encoding="utf-8") == "my notes\n"
    assert json.loads(stdout)["input"]["rejects_file"] is None


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes are POSIX")
def test_a_pipe_at_the_default_path_is_refused_without_being_opened(tmp_path: Path) -> None:
    """Reading its header would wait for a writer forever."""
    roster, rejects = tmp_path / "kota.csv", tmp_path / "kota-rejects.csv"
    roster.write_text(HEADER + ANI + BUDI_BAD, encoding="utf-8")
    os.mkfifo(rejects)
    assert "not a rejects file jbudget wrote" in run_roster(roster)[2]
    assert "not a regular file" in run_roster(roster, "--force")[2]


def test_a_rejects_file_named_with_rejects_follows_the_output_rule(tmp_path: Path) -> None:
    """A file the user named is replaced only when asked, as --output is."""
    roster, named = tmp_path / "kota.csv", tmp_path / "ditolak.csv"
    roster.write_text(HEADER + ANI + BUDI_BAD, encoding="utf-8")
    assert run_roster(roster, "--rejects", str(named))[0] == 0
    code, _stdout, stderr = run_roster(roster, "--rejects", str(named))
    assert code == 1 and "ditolak.csv already exists" in stderr
    assert run_roster(roster, "--rejects", str(named), "--force")[0] == 0


@pytest.mark.parametrize(
    ("header", "ours"),
    [
        ("line,nik,name,reasons", True),
        ("sheet,line,NIK,Nama,reasons", True),
        ('line,"a, b",reasons', True),
        ("line,reasons", True),
        ("line", False),
        ("reasons", False),
        ("sheet,reasons", False),
        ("nik,line,reasons", False),
        ("line,nik,reason", False),
        ("sheet,nik,line,reasons", False),
        ("", False),
    ],
)
def test_the_header_of_a_rejects_file(header: str, ours: bool) -> None:
    assert is_rejects_header(header) is ours
