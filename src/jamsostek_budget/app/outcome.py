"""What every app function returns: its result and every problem found, together, as beancount's
`loader.load_file` returns entries and errors. The CLI shows the problems once and the result.

Problems in the inputs (errors, warnings, notes of what was read) are values here, whichever
layer found them, and so is a request that cannot be run (a usage error: a file that is not
there, a ceiling that covers nobody), as a problem marked `request`; an error means no result.
Below the app functions, problems are still raised (DataError, UsageError) where that is simpler.
A failure of the system (a file the OS refuses to read) stays an exception.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from jamsostek_budget.errors import (
    DataError,
    Problem,
    UsageError,
    in_code,
    problem_options_named,
)

T = TypeVar("T")
U = TypeVar("U")


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """A command's result (None when an error stopped it) and its problems, in the order found."""

    result: T | None
    problems: tuple[Problem, ...] = ()

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "warning")

    @property
    def refused(self) -> Problem | None:
        """The usage error that stopped the command, if one did."""
        return next((p for p in self.problems if p.request), None)

    def unwrap(self) -> T:
        """The result, or its errors raised (for callers that want exceptions): a usage error
        as a UsageError, problems in the inputs as a DataError; an option they name is named as
        the app function's parameter (`rates_dir`), where the command line writes its flag."""
        refused = self.refused
        if refused is not None:
            named = problem_options_named(refused, in_code)
            raise UsageError(named.message, named.hint)
        if self.result is None or self.errors:
            raise DataError([problem_options_named(p, in_code) for p in self.errors])
        return self.result


def outcome_of(compute: Callable[[], tuple[U, tuple[Problem, ...]]]) -> Outcome[U]:
    """Run a computation that returns its result and warnings and raises its errors: the errors
    become the outcome's problems (the warnings found before them are not kept: an input with
    errors is said by its errors alone)."""
    try:
        result, problems = compute()
    except DataError as failed:
        return Outcome(None, failed.problems)
    except UsageError as refused:
        return Outcome(None, (refused.as_problem(),))
    return Outcome(result, problems)
