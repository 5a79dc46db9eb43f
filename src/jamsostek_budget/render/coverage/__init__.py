"""`jbudget coverage`: report, JSON and CSV."""
