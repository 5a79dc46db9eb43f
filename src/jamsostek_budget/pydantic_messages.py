"""Pydantic's own validation messages, in the user's language.

problems.py words the common errors in jbudget's style ("must be a whole number, got 'ten'").
The rarer error types reach the user with pydantic's wording; they are translated here by error
type, filled from the error's context values. The English templates are pydantic's own words, so
English output is exactly what pydantic prints. A type not listed keeps pydantic's English
message rather than a guess.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from pydantic_core import ErrorDetails

from jamsostek_budget.i18n import N_, _, ngettext

# Error types whose message is already in the user's language: our validators raise ValueError
# with a translated message, which pydantic wraps as "Value error, <message>".
AS_GIVEN = frozenset({"value_error"})

MESSAGES: dict[str, str] = {
    "assertion_error": N_("Assertion failed, {error}"),
    "none_required": N_("Input should be None"),
    "model_attributes_type": N_(
        "Input should be a valid dictionary or object to extract fields from"
    ),
    "is_instance_of": N_("Input should be an instance of {class}"),
    "string_type": N_("Input should be a valid string"),
    "string_not_ascii": N_("String should contain only ASCII characters"),
    "string_pattern_mismatch": N_("String should match pattern '{pattern}'"),
    "int_type": N_("Input should be a valid integer"),
    "int_parsing": N_("Input should be a valid integer, unable to parse string as an integer"),
    "int_parsing_size": N_("Unable to parse input string as an integer, exceeded maximum size"),
    "int_from_float": N_("Input should be a valid integer, got a number with a fractional part"),
    "float_type": N_("Input should be a valid number"),
    "float_parsing": N_("Input should be a valid number, unable to parse string as a number"),
    "finite_number": N_("Input should be a finite number"),
    "multiple_of": N_("Input should be a multiple of {multiple_of}"),
    "greater_than": N_("Input should be greater than {gt}"),
    "greater_than_equal": N_("Input should be greater than or equal to {ge}"),
    "less_than": N_("Input should be less than {lt}"),
    "less_than_equal": N_("Input should be less than or equal to {le}"),
    "decimal_type": N_("Decimal input should be an integer, float, string or Decimal object"),
    "decimal_parsing": N_("Input should be a valid decimal"),
    "bool_type": N_("Input should be a valid boolean"),
    "bool_parsing": N_("Input should be a valid boolean, unable to interpret input"),
    "date_type": N_("Input should be a valid date"),
    "date_parsing": N_("Input should be a valid date in the format YYYY-MM-DD, {error}"),
    "date_from_datetime_parsing": N_("Input should be a valid date or datetime, {error}"),
    "date_from_datetime_inexact": N_(
        "Datetimes provided to dates should have zero time - e.g. be exact dates"
    ),
    "datetime_type": N_("Input should be a valid datetime"),
    "literal_error": N_("Input should be {expected}"),
    "enum": N_("Input should be {expected}"),
    "list_type": N_("Input should be a valid list"),
    "tuple_type": N_("Input should be a valid tuple"),
    "set_type": N_("Input should be a valid set"),
    "dict_type": N_("Input should be a valid dictionary"),
    "model_type": N_("Input should be a valid dictionary or instance of {class_name}"),
    "missing": N_("Field required"),
    "extra_forbidden": N_("Extra inputs are not permitted"),
    "union_tag_invalid": N_(
        "Input tag '{tag}' found using {discriminator} does not match any of the expected "
        "tags: {expected_tags}"
    ),
}

# Messages with a count: (the context key holding the count, the message for that count).
COUNTED: dict[str, tuple[str, Callable[[int], str]]] = {
    "string_too_short": (
        "min_length",
        lambda count: ngettext(
            "String should have at least {min_length} character",
            "String should have at least {min_length} characters",
            count,
        ),
    ),
    "string_too_long": (
        "max_length",
        lambda count: ngettext(
            "String should have at most {max_length} character",
            "String should have at most {max_length} characters",
            count,
        ),
    ),
    "too_short": (
        "min_length",
        lambda count: ngettext(
            "{field_type} should have at least {min_length} item after validation, "
            "not {actual_length}",
            "{field_type} should have at least {min_length} items after validation, "
            "not {actual_length}",
            count,
        ),
    ),
    "too_long": (
        "max_length",
        lambda count: ngettext(
            "{field_type} should have at most {max_length} item after validation, "
            "not {actual_length}",
            "{field_type} should have at most {max_length} items after validation, "
            "not {actual_length}",
            count,
        ),
    ),
    "decimal_max_digits": (
        "max_digits",
        lambda count: ngettext(
            "Decimal input should have no more than {max_digits} digit in total",
            "Decimal input should have no more than {max_digits} digits in total",
            count,
        ),
    ),
    "decimal_max_places": (
        "decimal_places",
        lambda count: ngettext(
            "Decimal input should have no more than {decimal_places} decimal place",
            "Decimal input should have no more than {decimal_places} decimal places",
            count,
        ),
    ),
}


def pydantic_message(error: ErrorDetails) -> str:
    """The error's message in the current language, or pydantic's own when its type is not
    translated here (or a translation does not fit the error's context)."""
    kind, context = error["type"], error.get("ctx", {})
    if kind in AS_GIVEN and "error" in context:
        return str(context["error"])
    template = _template(kind, context)
    if template is None:
        return error["msg"]
    try:
        return template.format(**context)
    except (KeyError, IndexError, ValueError):
        return error["msg"]


def _template(kind: str, context: Mapping[str, Any]) -> str | None:
    if kind in MESSAGES:
        return _(MESSAGES[kind])
    if kind in COUNTED:
        key, message = COUNTED[kind]
        count = context.get(key)
        return message(count) if isinstance(count, int) else None
    return None
