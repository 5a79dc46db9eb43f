"""`jbudget project`: report, JSON and CSV."""
