"""`jbudget estimate` (and the budget of `jbudget roster`): report, JSON and CSV."""
