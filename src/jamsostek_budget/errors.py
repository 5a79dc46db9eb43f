"""Problems found in user input, and the exceptions that carry them to the CLI.

A Problem says where (file, line, column, field), what is wrong and how to fix it. Loading collects
every problem in a file before raising, so the user sees all of them at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Literal

from jamsostek_budget.i18n import _

Severity = Literal["error", "warning", "note"]  # a note: what jbudget read, for the record


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    column: int
    field: str
    message: str
    hint: str = ""
    severity: Severity = "error"
    # about how the command was asked (a usage error: a flag's value, a file not there), not
    # about what an input says; it has no place in a file (see UsageError.as_problem)
    request: bool = False

    def as_dict(self) -> dict[str, str | int]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "severity": self.severity,
            "message": self.message,
            "hint": self.hint,
        }


class JbudgetError(Exception):
    """Base of every error jbudget reports to the user without a traceback."""


class DataError(JbudgetError):
    """One or more problems in input files."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__(_("{count} problem(s) in input").format(count=len(self.problems)))


class UsageError(JbudgetError):
    """A command-line argument that cannot be used (bad option value, unknown city, ...)."""

    def __init__(self, message: str, hint: str = "") -> None:
        self.message = message
        self.hint = hint
        super().__init__(message)

    def as_problem(self) -> Problem:
        """The error as a problem an app function returns (see app.outcome)."""
        return Problem("", 0, 0, "", self.message, self.hint, request=True)


class OutputError(JbudgetError):
    """A result could not be written where the user asked (or an input could not be read)."""

    def __init__(self, message: str, hint: str = "") -> None:
        self.message = message
        self.hint = hint
        super().__init__(message)


OPTION_MARK = "\x00"


def option(name: str) -> str:
    """A command-line option in a message, named by the input it sets (`rates_dir`, `year`,
    ...: the parameter of the app function): nothing below the CLI knows the flags, and the CLI
    writes the flag in its place (cli/flags.py). Marked with NUL, which no path holds and no
    quoted value shows (`echo` quotes it as \\x00), so no user text can pass for one."""
    return f"{OPTION_MARK}{name}{OPTION_MARK}"


_MARKED = re.compile(f"{OPTION_MARK}([a-z_]+){OPTION_MARK}")


def options_named(text: str, name: Callable[[str], str]) -> str:
    """`text` with each option (see `option`) written as `name` gives it: the CLI writes its
    flag (cli/flags.py); a program embedding jbudget reads the input's name (`in_code`)."""
    return _MARKED.sub(lambda found: name(found.group(1)), text) if OPTION_MARK in text else text


def problem_options_named(problem: Problem, name: Callable[[str], str]) -> Problem:
    """The problem with its field, message and hint read by `options_named`."""
    return replace(
        problem,
        field=options_named(problem.field, name),
        message=options_named(problem.message, name),
        hint=options_named(problem.hint, name),
    )


def in_code(name: str) -> str:
    """An option as a program calling the app functions names it: its parameter (`rates_dir`)."""
    return f"`{name}`"


ECHO_LIMIT = 60  # characters of a value quoted back in a message; enough to recognise it


def echo(value: object) -> str:
    """A value as a message quotes it: text in quotes, anything else as written, cut to
    ECHO_LIMIT characters with an ellipsis so a pasted page never floods the terminal."""
    text = clip(value if isinstance(value, str) else _plain(value))
    return repr(text) if isinstance(value, str) else text


def clip(text: str) -> str:
    """`text` cut to ECHO_LIMIT characters, with an ellipsis when it was longer."""
    return text if len(text) <= ECHO_LIMIT else text[: ECHO_LIMIT - 1] + "\u2026"


def _plain(value: object) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**ECHO_LIMIT:
        return _("a number of {count} digits").format(count=len(str(abs(value))))
    return str(value)
