"""The commands that cost one scenario or list reference data: estimate, rates, cities. Each is
one function: load and check the inputs, compute, and return the result with its problems (an
Outcome). The helpers they share (the rate table, a scenario checked against it) serve the other
command families too.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from jamsostek_budget.app import inputcache
from jamsostek_budget.app.outcome import Outcome, outcome_of
from jamsostek_budget.engine import premiums as engine
from jamsostek_budget.engine.budget import Budget
from jamsostek_budget.engine.jpcap import pays_jp, projected_for
from jamsostek_budget.engine.listing import RateListing, rate_listing
from jamsostek_budget.errors import DataError, Problem, UsageError, echo, option
from jamsostek_budget.i18n import _, current_language
from jamsostek_budget.loading import bundled
from jamsostek_budget.loading.filenames import display_name
from jamsostek_budget.model.city import City
from jamsostek_budget.model.minimum_wage import REGION
from jamsostek_budget.model.ratetable import RateTable
from jamsostek_budget.model.scenario import Scenario

if TYPE_CHECKING:
    from jamsostek_budget.planning.benefits import Benefits


@dataclass(frozen=True)
class Estimate:
    budget: Budget
    benefits: Benefits | None = None


def load_rate_table(rates_dir: Path | None = None) -> RateTable:
    # imported here: a run whose checked inputs are cached (see inputcache) reads no YAML
    from jamsostek_budget.loading.files import load_rate_files, yaml_files  # noqa: PLC0415
    from jamsostek_budget.loading.ratecheck import build_rate_table, no_future_checks  # noqa: PLC0415

    folder = rates_dir or bundled.data_dir("rates")
    if not folder.is_dir():
        raise UsageError(
            _("rates folder {folder} does not exist").format(folder=folder),
            _("pass {option} DIR").format(option=option("rates_dir")),
        )
    files = yaml_files(folder)
    if not files:
        raise UsageError(
            _("no .yaml rate files in {folder}").format(folder=folder),
            _("pass {option} DIR").format(option=option("rates_dir")),
        )
    return build_rate_table(no_future_checks(load_rate_files(files), date.today()))


def scenario_path(city: str | None, scenario: Path | None) -> Path:
    if (city is None) == (scenario is None):
        raise UsageError(
            _("give exactly one of {city} or {scenario}").format(
                city=option("city"), scenario=option("scenario")
            ),
            _("for example: jbudget estimate {city} metro").format(city=option("city")),
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
    path: Path,
    year: int | None,
    rates_dir: Path | None,
    *,
    jp_cap_growth: Decimal | None = None,
) -> tuple[Scenario, RateTable, tuple[Problem, ...]]:
    """Load a scenario and the rate table and run every check: errors are raised; warnings
    and notes (amounts read from Indonesian notation) are returned for the CLI to print.

    A fiscal year past the last announced JP wage cap gets the cap projected by PP 45/2015 (see
    jpcap), assuming `jp_cap_growth` percent a year, else the scenario's
    projection.gdp_growth_percent: the same cap `project` uses for that year.

    The jbudget program keeps the result for the same inputs (see inputcache)."""
    folder = rates_dir or bundled.data_dir("rates")
    key = (
        str(path),
        str(year),
        str(rates_dir),
        str(jp_cap_growth),
        os.getcwd(),  # file names in messages are relative to it
        date.today().isoformat(),  # dates to come are checked against it
        current_language(),
        "\0".join(sorted(os.listdir(folder))) if folder.is_dir() else "",
    )
    return inputcache.cached(
        key,
        lambda: _checked_scenario(path, year, rates_dir, jp_cap_growth),
        lambda: _files_read(path, folder),
    )


def _files_read(path: Path, rates_folder: Path) -> list[Path]:
    """Every file a checked scenario was built from: it, the files it extends, the rates."""
    from jamsostek_budget.loading.extends import base_files  # noqa: PLC0415
    from jamsostek_budget.loading.files import yaml_files  # noqa: PLC0415

    return [path, *base_files(path), *yaml_files(rates_folder)]


def _checked_scenario(
    path: Path, year: int | None, rates_dir: Path | None, jp_cap_growth: Decimal | None
) -> tuple[Scenario, RateTable, tuple[Problem, ...]]:
    from jamsostek_budget.engine.scenariocheck import check_scenario  # noqa: PLC0415
    from jamsostek_budget.loading.files import load_scenario  # noqa: PLC0415

    table = load_rate_table(rates_dir)
    scenario, source = load_scenario(path)
    if year is not None:
        scenario = scenario.model_copy(update={"fiscal_year": year})
    table = rate_table_for(scenario, table, jp_cap_growth)
    found = check_scenario(scenario, source, table, year_asked=year is not None)
    errors = [p for p in found if p.severity == "error"]
    if errors:
        raise DataError(errors)
    return scenario, table, tuple(p for p in found if p.severity != "error")


def rate_table_for(
    scenario: Scenario, table: RateTable, jp_cap_growth: Decimal | None = None
) -> RateTable:
    """The rate table for the scenario's fiscal year, JP wage caps not announced yet projected."""
    growth = scenario.projection.gdp_growth_percent if jp_cap_growth is None else jp_cap_growth
    return projected_for(table, scenario.fiscal_year, growth, needs_cap=pays_jp(scenario))


