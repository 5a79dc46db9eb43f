"""JSON Schemas of the two file formats, generated from the models (never written by hand), with
the rules of their validators that JSON Schema can say (schema_rules).

A scenario file is either a plain scenario or a variant that `extends` another one: the schema
picks the one to check by the presence of `extends`, so an editor reports the first real problem
rather than how the file fails both.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from jamsostek_budget.model.province import ProvinceFile
from jamsostek_budget.model.rates import RatesFile
from jamsostek_budget.model.scenario import Scenario
from jamsostek_budget.model.schema_rules import (
    add_rates_rules,
    add_scenario_rules,
    flatten_optionals,
)
from jamsostek_budget.model.variant import ScenarioVariant

SchemaName = Literal["rates", "scenario", "province"]
TITLES = {
    "rates": "jbudget rate file",
    "scenario": "jbudget scenario file",
    "province": "jbudget province file",
}
DRAFT = "https://json-schema.org/draft/2020-12/schema"
DEFS = "#/$defs/"


def schema(name: SchemaName) -> dict[str, Any]:
    bodies = {"rates": _rates_schema, "scenario": _scenario_schema, "province": _province_schema}
    body = bodies[name]()
    return {"$schema": DRAFT, **body, "title": TITLES[name]}


def _rates_schema() -> dict[str, Any]:
    body = RatesFile.model_json_schema(ref_template=DEFS + "{model}")
    add_rates_rules(body["$defs"])
    flatten_optionals(body["$defs"])
    return body


def _province_schema() -> dict[str, Any]:
    body = ProvinceFile.model_json_schema(ref_template=DEFS + "{model}")
    flatten_optionals(body["$defs"])
    return body


def _scenario_schema() -> dict[str, Any]:
    plain = Scenario.model_json_schema(ref_template=DEFS + "{model}")
    variant = ScenarioVariant.model_json_schema(ref_template=DEFS + "{model}")
    defs = {**plain.pop("$defs", {}), **variant.pop("$defs", {})}
    defs["Scenario"], defs["ScenarioVariant"] = plain, variant
    add_scenario_rules(defs)
    flatten_optionals(defs)
    return {
        "if": {"required": ["extends"]},
        "then": {"$ref": DEFS + "ScenarioVariant"},
        "else": {"$ref": DEFS + "Scenario"},
        "$defs": dict(sorted(defs.items())),
    }


def schema_text(name: SchemaName) -> str:
    return json.dumps(schema(name), indent=2, ensure_ascii=False) + "\n"
