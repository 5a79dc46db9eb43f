"""`jbudget validate`: check rate and scenario files and collect every problem, without stopping
at the first file that fails.

A folder of rate files is one rate table: its files are checked together (names defined twice,
citations of unknown regulations, parameters no file defines). A single rate file is checked on
its own, its citations resolved against its own regulations and the bundled registry. Scenarios
are checked against the rate table (bundled, or the folder given).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TypeVar

from jamsostek_budget.app.estimate import rate_table_for
from jamsostek_budget.app.outcome import Outcome
from jamsostek_budget.engine.chartcheck import chart_warnings
from jamsostek_budget.engine.scenariocheck import check_scenario
from jamsostek_budget.errors import DataError, Problem, UsageError
from jamsostek_budget.i18n import _
from jamsostek_budget.loading import bundled
from jamsostek_budget.loading.filenames import display_name
from jamsostek_budget.loading.files import (
    FileKind,
    kind_of_data,
    load_rate_files,
    load_scenario,
    not_a_mapping,
    yaml_files,
)
from jamsostek_budget.loading.labelcheck import missing_translations
from jamsostek_budget.loading.ratecheck import (
    LoadedRates,
    build_rate_table,
    checked_dates,
    duplicate_problems,
    registry_problems,
    unknown_regulations,
)
from jamsostek_budget.loading.yamlsource import read_yaml, special_file
from jamsostek_budget.model.ratetable import RateTable
from jamsostek_budget.model.scenario import Scenario

T = TypeVar("T")
Checked = tuple[str, FileKind]  # a file's display name and what it was checked as


@dataclass
class Validation:
    """What validate has checked so far, and every problem found."""

    checked: list[Checked] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    provinces: set[Path] = field(default_factory=set)  # the files read as province files

    def attempt(self, check: Callable[[], T]) -> T | None:
        """The check's result; or None, its problems kept, when it raised them."""
        try:
            return check()
        except DataError as exc:
            self.problems += exc.problems
            return None


def validate(
    paths: Iterable[Path], *, rates_dir: Path | None, today: date
) -> Outcome[tuple[Checked, ...]]:
    """`jbudget validate`: the files checked and every problem in them (errors do not stop it:
    the files checked are the result either way)."""
    result = Validation()
    targets = list(paths) or [bundled.data_dir("rates"), bundled.data_dir("examples")]
    try:
        rate_folders, rate_files, scenarios = _sort_targets(targets, result)
        provinces = [path for path in scenarios if path in result.provinces]
        scenarios = [path for path in scenarios if path not in result.provinces]
    except UsageError as refused:
        return Outcome(None, (refused.as_problem(),))
    table = _reference_table(rates_dir, result)
    for folder in rate_folders:
        _check_rate_folder(folder, today, result)
    for path in rate_files:
        _check_rate_file(path, today, table, result)
    for path in scenarios:
        _check_scenario(path, table, result)
    for path in provinces:
        _check_province(path, result)
    return Outcome(tuple(result.checked), tuple(result.problems))


def _sort_targets(
    targets: list[Path], result: Validation
) -> tuple[list[Path], list[Path], list[Path]]:
    rate_folders: list[Path] = []
    rate_files: list[Path] = []
    scenarios: list[Path] = []
    for target in targets:
        if target.is_dir():
            files = yaml_files(target)
            if not files:
                raise UsageError(
                    _("{path} holds no .yaml or .yml file to check").format(path=target),
                    _("give rate or scenario files, or folders of them"),
                )
            kinds = {path: kind_of(path, result) for path in files}
            if files and all(kind == "rates" for kind in kinds.values()):
                rate_folders.append(target)
                continue
            rate_files += [p for p, kind in kinds.items() if kind == "rates"]
            scenarios += [p for p, kind in kinds.items() if kind in {"scenario", "province"}]
        elif target.is_file():
            kind = kind_of(target, result)
            (rate_files if kind == "rates" else scenarios if kind is not None else []).append(
                target
            )
        elif target.exists():
            raise UsageError(
                _("{path} is {what}, not a rate or scenario file").format(
                    path=target, what=special_file(target)
                ),
                _("give rate or scenario files, or folders of them"),
            )
        else:
            raise UsageError(
                _("{path} does not exist").format(path=target),
                _("give rate or scenario files, or folders of them"),
            )
    return rate_folders, rate_files, scenarios


