"""Loading: the only module that reads data files. Files become validated models or a DataError
listing every problem with its file, line, column and field."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ValidationError

from jamsostek_budget.errors import DataError, Problem, UsageError
from jamsostek_budget.i18n import _
from jamsostek_budget.loading.filenames import display_name
from jamsostek_budget.loading.problems import problems_from
from jamsostek_budget.loading.yamlsource import read_yaml
from jamsostek_budget.model.amounts import parse_amount
from jamsostek_budget.model.rates import RatesFile
from jamsostek_budget.model.scenario import Scenario
from jamsostek_budget.model.scenario_file_rules import file_rules
from jamsostek_budget.model.scenario_rules import rules_hidden_by_errors
from jamsostek_budget.model.sourcemap import SourceMap

M = TypeVar("M", bound=BaseModel)


def load_model(path: Path, model: type[M]) -> tuple[M, SourceMap]:
    data, source = read_yaml(path, display_name(path))
    if not isinstance(data, dict):
        raise DataError([not_a_mapping(data, source)])
    return validate_model(data, source, model)


def validate_model(data: dict[str, Any], source: SourceMap, model: type[M]) -> tuple[M, SourceMap]:
    problems = (
        [source.problem(path, message, hint) for path, message, hint in file_rules(data)]
        if model is Scenario
        else []
    )
    try:
        validated = model.model_validate(data)
    except ValidationError as exc:
        problems += problems_from(exc, source, model)
        if model is Scenario:
            failed = [tuple(error["loc"]) for error in exc.errors()]
            problems += [
                source.problem(path, message, hint)
                for path, message, hint in rules_hidden_by_errors(data, failed)
            ]
        raise DataError(_unique_in_order(problems)) from exc
    if problems:
        raise DataError(_unique_in_order(problems))
    return validated, source


def _unique_in_order(problems: list[Problem]) -> list[Problem]:
    return sorted(set(problems), key=lambda p: (p.line, p.column, p.field, p.message))


def not_a_mapping(data: object, source: SourceMap) -> Problem:
    kind = (
        _("a list")
        if isinstance(data, list)
        else _("a single value ({value})").format(value=repr(data))
    )
    return source.problem(
        (),
        _("must be a mapping of keys to values, got {value}").format(value=kind),
        _("see examples/metro.yaml or rates/bpu.yaml for the shape of a file"),
    )


FileKind = Literal["rates", "scenario", "province"]
RATE_KEYS = frozenset(RatesFile.model_fields) - {"description"}
SCENARIO_KEYS = frozenset({"city", "groups", "fiscal_year", "extends"})


def kind_of_data(data: dict[str, Any]) -> FileKind | None:
    """Rate file, scenario or province file, from the top-level keys; None when it has the keys
    of none."""
    keys = set(data)
    if keys & SCENARIO_KEYS:
        return "scenario"
    if "scenarios" in keys:  # a province file (model.province) lists its scenarios
        return "province"
    return "rates" if keys & RATE_KEYS else None


def load_scenario(path: Path) -> tuple[Scenario, SourceMap]:
    """A scenario file, with `extends` resolved (see the extends module)."""
    data, source = read_yaml(path, display_name(path))
    if not isinstance(data, dict):
        raise DataError([not_a_mapping(data, source)])
    if kind_of_data(data) == "rates":
        message = _("this is a rate file, not a scenario")
        hint = _("give a scenario (city, fiscal_year and groups), like examples/metro.yaml")
        raise DataError([source.problem((), message, hint)])
    if "extends" in data:  # the variant models load only for a scenario that uses them
        from jamsostek_budget.loading.extends import resolve_extends  # noqa: PLC0415

        data, source = resolve_extends(data, source, path)
    source.notes.extend(amount_notes(data, source))
    return validate_model(data, source, Scenario)


MONEY_FIELDS = ("declared_income", "monthly_wage")


def amount_notes(data: dict[str, Any], source: SourceMap) -> list[Problem]:
    """Each group amount written as text ('Rp1.200.000', '1,2 juta'), echoed back normalised;
    the model reads it the same way (fields.ScenarioRupiah), or refuses it with the reason."""
    groups = data.get("groups")
    notes = []
    for index, group in enumerate(groups if isinstance(groups, list) else []):
        for name in MONEY_FIELDS:
            text = group.get(name) if isinstance(group, dict) else None
            amount = _amount_or_none(text)
            if amount is not None:
                message = _("read {text!r} as {amount} Rupiah").format(text=text, amount=amount)
                note = source.problem(("groups", index, name), message)
                notes.append(replace(note, severity="note"))
    return notes


def _amount_or_none(text: object) -> int | None:
    if not isinstance(text, str):
        return None
    try:
        return parse_amount(text)
    except UsageError:
        return None


def yaml_files(folder: Path) -> list[Path]:
    """The .yaml and .yml entries of a folder that are not folders: a pipe, a device or a broken
    link among them is read, and so reported, never skipped without a word."""
    return sorted(p for p in folder.iterdir() if p.suffix in {".yaml", ".yml"} and not p.is_dir())


def load_rate_files(paths: Iterable[Path]) -> list[tuple[RatesFile, SourceMap]]:
    """Load every file, then report the problems of all of them together."""
    loaded: list[tuple[RatesFile, SourceMap]] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            loaded.append(load_model(path, RatesFile))
        except DataError as exc:
            problems += exc.problems
    if problems:
        raise DataError(problems)
    return loaded
