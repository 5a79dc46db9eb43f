"""Where a command's outputs go when one is standard output (`-`, or no --output for the report).

Text (a table, Markdown, HTML, JSON, CSV) can go to standard output; an Excel workbook only to a
pipe or a redirection, since a terminal would show its bytes as noise. One stream holds one
output: a roster's report and its rejected rows cannot both be written there.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from jamsostek_budget.cli.app import STANDARD_OUTPUT, Format
from jamsostek_budget.errors import UsageError
from jamsostek_budget.i18n import _


def to_standard_output(path: Path | None) -> bool:
    """True for `-`; for the report, None (no --output) is standard output too."""
    return path is None or path == STANDARD_OUTPUT


def check_destination(fmt: Format, output: Path | None) -> None:
    """Refuse, before anything is written, a workbook for the terminal."""
    if fmt is Format.xlsx and to_standard_output(output) and sys.stdout.isatty():
        raise UsageError(
            _("--format xlsx makes an Excel workbook, which a terminal cannot show"),
            _("add --output FILE.xlsx, or redirect it to a file: > FILE.xlsx"),
        )


def check_one_stream(side_outputs: Sequence[tuple[str, Path | None]], output: Path | None) -> None:
    """Refuse a run whose side outputs (flag, path; None when not asked for) would share
    standard output with the report or with each other: their lines would be mixed."""
    on_stream = [f"{flag} -" for flag, path in side_outputs if path == STANDARD_OUTPUT]
    if on_stream and to_standard_output(output):
        on_stream.insert(0, _("the report"))
    if len(on_stream) > 1:
        message = _(
            "standard output can take only one output, and these would all go there: {outputs}"
        )
        raise UsageError(
            message.format(outputs=", ".join(on_stream)),
            _("give all of them but one a file name (the report: --output FILE)"),
        )


def write_bytes_out(data: bytes) -> None:
    """A binary output (a workbook) to standard output, once check_destination allowed it; a
    closed one (cli.exit.ClosedStream, which has no bytes side) is an error as for text."""
    sys.stdout.flush()
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))
    stream.write(data)
    stream.flush()


def shown_destination(path: Path) -> str:
    """The path as the messages name it: `-` is standard output."""
    return _("standard output") if path == STANDARD_OUTPUT else str(path)
