"""Allow `python -m jamsostek_budget`."""

from jamsostek_budget.cli.start import main

main()
