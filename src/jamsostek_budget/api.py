"""What each command does, as one library call: load and check the inputs, then compute.

The CLI parses arguments, calls one function here and renders what it returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from jamsostek_budget import bundled, engine
from jamsostek_budget.budget import Budget
from jamsostek_budget.errors import DataError, Problem, UsageError
from jamsostek_budget.i18n import _
from jamsostek_budget.loading import load_rate_files, load_scenario, yaml_files
from jamsostek_budget.ratecheck import build_rate_table, no_future_checks
from jamsostek_budget.ratetable import RateSnapshot, RateTable
from jamsostek_budget.scenario import Scenario
from jamsostek_budget.scenariocheck import check_scenario

if TYPE_CHECKING:
    from jamsostek_budget.planning.benefits import Benefits


@dataclass(frozen=True)
class Estimate:
    budget: Budget
    warnings: tuple[Problem, ...]
    benefits: Benefits | None = None


@dataclass(frozen=True)
class City:
    slug: str
    path: Path
    scenario: Scenario


def load_rate_table(rates_dir: Path | None = None) -> RateTable:
    folder = rates_dir or bundled.data_dir("rates")
    if not folder.is_dir():
        raise UsageError(
            _("rates folder {folder} does not exist").format(folder=folder),
            _("pass --rates DIR"),
        )
    files = yaml_files(folder)
    if not files:
        raise UsageError(
            _("no .yaml rate files in {folder}").format(folder=folder), _("pass --rates DIR")
        )
    return build_rate_table(no_future_checks(load_rate_files(files), date.today()))


def scenario_path(city: str | None, scenario: Path | None) -> Path:
    if (city is None) == (scenario is None):
        raise UsageError(
            _("give exactly one of --city or --scenario"),
            _("for example: jbudget estimate --city metro"),
        )
    if scenario is not None:
        if not scenario.is_file():
            missing = _("scenario file {file} does not exist")
            special = _("scenario file {file} is not a regular file (a folder, a pipe, a device?)")
            raise UsageError((special if scenario.exists() else missing).format(file=scenario))
        return scenario
    assert city is not None
    return bundled.city_file(city)


def checked_scenario(
    path: Path, year: int | None, rates_dir: Path | None
) -> tuple[Scenario, RateTable, tuple[Problem, ...]]:
    """Load a scenario and the rate table and run every check: errors are raised; warnings
    and notes (amounts read from Indonesian notation) are returned for the CLI to print."""
    table = load_rate_table(rates_dir)
    scenario, source = load_scenario(path)
    if year is not None:
        scenario = scenario.model_copy(update={"fiscal_year": year})
    found = check_scenario(scenario, source, table, year_from_flag=year is not None)
    errors = [p for p in found if p.severity == "error"]
    if errors:
        raise DataError(errors)
    return scenario, table, tuple(p for p in found if p.severity != "error")


def estimate(
    path: Path,
    *,
    year: int | None = None,
    rates_dir: Path | None = None,
    with_benefits: bool = False,
) -> Estimate:
    scenario, table, warnings = checked_scenario(path, year, rates_dir)
    budget = engine.estimate(scenario, table)
    benefits = None
    if with_benefits:
        from jamsostek_budget.planning.benefits import expected_benefits  # noqa: PLC0415

        benefits = expected_benefits(budget, table)
    return Estimate(budget, warnings, benefits)


def scenario_reference(text: str) -> tuple[Path, int | None]:
    """'metro', 'metro@2026', 'kota.yaml' or 'kota.yaml@2027' -> (scenario file, year or None)."""
    name, _at, year_text = text.rpartition("@") if "@" in text else (text, "", "")
    year = None
    if year_text:
        if not year_text.isdigit() or not 2000 <= int(year_text) <= 2100:
            raise UsageError(
                _("{reference!r}: {year!r} is not a fiscal year").format(
                    reference=text, year=year_text
                ),
                _("write SCENARIO@YEAR, like metro@2026"),
            )
        year = int(year_text)
    path = Path(name)
    if path.suffix in {".yaml", ".yml"} or path.is_file() or "/" in name:
        return scenario_path(None, path), year
    return bundled.city_file(name), year


def rates_on(day: date, rates_dir: Path | None = None) -> tuple[RateTable, RateSnapshot]:
    table = load_rate_table(rates_dir)
    return table, table.at(day)


def cities() -> list[City]:
    return [City(slug, path, load_scenario(path)[0]) for slug, path in bundled.city_files().items()]
