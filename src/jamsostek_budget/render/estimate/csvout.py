"""CSV: one row per group per program, then one total row per program and a grand total.
Cells are plain numbers (no separators) so a spreadsheet reads them as numbers."""

from __future__ import annotations

import csv
import io

from jamsostek_budget.engine.budget import Budget, GroupLine, ProgramLine

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
HEADER = [
    "city",
    "fiscal_year",
    "group",
    "label",
    "segment",
    "program",
    "headcount",
    "months",
    "per_person_monthly",
    "apbd_annual",
    "worker_annual",
    *[f"apbd_{month}" for month in MONTHS],
    "opd",
    "funding",
]


def render_csv(budget: Budget) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    head = [budget.scenario.city, budget.fiscal_year]
    for line in budget.lines:
        for program in line.programs:
            writer.writerow([*head, *_program_row(line, program)])
    for name, monthly in budget.monthly_by_program.items():
        writer.writerow(
            [
                *head,
                "TOTAL",
                "Total",
                "",
                name,
                "",
                "",
                "",
                budget.by_program[name],
                budget.worker_by_program[name],
                *monthly,
                "",
                "",
            ]
        )
    writer.writerow(
        [
            *head,
            "TOTAL",
            "Total",
            "",
            "all",
            budget.headcount,
            "",
            "",
            budget.annual,
            budget.worker_annual,
            *budget.monthly,
            "",
            "",
        ]
    )
    return out.getvalue()


def _program_row(line: GroupLine, program: ProgramLine) -> list[object]:
    group = line.group
    return [
        group.id,
        group.label,
        group.segment,
        program.program,
        group.headcount,
        len(line.months),
        program.per_person[line.months[0] - 1],
        program.annual,
        program.worker_annual,
        *program.apbd,
        group.opd or "",
        group.funding if isinstance(group.funding, str) else "",
    ]
