"""Run the CLI in-process with a pinned environment: width, no colour, fixed 'today'."""

from __future__ import annotations

from typer.testing import CliRunner, Result

from jamsostek_budget.cli.main import build_app

app = build_app()

ENV = {
    "COLUMNS": "160",
    "NO_COLOR": "1",
    "TERM": "dumb",
    "FORCE_COLOR": None,
    "TTY_COMPATIBLE": None,
    "TTY_INTERACTIVE": None,
}


def run(*args: str) -> Result:
    return CliRunner(env=ENV).invoke(app, list(args), catch_exceptions=False)


def run_at(width: int, *args: str) -> Result:
    """As `run`, in a terminal `width` columns wide (COLUMNS, as a resized terminal sets it)."""
    return CliRunner(env={**ENV, "COLUMNS": str(width)}).invoke(
        app, list(args), catch_exceptions=False
    )
