"""Check every row of a roster against a scenario and split it into accepted and rejected rows.

Every check is a vectorised polars expression; nothing loops over rows. A first look takes the
cells as they are (but for spaces around a NIK) and keeps, in one pass, the rows that pass every
check: in a clean roster nearly all of them, so a million rows cost little more than reading
them. The rows it does not keep (a failing check, a cell with spaces around it or in notation,
a NIK on an earlier line too) get a second look (`second_look`) with every cell stripped, which
decides them, then duplicates are judged (`duplicates`), and the reasons of the rows that fail
are written. A row's group (an id of the scenario's groups) gives its segment and, for blank
cells, its declared income or wage and its months. A rejected row keeps every original cell as
read and lists every reason. Rows whose every cell is empty or spaces are skipped and counted:
rows read = accepted + rejected + blank, the same for a CSV and a workbook.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from dataclasses import field as dataclass_field
from datetime import date
from pathlib import Path

import polars as pl

from jamsostek_budget.errors import Problem
from jamsostek_budget.i18n import grouped, ngettext
from jamsostek_budget.model.scenario import Group, Scenario
from jamsostek_budget.roster.amount_cells import notation_notes
from jamsostek_budget.roster.columns import (
    CELLS,
    DUPLICATE,
    FAILS,
    FIELDS,
    GROUP,
    KEY,
    LINE,
    NIK,
    NUMBERS,
    PARSED,
    PASSES,
    REASONS,
    SEGMENT_OF,
    VALUE,
    accepted_columns,
    accepted_schema,
    group_of,
    in_segment,
    of_group,
    text,
)
from jamsostek_budget.roster.duplicates import duplicates_note, judge_duplicates, repeats
from jamsostek_budget.roster.nik import NIK_LENGTH, nik_key, nik_number, nik_passes
from jamsostek_budget.roster.read import Reading, open_roster, start_reading
from jamsostek_budget.roster.reasons import shown_lines
from jamsostek_budget.roster.second_look import rejected_rows, second_look
from jamsostek_budget.roster.seen import FIRST_OF_KEY, Seen
from jamsostek_budget.roster.sheets import SheetRead, counted, located, place, row_labels

__all__ = ["LINE", "RosterRows", "accepted_schema", "check_reading", "check_rows", "read_roster"]

POSITION = "_jbudget_position"  # of a row in the frame
BLANK = "_jbudget_blank"  # every cell of the row empty or spaces


@dataclass(frozen=True)
class RosterRows:
    """The rows of a roster: rows_read = accepted + rejected + blank_rows, where blank rows
    (every cell empty or spaces) are skipped and counted, but for those after the last row with
    a value, which are not rows at all."""

    accepted: pl.DataFrame  # accepted_schema, blanks filled in from the scenario group
    rejected: pl.DataFrame  # line, every original column as String, reasons
    rows_read: int
    ignored_columns: tuple[str, ...]
    notes: tuple[Problem, ...] = ()  # what was read and how (sheets skipped, merged cells,
    # amounts in notation, duplicates), counted
    blank_lines: pl.Series = dataclass_field(default_factory=lambda: pl.Series(LINE, [], pl.Int64))
    sheets: tuple[SheetRead, ...] = ()  # a workbook's, read or skipped, with the rows of each
    # the rejected rows whose only fault is a NIK accepted on an earlier line: LINE and the NIK
    # as a number ("key"), for `jbudget reconcile`, which calls them duplicates
    duplicates: pl.DataFrame = dataclass_field(
        default_factory=lambda: pl.DataFrame(schema={LINE: pl.Int64, "key": pl.Int64})
    )

    @property
    def blank_rows(self) -> int:
        """The blank rows skipped (their LINE in `blank_lines`)."""
        return self.blank_lines.len()


def read_roster(
    path: Path, scenario: Scenario, *, today: date, sheets: Sequence[str] = ()
) -> RosterRows:
    """Read and check a roster (of a workbook, the sheets named `sheets`, by default every
    roster sheet); a DataError if the file or its header cannot be used."""
    return check_reading(start_reading(open_roster(path, sheets)), scenario, today=today)


def check_reading(reading: Reading, scenario: Scenario, *, today: date) -> RosterRows:
    """Wait for the rows being read and check them, batch by batch; a workbook's rows are then
    `located` (their sheet and sheet row)."""
    raw = reading.raw
    names = raw.sheets_read
    found = check_rows(
        reading.batches(), raw.headers, raw.columns, scenario, today, file=raw.file, sheets=names
    )
    accepted, rejected = located(found.accepted, names), located(found.rejected, names)
    return replace(
        found,
        accepted=accepted,
        rejected=rejected,
        duplicates=located(found.duplicates, names),
        ignored_columns=raw.ignored,
        notes=(*raw.notes, *found.notes),
        sheets=counted(raw.sheets, accepted, rejected, found.blank_lines),
    )


def check_rows(
    batches: Iterable[pl.DataFrame],
    headers: Sequence[str],
    columns: Mapping[str, str],
    scenario: Scenario,
    today: date,
    *,
    file: str = "",
    sheets: Sequence[str] = (),
) -> RosterRows:
    """Accepted rows as `accepted_schema(scenario.groups)`, rejected rows with their reasons,
    of the rows of `batches` (at least one), in line order.

    Each batch holds `line`, every original column as String (`headers`), CELLS and the helper
    columns of `read._with_helpers`; `columns` maps roster column names to its headers; the
    rows of a workbook come from its sheets `sheets` (see `roster.sheets`). Rows whose NIK is
    on an earlier line too get the second look, where duplicates are judged (`duplicates`).

    The first look takes one batch at a time and keeps, of each, the accepted rows' columns
    and the rest as read (few), so that the text of a large roster is never in memory at once.
    A row is kept when it passes every check but the duplicate one and no row above holds its
    NIK (`Seen`); whether a kept row's NIK comes again below is known from the rest, which
    holds every later row of it.
    """
    originals = list(headers)
    seen = Seen()
    accepted_parts, rest_parts = [], []
    for batch in batches:
        accepted_part, rest_part = _first_split(
            batch, originals, columns, scenario, today, seen=seen
        )
        accepted_parts.append(accepted_part)
        rest_parts.append(rest_part)
    del seen
    accepted, rest = pl.concat(accepted_parts, rechunk=False), pl.concat(rest_parts)
    found = repeats(_holding_rest_keys(accepted, rest))
    rest = rest.drop(KEY, NIK)
    failing, blank_lines = _without_blanks(rest, accepted)
    blanks, read_notes = blank_lines.len(), blank_note(blank_lines, file, sheets)
    if failing.is_empty():
        notes = (*read_notes, *duplicates_note(found, file, sheets))
        rows = accepted.height + blanks
        return RosterRows(accepted, _no_rows(originals), rows, (), notes, blank_lines)
    looked_at, cells = second_look(failing, columns, scenario, today)
    judged = judge_duplicates(looked_at, found, sheets)
    del accepted
    accepted = _with_rescued(accepted_parts, judged, accepted_columns(columns, scenario.groups))
    rejected = rejected_rows(judged, originals, scenario.groups, cells, sheets)
    notes = (
        *read_notes,
        *notation_notes(judged, cells, file, sheets),
        *duplicates_note(found, file, sheets),
    )
    rows = accepted.height + rejected.height + blanks
    duplicates = judged.filter(pl.col(DUPLICATE)).select(LINE, pl.col(KEY).alias("key"))
    return RosterRows(accepted, rejected, rows, (), notes, blank_lines, duplicates=duplicates)


def _first_split(
    batch: pl.DataFrame,
    originals: Sequence[str],
    columns: Mapping[str, str],
    scenario: Scenario,
    today: date,
    *,
    seen: Seen,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """A batch's rows that the first look keeps, as accepted rows, and the others as read (LINE,
    the original columns, CELLS, NIK, KEY, BLANK); `seen` then holds the batch's KEYs too."""
    frame = _with_stripped_nik(batch, columns["nik"])
    del batch
    frame = frame.with_columns(seen.first_of_key(frame.get_column(KEY)))
    first = _first_look(frame, originals, columns, scenario, today)
    kept = pl.col(PASSES) & pl.col(FIRST_OF_KEY)
    blank = pl.all_horizontal(pl.col(originals).str.strip_chars().fill_null("") == "")
    blank = blank & pl.col(CELLS).is_null()  # an unreadable cell is a value, not a blank
    accepted, rest = pl.collect_all(
        [
            first.filter(kept).select(accepted_columns(columns, scenario.groups)),
            first.filter(~kept).select(LINE, *originals, CELLS, NIK, KEY, blank.alias(BLANK)),
        ]
    )
    return accepted, rest


