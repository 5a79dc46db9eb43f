"""The columns of a checked roster: the roster's own, the helper columns the checks add (named so
that no header can clash with them), and the expressions that fill them from the scenario's
groups. Shared by the first look (`checks`) and the second (`second_look`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import polars as pl

if TYPE_CHECKING:
    from jamsostek_budget.model.scenario import Group

LINE, REASONS = "line", "reasons"
FIELDS = ("nik", "group", "declared_income", "monthly_wage", "start_month", "end_month")
NUMBERS = FIELDS[2:]
SEGMENT_OF = {"declared_income": "bpu", "monthly_wage": "pu"}

# helper columns: a cell as text (stripped in the second look), its number, the value used
TEXT = {field: f"_jbudget_text_{field}" for field in FIELDS}
PARSED = {field: f"_jbudget_parsed_{field}" for field in NUMBERS}
VALUE = {field: f"_jbudget_value_{field}" for field in NUMBERS}
NIK, GROUP, SEGMENT = TEXT["nik"], "_jbudget_group", "_jbudget_segment"
# GROUP holds each row's group id as an Enum of the scenario's ids (`group_ids`), null if unknown
KEY = "_jbudget_key"  # the NIK as a number when it is 16 digits: the duplicate check's key
FIRST = "_jbudget_first"  # the first valid line of a repeated NIK (see roster.duplicates)
DUPLICATE = "_jbudget_duplicate"  # a valid row whose NIK is accepted on an earlier line
PASSES, FAILS = "_jbudget_passes", "_jbudget_fails"  # of the first look, of the second
CELLS = "_jbudget_cells"  # why a workbook row's cells cannot be read as they stand (null: fine)


def text(header: str | None, *, strip: bool) -> pl.Expr:
    """A column as text, stripped of surrounding spaces or as read (null when absent)."""
    if header is None:
        return pl.lit(None, dtype=pl.String)
    return pl.col(header).str.strip_chars() if strip else pl.col(header)


def group_ids(groups: Sequence[Group]) -> pl.Enum:
    """The type of a roster's `group` once checked: one of the scenario's group ids. Costing
    groups a million rows by it, which is quicker than by text."""
    return pl.Enum([group.id for group in groups])


def accepted_schema(groups: Sequence[Group]) -> pl.Schema:
    """The columns of the accepted rows of a roster checked against a scenario with `groups`."""
    text: dict[str, pl.DataType] = {"line": pl.Int64(), "nik": pl.String(), "name": pl.String()}
    return pl.Schema(text | {"group": group_ids(groups)} | dict.fromkeys(NUMBERS, pl.Int64()))


def group_of(groups: Sequence[Group], group_text: pl.Expr) -> pl.Expr:
    """GROUP: each row's group id as `group_ids(groups)`; null for an unknown group."""
    return group_text.cast(group_ids(groups), strict=False).alias(GROUP)


def of_group(groups: Sequence[Group], field: str, dtype: type[pl.DataType]) -> pl.Expr:
    """A field of each row's scenario group (null for an unknown group)."""
    values = [getattr(group, field) for group in groups]
    if len(set(values)) == 1:  # the same for every group: no look-up
        return pl.when(pl.col(GROUP).is_not_null()).then(pl.lit(values[0], dtype=dtype))
    return pl.lit(pl.Series(values, dtype=dtype)).gather(pl.col(GROUP).to_physical())


def in_segment(groups: Sequence[Group], field: str) -> pl.Expr:
    """Whether each row's group is of the segment that gives the amount `field` (null for an
    unknown group)."""
    own = [group.id for group in groups if group.segment == SEGMENT_OF[field]]
    return pl.col(GROUP).is_in(pl.Series(own, dtype=group_ids(groups)).implode())


def accepted_columns(columns: Mapping[str, str], groups: Sequence[Group]) -> list[pl.Expr]:
    """The columns of an accepted row (`accepted_schema`): its line, NIK (stripped), name (as
    read), group id (GROUP) and the VALUE of each of its numbers."""
    name = pl.col(columns["name"]) if "name" in columns else pl.lit(None)
    values = [pl.col(VALUE[field]) for field in NUMBERS]
    cells = [pl.col(LINE), pl.col(NIK), name, pl.col(GROUP), *values]
    schema = accepted_schema(groups).items()
    return [cell.cast(dtype).alias(to) for cell, (to, dtype) in zip(cells, schema, strict=True)]
