"""Check every row of a roster against a scenario and split it into accepted and rejected rows.

Each check is a pair of vectorised polars expressions: a cheap Boolean that every row gets, read
as it is, and the reason, written only on a second look at the rows that fail (with their cells
stripped of surrounding spaces), so a million rows cost little more than reading them. A row's
group (an id of the scenario's groups) gives its segment and, for blank cells, its
declared income or wage and its months. A rejected row keeps every original cell as read and
lists every reason; accepted + rejected is every row read (rows with no value at all are not
rows: blank lines, empty spreadsheet rows).
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import polars as pl

from jamsostek_budget.roster.nik import NUMBER, nik_fails, nik_reasons, with_nik_columns
from jamsostek_budget.scenario import Group, Scenario

LINE, REASONS = "line", "reasons"
FIELDS = ("nik", "group", "declared_income", "monthly_wage", "start_month", "end_month")
NUMBERS = FIELDS[2:]
# helper columns (no header can clash with them): stripped text, parsed number, value used
TEXT = {field: f"_jbudget_text_{field}" for field in FIELDS}
PARSED = {field: f"_jbudget_parsed_{field}" for field in NUMBERS}
VALUE = {field: f"_jbudget_value_{field}" for field in NUMBERS}
NIK, GROUP, SEGMENT = TEXT["nik"], "_jbudget_group", "_jbudget_segment"
DUPLICATE, FIRST, FAILS = "_jbudget_duplicate", "_jbudget_first", "_jbudget_fails"
KEY = "_jbudget_key"  # the NIK as a number when it is 16 digits: the duplicate check's key
BEFORE, UNKNOWN, AFTER = "_jbudget_before", "_jbudget_unknown", "_jbudget_after"
SEGMENT_OF = {"declared_income": "bpu", "monthly_wage": "pu"}
SEPARATED = r"^-?[0-9]{1,3}([.,' ][0-9]{3})+$"
ACCEPTED_SCHEMA = pl.Schema(
    {"line": pl.Int64, "nik": pl.String, "name": pl.String, "group": pl.String}
    | dict.fromkeys(NUMBERS, pl.Int64)
)


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
    names to its headers. A first look reads the cells as they are (but the NIK, which the
    duplicate check needs exact), which is enough for clean rows; the rows it fails get a
    second look with every cell stripped of surrounding spaces, which also writes the reasons.
    """
    originals = [name for name in frame.columns if name != LINE]
    name = pl.col(columns["name"]) if "name" in columns else pl.lit(None)
    first = _first_look(frame, columns, scenario, today)
    failing = first.lazy().filter(FAILS).select(LINE, *originals, KEY, DUPLICATE)
    second = _checked(failing, columns, scenario, today, strip=True).with_columns(
        _fails().alias(FAILS)
    )
    accepted, rescued = pl.collect_all(
        [
            first.lazy().filter(~pl.col(FAILS)).select(_accepted_values(name)),
            second.filter(~pl.col(FAILS)).select(_accepted_values(name)),
        ]
    )
    # The reasons are built with pl.format, which polars' streaming engine can panic on
    # ("assertion failed: i < self.len()", pola-rs/polars#25339 and #25525); this plan only
    # holds the rejected rows, so the in-memory engine costs nothing noticeable.
    rejected = _rejected(second.filter(pl.col(FAILS)), originals).collect(engine="in-memory")
    if not rescued.is_empty():
        accepted = accepted.merge_sorted(rescued, LINE)
    return accepted, _finish_rejected(rejected, _first_lines(first), scenario.groups)


def _first_look(
    frame: pl.DataFrame, columns: Mapping[str, str], scenario: Scenario, today: date
) -> pl.DataFrame:
    """Every row checked as read, with what the accepted rows and the second look need. FAILS
    is null for a row with no value at all, which is then neither accepted nor rejected."""
    originals = [name for name in frame.columns if name != LINE]
    has_value = pl.any_horizontal(pl.col(originals).is_not_null()) if originals else pl.lit(False)
    key = pl.when(pl.col(NUMBER) >= 10**15).then(pl.col(NUMBER))  # 16 digits, no sign
    return (
        _checked(frame.lazy(), columns, scenario, today, strip=False)
        .with_columns(key.alias(KEY))
        .with_columns(_repeated(pl.col(KEY)).alias(DUPLICATE))
        .with_columns(pl.when(has_value).then(_fails()).alias(FAILS))
        .select(LINE, NIK, TEXT["group"], *VALUE.values(), *originals, KEY, DUPLICATE, FAILS)
        .collect()
    )


