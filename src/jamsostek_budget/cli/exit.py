"""How the `jbudget` process ends: Ctrl-C, a closed pipe, a closed or full standard output.

- Ctrl-C, at any moment from start-up on, removes the file being written (see output), prints
  one line ("interrupted") and ends the process with status 130 (128 + SIGINT), at once: no
  traceback, and no Rust panic from a polars query still reading a roster on its threads (the
  process ends without dropping it, and polars' own SIGINT handler is replaced: keep_ctrl_c).
- A pipe whose reader has gone (`jbudget estimate ... | head -1`) ends the run quietly with
  status 141 (128 + SIGPIPE), what a shell reports for any program the reader left.
- A closed standard output (`>&-`) or a full one (`> /dev/full`) is an error with a message
  and status 1, as soon as the result is written (or flushed at exit).
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import signal
import sys
from types import FrameType
from typing import NoReturn

from jamsostek_budget.i18n import _

INTERRUPTED = 130  # 128 + SIGINT
PIPE_CLOSED = 141  # 128 + SIGPIPE
INTERNAL_ERROR = 70  # EX_SOFTWARE (sysexits.h): a bug in jbudget, said as one (cli.main)


class ClosedStream(io.TextIOBase):
    """Standard output or error when the process was started without it: nothing to flush,
    and writing is an error that names it."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))

    def isatty(self) -> bool:
        return False


def open_standard_streams() -> None:
    """Stand in for a standard stream the process was started without (`>&-`, `2>&-`), and
    note what standard output is (see _pipe_was_closed)."""
    if sys.stdout is None:
        sys.stdout = ClosedStream()
    if sys.stderr is None:
        sys.stderr = ClosedStream()
    _stdout_at_start.append(_stdout_identity())


_stdout_at_start: list[tuple[int, int] | None] = []


def _stdout_identity() -> tuple[int, int] | None:
    try:
        found = os.fstat(1)
    except OSError:
        return None
    return found.st_dev, found.st_ino


def _pipe_was_closed() -> bool:
    """Whether a closed pipe was met where jbudget could not see it: rich and click, meeting
    one, point standard output at the null device (so nothing fails again) and exit with 1."""
    if type(sys.stdout).__name__ == "PacifyFlushWrapper":  # click's mark
        return True
    try:
        null = os.stat(os.devnull)
    except OSError:
        return False
    now = _stdout_identity()
    started = _stdout_at_start[0] if _stdout_at_start else now
    return now != started and now == (null.st_dev, null.st_ino)


def interrupted(_signal: int, _frame: FrameType | None) -> None:
    """The SIGINT handler (see the module docstring)."""
    output = sys.modules.get("jamsostek_budget.cli.writing")
    if output is not None:
        if output.wait_for_record(lambda: interrupted(_signal, None)):
            return  # a file is being created: called again once it is recorded
        output.discard_unfinished()
    with contextlib.suppress(OSError):
        os.write(2, (_("interrupted") + "\n").encode())
    os._exit(INTERRUPTED)


def keep_ctrl_c() -> None:
    """Take SIGINT back after polars is imported. Importing polars registers a handler of its own
    that aborts its running queries, and a query still reading a roster in the background then
    aborts the whole process with a Rust panic (polars 2.1), before jbudget's handler could end
    it cleanly. Only where jbudget's handler is the one installed (the jbudget program, not a
    program embedding the library)."""
    if signal.getsignal(signal.SIGINT) is interrupted:
        signal.signal(signal.SIGINT, interrupted)


def flush_and_exit(status: int) -> NoReturn:
    """Flush standard output and error, then end the process with `status` (or with what
    flushing found: 141 for a closed pipe, 1 with a message for any other error)."""
    if status == 1 and _pipe_was_closed():
        status = PIPE_CLOSED
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:
            status = PIPE_CLOSED
        except (OSError, ValueError) as error:
            if stream is sys.stdout:
                _say_on_stderr(error)
            status = status or 1
    os._exit(status)  # no teardown: saves 17 % of `jbudget estimate` (see cli.main)


def _say_on_stderr(error: OSError | ValueError) -> None:
    from jamsostek_budget.loading.oserrors import cannot_write

    if isinstance(error, OSError):
        message, hint = cannot_write(error, _("standard output"))
    else:
        message, hint = _("cannot write to standard output: it is closed"), ""
    from jamsostek_budget.cli.flags import with_flags

    lines = _("error: {message}").format(message=with_flags(message))
    if hint:
        lines += "\n" + _("  hint: {hint}").format(hint=with_flags(hint))
    with contextlib.suppress(OSError):
        os.write(2, (lines + "\n").encode())