def kind_of(path: Path, result: Validation) -> FileKind | None:
    """Rate file or scenario, from the top-level keys; None (with a problem) if unreadable."""
    read = result.attempt(lambda: read_yaml(path, display_name(path)))
    if read is None:
        return None
    data, source = read
    if not isinstance(data, dict):
        result.problems.append(not_a_mapping(data, source))
        return None
    kind = kind_of_data(data)
    if kind == "province":
        result.provinces.add(path)
    if kind is not None:
        return kind
    result.problems.append(
        source.problem(
            (),
            _("cannot tell whether this is a rate file or a scenario"),
            _(
                "a scenario has city, fiscal_year and "
                "groups; a rate file has regulations, parameters, "
                "band_tables or reliefs"
            ),
        )
    )
    return None


def _reference_table(rates_dir: Path | None, result: Validation) -> RateTable | None:
    folder = rates_dir or bundled.data_dir("rates")
    found = Validation()  # the bundled rates' own problems are not the user's
    table = found.attempt(lambda: build_rate_table(load_rate_files(yaml_files(folder))))
    if rates_dir is not None:
        result.problems += found.problems
    return table


def _check_rate_folder(folder: Path, today: date, result: Validation) -> None:
    files = yaml_files(folder)
    loaded = _load_each(files, result)
    for rates, source in loaded:
        result.problems += registry_problems(rates, source)
        result.problems += missing_translations(rates, source)
    if len(loaded) == len(files):
        result.attempt(lambda: build_rate_table(loaded))
        result.problems += checked_dates(loaded, today)


def _check_rate_file(path: Path, today: date, table: RateTable | None, result: Validation) -> None:
    loaded = _load_each([path], result)
    if not loaded:
        return
    rates, source = loaded[0]
    known = {r.id for r in rates.regulations} | set(table.regulations if table else ())
    result.problems += duplicate_problems(loaded)
    result.problems += unknown_regulations(rates, source, known)
    result.problems += registry_problems(rates, source)
    result.problems += missing_translations(rates, source)
    result.problems += checked_dates(loaded, today)


def _load_each(files: list[Path], result: Validation) -> LoadedRates:
    loaded = []
    for path in files:
        result.checked.append((display_name(path), "rates"))
        loaded += result.attempt(lambda: load_rate_files([path])) or []  # noqa: B023 (called now)
    return loaded


def _check_scenario(path: Path, table: RateTable | None, result: Validation) -> None:
    result.checked.append((display_name(path), "scenario"))
    read = result.attempt(lambda: load_scenario(path))
    if read is None:
        return
    scenario, source = read
    if table is not None:
        result.problems += check_scenario(scenario, source, _for_year(scenario, table))
        result.problems += chart_warnings(scenario, source, table)


def _check_province(path: Path, result: Validation) -> None:
    """A province file: its model, and its scenarios there, each once (app.rollup); the
    scenarios themselves are checked when given to validate."""
    from jamsostek_budget.app.rollup import load_province  # noqa: PLC0415 (polars: only here)

    result.checked.append((display_name(path), "province"))
    result.attempt(lambda: load_province(path))


def _for_year(scenario: Scenario, table: RateTable) -> RateTable:
    """The table `estimate` would use for the scenario (JP caps projected), so both say the
    same; a table that cannot project them is checked as it is."""
    try:
        return rate_table_for(scenario, table)
    except UsageError:
        return table