def _holding_rest_keys(accepted: pl.DataFrame, rest: pl.DataFrame) -> pl.DataFrame:
    """LINE and KEY of every row whose KEY a row of `rest` holds: every row of a repeated NIK
    (at most one of them, the first, is kept by the first look), so the `repeats` of these rows
    are those of the whole roster. A KEY is a NIK of 16 digits: the same KEY, the same text."""
    niks = rest.filter(pl.col(KEY).is_not_null()).get_column(NIK).unique()
    held = accepted.lazy().filter(pl.col("nik").is_in(niks.implode()))
    kept = held.select(LINE, nik_key(nik_number(pl.col("nik"))).alias(KEY)).collect()
    return pl.concat([rest.select(LINE, KEY), kept])


def _without_blanks(rest: pl.DataFrame, accepted: pl.DataFrame) -> tuple[pl.DataFrame, pl.Series]:
    """The rows the first look did not keep, but for blank ones (BLANK), and the lines of the
    blank rows before the last row with a value (those after it are not rows)."""
    failing = rest.filter(~pl.col(BLANK)).drop(BLANK)
    last = max(_last_line(accepted), _last_line(failing))
    return failing, rest.filter(pl.col(BLANK) & (pl.col(LINE) < last)).get_column(LINE)


def blank_note(lines: pl.Series, file: str, sheets: Sequence[str] = ()) -> list[Problem]:
    """A note of the blank rows skipped, with the first few lines."""
    if lines.is_empty():
        return []
    count = lines.len()
    message = ngettext(
        "{count} blank row skipped (line {lines}): every cell is empty or spaces",
        "{count} blank rows skipped (lines {lines}): every cell is empty or spaces",
        count,
    ).format(
        count=grouped(count), lines=shown_lines(row_labels(lines.head(5).to_list(), sheets), count)
    )
    where, line = place(file, int(lines[0]), sheets)
    return [Problem(where, line, 1, "", message, "", "note")]


