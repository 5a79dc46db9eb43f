"""The `jbudget` command.

`main` chooses the language (`--lang`, else the locale) before anything imports typer, so help
texts, click's own words and every message come out in that language. It then builds the app
from the command table (COMMAND_MODULES: each module's `register` adds its commands), importing
only the module of the command asked for (typer builds a command from its signature, which costs
a few milliseconds an option), or every command module when the command line names none
(`jbudget`, `jbudget --help`, a mistyped command).

Each command module imports its implementation inside the command, so starting jbudget only costs
the commands' signatures.

Python's cyclic garbage collector is off: starting up builds tens of thousands of long-lived
objects (typer's and pydantic's schemas), which it would scan again and again for cycles that are
not there; a command lives for seconds and its own objects are few (a 10,000,000-row roster
peaks at the same 3.0 GiB either way). Measured (benchmarks/bench_tricks.py, before and after in
one run, medians of 20): `jbudget estimate --city metro` takes 0.289 s with it, 0.362 s without,
20 % saved (8.6 % in an earlier run on a busier machine; 2.8 % of the instructions); it stays.

Ctrl-C, a closed pipe and a closed or full standard output end the process as cli.exit says.
When the command is done, the process ends at once (`os._exit`, after flushing standard output
and error) instead of tearing the interpreter down: freeing every module of typer, pydantic and
polars, the rows read and the threads has no effect a user could see. Every file jbudget writes
is complete and closed by then (written to a temporary file, then linked or renamed into place:
see cli.writing). Measured as above: `jbudget estimate --city metro` 0.289 s with it, 0.348 s
without (17 % saved; 20.5 % in the earlier run), a 1,000,000-row roster 0.935 s against 0.985 s
(5.1 %); it stays.

The roster's early start (reading the roster on polars' threads before typer was imported) was
removed: it saved 1.7 % of a 1,000,000-row roster (0.935 s with it, 0.950 s without) in that
run, and cost 5.6 % in the earlier one: below the 5 % a trick must save to stay.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import importlib
import os
import signal
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn

from jamsostek_budget.app import inputcache
from jamsostek_budget.cli.exit import (
    INTERNAL_ERROR,
    PIPE_CLOSED,
    flush_and_exit,
    interrupted,
    open_standard_streams,
)
from jamsostek_budget.i18n import (
    _,
    language_from_arguments,
    language_from_environment,
    set_language,
    use_for_libraries,
)

if TYPE_CHECKING:
    import typer

__all__ = ["COMMAND_MODULES", "build_app", "command_position", "main"]

COMMAND_MODULES: dict[str, str] = {
    "estimate": "cli.estimate",
    "rates": "cli.estimate",
    "cities": "cli.estimate",
    "validate": "cli.data",
    "schema": "cli.data",
    "compare": "cli.planning",
    "fit": "cli.planning",
    "project": "cli.planning",
    "coverage": "cli.coverage",
    "rollup": "cli.rollup",
    "quarterly": "cli.quarterly",
    "roster": "cli.roster",
    "track": "cli.track",
    "revise": "cli.revise",
    "reconcile": "cli.reconcile",
}
ROOT_OPTIONS_WITH_VALUE = frozenset({"--lang"})  # the root callback's other options are flags


def build_app(command: str | None = None) -> typer.Typer:
    """The app with the module of `command` registered, or every command module (tests and
    embedding programs call this without a command)."""
    from jamsostek_budget.cli.app import new_app

    app = new_app()
    modules = {COMMAND_MODULES[command]} if command in COMMAND_MODULES else COMMAND_MODULES.values()
    for module in sorted(set(modules)):
        importlib.import_module(f"jamsostek_budget.{module}").register(app)
    return app


def command_position(arguments: Sequence[str]) -> int | None:
    """Where the command is in a command line: its first word that is neither an option nor
    the value of a root option (`jbudget --lang en estimate` names estimate)."""
    expects_value = False
    for position, argument in enumerate(arguments):
        if expects_value:
            expects_value = False
        elif argument in ROOT_OPTIONS_WITH_VALUE:
            expects_value = True
        elif argument == "--":
            return None
        elif not argument.startswith("-"):
            return position
    return None


def main() -> None:
    signal.signal(signal.SIGINT, interrupted)  # Ctrl-C from here on: see cli.exit
    open_standard_streams()
    gc.disable()  # saves 20 % of `jbudget estimate` (bench_tricks.py): see the docstring
    arguments = sys.argv[1:]
    language = language_from_arguments(arguments) or language_from_environment()
    use_for_libraries(language)
    set_language(language)
    position = command_position(arguments)
    command = None if position is None else arguments[position]
    inputcache.enable()  # checked inputs kept in the user's cache folder: see app.inputcache
    try:
        build_app(command)()
    except SystemExit as done:  # typer always ends this way, whatever the outcome
        exit_now(done.code)
    except OSError as error:  # outside every command (help to a closed pipe): see cli.exit
        exit_now(PIPE_CLOSED if error.errno == errno.EPIPE else _os_error(error))
    except Exception as error:  # a bug: said as one, not as a traceback (JBUDGET_TRACEBACK=1)
        if os.environ.get("JBUDGET_TRACEBACK") == "1":
            raise
        exit_now(_bug(error))


def exit_now(code: object) -> NoReturn:
    """End the process with `code` as `sys.exit` would (None is 0, a text is printed and is 1),
    without the interpreter's teardown (see the module docstring)."""
    status = code if isinstance(code, int) else 0 if code is None else 1
    if isinstance(code, str):
        sys.stderr.write(code + "\n")
    flush_and_exit(status)


def _bug(error: Exception) -> int:
    """A failure no check foresaw: bad input is always refused with its own message, so this
    is a bug in jbudget. Said in one message with what to report; status 70 (EX_SOFTWARE)."""
    from jamsostek_budget.cli.notices import say_error
    from jamsostek_budget.errors import clip

    message = _("jbudget failed unexpectedly ({kind}: {error}): this is a bug in jbudget").format(
        kind=type(error).__name__, error=clip(str(error))
    )
    hint = _(
        "please report it with the command and the files it read; run it again with "
        "JBUDGET_TRACEBACK=1 to see where it failed"
    )
    with contextlib.suppress(OSError):
        say_error(message, hint)
    return INTERNAL_ERROR


def _os_error(error: OSError) -> int:
    from jamsostek_budget.cli.notices import say_error
    from jamsostek_budget.loading.oserrors import cannot_use

    with contextlib.suppress(OSError):  # standard error may be closed too
        say_error(*cannot_use(error))
    return 1
