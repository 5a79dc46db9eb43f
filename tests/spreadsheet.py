"""Recalculate workbooks with a real spreadsheet engine: LibreOffice, headless.

openpyxl writes formulas without results; LibreOffice opens each workbook, recalculates every
formula and saves a copy with the results, which openpyxl then reads (data_only=True). One
LibreOffice run converts a whole batch, since starting it takes seconds. LibreOffice runs with a
profile of its own (never the user's) that tells it to recalculate on load even when a file
carries stale results, and with the en-US locale, so that a formula writing a number as text
(FIXED) gives the same separators on every machine.

Without LibreOffice the tests that need it fail: `bash scripts/test-tools` (part of the README's
test command) installs it.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.worksheet.worksheet import Worksheet

from jamsostek_budget.render.shared.sections import Money, Numeric, Report, Signed
from jamsostek_budget.render.xlsx.summary import chart_section

# Always recalculate on load, for OOXML (.xlsx) and ODF files alike (0 = always); the en-US
# locale for numbers written by formulas.
PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode"
 oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode"
 oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale"
 oor:op="fuse"><value>en-US</value></prop></item>
</oor:items>
"""
TIMEOUT_SECONDS = 300


def soffice() -> str:
    """The LibreOffice command; the test fails without it."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    assert found, "LibreOffice (soffice) is not installed: run `bash scripts/test-tools`"
    return found


def recalculate(workbooks: Sequence[Path], folder: Path) -> dict[Path, Path]:
    """Recalculate every workbook in one LibreOffice run; returns each one's recalculated copy
    (an .xlsx in `folder`)."""
    names = [path.name for path in workbooks]
    assert len(set(names)) == len(names), f"workbook names must differ: {names}"
    command = soffice()
    profile = folder / "libreoffice-profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(PROFILE_SETTINGS, "utf-8")
    output = folder / "recalculated"
    result = subprocess.run(
        [
            command,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(output),
            *(str(path) for path in workbooks),
        ],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )
    copies = {path: output / path.name for path in workbooks}
    missing = [str(path) for path, copy in copies.items() if not copy.is_file()]
    assert result.returncode == 0 and not missing, (
        f"LibreOffice exited {result.returncode}, did not convert {missing}:\n"
        f"{result.stdout}\n{result.stderr}"
    )
    return copies


# Reading a summary sheet back -------------------------------------------------------------------

Figure = str | int | Money | Signed  # a cell of a report section
SheetCell = Cell | MergedCell


@dataclass(frozen=True)
class Placed:
    """A figure of the report and the summary sheet's cell that shows it."""

    figure: Figure
    cell: SheetCell
    header: str  # the header of its column in its section


def expected_number(figure: Figure) -> Decimal | None:
    """The number a report cell shows, or None for text (a label, "n/a", a range)."""
    if isinstance(figure, Money | Signed):
        return Decimal(figure.amount)
    if isinstance(figure, Numeric):
        return figure.value
    if isinstance(figure, int):
        return Decimal(figure)
    return Decimal(figure) if figure.isascii() and figure.isdigit() else None


def placed_figures(sheet: Worksheet, report: Report) -> dict[str, list[list[Placed]]]:
    """Each section's rows (footer included) as placed figures, by section title: the writer
    fills the sheet in the report's order, each section a bold title, headers, then its rows."""
    sections = (*report.sections, *(chart_section(chart) for chart in report.charts))
    found: dict[str, list[list[Placed]]] = {}
    row = 2 + len(report.summary)
    for section in sections:
        while sheet.cell(row, 1).value != section.title:
            assert row < sheet.max_row, f"no section {section.title!r} on the summary"
            row += 1
        rows = [*section.rows, *([section.footer] if section.footer is not None else [])]
        found[section.title] = [
            [
                Placed(figure, sheet.cell(row + 2 + offset, column), section.headers[column - 1])
                for column, figure in enumerate(cells, 1)
            ]
            for offset, cells in enumerate(rows)
        ]
        row += 2 + len(rows)
    return found


def summary_lines(sheet: Worksheet, report: Report) -> list[tuple[str, SheetCell]]:
    """Each summary sentence of the report and the cell that writes it (rows 2, 3, ...)."""
    return [(line, sheet.cell(row, 1)) for row, line in enumerate(report.summary, 2)]


def all_placed(sheet: Worksheet, report: Report) -> list[Placed]:
    """Every figure of every section of the report, placed on the summary sheet."""
    sections = placed_figures(sheet, report).values()
    return [placed for rows in sections for row in rows for placed in row]