def estimate(
    path: Path,
    *,
    year: int | None = None,
    rates_dir: Path | None = None,
    with_benefits: bool = False,
    jp_cap_growth: Decimal | None = None,
) -> Outcome[Estimate]:
    """`jbudget estimate`: the scenario's budget (and expected benefits when asked)."""
    return outcome_of(
        lambda: _estimate(path, year, rates_dir, with_benefits, jp_cap_growth=jp_cap_growth)
    )


def _estimate(
    path: Path,
    year: int | None,
    rates_dir: Path | None,
    with_benefits: bool,
    *,
    jp_cap_growth: Decimal | None,
) -> tuple[Estimate, tuple[Problem, ...]]:
    scenario, table, warnings = checked_scenario(path, year, rates_dir, jp_cap_growth=jp_cap_growth)
    if with_benefits:
        _check_death_rates(scenario, path)
    budget = engine.estimate(scenario, table)
    benefits = None
    if with_benefits:
        from jamsostek_budget.planning.benefits import expected_benefits  # noqa: PLC0415

        benefits = expected_benefits(budget, table)
    return Estimate(budget, benefits), warnings


def _check_death_rates(scenario: Scenario, path: Path) -> None:
    """Expected benefits need a death rate: the scenario's, or a group's."""
    rates = [group.death_rate_per_1000 for group in scenario.groups]
    if scenario.death_rate_per_1000 is None and all(rate is None for rate in rates):
        raise UsageError(
            _("{file} gives no death rate, so its expected benefits cannot be estimated").format(
                file=display_name(path)
            ),
            _(
                "add death_rate_per_1000 (deaths a year per 1,000 participants, like 3.2) to "
                "the scenario or to its groups, or leave out {option}"
            ).format(option=option("with_benefits")),
        )


def scenario_reference(text: str) -> tuple[Path, int | None]:
    """'metro', 'metro@2026', 'kota.yaml' or 'kota.yaml@2027' -> (scenario file, year or None).

    A path that exists is a path, '@' and all (`./my@city.yaml`); otherwise only a trailing
    '@' and digits name a year."""
    name, _at, year_text = text.rpartition("@")
    names_year = year_text.isdigit() or os.path.exists(name) or name in bundled.city_files()
    if not _at or os.path.exists(text) or not names_year:
        return _scenario_named(text), None
    year = fiscal_year_of(year_text)
    if year is None:
        raise UsageError(
            _("{reference}: {year} is not a fiscal year").format(
                reference=echo(text), year=echo(year_text)
            ),
            _("write SCENARIO@YEAR, like metro@2026"),
        )
    return _scenario_named(name), year


def fiscal_year_of(text: str) -> int | None:
    """`text` as a fiscal year from 2000 to 2100 (four digits, spaces around them ignored), or
    None: never int() of a pasted page, which Python refuses past 4,300 digits."""
    digits = text.strip()
    if len(digits) == 4 and digits.isascii() and digits.isdigit() and 2000 <= int(digits) <= 2100:
        return int(digits)
    return None


def _scenario_named(name: str) -> Path:
    """A scenario file, or a bundled city by its slug."""
    path = Path(name)
    if path.suffix in {".yaml", ".yml"} or os.path.isfile(name) or "/" in name or "@" in name:
        return scenario_path(None, path)
    return bundled.city_file(name)


def rates(
    day: date, rates_dir: Path | None = None, region: str | None = None
) -> Outcome[RateListing]:
    """`jbudget rates`: the rates in force on `day`, with the band premiums they give; with
    `region`, its minimum wages in force."""
    return outcome_of(lambda: (rates_on(day, rates_dir, region), ()))


def rates_on(day: date, rates_dir: Path | None = None, region: str | None = None) -> RateListing:
    table = load_rate_table(rates_dir)
    first = table.first_day()
    if first is not None and day < first:
        raise UsageError(
            _("no rate is in force on {date}: the rate tables start on {first}").format(
                date=day.isoformat(), first=first.isoformat()
            ),
            _("give a date on or after {first}").format(first=first.isoformat()),
        )
    if region is not None and not re.fullmatch(REGION, region):
        raise UsageError(
            _("{region} is not a region code").format(region=echo(region)),
            _("write a Kemendagri code: 18 for a province, 18.72 for a regency or city"),
        )
    return rate_listing(table, table.at(day), region)


def cities() -> Outcome[list[City]]:
    """`jbudget cities`: the bundled city scenarios."""
    return outcome_of(lambda: (_cities(), ()))


def _cities() -> list[City]:
    from jamsostek_budget.loading.files import load_scenario  # noqa: PLC0415

    return [City(slug, path, load_scenario(path)[0]) for slug, path in bundled.city_files().items()]
