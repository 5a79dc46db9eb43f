"""JSON Schemas of the two file formats, generated from the models (never written by hand)."""

from __future__ import annotations

import json
from typing import Any, Literal

from jamsostek_budget.rates import RatesFile
from jamsostek_budget.scenario import Scenario

SchemaName = Literal["rates", "scenario"]
TITLES = {"rates": "jbudget rate file", "scenario": "jbudget scenario file"}


def schema(name: SchemaName) -> dict[str, Any]:
    model = RatesFile if name == "rates" else Scenario
    generated = model.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **generated,
        "title": TITLES[name],
    }


def schema_text(name: SchemaName) -> str:
    return json.dumps(schema(name), indent=2, ensure_ascii=False) + "\n"
