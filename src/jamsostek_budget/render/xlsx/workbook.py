"""`--format xlsx`: the budget as an Excel workbook an analyst can work in.

Sheets: the summary (the report every format shows), the lines of each budget as live formulas
(people x per person a month x months, SUMs for subtotals and totals, computing exactly the
budget's own figures), the rates used with their regulations and links, and the inputs that
produced the workbook. Numbers stay numbers, with Rupiah and thousands formats.

openpyxl is slow to import, so only this module and its xlsx_* helpers import it, and the CLI
imports this module only for `--format xlsx`. The workbook is returned as bytes, which the CLI
writes as it writes any output. The same inputs give the same bytes: the zip entries'
timestamps are fixed, and so are the workbook's dates unless a creation time is given.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from datetime import datetime

from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

from jamsostek_budget import __version__
from jamsostek_budget.engine.budget import Budget
from jamsostek_budget.engine.provenance import Provenance
from jamsostek_budget.i18n import _
from jamsostek_budget.render.shared.sections import Report
from jamsostek_budget.render.xlsx.formulas import Places
from jamsostek_budget.render.xlsx.lines import LinesIndex, write_lines_sheet
from jamsostek_budget.render.xlsx.rates import write_rates_sheet
from jamsostek_budget.render.xlsx.results import sheet_results, with_results
from jamsostek_budget.render.xlsx.sheet import Number, Results
from jamsostek_budget.render.xlsx.summary import (
    write_inputs_sheet,
    write_summary_sheet,
    write_table_sheet,
)

REPRODUCIBLE_TIME = datetime(1980, 1, 1)  # the earliest time a zip entry can carry
SHEET_NAME_LENGTH = 31  # Excel's limit
FORBIDDEN_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")

Inputs = Sequence[tuple[str, str]]


def workbook_bytes(
    report: Report,
    budgets: Sequence[tuple[str, Budget]],
    provenance: Provenance,
    inputs: Inputs,
    *,
    created: datetime | None = None,
) -> bytes:
    """The .xlsx file. `budgets` are (name, budget): one lines sheet each, named after `name`
    when there are several (compare, project); `provenance` gives the rates sheet its rates and
    regulations; `inputs` are (label, value) rows for the inputs sheet."""
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])  # a new workbook comes with an empty sheet
    taken: set[str] = set()
    summary = workbook.create_sheet(sheet_name(_("Summary"), taken))  # first, written last
    indexes: list[LinesIndex] = []
    results: Results = {}
    for name, budget in budgets:
        title = _("Lines") if len(budgets) == 1 else _("Lines {name}").format(name=name)
        sheet = workbook.create_sheet(sheet_name(title, taken))
        indexes.append(write_lines_sheet(sheet, budget, results))
    tables = [
        (workbook.create_sheet(sheet_name(section.title, taken)), section)
        for section in report.sheets
    ]
    rates_sheet = workbook.create_sheet(sheet_name(_("Rates"), taken))
    rates = write_rates_sheet(rates_sheet, provenance)
    places = Places(indexes, rates, rates_sheet.title)
    write_summary_sheet(summary, report, places, results)
    for sheet, section in tables:
        write_table_sheet(sheet, section, places, results)
    write_inputs_sheet(workbook.create_sheet(sheet_name(_("Inputs"), taken)), inputs)
    _set_properties(workbook, report, created or REPRODUCIBLE_TIME)
    return save_workbook(workbook, results)


def sheet_name(wanted: str, taken: set[str]) -> str:
    """A name Excel accepts: at most 31 characters, none of []:*?/\\, not quoted, unique
    (case-insensitively) among `taken`, to which it is added."""
    base = FORBIDDEN_IN_SHEET_NAMES.sub("-", wanted).strip("' ") or "-"
    name, number = base[:SHEET_NAME_LENGTH], 1
    while name.casefold() in taken:
        number += 1
        suffix = f" ({number})"
        name = base[: SHEET_NAME_LENGTH - len(suffix)] + suffix
    taken.add(name.casefold())
    return name


def _set_properties(workbook: Workbook, report: Report, created: datetime) -> None:
    properties = workbook.properties
    properties.title = report.title
    properties.creator = f"jbudget {__version__}"
    properties.created = created
    properties.modified = created


def save_workbook(workbook: Workbook, results: Results) -> bytes:
    """The workbook as .xlsx bytes, every zip entry with the same fixed timestamp so the bytes
    depend on the content alone, every formula with its result (see results)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).write_data()
    by_part = {
        f"xl/worksheets/sheet{number}.xml": sheet_results(results, sheet.title)
        for number, sheet in enumerate(workbook.worksheets, 1)
    }
    return _rewritten(buffer.getvalue(), by_part)


def _rewritten(data: bytes, by_part: dict[str, dict[str, Number | str]]) -> bytes:
    """The zip again: fixed timestamps, and each sheet's formulas given their results."""
    stamp = REPRODUCIBLE_TIME.timetuple()[:6]
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = entry.external_attr
            content = source.read(entry)
            if entry.filename in by_part:
                content = with_results(content, by_part[entry.filename])
            target.writestr(fixed, content)
    return output.getvalue()
