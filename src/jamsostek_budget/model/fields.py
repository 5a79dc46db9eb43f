"""Field types shared by the rate and scenario models, and the rule-violation error they raise.

Models are strict: a number written as text, a float where a whole number is due, or an unknown
key is refused rather than coerced, so a typo can never change a budget silently.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal, Protocol, TypeVar

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from jamsostek_budget.errors import UsageError
from jamsostek_budget.model.amounts import parse_amount
from jamsostek_budget.model.bounds import DEATH_RATE, MONTHLY_RUPIAH, PEOPLE, Bound

Segment = Literal["bpu", "pu"]
Program = Literal["jkk", "jkm", "jht", "jp"]
RiskClass = Literal["very_low", "low", "medium", "high", "very_high"]
Confidence = Literal["high", "medium", "low"]
Sector = Literal["transport", "other"]

PROGRAMS: tuple[Program, ...] = ("jkk", "jkm", "jht", "jp")
RISK_CLASSES: tuple[RiskClass, ...] = ("very_low", "low", "medium", "high", "very_high")


def _exact_number(value: Any) -> Any:
    """Accept a YAML int or float as an exact Decimal; leave anything else for the type check."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    return value


def at_most(bound: Bound) -> AfterValidator:
    """Refuse a value above `bound`, with the bound's reason and hint (problems.describe)."""

    def check(value: Any) -> Any:
        if value > bound.limit:
            raise PydanticCustomError(
                "too_large", "more than {limit}", {"limit": bound.limit, "bound": bound.name}
            )
        return value

    return AfterValidator(check)


Number = Annotated[
    Decimal,
    BeforeValidator(_exact_number),
    WithJsonSchema({"type": "number", "minimum": 0}),
    Field(ge=0),
]
DeathRate = Annotated[
    Decimal,
    BeforeValidator(_exact_number),
    WithJsonSchema({"type": "number", "minimum": 0, "maximum": DEATH_RATE.limit}),
    Field(ge=0),
    at_most(DEATH_RATE),
]
People = Annotated[
    int,
    Field(ge=0, json_schema_extra={"maximum": PEOPLE.limit}),
    at_most(PEOPLE),
]
GrowthPercent = Annotated[
    Decimal,
    BeforeValidator(_exact_number),
    WithJsonSchema({"type": "number", "minimum": -100, "maximum": 1000}),
    Field(ge=-100, le=1000, description="percent a year; negative for a decline"),
]
Rupiah = Annotated[
    int,
    Field(
        ge=0,
        description="whole Rupiah, no separators",
        json_schema_extra={"maximum": MONTHLY_RUPIAH.limit},
    ),
    at_most(MONTHLY_RUPIAH),
]


def _amount_text(value: Any) -> Any:
    """An amount written as budget documents write it ('Rp1.200.000', '1,2 juta') becomes whole
    Rupiah; an ambiguous one ('1.500') is refused with amounts.parse_amount's reason and hint.
    Anything that is not text is left for the type check."""
    if not isinstance(value, str):
        return value
    try:
        return parse_amount(value)
    except UsageError as exc:
        raise PydanticCustomError(
            "rupiah_text", "{reason}", {"reason": exc.message, "hint": exc.hint}
        ) from None


# The forms of a field that may be written more than one way (a pagu: one amount, or one per
# budget code). Pydantic puts the form in an error's place; loading.problems drops it.
AMOUNT = "(amount)"
PER_CODE = "(per budget code)"
ONE_SOURCE = "(one source)"
SPLIT = "(split by people)"
MINIMUM_WAGE = "(minimum wage)"
FORM_TAGS = frozenset({AMOUNT, PER_CODE, ONE_SOURCE, SPLIT, MINIMUM_WAGE})