def _last_line(rows: pl.DataFrame) -> int:
    return 0 if rows.is_empty() else int(rows.get_column(LINE).cast(pl.Int64).max() or 0)  # type: ignore[arg-type]


def _with_rescued(
    parts: Sequence[pl.DataFrame], judged: pl.DataFrame, columns: list[pl.Expr]
) -> pl.DataFrame:
    """The accepted rows (`parts`, one per batch, in line order) with those the second look
    accepts, in line order: each merged into the part whose lines it falls among (both are
    sorted: merged, not sorted again), so that a copy is made of one batch at a time, never of
    a million accepted rows at once."""
    rescued = judged.lazy().filter(~pl.col(FAILS)).select(columns).collect()
    merged = []
    for index, part in enumerate(parts):
        here = rescued
        if index < len(parts) - 1 and not part.is_empty():
            last = part.get_column(LINE)[-1]
            here, rescued = (
                rescued.filter(pl.col(LINE) <= last),
                rescued.filter(pl.col(LINE) > last),
            )
        elif index < len(parts) - 1:
            here = rescued.clear()
        merged.append(part if here.is_empty() else part.merge_sorted(here, key=LINE))
    return pl.concat(merged, rechunk=False)


def _no_rows(originals: Sequence[str]) -> pl.DataFrame:
    """The rejected rows when there are none."""
    return pl.DataFrame(
        schema={LINE: pl.Int64} | dict.fromkeys(originals, pl.String) | {REASONS: pl.String}
    )


