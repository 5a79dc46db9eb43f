"""What a roster file really is when it is not what its name says, told from its first bytes:
an .xlsx that cannot be opened (empty, cut short, password-protected, an old .xls or an .ods
renamed, a CSV renamed) or a .csv that is a workbook. The reader library's own words never reach
a user: the message says what the file is and what to do with it.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from jamsostek_budget.errors import Problem
from jamsostek_budget.i18n import _

__all__ = ["misnamed_workbook", "not_a_workbook"]

ZIP = b"PK\x03\x04"
OLE = bytes.fromhex("D0CF11E0A1B11AE1")  # Compound File: .xls, or an .xlsx with a password
ODS = b"application/vnd.oasis.opendocument"
HEAD = 4096


def _head(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(HEAD)


def not_a_workbook(path: Path, file: str) -> Problem:
    """Why `path`, named .xlsx or .xlsm, cannot be opened as a workbook."""
    head = _head(path)
    save = _("save the file from Excel as .xlsx (Excel Workbook), or as CSV UTF-8")
    if not head:
        message, hint = _("is empty (0 bytes), not an Excel workbook"), save
    elif head.startswith(OLE):
        message = _(
            "is a workbook protected with a password, or an Excel 97-2003 (.xls) file named "
            ".xlsx: jbudget can open neither"
        )
        hint = _(
            "open it in Excel, remove the password (File > Info > Protect Workbook) and save "
            "it as .xlsx (Excel Workbook)"
        )
    elif head.startswith(ZIP):
        message, hint = _zip_problem(path, save)
    elif b"\x00" not in head:
        message = _("is a text file (a CSV?) named .xlsx, not an Excel workbook")
        hint = _("if it is a CSV file, rename it to .csv")
    else:
        message, hint = _("is not an Excel workbook"), save
    return Problem(file, 1, 1, "", message, hint)


def _zip_problem(path: Path, save: str) -> tuple[str, str]:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            kind = archive.read("mimetype")[:64] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, EOFError):
        message = _("is a damaged or incomplete .xlsx: its zip archive cannot be read")
        return message, _("copy or download the file again, or open it in Excel and save it again")
    if kind.startswith(ODS):
        message = _("is an OpenDocument spreadsheet (.ods) named .xlsx")
        return message, _("save it from LibreOffice as Excel 2007-365 (.xlsx), or as CSV UTF-8")
    if "xl/workbook.xml" not in names:
        return _("is a zip archive, not an Excel workbook (it holds no xl/workbook.xml)"), save
    message = _("is an .xlsx whose contents cannot be read: it is damaged, or was written wrongly")
    return message, _("open it in Excel or LibreOffice and save it again as .xlsx")


def misnamed_workbook(path: Path, file: str) -> Problem | None:
    """A file named .csv that is a workbook (an .xlsx or an .xls renamed), or None."""
    head = _head(path)
    if head.startswith(ZIP):
        message = _("is an Excel workbook (.xlsx) named .csv, not a CSV file")
        hint = _("rename it to .xlsx, or save it from Excel as CSV UTF-8")
    elif head.startswith(OLE):
        message = _("is an Excel 97-2003 (.xls) workbook named .csv, not a CSV file")
        hint = _("open it in Excel and save it as .xlsx or as CSV UTF-8")
    else:
        return None
    return Problem(file, 1, 1, "", message, hint)
