"""The command line's words for the inputs of the app functions.

Nothing below the CLI knows a flag: a message that tells the user how to fix something on the
command line names the input it is about with `errors.option` (the app function's parameter,
like `rates_dir`), and this module writes the flag there (`--rates`) before the message is shown,
in every form (a line on stderr, validate's JSON).
"""

from __future__ import annotations

from jamsostek_budget.errors import Problem, options_named, problem_options_named

FLAGS: dict[str, str] = {
    "city": "--city",
    "scenario": "--scenario",
    "rates_dir": "--rates",
    "year": "--year",
    "years": "--years",
    "with_benefits": "--benefits",
    "bills": "--bills",
    "realized_through": "--realized-through",
    "effective": "--from",
    "priority": "--priority",
    "cut": "--cut",
    "pagu": "--pagu",
    "target": "--target",
    "ceiling": "--budget",
    "jp_cap_growth": "--jp-cap-growth",
    "force": "--force",
    "province_file": "--province",
    "rosters": "--roster",
    "payments": "--payments",
}


def with_flags(text: str) -> str:
    """`text` with each option named by its input written as its flag."""
    return options_named(text, FLAGS.__getitem__)


def problem_with_flags(problem: Problem) -> Problem:
    """The problem as the command line shows it: its field, message and hint with flags."""
    return problem_options_named(problem, FLAGS.__getitem__)
