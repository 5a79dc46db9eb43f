"""Allow `python -m jamsostek_budget`."""

from jamsostek_budget.cli import main

main()
