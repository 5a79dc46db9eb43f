"""Rejection reasons as polars expressions, from messages in the user's language.

A reason is a message with named fields, `_("start_month {start} is after end_month {end}")`,
whose fields are filled in per row from columns. The message is translated first, so a
translation may put the fields in another order; `reason` follows the translated order.
It builds the text with `pl.concat_str`, which, unlike `pl.format`, does not hit polars'
streaming-engine panic (pola-rs/polars#25339). A reason is null when any of its values is null.
A cell echoed in a reason is clipped to MAX_SHOWN characters (`clipped`; `errors.clip` for one
value), so that no reason grows with what a user typed; `shown_lines` lists the first few lines
of many.
"""

from __future__ import annotations

from collections.abc import Sequence
from string import Formatter

import polars as pl

from jamsostek_budget.errors import ECHO_LIMIT
from jamsostek_budget.i18n import _, grouped


def reason(message: str, **values: pl.Expr | str) -> pl.Expr:
    """`message` (already translated) with each `{name}` replaced by the row's value of `name`."""
    parts: list[pl.Expr] = []
    for literal, name, _spec, _conversion in Formatter().parse(message):
        if literal:
            parts.append(pl.lit(literal, dtype=pl.String))
        if name is not None:
            value = values[name]
            parts.append(value.cast(pl.String) if isinstance(value, pl.Expr) else pl.lit(value))
    return pl.concat_str(parts) if parts else pl.lit("", dtype=pl.String)


MAX_SHOWN = ECHO_LIMIT  # the same cut as every other message's echo (errors.clip)
ELLIPSIS = "\u2026"


def clipped(value: pl.Expr) -> pl.Expr:
    """A cell as echoed in a reason: at most MAX_SHOWN characters, the last one an ellipsis."""
    long = value.str.len_chars() > MAX_SHOWN
    return pl.when(long).then(value.str.slice(0, MAX_SHOWN - 1) + ELLIPSIS).otherwise(value)


def shown_lines(lines: Sequence[int | str], count: int) -> str:
    """'2, 5, 9' or '2, 5, 9, 11, 12 and 95 more' for the first `lines` of `count`."""
    shown = ", ".join(str(line) for line in lines)
    more = count - len(lines)
    return (
        shown
        if more <= 0
        else _("{lines} and {count} more").format(lines=shown, count=grouped(more))
    )


def grouped_number(value: pl.Expr) -> pl.Expr:
    """A whole number with its thousands grouped as the current language writes them (as
    i18n.grouped does for one number): 1.048.576 in Indonesian, 1,048,576 in English."""
    separator = grouped(1000)[1]
    digits = value.abs().cast(pl.String)
    grouped_digits = (
        digits.str.reverse()
        .str.replace_all(r"([0-9]{3})", "${1}" + separator)
        .str.reverse()
        .str.strip_chars_start(separator)
    )
    return pl.when(value < 0).then(pl.lit("-") + grouped_digits).otherwise(grouped_digits)
