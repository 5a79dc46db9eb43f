"""The one place that turns problems into messages and exit codes: 1 bad input or output, 2 bad
usage, 141 a pipe whose reader has gone (130 Ctrl-C: see cli.exit).

A problem in the user's input is printed as `file:line:column: field: message` with a hint,
compiler style; a traceback means a bug in jbudget. An app function's outcome is shown once
(`shown`); jbudget's own exceptions raised inside a command become the same messages
(`reported_errors`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, NoReturn, TypeVar

import typer

from jamsostek_budget.cli.exit import PIPE_CLOSED
from jamsostek_budget.cli.notices import Part, say, say_error
from jamsostek_budget.errors import DataError, JbudgetError, OutputError, Problem, UsageError
from jamsostek_budget.i18n import _, ngettext
from jamsostek_budget.loading.oserrors import cannot_use

if TYPE_CHECKING:
    from rich.console import Console

    from jamsostek_budget.app.outcome import Outcome

T = TypeVar("T")


def print_problems(
    problems: tuple[Problem, ...] | list[Problem], console: Console | None = None
) -> None:
    """One problem a line, compiler style, never wrapped (editors and grep read these lines);
    the user's own text is printed as written, never read as rich markup. On stderr, or on
    `console` (validate prints its findings as its output). The options they name are
    written as flags (see flags)."""
    from jamsostek_budget.cli.flags import problem_with_flags

    for problem in map(problem_with_flags, problems):
        style = {"warning": "yellow", "note": "cyan"}.get(problem.severity, "red")
        label = {"warning": _("warning: "), "note": _("note: ")}.get(problem.severity, "")
        field = f"{problem.field}: " if problem.field else ""  # a file's or a line's problem
        where = f"{problem.file}:{problem.line}:{problem.column}: {field}"
        lines: list[tuple[Part, ...]] = [((where, ""), (label + problem.message, style))]
        if problem.hint:
            lines.append(((_("  hint: {hint}").format(hint=problem.hint), "dim"),))
        for line in lines:
            say(*line, console=console)


def shown(outcome: Outcome[T]) -> T:
    """An app function's outcome, its problems shown once: a usage error ends the command
    (exit 2), errors in the inputs too (exit 1); otherwise its warnings and notes are printed
    and its result returned."""
    stop_if_refused(outcome)
    if outcome.result is None or outcome.errors:
        refuse(outcome.errors)
    print_problems(outcome.problems)
    return outcome.result


def stop_if_refused(outcome: Outcome[T]) -> None:
    """End the command (exit 2) on the usage error that stopped it, if one did, after the
    warnings found before it."""
    refused = outcome.refused
    if refused is None:
        return
    print_problems(tuple(p for p in outcome.problems if not p.request))
    say_error(refused.message, refused.hint)
    raise typer.Exit(2)


def refuse(problems: tuple[Problem, ...]) -> NoReturn:
    """Problems in the inputs, and how many: the command ends with exit 1."""
    print_problems(problems)
    count = len(problems)
    found = ngettext("{count} problem found.", "{count} problems found.", count)
    say((found.format(count=count), "red"))
    raise typer.Exit(1)


@contextmanager
def reported_errors() -> Iterator[None]:
    """Turn jbudget's own errors into messages and exit codes; never a traceback."""
    try:
        yield
    except DataError as exc:
        refuse(exc.problems)
    except UsageError as exc:
        say_error(exc.message, exc.hint)
        raise typer.Exit(2) from None
    except OutputError as exc:
        say_error(exc.message, exc.hint)
        raise typer.Exit(1) from None
    except JbudgetError as exc:
        say_error(str(exc))
        raise typer.Exit(1) from None
    except BrokenPipeError:  # the reader of a pipe has gone: end quietly (see cli.exit)
        raise typer.Exit(PIPE_CLOSED) from None
    except OSError as exc:  # a file or folder the system refused, or standard output
        say_error(*cannot_use(exc))
        raise typer.Exit(1) from None
