"""Allow `python -m jamsostek_budget`."""

from jamsostek_budget.start import main

main()
