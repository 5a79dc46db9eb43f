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

from jamsostek_budget.i18n import _
from jamsostek_budget.roster.columns import (
    CELLS,
    DUPLICATE,
    FAILS,
    FIELDS,
    FIRST,
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
from jamsostek_budget.roster.nik import NUMBER, nik_checks, nik_fails, nik_key, with_nik_columns
from jamsostek_budget.roster.reasons import reason
from jamsostek_budget.scenario import Group, Scenario

SEPARATED = r"^-?[0-9]{1,3}([.,' ][0-9]{3})+$"
Check = tuple[pl.Expr, pl.Expr]  # (fails, reason)


def second_look(
    rows: pl.DataFrame,
    columns: Mapping[str, str],
    scenario: Scenario,
    today: date,
    duplicates: pl.Series,
) -> pl.DataFrame:
    """`rows` with the helper columns of the stripped cells; FAILS says which are rejected.
    `duplicates` holds the lines of the NIKs already on an earlier line."""
    checked = _checked(rows.lazy(), columns, scenario, today)
    key, repeated = nik_key(pl.col(NUMBER)), pl.col(LINE).is_in(duplicates.implode())
    checked = checked.with_columns(key.alias(KEY), repeated.alias(DUPLICATE))
    return checked.with_columns(_fails().alias(FAILS)).collect(engine="in-memory")


def rejected_rows(
    looked_at: pl.DataFrame,
    first_lines: pl.DataFrame,
    originals: Sequence[str],
    groups: Sequence[Group],
) -> pl.DataFrame:
    """The rows of `looked_at` (second look) that fail, as read, each with every reason it fails,
    in the checks' order, joined by "; "; `first_lines` gives the FIRST line of each repeated KEY.

    The reasons are built with pl.concat_str (see roster.reasons); polars' streaming engine
    has panicked on such plans ("assertion failed: i < self.len()", pola-rs/polars#25339 and
    #25525). This plan only holds the rejected rows, so the in-memory engine costs nothing.
    """
    rows = looked_at.filter(pl.col(FAILS))
    rows = rows.join(first_lines, on=KEY, how="left", maintain_order="left")
    checks = [
        (pl.col(CELLS).is_not_null(), pl.col(CELLS)),
        *nik_checks(NIK),
        _missing_group(),
        _unknown_group(rows, groups),
        *_after_group(),
        (pl.col(DUPLICATE), reason(_("duplicate of line {line}"), line=pl.col(FIRST))),
    ]
    found = [pl.when(fails).then(why) for fails, why in checks]
    reasons = pl.concat_str(found, separator="; ", ignore_nulls=True).alias(REASONS)
    return rows.lazy().select(LINE, *originals, reasons).collect(engine="in-memory")


def _checked(
    frame: pl.LazyFrame, columns: Mapping[str, str], scenario: Scenario, today: date
) -> pl.LazyFrame:
    """The frame with the helper columns, in stages so that each expression stays small."""
    groups = scenario.groups
    present = [field for field in FIELDS if field in columns]
    frame = frame.with_columns(
        text(columns.get(field), strip=True).alias(TEXT[field]) for field in FIELDS
    )
    frame = frame.with_columns(_blank_as_null(TEXT[field]) for field in present)
    parsed = [
        pl.col(TEXT[name]).cast(pl.Int64, strict=False).alias(PARSED[name]) for name in NUMBERS
    ]
    frame = with_nik_columns(frame, NIK, today).with_columns(
        group_of(groups, pl.col(TEXT["group"])), *parsed
    )
    frame = frame.with_columns(of_group(groups, "segment", pl.String).alias(SEGMENT))
    return frame.with_columns(_value(groups, field).alias(VALUE[field]) for field in NUMBERS)


def _blank_as_null(column: str) -> pl.Expr:
    return pl.when(pl.col(column).str.len_bytes() > 0).then(pl.col(column)).alias(column)


def _value(groups: Sequence[Group], field: str) -> pl.Expr:
    """The value a row uses: its own when valid, its group's for a blank cell; null when the
    cell is invalid or (amounts) the field is not one of the group's segment."""
    parsed = pl.col(PARSED[field])
    valid = parsed.is_between(1, 12) if field.endswith("_month") else parsed >= 0
    default = of_group(groups, field, pl.Int64)
    value = pl.when(pl.col(TEXT[field]).is_null()).then(default).when(valid).then(parsed)
    if field in SEGMENT_OF:
        return pl.when(pl.col(SEGMENT) == SEGMENT_OF[field]).then(value)
    return value


def _fails() -> pl.Expr:
    unknown = pl.col(TEXT["group"]).is_not_null() & pl.col(GROUP).is_null()
    flags = [pl.col(CELLS).is_not_null(), nik_fails(), pl.col(TEXT["group"]).is_null(), unknown]
    flags.append(pl.col(DUPLICATE))
    return pl.any_horizontal(*flags, *(fails for fails, _why in _after_group())).fill_null(False)


def _missing_group() -> Check:
    return pl.col(TEXT["group"]).is_null(), pl.lit(_("group is missing"))


def _unknown_group(rows: pl.DataFrame, groups: Sequence[Group]) -> Check:
    """A group that is not one of the scenario's, with the group it probably meant."""
    group = pl.col(TEXT["group"])
    unknown = group.is_not_null() & pl.col(GROUP).is_null()
    values = rows.filter(unknown).get_column(TEXT["group"]).unique().to_list()
    hints = {value: unknown_group_reason(value, groups) for value in values}
    return unknown, group.replace_strict(hints, default=None, return_dtype=pl.String)


def unknown_group_reason(value: str, groups: Sequence[Group]) -> str:
    names = {group.id: group.id for group in groups}
    names |= {group.label.lower(): group.id for group in groups}
    close = difflib.get_close_matches(value.lower(), list(names), n=1, cutoff=0.6)
    if close:
        message = _("group '{value}' is not in the scenario (did you mean '{group}'?)")
        return message.format(value=value, group=names[close[0]])
    listed = ", ".join(group.id for group in groups)
    message = _("group '{value}' is not in the scenario, whose groups are {groups}")
    return message.format(value=value, groups=listed)


def _after_group() -> list[Check]:
    """The checks reported after the group's, but for repeated NIKs."""
    start, end = pl.col(VALUE["start_month"]), pl.col(VALUE["end_month"])
    order = _("start_month {start} is after end_month {end}")
    return [
        *_segment_checks(),
        _amount_check("declared_income"),
        _amount_check("monthly_wage"),
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


def _amount_check(field: str) -> Check:
    """Whole non-negative Rupiah in plain digits; separators are refused, not guessed at."""
    cell, parsed = pl.col(TEXT[field]), pl.col(PARSED[field])
    ambiguous = _(
        "{field} '{value}' is ambiguous (thousands separators or decimals?): write {digits}"
    )
    not_digits = _("{field} must be whole Rupiah in digits only, got '{value}'")
    digits = cell.str.replace_all(r"[^0-9-]", "")
    why = (
        pl.when(cell.str.contains(SEPARATED))
        .then(reason(ambiguous, field=field, value=cell, digits=digits))
        .when(parsed < 0)
        .then(reason(_("{field} must be 0 or more, got {value}"), field=field, value=parsed))
        .when(cell.str.contains(r"^\+?[0-9]+$"))
        .then(reason(_("{field} is too large: {value}"), field=field, value=cell))
        .otherwise(reason(not_digits, field=field, value=cell))
    )
    return cell.is_not_null() & ~(parsed >= 0).fill_null(False), why


def _month_check(field: str) -> Check:
    cell, parsed = pl.col(TEXT[field]), pl.col(PARSED[field])
    not_a_number = _("{field} must be a month number 1..12, got '{value}'")
    why = (
        pl.when(parsed.is_null())
        .then(reason(not_a_number, field=field, value=cell))
        .otherwise(reason(_("{field} must be 1..12, got {value}"), field=field, value=parsed))
    )
    return cell.is_not_null() & ~parsed.is_between(1, 12).fill_null(False), why
