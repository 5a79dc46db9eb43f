"""The roster's side tables (rejected rows, premiums per person) written as CSV: atomically,
never over an existing file unless asked, and safe to open in a spreadsheet
(render.roster.table_csv); `-` is standard output.

The rejects file has a default path, beside the roster, which a rerun must get past: a file there
that an earlier run wrote (`is_earlier_rejects`) is replaced, and any other is the user's.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from jamsostek_budget.cli.app import STANDARD_OUTPUT
from jamsostek_budget.cli.destinations import shown_destination
from jamsostek_budget.cli.notices import say
from jamsostek_budget.cli.writing import write_new_file
from jamsostek_budget.errors import OutputError
from jamsostek_budget.i18n import _
from jamsostek_budget.render.roster import is_rejects_header, table_csv

if TYPE_CHECKING:
    from jamsostek_budget.roster.checks import RosterRows

HEADER_LIMIT = 1 << 20  # a rejects file's header holds every roster column: read up to a MiB


def write_table(
    frame: pl.DataFrame, path: Path, *, force: bool, inputs: Collection[Path] = ()
) -> None:
    """A table as CSV, through the same atomic, no-overwrite writer as every other output (or to
    standard output for `-`), safe to open in a spreadsheet (render.roster.table_csv)."""
    try:
        text = table_csv(frame)
    except pl.exceptions.PolarsError as exc:  # pragma: no cover - polars failing to format
        message = _("cannot write {file}: {reason}").format(file=path, reason=exc)
        raise OutputError(message) from exc
    if path == STANDARD_OUTPUT:
        sys.stdout.write(text)
        return
    write_new_file(path, text, force=force, inputs=inputs)


def is_earlier_rejects(path: Path) -> bool:
    """Whether `path` is a regular file headed as a rejects file (render.roster.is_rejects_header):
    one an earlier run wrote, which a rerun may replace. Never opens a device or a pipe."""
    try:
        if not path.is_file():
            return False
        with path.open("rb") as file:
            first = file.readline(HEADER_LIMIT)
        header = first.decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return header.endswith("\n") and is_rejects_header(header.rstrip("\r\n"))


def rejects_target(
    rows: RosterRows, roster: Path, rejects: Path | None, force: bool
) -> tuple[Path | None, bool]:
    """Where the rejected rows go (None: nowhere), and whether that is the default file of an
    earlier run, which a rerun replaces without --force: also when it rejects nothing (the file is
    emptied), so that the file beside the roster never lists rows this run accepted. Any other
    file at the default path is the user's: refused without --force."""
    from jamsostek_budget.app.roster import default_rejects_path

    rejected = rows.rejected.height > 0
    if rejects is not None:
        return (rejects if rejected else None), False
    default = default_rejects_path(roster)
    earlier = is_earlier_rejects(default)
    if rejected and not (earlier or force) and os.path.lexists(default):
        message = _("{file} already exists, and it is not a rejects file jbudget wrote")
        raise OutputError(
            message.format(file=default),
            _("give the rejected rows another file with --rejects FILE, or overwrite it: --force"),
        )
    return (default if rejected or earlier else None), earlier


def say_rejects(rows: RosterRows, rejects: Path, earlier: bool) -> None:
    """Where the rejected rows went, and whether they replace an earlier run's file."""
    file = shown_destination(rejects)
    if not rows.rejected.height:
        message = _("  no row rejected: {file}, from an earlier run, now lists none")
        say((message.format(file=file), ""))
    elif earlier:
        message = _("  rejected rows, with every reason: {file} (replaces an earlier run's)")
        say((message.format(file=file), ""))
    else:
        say((_("  rejected rows, with every reason: {file}").format(file=file), ""))
