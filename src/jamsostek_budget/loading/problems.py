"""Turn pydantic validation errors into Problems: file, line, column, field, message and hint.

Messages follow the house style: what is wrong (with the value that was given), and how to fix
it, with "did you mean" for near-misses of key names and choices.
"""

from __future__ import annotations

import difflib
import re
import types
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from jamsostek_budget.errors import Problem, clip, echo
from jamsostek_budget.i18n import N_, _
from jamsostek_budget.model.bounds import BY_NAME
from jamsostek_budget.model.eligibility import NIK, REGION
from jamsostek_budget.model.fields import (
    BUDGET_CODE,
    FORM_TAGS,
    SUB_KEGIATAN_CODE,
    ViolationsError,
)
from jamsostek_budget.model.sourcemap import DataPath, SourceMap

SEPARATED_NUMBER = re.compile(r"^\s*-?\d{1,3}([.,' ]\d{3})+\s*$")
LEADING_ZERO = re.compile(r"^0[0-9]+$")
PLAIN_NUMBER = re.compile(r"^\s*-?[0-9]+(\.[0-9]+)?\s*$")
WHOLE_NUMBER_ERRORS = frozenset({"int_type", "int_parsing", "int_from_float"})
NUMBER_ERRORS = WHOLE_NUMBER_ERRORS | {"is_instance_of", "decimal_type", "float_type"}
BOUNDS = {
    "greater_than_equal": ">=",
    "greater_than": ">",
    "less_than_equal": "<=",
    "less_than": "<",
}
PATTERN_HINTS = {
    "^[a-z0-9][a-z0-9-]*$": N_("use lowercase letters, digits and dashes, like ketua-rt-rw"),
    r"^\d{4}-(0[1-9]|1[0-2])$": N_("write a month as YYYY-MM, like 2020-08 (quoted or not)"),
    r"^https?://\S+$": N_("write a full web address starting with https://"),
    REGION: N_("write a region as PP.RR, the first four digits of its NIKs: 18.72"),
    NIK: N_("write a NIK as its 16 digits, in quotes"),
    BUDGET_CODE: N_(
        "write a regional account code: numbers joined by dots, like 5.1.02.02.02.0006"
    ),
    SUB_KEGIATAN_CODE: N_(
        "write a sub kegiatan code as SIPD does: numbers joined by dots, like 2.07.02.1.01.0001"
    ),
}


def problems_from(exc: ValidationError, source: SourceMap, model: type[BaseModel]) -> list[Problem]:
    errors = exc.errors(include_url=False)
    typo_fixes = _typo_fixes(errors, model)
    problems: list[Problem] = []
    for error in errors:
        path: DataPath = tuple(part for part in error["loc"] if part not in FORM_TAGS)
        if path and path[-1] == "[key]":  # a mapping's key is wrong: report it at the key
            problems.append(_problem(error, path[:-1], source, model, key=True))
            continue
        violation = error.get("ctx", {}).get("error")
        if isinstance(violation, ViolationsError):
            problems += [
                source.problem((*path, *sub), message, hint)
                for sub, message, hint in violation.found
            ]
        elif error["type"] == "missing" and (path[:-1], str(path[-1])) in typo_fixes:
            continue  # reported once, as the misspelt key ("did you mean ...?")
        else:
            problems.append(_problem(error, path, source, model))
    return problems


def _typo_fixes(errors: list[ErrorDetails], model: type[BaseModel]) -> set[tuple[DataPath, str]]:
    """(parent, key) of every unknown key that looks like a misspelling of an allowed one."""
    fixes = set()
    for error in errors:
        if error["type"] == "extra_forbidden":
            path = tuple(error["loc"])
            close = _close(str(path[-1]), allowed_keys(model, path[:-1]), 0.6)
            if close:
                fixes.add((path[:-1], close))
    return fixes


