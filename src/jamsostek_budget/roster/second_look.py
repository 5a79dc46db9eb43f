"""The second look at the rows the first look did not keep: every cell stripped of surrounding
spaces, every check again, and for the rows that still fail, every reason.

Each check is a pair of polars expressions: whether a row fails it (evaluated for every row
looked at), and why (written only for the rows that fail it), in the order a reader would fix
them: the NIK's, the group's, the amounts', the months', then a repeated NIK.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from datetime import date

import polars as pl

from jamsostek_budget.errors import clip
from jamsostek_budget.i18n import _, grouped
from jamsostek_budget.model.scenario import Group, Scenario
from jamsostek_budget.roster.amount_cells import AmountCells, amount_cells
from jamsostek_budget.roster.columns import (
    CELLS,
    FAILS,
    FIELDS,
    GROUP,
    KEY,
    LINE,
    NIK,
    NUMBERS,
    PARSED,
    REASONS,
    SEGMENT,
    SEGMENT_OF,
    TEXT,
    VALUE,
    group_of,
    of_group,
    text,
)
from jamsostek_budget.roster.duplicates import duplicate_checks
from jamsostek_budget.roster.nik import NUMBER, nik_checks, nik_fails, nik_key, with_nik_columns
from jamsostek_budget.roster.reasons import clipped, reason

Check = tuple[pl.Expr, pl.Expr]  # (fails, reason)
NO_CELLS = AmountCells({}, {})  # for the checks' `fails`, which need no reason
# "Did you mean" compares a value with every group id and label (difflib, some microseconds
# each): the most frequent distinct unknown groups get one, as many as this many comparisons allow
COMPARISONS = 50_000
LISTED_GROUPS = 10  # groups listed in a reason


def second_look(
    rows: pl.DataFrame, columns: Mapping[str, str], scenario: Scenario, today: date
) -> tuple[pl.DataFrame, AmountCells]:
    """`rows` with the helper columns of the stripped cells, FAILS saying which fail a check
    (duplicates are judged next: `duplicates.judge_duplicates`), and the money cells read from
    notation."""
    frame = _stripped(rows.lazy(), columns)
    cells = amount_cells(frame)
    checked = _checked(frame, scenario, today, cells)
    checked = checked.with_columns(nik_key(pl.col(NUMBER)).alias(KEY))
    return checked.with_columns(_fails().alias(FAILS)).collect(engine="in-memory"), cells


def rejected_rows(
    judged: pl.DataFrame,
    originals: Sequence[str],
    groups: Sequence[Group],
    cells: AmountCells,
    sheets: Sequence[str] = (),
) -> pl.DataFrame:
    """The rows of `judged` (second look, duplicates judged) that fail, as read, each with every
    reason it fails, in the checks' order, joined by "; " (other rows named as `row_label`
    writes them, for a workbook's `sheets`).

    The reasons are built with pl.concat_str (see roster.reasons); polars' streaming engine
    has panicked on such plans ("assertion failed: i < self.len()", pola-rs/polars#25339 and
    #25525). This plan only holds the rejected rows, so the in-memory engine costs nothing.
    """
    rows = judged.filter(pl.col(FAILS))
    checks = [
        (pl.col(CELLS).is_not_null(), pl.col(CELLS)),
        *nik_checks(NIK),
        _missing_group(),
        _unknown_group(rows, groups),
        *_after_group(cells),
        *duplicate_checks(sheets),
    ]
    found = [pl.when(fails).then(why) for fails, why in checks]
    reasons = pl.concat_str(found, separator="; ", ignore_nulls=True).alias(REASONS)
    return rows.lazy().select(LINE, *originals, reasons).collect(engine="in-memory")


def _stripped(frame: pl.LazyFrame, columns: Mapping[str, str]) -> pl.LazyFrame:
    """The frame with TEXT, each roster cell stripped of spaces around it (null when blank)."""
    present = [field for field in FIELDS if field in columns]
    frame = frame.with_columns(
        text(columns.get(field), strip=True).alias(TEXT[field]) for field in FIELDS
    )
    return frame.with_columns(_blank_as_null(TEXT[field]) for field in present)


def _checked(
    frame: pl.LazyFrame, scenario: Scenario, today: date, cells: AmountCells
) -> pl.LazyFrame:
    """The frame with the helper columns, in stages so that each expression stays small."""
    groups = scenario.groups
    parsed = [
        cells.parsed(name)
        if name in SEGMENT_OF
        else _month_number(pl.col(TEXT[name])).alias(PARSED[name])
        for name in NUMBERS
    ]
    frame = with_nik_columns(frame, NIK, today).with_columns(
        group_of(groups, pl.col(TEXT["group"])), *parsed
    )
    frame = frame.with_columns(of_group(groups, "segment", pl.String).alias(SEGMENT))
    return frame.with_columns(_value(groups, field).alias(VALUE[field]) for field in NUMBERS)


def _month_number(cell: pl.Expr) -> pl.Expr:
    """A month cell's number: plain digits, or a whole number written as a decimal ('3.0', as
    a program such as pandas writes a number column with blanks; a workbook's 3.0 is read so)."""
    whole = cell.str.extract(r"^(\d+)\.0+$", 1)
    return pl.coalesce(cell.cast(pl.Int64, strict=False), whole.cast(pl.Int64, strict=False))


def _blank_as_null(column: str) -> pl.Expr:
    return pl.when(pl.col(column).str.len_bytes() > 0).then(pl.col(column)).alias(column)


def _value(groups: Sequence[Group], field: str) -> pl.Expr:
    """The value a row uses: its own when valid, its group's for a blank cell; null when the
    cell is invalid or (amounts) the field is not one of the group's segment."""
    parsed = pl.col(PARSED[field])
    valid = parsed.is_between(1, 12) if field.endswith("_month") else parsed > 0
    default = of_group(groups, field, pl.Int64)
    value = pl.when(pl.col(TEXT[field]).is_null()).then(default).when(valid).then(parsed)
    if field in SEGMENT_OF:
        return pl.when(pl.col(SEGMENT) == SEGMENT_OF[field]).then(value)
    return value


def _fails() -> pl.Expr:
    unknown = pl.col(TEXT["group"]).is_not_null() & pl.col(GROUP).is_null()
    flags = [pl.col(CELLS).is_not_null(), nik_fails(), pl.col(TEXT["group"]).is_null(), unknown]
    after = (fails for fails, _why in _after_group(NO_CELLS))
    return pl.any_horizontal(*flags, *after).fill_null(False)


def _missing_group() -> Check:
    return pl.col(TEXT["group"]).is_null(), pl.lit(_("group is missing"))


def _unknown_group(rows: pl.DataFrame, groups: Sequence[Group]) -> Check:
    """A group that is not one of the scenario's, with the group it probably meant: worked out
    once per distinct value, and only for the most frequent ones (difflib over thousands of
    groups for each of a hundred thousand values took minutes): see COMPARISONS."""
    group = pl.col(TEXT["group"])
    unknown = group.is_not_null() & pl.col(GROUP).is_null()
    counts = rows.filter(unknown).get_column(TEXT["group"]).value_counts(sort=True)
    values = counts.get_column(TEXT["group"]).to_list()
    names = _group_names(groups)
    suggested = max(1, COMPARISONS // len(names))
    hints = {value: unknown_group_reason(value, groups, names) for value in values[:suggested]}
    hints |= {value: unknown_group_reason(value, groups) for value in values[suggested:]}
    return unknown, group.replace_strict(hints, default=None, return_dtype=pl.String)


def _group_names(groups: Sequence[Group]) -> dict[str, str]:
    """Each group's id and lowercase label -> its id, for a "did you mean"."""
    return {group.id: group.id for group in groups} | {
        group.label.lower(): group.id for group in groups
    }


def unknown_group_reason(
    value: str, groups: Sequence[Group], names: Mapping[str, str] | None = None
) -> str:
    """Why a group is unknown: the group it probably meant when `names` (`_group_names`) are
    given to look in, else the first LISTED_GROUPS of the scenario's groups."""
    shown = clip(value)
    close = difflib.get_close_matches(value.lower(), list(names), n=1, cutoff=0.6) if names else []
    if close and names:
        message = _("group '{value}' is not in the scenario (did you mean '{group}'?)")
        return message.format(value=shown, group=names[close[0]])
    listed = ", ".join(group.id for group in groups[:LISTED_GROUPS])
    if len(groups) > LISTED_GROUPS:
        listed = _("{groups} and {count} more").format(
            groups=listed, count=grouped(len(groups) - LISTED_GROUPS)
        )
    message = _("group '{value}' is not in the scenario, whose groups are {groups}")
    return message.format(value=shown, groups=listed)


def _after_group(cells: AmountCells) -> list[Check]:
    """The checks reported after the group's, but for repeated NIKs; `cells` gives the reasons
    of money cells the amount parser refused."""
    start, end = pl.col(VALUE["start_month"]), pl.col(VALUE["end_month"])
    order = _("start_month {start} is after end_month {end}")
    return [
        *_segment_checks(),
        _amount_check("declared_income", cells),
        _amount_check("monthly_wage", cells),
        _month_check("start_month"),
        _month_check("end_month"),
        (start > end, reason(order, start=start, end=end)),
    ]


def _segment_checks() -> list[Check]:
    segment, group = pl.col(SEGMENT), pl.col(TEXT["group"])
    message = _(
        "{field} is for {segment} groups, but group '{group}' is {group_segment}: "
        "give {other} instead"
    )
    checks = []
    for field, other in (("monthly_wage", "declared_income"), ("declared_income", "monthly_wage")):
        own = SEGMENT_OF[field]
        fails = (segment != own) & pl.col(TEXT[field]).is_not_null()
        why = reason(
            message, field=field, segment=own, group=group, group_segment=segment, other=other
        )
        checks.append((fails, why))
    return checks


def _amount_check(field: str, cells: AmountCells) -> Check:
    """Whole Rupiah above 0, in digits or in the notation of scenario files (`amount_cells`)."""
    cell, parsed = pl.col(TEXT[field]), pl.col(PARSED[field])
    more_than_zero = _("{field} must be more than 0, got {value}")
    refused = reason(_("{field}: {reason}"), field=field, reason=cells.reason(field))
    why = (
        pl.when(parsed <= 0)
        .then(reason(more_than_zero, field=field, value=parsed))
        .otherwise(refused)
    )
    return cell.is_not_null() & ~(parsed > 0).fill_null(False), why


def _month_check(field: str) -> Check:
    cell, parsed = pl.col(TEXT[field]), pl.col(PARSED[field])
    not_a_number = _("{field} must be a month number 1..12, got '{value}'")
    why = (
        pl.when(parsed.is_null())
        .then(reason(not_a_number, field=field, value=clipped(cell)))
        .otherwise(reason(_("{field} must be 1..12, got {value}"), field=field, value=parsed))
    )
    return cell.is_not_null() & ~parsed.is_between(1, 12).fill_null(False), why
