"""Lines for the person running jbudget, on stderr: problems, hints, what was written where.

On a terminal they go through rich, in colour. Anywhere else (a pipe, a log, CI) rich would
print them as plain lines, and so do we, without importing rich: that import is about 60 ms,
a tenth of `jbudget estimate --format json`. Where the environment asks rich to decide
(FORCE_COLOR, TTY_COMPATIBLE, TTY_INTERACTIVE), rich decides.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from jamsostek_budget.i18n import _

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["Part", "error_console", "rich_decides", "say", "say_error"]

Part = tuple[str, str]  # (text, rich style: "red", "dim", ... or "" for none)
RICH_SETTINGS = ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE")


def say(*parts: Part, console: Console | None = None) -> None:
    """One line on stderr (or on `console`), never wrapped (editors and grep read these lines),
    each part in its style on a terminal; the text is printed as written, never read as rich
    markup."""
    if console is None and not rich_decides():
        sys.stderr.write("".join(text for text, _style in parts) + "\n")
        return
    from rich.text import Text

    (console or error_console()).print(Text.assemble(*parts), soft_wrap=True)


def say_error(message: str, hint: str = "") -> None:
    """An error and its hint, on stderr, with the flags of the options they name (see flags)."""
    from jamsostek_budget.cli.flags import with_flags

    say((_("error: {message}").format(message=with_flags(message)), "red"))
    if hint:
        say((_("  hint: {hint}").format(hint=with_flags(hint)), "dim"))


def error_console() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def rich_decides() -> bool:
    """Whether stderr is a terminal, or the environment asks rich to decide what it is: when
    False, rich would only ever print plain text there, and need not be imported."""
    if any(name in os.environ for name in RICH_SETTINGS):
        return True
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):  # closed or replaced by an object without a tty
        return False
