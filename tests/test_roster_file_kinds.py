"""Roster files that are not what their name says, as they reach a finance office: an .xlsx
that is empty, cut short by a download, protected with a password (Excel then writes a Compound
File, not a zip), an old .xls or an .ods renamed, a CSV renamed; a workbook renamed .csv. Each
is refused at line 1 with what the file is and what to do, never the reader library's words
(`calamine error: Xlsx error: Zip error: ...`) and never a traceback
(jamsostek_budget.roster.file_kind)."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from tests.cli_runner import run

OLE = bytes.fromhex("D0CF11E0A1B11AE1")
CSV = "nik,group\n1872010101900001,non-asn\n"


def a_workbook(path: Path) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["nik", "group"])
    sheet.append(["1872010101900001", "non-asn"])
    book.save(path)
    return path.read_bytes()


def an_ods(path: Path) -> bytes:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    return path.read_bytes()


def a_zip(path: Path) -> bytes:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("laporan.txt", "bukan buku kerja")
    return path.read_bytes()


# (file name, its bytes given a scratch path, words the message or hint must hold)
CASES: dict[str, tuple[str, Callable[[Path], bytes], tuple[str, ...]]] = {
    "empty": ("roster.xlsx", lambda _: b"", ("empty", "0 bytes")),
    "cut short": ("roster.xlsx", lambda p: a_workbook(p)[:1500], ("damaged", "download")),
    "password": ("roster.xlsx", lambda _: OLE + bytes(2048), ("password", "Protect Workbook")),
    "ods renamed": ("roster.xlsx", an_ods, ("OpenDocument", "LibreOffice")),
    "zip of other files": ("roster.xlsx", a_zip, ("zip archive", "xl/workbook.xml")),
    "csv renamed .xlsx": (
        "roster.xlsx",
        lambda _: CSV.encode(),
        ("text file", "rename it to .csv"),
    ),
    "xlsx renamed .csv": (
        "roster.csv",
        a_workbook,
        ("Excel workbook (.xlsx)", "rename it to .xlsx"),
    ),
    "xls renamed .csv": (
        "roster.csv",
        lambda _: OLE + bytes(2048),
        ("97-2003", "save it as .xlsx"),
    ),
    "xlsm cut short": ("roster.xlsm", lambda p: a_workbook(p)[:1500], ("damaged",)),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_file_that_is_not_what_its_name_says_is_refused_saying_what_it_is(
    tmp_path: Path, case: str
) -> None:
    name, content, words = CASES[case]
    data = content(tmp_path / ("scratch" + Path(name).suffix))
    path = tmp_path / name
    path.write_bytes(data)
    result = run("roster", str(path), "--city", "metro", "--today", "2025-06-01")
    assert result.exit_code == 1
    assert f"{name}:1:1:" in result.stderr
    assert "hint:" in result.stderr
    for word in words:
        assert word in result.stderr
    for library in ("calamine", "Zip error", "Traceback", "NUL"):
        assert library not in result.stderr
