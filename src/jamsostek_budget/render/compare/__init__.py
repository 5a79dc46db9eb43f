"""`jbudget compare`: report, JSON and CSV."""
