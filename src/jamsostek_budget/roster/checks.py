"""Check every row of a roster against a scenario and split it into accepted and rejected rows.

Each check is a vectorised polars expression. A first look reads every row's cells as they are
and keeps the rows that pass every check at once: for a clean roster that is nearly all of them,
so a million rows cost little more than reading them. The rows it does not keep (a failing check,
a cell with spaces around it, a repeated NIK) get a second look with every cell stripped of
surrounding spaces, which decides them and writes the reasons of those that fail. A row's group
(an id of the scenario's groups) gives its segment and, for blank cells, its declared income or
wage and its months. A rejected row keeps every original cell as read and lists every reason;
accepted + rejected is every row read (rows with no value at all are not rows: blank lines,
empty spreadsheet rows).
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import polars as pl

from jamsostek_budget.i18n import _
from jamsostek_budget.roster.nik import (
    NUMBER,
    nik_fails,
    nik_key,
    nik_number,
    nik_passes,
    nik_reasons,
    with_nik_columns,
)
from jamsostek_budget.roster.reasons import reason
from jamsostek_budget.scenario import Group, Scenario

LINE, REASONS = "line", "reasons"
FIELDS = ("nik", "group", "declared_income", "monthly_wage", "start_month", "end_month")
NUMBERS = FIELDS[2:]
# helper columns (no header can clash with them): stripped text, parsed number, value used
TEXT = {field: f"_jbudget_text_{field}" for field in FIELDS}
PARSED = {field: f"_jbudget_parsed_{field}" for field in NUMBERS}
VALUE = {field: f"_jbudget_value_{field}" for field in NUMBERS}
NIK, GROUP, SEGMENT = TEXT["nik"], "_jbudget_group", "_jbudget_segment"
DUPLICATE, FIRST, PASSES = "_jbudget_duplicate", "_jbudget_first", "_jbudget_passes"
FAILS = "_jbudget_fails"
KEY = "_jbudget_key"  # the NIK as a number when it is 16 digits: the duplicate check's key
BEFORE, UNKNOWN, AFTER = "_jbudget_before", "_jbudget_unknown", "_jbudget_after"
SEGMENT_OF = {"declared_income": "bpu", "monthly_wage": "pu"}
SEPARATED = r"^-?[0-9]{1,3}([.,' ][0-9]{3})+$"
ACCEPTED_SCHEMA = pl.Schema(
    {"line": pl.Int64, "nik": pl.String, "name": pl.String, "group": pl.String}
    | dict.fromkeys(NUMBERS, pl.Int64)
)
REPEATS_SCHEMA = pl.Schema({LINE: pl.Int64, KEY: pl.Int64, FIRST: pl.Int64})


@dataclass(frozen=True)
class RosterRows:
    accepted: pl.DataFrame  # ACCEPTED_SCHEMA, blanks filled in from the scenario group
    rejected: pl.DataFrame  # line, every original column as String, reasons
    rows_read: int
    ignored_columns: tuple[str, ...]


def check_rows(
    frame: pl.DataFrame, columns: Mapping[str, str], scenario: Scenario, today: date
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(accepted rows as ACCEPTED_SCHEMA, rejected rows with their reasons).

    `frame` holds `line` and every original column as String; `columns` maps roster column
    names to its headers.
    """
    originals = [name for name in frame.columns if name != LINE]
    first = _first_look(frame, columns, scenario, today)
    repeats = _repeats(first, columns["nik"])
    duplicates = repeats.filter(pl.col(LINE) != pl.col(FIRST)).get_column(LINE)
    kept = first.get_column(PASSES)
    if not duplicates.is_empty():
        kept = kept & ~first.get_column(LINE).is_in(duplicates.implode())
    accepted = first.filter(kept).select(_as_read_values(columns, scenario.groups))
    failing = first.filter(~kept).select(LINE, *originals)
    if failing.is_empty():
        return accepted, pl.DataFrame(
            schema={LINE: pl.Int64} | dict.fromkeys(originals, pl.String) | {REASONS: pl.String}
        )
    second = _second_look(failing, columns, scenario, today, duplicates)
    rescued = second.filter(~pl.col(FAILS)).select(_accepted_values(columns))
    if not rescued.is_empty():
        accepted = pl.concat([accepted, rescued]).sort(LINE)
    rejected = _rejected(second.filter(pl.col(FAILS)), originals)
    first_lines = repeats.select(KEY, FIRST).unique()
    return accepted, _finish_rejected(rejected, first_lines, scenario.groups)


