"""`jbudget fit`: report, JSON and CSV."""
