"""The rules the models check in validators, said again in JSON Schema where it can say them.

Pydantic writes a model's fields, types and bounds into its JSON Schema, but not what its
validators check (a bpu group needs declared_income, a rupiah parameter is whole Rupiah, the first
band starts at 0). Each rule added here reads its values from where the models keep them (bounds,
program lists, PU-only fields), so the schema cannot drift from `jbudget validate`. A rule JSON
Schema cannot say (a comparison between two fields, ids unique across a list, anything needing
another file or today's date) is left to `validate`: tests/test_schema_agreement.py lists them.

Every rule refuses only what `validate` refuses: an editor must never flag a file jbudget reads.
"""

from __future__ import annotations

from typing import Any

from jamsostek_budget.model.bounds import MONTHLY_RUPIAH
from jamsostek_budget.model.fields import PROGRAMS
from jamsostek_budget.model.rates import RUPIAH_PARAMETERS
from jamsostek_budget.model.scenario_file_rules import REQUIRED_PROGRAMS
from jamsostek_budget.model.scenario_rules import PU_ONLY_FIELDS

Schema = dict[str, Any]
NULL: Schema = {"type": "null"}
# `validate` reads a field written as null like a field left out: given is "not null".
GIVEN: Schema = {"not": NULL}
MAX_PERCENT = 100
LETTER_DATES = ("signed", "effective")  # Regulation.dates_due: a letter is not promulgated


def given(prop: Schema) -> Schema:
    """The schema a value meets when it is given: an optional field's branch that is not null
    (the field itself when it may take several forms, as a pagu: an amount or one per code)."""
    options = prop.get("anyOf", [])
    others = [option for option in options if option != NULL]
    if NULL in options and len(others) == 1:
        found: Schema = others[0]
        return found
    return prop


def constrain(defs: Schema, model: str, field: str, **rules: Any) -> None:
    given(defs[model]["properties"][field]).update(rules)


def flatten_optionals(defs: Schema) -> None:
    """`anyOf: [{type: integer, maximum: 1000}, {type: null}]` -> `{type: [integer, null],
    maximum: 1000}`: the same rule, but a client then reports "3190 is greater than the maximum
    of 1000" rather than "3190 is not valid under any of the given schemas". Every keyword of
    such a branch applies to its own type only (null passes a maximum, a pattern, a contains), so
    only the enum needs null added."""
    for model in defs.values():
        for name, prop in model.get("properties", {}).items():
            branch = given(prop)
            types = branch.get("type")
            if branch is prop or types is None:
                continue
            flat = branch | {key: value for key, value in prop.items() if key != "anyOf"}
            flat["type"] = [*(types if isinstance(types, list) else [types]), "null"]
            own, inner = prop.get("description", ""), branch.get("description", "")
            if not own.startswith(inner):
                flat["description"] = f"{own}; {inner}" if own else inner
            if "enum" in branch:
                flat["enum"] = [*branch["enum"], None]
            model["properties"][name] = flat


def _per_code_only(pagu: Schema) -> None:
    """A pagu per budget code names budget codes only (the model refuses any other key)."""
    for option in (*pagu.get("anyOf", ()), *pagu.get("oneOf", ())):
        if option.get("type") == "object":
            option["additionalProperties"] = False
        else:
            _per_code_only(option)


def _when(field: str, value: str, then: Schema) -> Schema:
    return {"if": {"properties": {field: {"const": value}}, "required": [field]}, "then": then}


def add_scenario_rules(defs: Schema) -> None:
    """scenario_rules.group_rules, scenario_file_rules and the variant's lists, where JSON Schema
    can say them."""
    paid = [{"contains": {"const": program}} for program in REQUIRED_PROGRAMS]
    for model in ("Group", "GroupChange"):  # a change replaces the whole programs list
        constrain(defs, model, "programs", uniqueItems=True, allOf=paid)
    for model in ("Scenario", "ScenarioVariant"):
        constrain(defs, model, "priority", uniqueItems=True)
        _per_code_only(defs[model]["properties"]["pagu"])
    constrain(defs, "ScenarioVariant", "remove_groups", uniqueItems=True)
    defs["Group"]["allOf"] = [
        _when("segment", "bpu", _BPU),
        _when("segment", "pu", _PU),
        *(_budget_code_rule(program) for program in PROGRAMS),
        *_month_order_rules(defs["Group"]["properties"]["start_month"]),
        *_staff_rules(),
    ]
    for model in ("Group", "Becomes", "GroupChange"):
        constrain(defs, model, "staff_type", **{"not": {"const": "pppk-penuh-waktu"}})