def _second_look(
    failing: pl.DataFrame,
    columns: Mapping[str, str],
    scenario: Scenario,
    today: date,
    duplicates: pl.Series,
) -> pl.DataFrame:
    """The rows the first look did not keep, checked with their cells stripped: FAILS says
    which are rejected."""
    checked = _checked(failing.lazy(), columns, scenario, today, strip=True)
    key, repeated = nik_key(pl.col(NUMBER)), pl.col(LINE).is_in(duplicates.implode())
    checked = checked.with_columns(key.alias(KEY), repeated.alias(DUPLICATE))
    return checked.with_columns(_fails().alias(FAILS)).collect(engine="in-memory")


def _first_look(
    frame: pl.DataFrame, columns: Mapping[str, str], scenario: Scenario, today: date
) -> pl.DataFrame:
    """The frame with, for every row as read: PASSES (True when every check but the duplicate
    one passes, null for a row with no value at all), the NIK's KEY, the GROUP and the numbers.
    """
    groups = scenario.groups
    originals = [name for name in frame.columns if name != LINE]
    has_value = pl.any_horizontal(pl.col(originals).is_not_null()) if originals else pl.lit(False)
    text = {field: _text(columns.get(field), strip=False) for field in FIELDS}
    parsed = [text[name].cast(pl.Int64, strict=False).alias(PARSED[name]) for name in NUMBERS]
    key = nik_key(nik_number(text["nik"])).alias(KEY)
    checked = frame.lazy().with_columns(key, _group_index(groups, text["group"]), *parsed)
    passes = pl.when(has_value).then(_passes_as_read(text, groups, today))
    return checked.with_columns(passes.alias(PASSES)).collect()


def _passes_as_read(text: Mapping[str, pl.Expr], groups: Sequence[Group], today: date) -> pl.Expr:
    """Every check but the duplicate one, on the cells as read (False where any fails)."""
    start, end = (
        pl.coalesce(PARSED[name], _of_group(groups, name, pl.Int64))
        for name in ("start_month", "end_month")
    )
    checks = [
        nik_passes(pl.col(KEY), today),
        pl.col(GROUP).is_not_null(),
        *(
            text[name].is_null() | (_in_segment(groups, name) & (pl.col(PARSED[name]) >= 0))
            for name in SEGMENT_OF
        ),
        *(
            text[name].is_null() | pl.col(PARSED[name]).is_between(1, 12)
            for name in ("start_month", "end_month")
        ),
        (start <= end).fill_null(True),
    ]
    return pl.all_horizontal(checks).fill_null(False)


def _repeats(first: pl.DataFrame, nik: str) -> pl.DataFrame:
    """LINE, KEY and FIRST line of every row whose NIK (stripped) is on more than one line.

    Sorting the keys finds the repeated ones; only the rows holding one are looked at again.
    The few NIKs with spaces around them, which the first look has no key for, are stripped.
    """
    padded = first.lazy().filter(pl.col(nik).is_not_null() & pl.col(KEY).is_null())
    stripped = nik_key(nik_number(pl.col(nik).str.strip_chars()))
    extra = padded.select(LINE, stripped.alias(KEY)).filter(pl.col(KEY).is_not_null()).collect()
    keys = pl.concat([first.get_column(KEY), extra.get_column(KEY)]).drop_nulls().sort()
    repeated = keys.filter(keys == keys.shift(1))
    if repeated.is_empty():
        return pl.DataFrame(schema=REPEATS_SCHEMA)
    holds = pl.col(KEY).is_in(repeated.unique().implode())
    rows = [first.lazy().filter(holds).select(LINE, KEY), extra.lazy().filter(holds)]
    found = pl.concat(rows).with_columns(pl.col(LINE).min().over(KEY).alias(FIRST))
    return found.collect().cast(dict(REPEATS_SCHEMA))


def _rejected(frame: pl.DataFrame, originals: Sequence[str]) -> pl.DataFrame:
    """The rejected rows as read, with the reasons found so far.

    The reasons are built with pl.concat_str (see roster.reasons); polars' streaming engine
    has panicked on such plans ("assertion failed: i < self.len()", pola-rs/polars#25339 and
    #25525). This plan only holds the rejected rows, so the in-memory engine costs nothing.
    """
    unknown = pl.col(TEXT["group"]).is_not_null() & pl.col(GROUP).is_null()
    reasons = frame.lazy().select(
        LINE,
        *originals,
        _joined([*nik_reasons(NIK), _missing_group()]).alias(BEFORE),
        pl.when(unknown).then(pl.col(TEXT["group"])).alias(UNKNOWN),
        _joined([pl.when(fails).then(why) for fails, why in _after_group()]).alias(AFTER),
        pl.col(DUPLICATE),
        pl.col(KEY),
    )
    return reasons.collect(engine="in-memory")