def _problem(
    error: ErrorDetails,
    path: DataPath,
    source: SourceMap,
    model: type[BaseModel],
    *,
    key: bool = False,
) -> Problem:
    kind = error["type"]
    if kind == "missing":
        return source.problem(
            path,
            _("required key '{key}' is missing").format(key=path[-1]),
            _("add `{key}:` here").format(key=path[-1]),
        )
    if kind == "extra_forbidden":
        return source.problem(
            path,
            _("unknown key {key}").format(key=echo(str(path[-1]))),
            _key_hint(str(path[-1]), allowed_keys(model, path[:-1])),
            key=True,
        )
    whole = _annotation_at(model, path) is int
    message, hint = describe(error, choices(model, path), whole=whole)
    return source.problem(path, message, hint, key=key)


def describe(
    error: ErrorDetails, options: tuple[str, ...], *, whole: bool = False
) -> tuple[str, str]:
    """Message and hint for one error about a value."""
    given = error.get("input")
    written = _custom(error, given) or _described_text(error, given)
    if written:
        return written
    if error["type"] == "literal_error":
        # a choice the model cannot be walked to (a mapping's key): the error lists them
        options = options or tuple(
            re.findall(r"'([^']*)'", str(error.get("ctx", {}).get("expected")))
        )
        return (
            _("must be one of {choices}, got {value}").format(
                choices=", ".join(options), value=_show(given)
            ),
            _choice_hint(given, options),
        )
    if error["type"] in BOUNDS:
        return _bound_message(error["type"], error.get("ctx", {}), given, whole=whole), ""
    return _describe_type(error)


def _custom(error: ErrorDetails, given: Any) -> tuple[str, str] | None:
    """jbudget's own error types: an amount parse_amount refused, a value past its bound."""
    ctx = error.get("ctx", {})
    if error["type"] == "rupiah_text":
        return str(ctx.get("reason", "")), str(ctx.get("hint", ""))
    if error["type"] == "too_large":
        bound = BY_NAME[str(ctx.get("bound"))]
        return bound.message(_show(given)), _(bound.hint)
    return None


def _described_text(error: ErrorDetails, given: Any) -> tuple[str, str] | None:
    """Text where a number belongs: separators, a leading zero, quotes."""
    if not isinstance(given, str):
        return None
    if SEPARATED_NUMBER.match(given):
        return (
            _("must be a plain number, got the text {value}").format(value=echo(given)),
            _(
                "write {number} without separators: '1.500.000' means 1.5 million in "
                "Indonesian notation but 1.5 in English, so jbudget refuses to guess"
            ).format(number=clip(re.sub(r"[^0-9-]", "", given))),
        )
    if LEADING_ZERO.match(given):
        return (
            _("must be a whole number, got the text {value}").format(value=echo(given)),
            _("drop the leading zero: write {number}").format(number=clip(given.lstrip("0"))),
        )
    if error["type"] not in NUMBER_ERRORS:
        return None
    message = (
        _("must be a whole number, got the text {value}")
        if error["type"] in WHOLE_NUMBER_ERRORS
        else _("must be a number, got the text {value}")
    ).format(value=echo(given))
    if PLAIN_NUMBER.match(given):
        return message, _("remove the quotes: write {number}").format(number=clip(given.strip()))
    return None


def _describe_type(error: ErrorDetails) -> tuple[str, str]:
    kind, ctx = error["type"], error.get("ctx", {})
    got = _show(error.get("input"))
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return (
            _("must be a whole number, got {value}").format(value=got),
            _("write digits only, like 1200"),
        )
    simple = _SIMPLE.get(kind)
    if simple:
        return _(simple[0]).format(value=got), _(simple[1])
    if kind == "string_pattern_mismatch":
        hint = PATTERN_HINTS.get(str(ctx.get("pattern")))
        return (
            _("is not in the expected form, got {value}").format(value=got),
            _(hint) if hint else "",
        )
    if kind in {"too_short", "too_long", "string_too_short", "string_too_long"}:
        return _length_message(kind, ctx, got), ""
    # Any other check: jbudget's own words, never the validation library's.
    return _("is not a valid value here, got {value}").format(value=got), _(
        "see examples/metro.yaml or rates/bpu.yaml for the shape of a file"
    )