def _rejected(frame: pl.LazyFrame, originals: Sequence[str]) -> pl.LazyFrame:
    unknown = pl.col(TEXT["group"]).is_not_null() & pl.col(GROUP).is_null()
    return frame.select(
        LINE,
        *originals,
        _joined([*nik_reasons(NIK), _missing_group()]).alias(BEFORE),
        pl.when(unknown).then(pl.col(TEXT["group"])).alias(UNKNOWN),
        _joined([pl.when(fails).then(reason) for fails, reason in _after_group()]).alias(AFTER),
        pl.col(DUPLICATE),
        pl.col(KEY),
    )


def _finish_rejected(
    rejected: pl.DataFrame, first_lines: pl.DataFrame, groups: Sequence[Group]
) -> pl.DataFrame:
    """Join the reasons, naming the group an unknown group id probably meant and the first
    line of a repeated NIK."""
    unknown = rejected.get_column(UNKNOWN).drop_nulls().unique().to_list()
    hints = {value: _unknown_group_reason(value, groups) for value in unknown}
    group_reason = pl.col(UNKNOWN).replace_strict(hints, default=None, return_dtype=pl.String)
    repeated = pl.when(pl.col(DUPLICATE)).then(pl.format("duplicate of line {}", pl.col(FIRST)))
    reasons = [pl.col(BEFORE), group_reason, pl.col(AFTER), repeated]
    joined = pl.concat_str(reasons, separator="; ", ignore_nulls=True).alias(REASONS)
    return (
        rejected.join(first_lines, on=KEY, how="left", maintain_order="left")
        .with_columns(joined)
        .drop(BEFORE, UNKNOWN, AFTER, DUPLICATE, KEY, FIRST)
    )


def _first_lines(checked: pl.DataFrame) -> pl.DataFrame:
    """The first line of each NIK that is repeated."""
    repeated = checked.filter(pl.col(DUPLICATE)).get_column(KEY).unique()
    earlier = checked.filter(pl.col(KEY).is_in(repeated))
    return earlier.group_by(KEY).agg(pl.col(LINE).min().alias(FIRST))


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
    frame = with_nik_columns(frame, NIK, today).with_columns(_group_index(groups), *parsed)
    frame = frame.with_columns(_of_group(groups, "segment", pl.String).alias(SEGMENT))
    return frame.with_columns(_value(groups, field).alias(VALUE[field]) for field in NUMBERS)


def _text(header: str | None, *, strip: bool) -> pl.Expr:
    """A column as text, stripped of surrounding spaces or as read (null when absent)."""
    if header is None:
        return pl.lit(None, dtype=pl.String)
    return pl.col(header).str.strip_chars() if strip else pl.col(header)


def _group_index(groups: Sequence[Group]) -> pl.Expr:
    """The position of each row's group in the scenario; null for an unknown group."""
    ids = pl.Enum([group.id for group in groups])
    return pl.col(TEXT["group"]).cast(ids, strict=False).to_physical().alias(GROUP)


def _blank_as_null(column: str) -> pl.Expr:
    return pl.when(pl.col(column).str.len_bytes() > 0).then(pl.col(column)).alias(column)


def _repeated(key: pl.Expr) -> pl.Expr:
    """Every occurrence of a 16-digit NIK after its first, even when the first is rejected."""
    return key.is_not_null() & ~key.is_first_distinct()


def _of_group(groups: Sequence[Group], field: str, dtype: type[pl.DataType]) -> pl.Expr:
    """A field of each row's scenario group (null for an unknown group)."""
    values = pl.Series([getattr(group, field) for group in groups], dtype=dtype)
    return pl.lit(values).gather(pl.col(GROUP))


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
    return pl.any_horizontal(*flags, *(fails for fails, _ in _after_group())).fill_null(False)


