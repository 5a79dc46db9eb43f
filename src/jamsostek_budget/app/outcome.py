"""What every app function returns: its result and every problem found, together, as beancount's
`loader.load_file` returns entries and errors. The CLI shows the problems once and the result.

Problems in the inputs (errors, warnings, notes of what was read) are values here, whichever
layer found them; an error means no result. A request that cannot be run at all (a flag's value
out of range, a file that is not there) is still raised as a UsageError or an OutputError: it is
about how the command was called, not about what the inputs say.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from jamsostek_budget.errors import DataError, Problem

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

    def unwrap(self) -> T:
        """The result, or its errors raised as a DataError (for callers that want exceptions)."""
        if self.result is None or self.errors:
            raise DataError(self.errors)
        return self.result


def outcome_of(compute: Callable[[], tuple[U, tuple[Problem, ...]]]) -> Outcome[U]:
    """Run a computation that returns its result and warnings and raises its errors: the errors
    become the outcome's problems (the warnings found before them are not kept: an input with
    errors is said by its errors alone)."""
    try:
        result, problems = compute()
    except DataError as failed:
        return Outcome(None, failed.problems)
    return Outcome(result, problems)
