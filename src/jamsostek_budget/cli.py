"""The `jbudget` command: the app from cli_app with every command module registered.

Each command module imports its implementation inside the command, so starting jbudget only costs
the commands' signatures.
"""

from __future__ import annotations

from jamsostek_budget import cli_data, cli_estimate, cli_planning, cli_roster
from jamsostek_budget.cli_app import app

__all__ = ["app", "main"]

COMMAND_MODULES = (cli_estimate, cli_planning, cli_roster, cli_data)


def main() -> None:
    app()
