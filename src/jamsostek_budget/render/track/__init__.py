"""`jbudget track`: the plan, bills and payments of a budget year, as a report, JSON and CSV."""
