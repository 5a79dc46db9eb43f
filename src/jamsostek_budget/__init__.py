"""jbudget: budget BPJS Ketenagakerjaan premiums paid from an Indonesian regional budget (APBD)."""

__version__ = "0.2.0"
