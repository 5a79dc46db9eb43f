"""Options and arguments with a fixed set of values (`--format`, `--mode`, `--lang`, `schema`).

typer checks such a value in pydantic's words ("Value error, 'pdf' is not one of ..."); these
options read their value with `choice`'s parser instead, so the refusal is jbudget's, translated
and with the value cut as every echoed value is.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Any, TypeVar

import typer

from jamsostek_budget.errors import echo
from jamsostek_budget.i18n import _

Choice = TypeVar("Choice", bound=StrEnum)


def choice(choices: type[Choice]) -> dict[str, Any]:
    """typer.Option or typer.Argument settings for a value among `choices`: parser and metavar
    (the metavar typer shows for a choice, `<table|json>`)."""
    return {"parser": _parser(choices), "metavar": "<" + "|".join(choices) + ">"}


def _parser(choices: type[Choice]) -> Callable[[object], Choice]:
    def parse(value: object) -> Choice:
        if isinstance(value, choices):  # a default, already a choice
            return value
        try:
            return choices(str(value))
        except ValueError:
            raise typer.BadParameter(
                _("{value} is not one of {choices}").format(
                    value=echo(str(value)), choices=", ".join(choices)
                )
            ) from None

    return parse