def _first_look(
    frame: pl.DataFrame,
    originals: Sequence[str],
    columns: Mapping[str, str],
    scenario: Scenario,
    today: date,
) -> pl.LazyFrame:
    """The rows as read, with their NIK (stripped) and KEY, and the GROUP, the VALUE of each
    number (its own, or its group's for a blank cell) and PASSES, True when every check but the
    duplicate one passes (False for a row with no value at all): a plan, which the split into
    kept and not kept rows runs once for both."""
    groups = scenario.groups
    cells = {field: text(columns.get(field), strip=False) for field in FIELDS}
    values = (_own_or_group(groups, cells, name).alias(VALUE[name]) for name in NUMBERS)
    return (
        frame.lazy()
        .with_columns(group_of(groups, cells["group"]))
        .with_columns(values)
        .select(LINE, *originals, CELLS, NIK, KEY, FIRST_OF_KEY, GROUP, *VALUE.values())
        .with_columns(_passes_as_read(cells, today).alias(PASSES))
    )


def _with_stripped_nik(frame: pl.DataFrame, nik: str) -> pl.DataFrame:
    """The frame with NIK: the NIK as read, stripped of spaces around it where it is not 16
    characters long (the few NIKs a spreadsheet left a space after: the first look can then
    keep them, and the duplicate check sees them), and their KEY. The original column stays as
    read."""
    padded = pl.col(nik).is_not_null() & (pl.col(nik).str.len_bytes() != NIK_LENGTH)
    stripped = pl.col(nik).filter(padded).str.strip_chars()
    found = frame.lazy().select(
        pl.arg_where(padded).alias(POSITION), stripped, nik_key(nik_number(stripped)).alias(KEY)
    )
    fixes = found.collect()
    as_read, keys = frame.get_column(nik), frame.get_column(KEY)
    if not fixes.is_empty():
        positions = fixes.get_column(POSITION)
        as_read = as_read.scatter(positions, fixes.get_column(nik))
        keys = keys.scatter(positions, fixes.get_column(KEY))
    return frame.with_columns(as_read.alias(NIK), keys)


def _own_or_group(groups: Sequence[Group], cells: Mapping[str, pl.Expr], field: str) -> pl.Expr:
    """The value of a row that passes: its own, its group's for a blank cell; for an amount,
    null when it is not one of the group's segment."""
    default = of_group(groups, field, pl.Int64)
    value = pl.when(cells[field].is_null()).then(default).otherwise(pl.col(PARSED[field]))
    return pl.when(in_segment(groups, field)).then(value) if field in SEGMENT_OF else value


def _passes_as_read(cells: Mapping[str, pl.Expr], today: date) -> pl.Expr:
    """Every check but the duplicate one, on the cells as read (False where any fails), from
    the VALUE columns: an amount is blank or a number > 0 of the group's segment, a month
    (its own or its group's, which is valid) is 1..12, the start no later than the end."""
    start, end = pl.col(VALUE["start_month"]), pl.col(VALUE["end_month"])
    checks = [
        pl.col(CELLS).is_null(),
        nik_passes(pl.col(KEY), today),
        pl.col(GROUP).is_not_null(),
        *(cells[name].is_null() | (pl.col(VALUE[name]) > 0) for name in SEGMENT_OF),
        start.is_between(1, 12),
        end.is_between(1, 12),
        start <= end,
    ]
    return pl.all_horizontal(checks).fill_null(False)
