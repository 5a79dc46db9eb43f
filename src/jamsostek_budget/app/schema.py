"""`jbudget schema`: the JSON Schema of rate files or of scenario files (apart from validate,
whose loading it does not need)."""

from __future__ import annotations

from jamsostek_budget.app.outcome import Outcome
from jamsostek_budget.model.schemas import SchemaName, schema_text


def schema(name: SchemaName) -> Outcome[str]:
    return Outcome(schema_text(name))
