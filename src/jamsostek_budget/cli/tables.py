"""The roster's side tables (rejected rows, premiums per person) written as CSV: atomically,
never over an existing file unless asked, and safe to open in a spreadsheet."""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path

import polars as pl

from jamsostek_budget.cli.writing import write_new_file
from jamsostek_budget.errors import OutputError
from jamsostek_budget.i18n import _

FORMULA_START = r"^[=+\-@\t\r]"


def spreadsheet_safe(frame: pl.DataFrame) -> pl.DataFrame:
    """The table with every text cell and header that a spreadsheet would run as a formula (it
    starts with =, +, -, @, a tab or a CR: OWASP's CSV injection rule) behind a single quote,
    which makes it text."""
    texts = [name for name, dtype in frame.schema.items() if dtype in (pl.String, pl.Enum)]
    safe = [
        pl.when(pl.col(name).cast(pl.String).str.contains(FORMULA_START))
        .then(pl.lit("'") + pl.col(name).cast(pl.String))
        .otherwise(pl.col(name).cast(pl.String))
        .alias(name)
        for name in texts
    ]
    frame = frame.with_columns(safe)
    headers = {name: f"'{name}" for name in frame.columns if re.match(FORMULA_START, name)}
    return frame.rename(headers)


def write_table(
    frame: pl.DataFrame, path: Path, *, force: bool, inputs: Collection[Path] = ()
) -> None:
    """A table as CSV, through the same atomic, no-overwrite writer as every other output, safe
    to open in a spreadsheet (`spreadsheet_safe`)."""
    try:
        text = spreadsheet_safe(frame).write_csv()
    except pl.exceptions.PolarsError as exc:  # pragma: no cover - polars failing to format
        message = _("cannot write {file}: {reason}").format(file=path, reason=exc)
        raise OutputError(message) from exc
    write_new_file(path, text, force=force, inputs=inputs)