def _missing_group() -> pl.Expr:
    return pl.when(pl.col(TEXT["group"]).is_null()).then(pl.lit("group is missing"))


def _after_group() -> list[tuple[pl.Expr, pl.Expr]]:
    """(fails, reason) of the checks reported after the group's, but for repeated NIKs."""
    start, end = pl.col(VALUE["start_month"]), pl.col(VALUE["end_month"])
    return [
        *_segment_checks(),
        _amount_check("declared_income"),
        _amount_check("monthly_wage"),
        _month_check("start_month"),
        _month_check("end_month"),
        (start > end, pl.format("start_month {} is after end_month {}", start, end)),
    ]


def _segment_checks() -> list[tuple[pl.Expr, pl.Expr]]:
    segment, group = pl.col(SEGMENT), pl.col(TEXT["group"])
    text = "{} is for {} groups, but group '{}' is {}: give {} instead"
    checks = []
    for field, other in (("monthly_wage", "declared_income"), ("declared_income", "monthly_wage")):
        own = SEGMENT_OF[field]
        fails = (segment != own) & pl.col(TEXT[field]).is_not_null()
        reason = pl.format(text, pl.lit(field), pl.lit(own), group, segment, pl.lit(other))
        checks.append((fails, reason))
    return checks


def _amount_check(field: str) -> tuple[pl.Expr, pl.Expr]:
    """Whole non-negative Rupiah in plain digits; separators are refused, not guessed at."""
    text, parsed, name = pl.col(TEXT[field]), pl.col(PARSED[field]), pl.lit(field)
    reason = (
        pl.when(text.str.contains(SEPARATED))
        .then(
            pl.format(
                "{} '{}' is ambiguous (thousands separators or decimals?): write {}",
                name,
                text,
                text.str.replace_all(r"[^0-9-]", ""),
            )
        )
        .when(parsed < 0)
        .then(pl.format("{} must be 0 or more, got {}", name, parsed))
        .when(text.str.contains(r"^\+?[0-9]+$"))
        .then(pl.format("{} is too large: {}", name, text))
        .otherwise(pl.format("{} must be whole Rupiah in digits only, got '{}'", name, text))
    )
    return text.is_not_null() & ~(parsed >= 0).fill_null(False), reason


def _month_check(field: str) -> tuple[pl.Expr, pl.Expr]:
    text, parsed = pl.col(TEXT[field]), pl.col(PARSED[field])
    reason = (
        pl.when(parsed.is_null())
        .then(pl.format("{} must be a month number 1..12, got '{}'", pl.lit(field), text))
        .otherwise(pl.format("{} must be 1..12, got {}", pl.lit(field), parsed))
    )
    return text.is_not_null() & ~parsed.is_between(1, 12).fill_null(False), reason


def _joined(reasons: Sequence[pl.Expr]) -> pl.Expr:
    joined = pl.concat_str(reasons, separator="; ", ignore_nulls=True)
    return pl.when(joined != "").then(joined)


def _accepted_values(name: pl.Expr) -> list[pl.Expr]:
    """The columns of an accepted row (ACCEPTED_SCHEMA), from the helper columns."""
    values = [pl.col(LINE), pl.col(NIK), name, pl.col(TEXT["group"])]
    values += [pl.col(VALUE[field]) for field in NUMBERS]
    return [
        value.cast(dtype).alias(column)
        for value, (column, dtype) in zip(values, ACCEPTED_SCHEMA.items(), strict=True)
    ]


def _unknown_group_reason(value: str, groups: Sequence[Group]) -> str:
    names = {group.id: group.id for group in groups}
    names |= {group.label.lower(): group.id for group in groups}
    close = difflib.get_close_matches(value.lower(), list(names), n=1, cutoff=0.6)
    if close:
        return f"group '{value}' is not in the scenario (did you mean '{names[close[0]]}'?)"
    listed = ", ".join(group.id for group in groups)
    return f"group '{value}' is not in the scenario, whose groups are {listed}"