def _finish_rejected(
    rejected: pl.DataFrame, first_lines: pl.DataFrame, groups: Sequence[Group]
) -> pl.DataFrame:
    """Join the reasons, naming the group an unknown group id probably meant and the first
    line of a repeated NIK."""
    unknown = rejected.get_column(UNKNOWN).drop_nulls().unique().to_list()
    hints = {value: _unknown_group_reason(value, groups) for value in unknown}
    group_reason = pl.col(UNKNOWN).replace_strict(hints, default=None, return_dtype=pl.String)
    duplicate = reason(_("duplicate of line {line}"), line=pl.col(FIRST))
    repeated = pl.when(pl.col(DUPLICATE)).then(duplicate)
    reasons = [pl.col(BEFORE), group_reason, pl.col(AFTER), repeated]
    joined = pl.concat_str(reasons, separator="; ", ignore_nulls=True).alias(REASONS)
    return (
        rejected.join(first_lines, on=KEY, how="left", maintain_order="left")
        .with_columns(joined)
        .drop(BEFORE, UNKNOWN, AFTER, DUPLICATE, KEY, FIRST)
    )


def _checked(
    frame: pl.LazyFrame,
    columns: Mapping[str, str],
    scenario: Scenario,
    today: date,
    *,
    strip: bool,
) -> pl.LazyFrame:
    """The frame with the helper columns, in stages so that each expression stays small."""
    groups = scenario.groups
    stripped = [field for field in FIELDS if field in columns and (strip or field == "nik")]
    frame = frame.with_columns(
        _text(columns.get(field), strip=field in stripped).alias(TEXT[field]) for field in FIELDS
    )
    frame = frame.with_columns(_blank_as_null(TEXT[field]) for field in stripped)
    parsed = [
        pl.col(TEXT[name]).cast(pl.Int64, strict=False).alias(PARSED[name]) for name in NUMBERS
    ]
    frame = with_nik_columns(frame, NIK, today).with_columns(
        _group_index(groups, pl.col(TEXT["group"])), *parsed
    )
    frame = frame.with_columns(_of_group(groups, "segment", pl.String).alias(SEGMENT))
    return frame.with_columns(_value(groups, field).alias(VALUE[field]) for field in NUMBERS)


def _text(header: str | None, *, strip: bool) -> pl.Expr:
    """A column as text, stripped of surrounding spaces or as read (null when absent)."""
    if header is None:
        return pl.lit(None, dtype=pl.String)
    return pl.col(header).str.strip_chars() if strip else pl.col(header)


def _group_index(groups: Sequence[Group], text: pl.Expr) -> pl.Expr:
    """The position of each row's group in the scenario; null for an unknown group."""
    ids = pl.Enum([group.id for group in groups])
    return text.cast(ids, strict=False).to_physical().alias(GROUP)


def _blank_as_null(column: str) -> pl.Expr:
    return pl.when(pl.col(column).str.len_bytes() > 0).then(pl.col(column)).alias(column)


def _of_group(groups: Sequence[Group], field: str, dtype: type[pl.DataType]) -> pl.Expr:
    """A field of each row's scenario group (null for an unknown group)."""
    values = pl.Series([getattr(group, field) for group in groups], dtype=dtype)
    return pl.lit(values).gather(pl.col(GROUP))


def _in_segment(groups: Sequence[Group], field: str) -> pl.Expr:
    """Whether each row's group is of the segment that gives `field` (null for an unknown
    group)."""
    flags = pl.Series([group.segment == SEGMENT_OF[field] for group in groups], dtype=pl.Boolean)
    return pl.lit(flags).gather(pl.col(GROUP))


def _value(groups: Sequence[Group], field: str) -> pl.Expr:
    """The value a row uses: its own when valid, its group's for a blank cell; null when the
    cell is invalid or (amounts) the field is not one of the group's segment."""
    parsed = pl.col(PARSED[field])
    valid = parsed.is_between(1, 12) if field.endswith("_month") else parsed >= 0
    default = _of_group(groups, field, pl.Int64)
    value = pl.when(pl.col(TEXT[field]).is_null()).then(default).when(valid).then(parsed)
    if field in SEGMENT_OF:
        return pl.when(pl.col(SEGMENT) == SEGMENT_OF[field]).then(value)
    return value


def _fails() -> pl.Expr:
    unknown = pl.col(TEXT["group"]).is_not_null() & pl.col(GROUP).is_null()
    flags = [nik_fails(), pl.col(TEXT["group"]).is_null(), unknown, pl.col(DUPLICATE)]
    return pl.any_horizontal(*flags, *(fails for fails, _why in _after_group())).fill_null(False)


def _missing_group() -> pl.Expr:
    return pl.when(pl.col(TEXT["group"]).is_null()).then(pl.lit(_("group is missing")))