_SIMPLE = {
    "bool_type": (
        N_("must be true or false, got {value}"),
        N_("write true or false, without quotes"),
    ),
    "string_type": (
        N_("must be text, got {value}"),
        N_("put the text in quotes if YAML reads it as something else"),
    ),
    "date_type": (
        N_("must be a date, got {value}"),
        N_("write a date as YYYY-MM-DD without quotes, like 2025-03-01"),
    ),
    "date_from_datetime_inexact": (
        N_("must be a date without a time, got {value}"),
        N_("write YYYY-MM-DD"),
    ),
    **dict.fromkeys(
        ("decimal_type", "decimal_parsing", "is_instance_of", "float_type"),
        (N_("must be a number, got {value}"), N_("write a plain number, like 0.24")),
    ),
    "list_type": (N_("must be a list, got {value}"), N_("write one '- item' per line, or [a, b]")),
    "model_type": (
        N_("must be a mapping of keys to values, got {value}"),
        N_("see examples/metro.yaml"),
    ),
    "dict_type": (
        N_("must be a mapping of keys to values, got {value}"),
        N_("see examples/metro.yaml"),
    ),
}


def _bound_message(kind: str, ctx: dict[str, Any], given: Any, *, whole: bool) -> str:
    bound = next(iter(ctx.values()), "?")
    template = (
        _("must be a whole number {operator} {bound}, got {value}")
        if whole
        else _("must be a number {operator} {bound}, got {value}")
    )
    return template.format(operator=BOUNDS[kind], bound=bound, value=_show(given))


def _length_message(kind: str, ctx: dict[str, Any], got: str) -> str:
    if kind == "string_too_short":
        return _("must not be empty, got {value}").format(value=got)
    if kind == "string_too_long":
        return _("must be at most {count} characters, got {value}").format(
            count=ctx.get("max_length"), value=got
        )
    if kind == "too_short":
        return _("must have at least {count} item(s), got {value}").format(
            count=ctx.get("min_length"), value=got
        )
    return _("must have at most {count} item(s)").format(count=ctx.get("max_length"))


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return _("a mapping")
    if isinstance(value, list):
        return _("an empty list") if not value else _("a list")
    return _("nothing") if value is None else echo(value)


def _close(word: str, options: tuple[str, ...], cutoff: float) -> str | None:
    close = difflib.get_close_matches(word, options, n=1, cutoff=cutoff)
    return close[0] if close else None


def _key_hint(key: str, allowed: tuple[str, ...]) -> str:
    close = _close(key, allowed, 0.6)
    if close:
        return _("did you mean '{id}'?").format(id=close)
    if allowed:
        return _("allowed keys here: {keys}").format(keys=", ".join(allowed))
    return _("remove this key")


def _choice_hint(given: Any, options: tuple[str, ...]) -> str:
    close = _close(str(given), options, 0.5)
    return _("did you mean '{id}'?").format(id=close) if close else ""


def _annotation_at(model: type[BaseModel], path: DataPath) -> Any:
    current: Any = model
    for part in path:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if fields is None or part not in fields:
            return None
        current = _unwrap(fields[part].annotation)
    return current


def _unwrap(annotation: Any) -> Any:
    """Strip Optional, Annotated and list[...] down to the item type."""
    origin = get_origin(annotation)
    if origin is Annotated or origin is list:
        return _unwrap(get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        parts = [a for a in get_args(annotation) if a is not type(None)]
        return _unwrap(parts[0]) if len(parts) == 1 else annotation
    return annotation


def allowed_keys(model: type[BaseModel], path: DataPath) -> tuple[str, ...]:
    target = _annotation_at(model, path)
    fields = getattr(target, "model_fields", None)
    return tuple(fields) if fields else ()


def choices(model: type[BaseModel], path: DataPath) -> tuple[str, ...]:
    target = _annotation_at(model, path)
    if get_origin(target) is Literal:
        return tuple(str(option) for option in get_args(target))
    return ()
