"""`jbudget revise`: report, JSON and CSV."""