def _after_group() -> list[tuple[pl.Expr, pl.Expr]]:
    """(fails, reason) of the checks reported after the group's, but for repeated NIKs."""
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


def _segment_checks() -> list[tuple[pl.Expr, pl.Expr]]:
    segment, group = pl.col(SEGMENT), pl.col(TEXT["group"])
    message = _(
        "{field} is for {segment} groups, but group '{group}' is {group_segment}: "
        "give {other} instead"
    )
    checks = []
    for field, other in (("monthly_wage", "declared_income"), ("declared_income", "monthly_wage")):
        own = SEGMENT_OF[field]
        fails = (segment != own) & pl.col(TEXT[field]).is_not_null()
        values = {"field": field, "segment": own, "group": group, "other": other}
        checks.append((fails, reason(message, group_segment=segment, **values)))
    return checks


def _amount_check(field: str) -> tuple[pl.Expr, pl.Expr]:
    """Whole non-negative Rupiah in plain digits; separators are refused, not guessed at."""
    text, parsed = pl.col(TEXT[field]), pl.col(PARSED[field])
    ambiguous = _(
        "{field} '{value}' is ambiguous (thousands separators or decimals?): write {digits}"
    )
    digits = text.str.replace_all(r"[^0-9-]", "")
    why = (
        pl.when(text.str.contains(SEPARATED))
        .then(reason(ambiguous, field=field, value=text, digits=digits))
        .when(parsed < 0)
        .then(reason(_("{field} must be 0 or more, got {value}"), field=field, value=parsed))
        .when(text.str.contains(r"^\+?[0-9]+$"))
        .then(reason(_("{field} is too large: {value}"), field=field, value=text))
        .otherwise(
            reason(
                _("{field} must be whole Rupiah in digits only, got '{value}'"),
                field=field,
                value=text,
            )
        )
    )
    return text.is_not_null() & ~(parsed >= 0).fill_null(False), why


def _month_check(field: str) -> tuple[pl.Expr, pl.Expr]:
    text, parsed = pl.col(TEXT[field]), pl.col(PARSED[field])
    not_a_number = _("{field} must be a month number 1..12, got '{value}'")
    why = (
        pl.when(parsed.is_null())
        .then(reason(not_a_number, field=field, value=text))
        .otherwise(reason(_("{field} must be 1..12, got {value}"), field=field, value=parsed))
    )
    return text.is_not_null() & ~parsed.is_between(1, 12).fill_null(False), why


def _joined(reasons: Sequence[pl.Expr]) -> pl.Expr:
    joined = pl.concat_str(reasons, separator="; ", ignore_nulls=True)
    return pl.when(joined != "").then(joined)


def _as_read_values(columns: Mapping[str, str], groups: Sequence[Group]) -> list[pl.Expr]:
    """The columns of a row the first look keeps (ACCEPTED_SCHEMA): its cells as read, which
    are then exactly a NIK and a group id, and its numbers or, for blank cells, its group's."""
    values = {
        name: pl.coalesce(PARSED[name], _of_group(groups, name, pl.Int64)) for name in NUMBERS
    }
    for name in SEGMENT_OF:
        values[name] = pl.when(_in_segment(groups, name)).then(values[name])
    return _accepted(columns, pl.col(columns["nik"]), pl.col(columns["group"]), values)


def _accepted_values(columns: Mapping[str, str]) -> list[pl.Expr]:
    """The columns of a row the second look accepts (ACCEPTED_SCHEMA), from the helper columns."""
    values = {name: pl.col(VALUE[name]) for name in NUMBERS}
    return _accepted(columns, pl.col(NIK), pl.col(TEXT["group"]), values)


def _accepted(
    columns: Mapping[str, str], nik: pl.Expr, group: pl.Expr, values: Mapping[str, pl.Expr]
) -> list[pl.Expr]:
    name = pl.col(columns["name"]) if "name" in columns else pl.lit(None)
    cells = [pl.col(LINE), nik, name, group, *(values[field] for field in NUMBERS)]
    return [
        cell.cast(dtype).alias(column)
        for cell, (column, dtype) in zip(cells, ACCEPTED_SCHEMA.items(), strict=True)
    ]


def _unknown_group_reason(value: str, groups: Sequence[Group]) -> str:
    names = {group.id: group.id for group in groups}
    names |= {group.label.lower(): group.id for group in groups}
    close = difflib.get_close_matches(value.lower(), list(names), n=1, cutoff=0.6)
    if close:
        message = _("group '{value}' is not in the scenario (did you mean '{group}'?)")
        return message.format(value=value, group=names[close[0]])
    listed = ", ".join(group.id for group in groups)
    message = _("group '{value}' is not in the scenario, whose groups are {groups}")
    return message.format(value=value, groups=listed)
