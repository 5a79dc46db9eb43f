"""The data model: rate tables, scenarios, their field types and bounds. Imports nothing of jbudget
but errors, money and i18n."""
