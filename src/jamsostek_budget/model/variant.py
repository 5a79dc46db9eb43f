"""Model of a scenario variant: a file that `extends` another scenario and adds, removes or
changes groups (and may override any top-level field). Used to check a variant's own keys before
it is merged into a plain Scenario, and for the scenario JSON Schema."""

from __future__ import annotations

from typing import Any, cast

from pydantic import Field, create_model

from jamsostek_budget.model.fields import Model, Slug, no_items
from jamsostek_budget.model.scenario import Group, Scenario

APPENDED_FIELDS = ("sources", "assumptions")  # a variant adds to these; other fields replace
# Their versions in Bahasa Indonesia, appended the same way (see loading.merge).
TRANSLATED_FIELDS = {"sources_id": "sources", "assumptions_id": "assumptions"}


def _optional_fields(model: type[Model], exclude: set[str]) -> dict[str, Any]:
    """Every field of `model` except `exclude`, optional, to be given only when it changes."""
    return {
        name: (cast(Any, info.annotation) | None, Field(default=None, description=info.description))
        for name, info in model.model_fields.items()
        if name not in exclude
    }


GroupChange: type[Model] = create_model(
    "GroupChange",
    __base__=Model,
    __doc__="The fields of a group to change, by id; the new values are checked after merging.",
    id=(Slug, Field(description="id of the group to change")),
    **_optional_fields(Group, {"id"}),
)

ScenarioVariant: type[Model] = create_model(
    "ScenarioVariant",
    __base__=Model,
    __doc__="A scenario built on another one.",
    extends=(
        str,
        Field(
            min_length=1,
            description="a bundled city slug (metro), or the path of "
            "a scenario file relative to this one",
        ),
    ),
    add_groups=(list[Group], Field(default_factory=no_items, description="new groups")),
    remove_groups=(
        list[Slug],
        Field(default_factory=no_items, description="ids of groups to drop"),
    ),
    change_groups=(
        list[GroupChange],
        Field(
            default_factory=no_items, description="fields to change in groups of the base, by id"
        ),
    ),
    **_optional_fields(Scenario, {"groups"}),
)