def _staff_rules() -> list[Schema]:
    """funding_rules.staff_rules: PPPK paruh waktu are pu; a job title is theirs (PPPK penuh
    waktu, refused with its reason by validate, is left out of staff_type's values above)."""
    titled = {"required": ["job_title"], "properties": {"job_title": GIVEN}}
    return [
        _when("staff_type", "pppk-paruh-waktu", {"properties": {"segment": {"const": "pu"}}}),
        {
            "if": titled,
            "then": {
                "required": ["staff_type"],
                "properties": {"staff_type": {"const": "pppk-paruh-waktu"}},
            },
        },
    ]


_BPU: Schema = {
    "required": ["declared_income"],
    "properties": {
        "declared_income": GIVEN,
        **{name: NULL for name in PU_ONLY_FIELDS},
        "programs": {"not": {"contains": {"const": "jp"}}},
        "apbd_pays_worker_share": {"const": False},
    },
}
_PU: Schema = {
    "required": list(PU_ONLY_FIELDS),
    "properties": {
        **{name: GIVEN for name in PU_ONLY_FIELDS},
        "declared_income": NULL,
        "sector": {"const": "other"},
    },
}


def _month_order_rules(start_month: Schema) -> list[Schema]:
    """end_month not before start_month (scenario_rules._month_rules): JSON Schema cannot compare
    two fields, but a month has few values, so one rule for each start after January."""
    starts = range(start_month["minimum"] + 1, start_month["maximum"] + 1)
    return [
        {
            "if": {"properties": {"start_month": {"const": start}}, "required": ["start_month"]},
            "then": {"properties": {"end_month": {"minimum": start}}},
        }
        for start in starts
    ]


def _budget_code_rule(program: str) -> Schema:
    """A budget code only for a program the group pays (scenario_rules._budget_code_rules)."""
    has_code = {
        "properties": {"budget_codes": {"required": [program]}},
        "required": ["budget_codes"],
    }
    return {"if": has_code, "then": {"properties": {"programs": {"contains": {"const": program}}}}}


def add_rates_rules(defs: Schema) -> None:
    """The validators of rates.Parameter, rates.Relief, bands.BandTable and the registry check
    (ratecheck.registry_problems), where JSON Schema can say them."""
    constrain(defs, "Relief", "payable_percent", maximum=MAX_PERCENT)
    defs["Parameter"]["allOf"] = [_unit_rule()]
    constrain(defs, "BandVersion", "bands", prefixItems=[{"properties": {"lower": {"const": 0}}}])
    constrain(defs, "Regulation", "sources", minItems=1)
    defs["Regulation"]["allOf"] = [
        *(_date_rule(name) for name in LETTER_DATES),
        {
            "if": {"properties": {"kind": {"const": "letter"}}, "required": ["kind"]},
            "else": _date_rule("promulgated"),
        },
    ]
    defs["MinimumWage"]["allOf"] = [
        {
            "if": {"properties": {"region": {"pattern": r"\."}}, "required": ["region"]},
            "then": {"properties": {"kind": {"const": "umk"}}},
            "else": {"properties": {"kind": {"const": "ump"}}},
        },
        _when(
            "kind", "ump", {"properties": {"values": {"items": {"properties": {"value": GIVEN}}}}}
        ),
    ]
    defs["MinimumWageValue"]["allOf"] = [
        {
            "if": {"properties": {"value": {"type": "number"}}, "required": ["value"]},
            "then": {"required": ["decree"], "properties": {"decree": GIVEN}},
        }
    ]
    for model in ("Parameter", "Relief", "BandTable"):
        # the Indonesian label (rate files carry label_id next to label): allowed before the
        # models know it, so a file that has it is never flagged
        defs[model]["properties"].setdefault(
            "label_id", {"type": "string", "description": "the label in Indonesian"}
        )


def _unit_rule() -> Schema:
    """rates.expected_unit and rates._check_value: the unit a parameter's name implies, a rate of
    at most 100 percent, a Rupiah amount whole and within its bound."""

    def values(value: Schema) -> Schema:
        return {"items": {"properties": {"value": value}}}

    rupiah = {"type": "integer", "maximum": MONTHLY_RUPIAH.limit}
    return {
        "if": {"properties": {"name": {"enum": sorted(RUPIAH_PARAMETERS)}}, "required": ["name"]},
        "then": {"properties": {"unit": {"const": "rupiah"}, "values": values(rupiah)}},
        "else": {
            "properties": {"unit": {"const": "percent"}, "values": values({"maximum": MAX_PERCENT})}
        },
    }


def _date_rule(name: str) -> Schema:
    """Each date a regulation has is given, or listed in dates_not_found: never both."""
    written = {"properties": {name: {"type": "string"}}, "required": [name]}
    listed = {"properties": {"dates_not_found": {"contains": {"const": name}}}}
    unlisted = {"properties": {"dates_not_found": {"not": {"contains": {"const": name}}}}}
    return {"if": written, "then": unlisted, "else": {"required": ["dates_not_found"], **listed}}
