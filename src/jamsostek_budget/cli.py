"""The `jbudget` command.

`main` chooses the language (`--lang`, else the locale) before anything imports typer, so help
texts, click's own words and every message come out in that language; then it builds the app
from cli_app with every command module registered.

Each command module imports its implementation inside the command, so starting jbudget only costs
the commands' signatures.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from jamsostek_budget.i18n import (
    language_from_arguments,
    language_from_environment,
    set_language,
    use_for_libraries,
)

if TYPE_CHECKING:
    import typer

__all__ = ["build_app", "main"]


def build_app() -> typer.Typer:
    """The app with every command registered (tests and embedding programs call this too)."""
    from jamsostek_budget import cli_data, cli_estimate, cli_planning, cli_roster  # noqa: F401, PLC0415
    from jamsostek_budget.cli_app import app  # noqa: PLC0415

    return app


def main() -> None:
    language = language_from_arguments(sys.argv[1:]) or language_from_environment()
    use_for_libraries(language)
    set_language(language)
    build_app()()