# Money in a scenario: a whole number, or Indonesian notation where it is unambiguous; loading
# echoes each amount read from text back, normalised, as a note.
ScenarioRupiah = Annotated[
    int,
    BeforeValidator(_amount_text),
    WithJsonSchema(
        {
            # one schema for both forms (the bounds apply to a number only, the pattern to text
            # only), so a client names the bound a value breaks
            "type": ["integer", "string"],
            "exclusiveMinimum": 0,
            "maximum": MONTHLY_RUPIAH.limit,
            # without a digit 1-9 an amount is Rp0 or no amount: refused either way
            "pattern": "[1-9]",
            "description": "whole Rupiah, or Indonesian notation: Rp1.200.000, 1.200.000, "
            "1,2 juta, 1200rb",
        }
    ),
    # A wage or a declared income of 0 costs Rp0: never a real budget, as in a roster.
    Field(gt=0),
    at_most(MONTHLY_RUPIAH),
]
# A rate file's label in Bahasa Indonesia, next to its English `label`. Optional, so a rate file
# written before it still loads (a label in English is no wrong figure); validate warns of a
# missing one and the bundled files carry every one (tests/test_indonesian_throughout.py).
IndonesianLabel = Annotated[
    str | None,
    Field(
        min_length=3,
        description="the label in Bahasa Indonesia, shown in Indonesian reports (without it they "
        "show `label`, and validate warns)",
    ),
]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)]
# A regional chart of accounts code (kode rekening, Permendagri 90/2019 as updated):
# 5.1.02.02.02.0006 is account 0006 of sub-object 5.1.02.02.02.
BUDGET_CODE = r"^[0-9]+(\.[0-9]+){1,7}$"
# A sub kegiatan's code (Permendagri 90/2019): 2.07.02.1.01.0001; X.XX for the shared ones.
SUB_KEGIATAN_CODE = r"^[0-9X]+(\.[0-9X]+){2,7}$"
YearMonth = Annotated[str, Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$", description="YYYY-MM")]


def no_items() -> list[Any]:
    """An empty list, as the default of a list field. (`default_factory=list` works too, but
    pydantic then reads the signature of the builtin `list`, which makes Python compile its
    tokenizer: about 30 ms of every start of jbudget.)"""
    return []


def no_entries() -> dict[Any, Any]:
    """An empty dict, as the default of a mapping field (see `no_items`)."""
    return {}


class Model(BaseModel):
    """Base of every data-file model: frozen, strict, unknown keys refused.

    Each model builds its validator when it first validates (`defer_build`), not when its
    module is imported: a run whose checked inputs come from the cache (app.inputcache)
    validates nothing and builds none (about a tenth of `jbudget estimate`'s start-up)."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True, defer_build=True)


class ViolationsError(ValueError):
    """Rule violations found by a model validator, each at a path below the model.

    Pydantic reports one error per validator; carrying the list lets the loader report every
    violation with its own line.
    """

    def __init__(self, found: Sequence[tuple[tuple[str | int, ...], str, str]]) -> None:
        self.found = tuple(found)
        super().__init__("; ".join(message for _, message, _ in self.found))


class ViolationList:
    """Collects (subpath, message, hint) and raises them together."""

    def __init__(self) -> None:
        self.found: list[tuple[tuple[str | int, ...], str, str]] = []

    def add(self, path: tuple[str | int, ...], message: str, hint: str = "") -> None:
        self.found.append((path, message, hint))

    def raise_if_any(self) -> None:
        if self.found:
            raise ViolationsError(self.found)


class Dated(Protocol):
    @property
    def effective(self) -> date: ...


DatedT = TypeVar("DatedT", bound=Dated)


def in_force(values: Sequence[DatedT], day: date) -> DatedT | None:
    """The last of `values` (oldest first) in force on `day`: the latest effective on or
    before it; None before the first."""
    current = None
    for item in values:
        if item.effective <= day:
            current = item
    return current


def month_number(year_month: str) -> int:
    """'2020-08' -> a month count that orders and subtracts correctly."""
    year, month = year_month.split("-")
    return int(year) * 12 + int(month) - 1


def year_month(number: int) -> str:
    """The inverse of month_number: 24247 -> '2020-08'."""
    return f"{number // 12:04d}-{number % 12 + 1:02d}"
