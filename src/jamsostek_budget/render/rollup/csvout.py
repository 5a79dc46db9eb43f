"""A rollup as CSV: one row per scenario and group type, then a row per scenario, per group
type and the total; money as plain integers of Rupiah. NIKs counted twice are in the JSON and
the report."""

from __future__ import annotations

import csv
import io

from jamsostek_budget.model.fields import PROGRAMS
from jamsostek_budget.planning.rollup import Amounts, Rollup, amounts_of
from jamsostek_budget.render.rollup.report import group_type_label, type_label


def rollup_csv(rollup: Rollup) -> str:
    """Columns: kind (line, place, type, total), scenario, group type, people, a column per
    program, apbd_annual, pemda_pays, province_pays."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "kind",
            "scenario",
            "group_type",
            "people",
            *PROGRAMS,
            "apbd_annual",
            "pemda_pays",
            "province_pays",
        ]
    )
    for place in rollup.places:
        for line in place.place.budget.lines:
            province = line.annual if place.place.payer_of(line) == "province" else 0
            kind = group_type_label(line.group.staff_type, line.group.segment, line.group.label)
            writer.writerow(
                [
                    "line",
                    place.place.name,
                    kind,
                    *_cells(amounts_of([line])),
                    line.annual - province,
                    province,
                ]
            )
    for place in rollup.places:
        writer.writerow(
            ["place", place.place.name, "", *_cells(place.all), place.pemda, place.province]
        )
    for row in rollup.types:
        writer.writerow(["type", "", type_label(row), *_cells(row.amounts), "", ""])
    province = rollup.province_pays
    writer.writerow(
        ["total", "", "", *_cells(rollup.total), rollup.total.annual - province, province]
    )
    return out.getvalue()


def _cells(amounts: Amounts) -> list[object]:
    return [amounts.people, *[amounts.by_program[p] for p in PROGRAMS], amounts.annual]
