"""The command line's words for the inputs of the app functions.

Nothing below the CLI knows a flag: a message that tells the user how to fix something on the
command line names the input it is about with `errors.option` (the app function's parameter,
like `rates_dir`), and this module writes the flag there (`--rates`) before the message is shown,
in every form (a line on stderr, validate's JSON).
"""

from __future__ import annotations

import re
from dataclasses import replace

from jamsostek_budget.errors import OPTION_MARK, Problem

FLAGS: dict[str, str] = {
    "city": "--city",
    "scenario": "--scenario",
    "rates_dir": "--rates",
    "year": "--year",
    "years": "--years",
    "with_benefits": "--benefits",
    "jp_cap_growth": "--jp-cap-growth",
    "force": "--force",
}
MARKED = re.compile(f"{OPTION_MARK}([a-z_]+){OPTION_MARK}")


def with_flags(text: str) -> str:
    """`text` with each option named by its input written as its flag."""
    return MARKED.sub(lambda found: FLAGS[found.group(1)], text) if OPTION_MARK in text else text


def problem_with_flags(problem: Problem) -> Problem:
    """The problem as the command line shows it: its field, message and hint with flags."""
    return replace(
        problem,
        field=with_flags(problem.field),
        message=with_flags(problem.message),
        hint=with_flags(problem.hint),
    )
