"""The committed JSON Schemas are the ones the models generate, and the bundled files pass them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from jamsostek_budget.loading.files import yaml_files
from jamsostek_budget.loading.yamlsource import read_yaml
from jamsostek_budget.model import schemas
from jamsostek_budget.model.bounds import DEATH_RATE, MONTHLY_RUPIAH, PEOPLE
from tests.cli_runner import run

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("name", ["rates", "scenario", "province"])
def test_committed_schema_is_current(name: schemas.SchemaName) -> None:
    committed = (REPO / "schema" / f"{name}.schema.json").read_text(encoding="utf-8")
    assert committed == schemas.schema_text(name), (
        f"schema/{name}.schema.json is stale: run "
        f"`jbudget schema {name} -o schema/{name}.schema.json --force`"
    )


@pytest.mark.parametrize("name", ["rates", "scenario", "province"])
def test_schema_command_prints_the_schema(name: str) -> None:
    result = run("schema", name)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["title"] == schemas.TITLES[name]


def _as_json(data: Any) -> Any:
    return json.loads(json.dumps(data, default=str))  # dates become YYYY-MM-DD strings


@pytest.mark.parametrize(("folder", "name"), [("rates", "rates"), ("examples", "scenario")])
def test_bundled_files_pass_their_schema_and_name_it(folder: str, name: str) -> None:
    schema = json.loads((REPO / "schema" / f"{name}.schema.json").read_text(encoding="utf-8"))
    for path in yaml_files(REPO / folder):
        header = path.read_text(encoding="utf-8").splitlines()[0]
        assert header == f"# yaml-language-server: $schema=../schema/{name}.schema.json"
        data, _ = read_yaml(path)
        jsonschema.validate(_as_json(data), schema)


def test_schema_rejects_an_unknown_key() -> None:
    schema = schemas.schema("scenario")
    bad = {
        "city": "x",
        "name": "X",
        "province": "P",
        "fiscal_year": 2025,
        "groups": [{"id": "a", "label": "A", "segment": "bpu", "headcont": 1, "programs": ["jkk"]}],
    }
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_bounds_come_from_the_models() -> None:
    """One place for each bound: model/bounds.py, read by the models and by the schema rules."""
    scenario = schemas.schema("scenario")["$defs"]
    rates = schemas.schema("rates")["$defs"]
    assert scenario["Group"]["properties"]["headcount"]["maximum"] == PEOPLE.limit
    assert scenario["Group"]["properties"]["declared_income"]["maximum"] == MONTHLY_RUPIAH.limit
    wage_forms = scenario["Group"]["properties"]["monthly_wage"]["anyOf"][0]["oneOf"]
    assert [form.get("maximum") for form in wage_forms] == [MONTHLY_RUPIAH.limit, None]
    assert scenario["Group"]["properties"]["death_rate_per_1000"]["maximum"] == DEATH_RATE.limit
    rupiah = rates["Parameter"]["allOf"][0]["then"]["properties"]["values"]["items"]
    assert rupiah["properties"]["value"]["maximum"] == MONTHLY_RUPIAH.limit


def test_a_rate_file_may_carry_indonesian_labels() -> None:
    """label_id next to label (the Indonesian label): allowed, and still a string."""
    path = REPO / "rates" / "bpu.yaml"
    data, _ = read_yaml(path)
    data["parameters"][0]["label_id"] = "JKK BPU, persen dari penghasilan nominal"
    data["band_tables"][0]["label_id"] = "Rentang penghasilan BPU"
    schema = schemas.schema("rates")
    jsonschema.validate(_as_json(data), schema)
    data["parameters"][0]["label_id"] = 12
    with pytest.raises(jsonschema.ValidationError, match="12 is not of type 'string'"):
        jsonschema.validate(_as_json(data), schema)
