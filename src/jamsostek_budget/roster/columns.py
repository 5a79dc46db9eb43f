"""The columns of a checked roster: the roster's own, the helper columns the checks add (named so
that no header can clash with them), and the expressions that fill them from the scenario's
groups. Shared by the first look (`checks`) and the second (`second_look`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import polars as pl

if TYPE_CHECKING:
    from jamsostek_budget.scenario import Group

LINE, REASONS = "line", "reasons"
FIELDS = ("nik", "group", "declared_income", "monthly_wage", "start_month", "end_month")
NUMBERS = FIELDS[2:]
SEGMENT_OF = {"declared_income": "bpu", "monthly_wage": "pu"}
ACCEPTED_SCHEMA = pl.Schema(
    {"line": pl.Int64, "nik": pl.String, "name": pl.String, "group": pl.String}
    | dict.fromkeys(NUMBERS, pl.Int64)
)

# helper columns: a cell as text (stripped in the second look), its number, the value used
TEXT = {field: f"_jbudget_text_{field}" for field in FIELDS}
PARSED = {field: f"_jbudget_parsed_{field}" for field in NUMBERS}
VALUE = {field: f"_jbudget_value_{field}" for field in NUMBERS}
NIK, GROUP, SEGMENT = TEXT["nik"], "_jbudget_group", "_jbudget_segment"
KEY = "_jbudget_key"  # the NIK as a number when it is 16 digits: the duplicate check's key
FIRST = "_jbudget_first"  # the first line of a repeated NIK
DUPLICATE = "_jbudget_duplicate"  # a NIK already on an earlier line
PASSES, FAILS = "_jbudget_passes", "_jbudget_fails"  # of the first look, of the second


def text(header: str | None, *, strip: bool) -> pl.Expr:
    """A column as text, stripped of surrounding spaces or as read (null when absent)."""
    if header is None:
        return pl.lit(None, dtype=pl.String)
    return pl.col(header).str.strip_chars() if strip else pl.col(header)


def group_index(groups: Sequence[Group], group_text: pl.Expr) -> pl.Expr:
    """GROUP: the position of each row's group in the scenario; null for an unknown group."""
    ids = pl.Enum([group.id for group in groups])
    return group_text.cast(ids, strict=False).to_physical().cast(pl.UInt32).alias(GROUP)


def of_group(groups: Sequence[Group], field: str, dtype: type[pl.DataType]) -> pl.Expr:
    """A field of each row's scenario group (null for an unknown group)."""
    values = [getattr(group, field) for group in groups]
    if len(set(values)) == 1:  # the same for every group: no look-up
        return pl.when(pl.col(GROUP).is_not_null()).then(pl.lit(values[0], dtype=dtype))
    return pl.lit(pl.Series(values, dtype=dtype)).gather(pl.col(GROUP))


def in_segment(groups: Sequence[Group], field: str) -> pl.Expr:
    """Whether each row's group is of the segment that gives the amount `field` (null for an
    unknown group)."""
    own = [index for index, group in enumerate(groups) if group.segment == SEGMENT_OF[field]]
    return pl.col(GROUP).is_in(pl.Series(own, dtype=pl.UInt32).implode())


def accepted_columns(
    columns: Mapping[str, str], nik: pl.Expr, group: pl.Expr, values: Mapping[str, pl.Expr]
) -> list[pl.Expr]:
    """The columns of an accepted row (ACCEPTED_SCHEMA): its line, NIK, name (as read), group id
    and the values of its numbers."""
    name = pl.col(columns["name"]) if "name" in columns else pl.lit(None)
    cells = [pl.col(LINE), nik, name, group, *(values[field] for field in NUMBERS)]
    return [
        cell.cast(dtype).alias(column)
        for cell, (column, dtype) in zip(cells, ACCEPTED_SCHEMA.items(), strict=True)
    ]
