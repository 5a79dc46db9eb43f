"""What the two minimal same-stack programs share: the YAML they read and the pydantic model
they validate it into (see table.py and json_out.py)."""

from __future__ import annotations

from pathlib import Path

import pydantic
import yaml  # noqa: TID251 - a benchmark script, not part of the package's layers

HERE = Path(__file__).resolve().parent


class Group(pydantic.BaseModel):
    id: str
    name: str
    headcount: int = pydantic.Field(ge=0)
    declared_income: int = pydantic.Field(gt=0)


class City(pydantic.BaseModel):
    city: str
    name: str
    fiscal_year: int = pydantic.Field(ge=2015, le=2100)
    groups: list[Group]


def load(city: str) -> City:
    """The city's YAML, validated (the only city is `metro`, the benchmark's)."""
    data = yaml.safe_load((HERE / f"{city}.yaml").read_text("utf-8"))
    return City.model_validate(data)


def premium(group: Group) -> int:
    """A year of JKK 0.24 % + JKM Rp6,800 a month for the group: the one figure to print."""
    return 12 * group.headcount * (group.declared_income * 24 // 10_000 + 6_800)
