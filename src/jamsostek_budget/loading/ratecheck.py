"""Merge loaded rate files into one RateTable, checking what no single file can: names defined
twice, citations of unknown regulations, and parameters no file defines."""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from jamsostek_budget.errors import DataError, Problem
from jamsostek_budget.i18n import _
from jamsostek_budget.loading.reliefcheck import Placed, overlapping_reliefs
from jamsostek_budget.model.bands import BandTable
from jamsostek_budget.model.chart import ChartCode
from jamsostek_budget.model.minimum_wage import AccountCode, MinimumWage
from jamsostek_budget.model.rates import PARAMETER_NAMES, Parameter, RatesFile, Relief
from jamsostek_budget.model.ratetable import RateTable
from jamsostek_budget.model.regulation import Citation, Regulation
from jamsostek_budget.model.sourcemap import DataPath, SourceMap

LoadedRates = Sequence[tuple[RatesFile, SourceMap]]
STALE_AFTER = timedelta(days=365)


@dataclass
class _Collected:
    regulations: dict[str, Regulation] = field(default_factory=dict)
    parameters: dict[str, Parameter] = field(default_factory=dict)
    bands: dict[str, BandTable] = field(default_factory=dict)
    reliefs: dict[str, Relief] = field(default_factory=dict)
    minimum_wages: dict[str, MinimumWage] = field(default_factory=dict)
    account_codes: dict[str, AccountCode] = field(default_factory=dict)
    chart: dict[str, ChartCode] = field(default_factory=dict)
    relief_places: list[Placed] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    first_seen: dict[tuple[str, str], str] = field(default_factory=dict)

    def add(self, kind: str, name: str, item: object, source: SourceMap, path: DataPath) -> None:
        store: dict[str, object] = getattr(self, kind)
        if name in store:
            self.problems.append(
                source.problem(
                    path,
                    _("{name} is defined twice (first in {first})").format(
                        name=name, first=self.first_seen[(kind, name)]
                    ),
                    _("keep one definition"),
                )
            )
            return
        store[name] = item
        self.first_seen[(kind, name)] = _("{file} line {line}").format(
            file=source.file, line=source.locate(path).line
        )


def duplicate_problems(files: LoadedRates) -> list[Problem]:
    """Names defined twice, within one file or across the files given."""
    return _collect(files).problems


def build_rate_table(files: LoadedRates) -> RateTable:
    collected = _collect(files)
    for rates, source in files:
        collected.problems += unknown_regulations(rates, source, set(collected.regulations))
    collected.problems += _missing(files, collected)
    if collected.problems:
        raise DataError(collected.problems)
    return RateTable(
        collected.regulations,
        collected.parameters,
        collected.bands["bpu.income_bands"],
        tuple(collected.reliefs.values()),
        collected.minimum_wages,
        tuple(collected.account_codes.values()),
        tuple(collected.chart.values()),
    )


def _collect(files: LoadedRates) -> _Collected:
    collected = _Collected()
    for rates, source in files:
        for i, regulation in enumerate(rates.regulations):
            collected.add(
                "regulations", regulation.id, regulation, source, ("regulations", i, "id")
            )
        for i, parameter in enumerate(rates.parameters):
            collected.add(
                "parameters", parameter.name, parameter, source, ("parameters", i, "name")
            )
        for i, table in enumerate(rates.band_tables):
            collected.add("bands", table.name, table, source, ("band_tables", i, "name"))
        for i, relief in enumerate(rates.reliefs):
            collected.add("reliefs", relief.id, relief, source, ("reliefs", i, "id"))
            collected.relief_places.append((relief, source, ("reliefs", i)))
        for i, wage in enumerate(rates.minimum_wages):
            collected.add(
                "minimum_wages", wage.region, wage, source, ("minimum_wages", i, "region")
            )
        for i, code in enumerate(rates.account_codes):
            key = f"{code.staff_type} {code.job_title} {code.program}"
            collected.add("account_codes", key, code, source, ("account_codes", i, "job_title"))
        for i, listed in enumerate(rates.chart_of_accounts):
            collected.add("chart", listed.code, listed, source, ("chart_of_accounts", i, "code"))
    collected.problems += overlapping_reliefs(collected.relief_places)
    return collected


def citations(rates: RatesFile) -> Iterator[tuple[DataPath, Citation]]:
    """Every cited value in a file with its path: parameter values, band versions, reliefs."""
    for i, parameter in enumerate(rates.parameters):
        for j, value in enumerate(parameter.values):
            yield ("parameters", i, "values", j), value
    for i, table in enumerate(rates.band_tables):
        for j, version in enumerate(table.versions):
            yield ("band_tables", i, "versions", j), version
    for i, relief in enumerate(rates.reliefs):
        yield ("reliefs", i), relief
    for i, wage in enumerate(rates.minimum_wages):
        for j, decreed in enumerate(wage.values):
            yield ("minimum_wages", i, "values", j), decreed


def unknown_regulations(rates: RatesFile, source: SourceMap, known: set[str]) -> list[Problem]:
    problems = []
    for path, citation in citations(rates):
        if citation.regulation not in known:
            close = difflib.get_close_matches(citation.regulation, sorted(known), n=1)
            hint = (
                _("did you mean '{id}'?").format(id=close[0])
                if close
                else _("add it to a `regulations:` list with its title and url")
            )
            problems.append(
                source.problem(
                    (*path, "regulation"),
                    _("cites regulation '{id}', which no rate file defines").format(
                        id=citation.regulation
                    ),
                    hint,
                )
            )
    return problems


def _missing(files: LoadedRates, collected: _Collected) -> list[Problem]:
    where = files[0][1].file if files else "rates/"
    problems = [
        Problem(
            where,
            1,
            1,
            "parameters",
            _("no rate file defines {name}").format(name=name),
            _("add it to a file under rates/ with its dated values"),
        )
        for name in PARAMETER_NAMES
        if name not in collected.parameters
    ]
    if "bpu.income_bands" not in collected.bands:
        problems.append(
            Problem(
                where,
                1,
                1,
                "band_tables",
                _("no rate file defines the BPU income bands (bpu.income_bands)"),
                _("add the band table of PP 44/2015 Lampiran II"),
            )
        )
    return problems


def registry_problems(rates: RatesFile, source: SourceMap) -> list[Problem]:
    """`validate`: every regulation carries the dates of its kind (signed, promulgated, in
    force), each given or listed in dates_not_found, and the sources they come from."""
    problems = []
    for i, regulation in enumerate(rates.regulations):
        at: DataPath = ("regulations", i)
        for name in regulation.dates_due():
            given = getattr(regulation, name) is not None
            if given == (name in regulation.dates_not_found):
                problems.append(_date_problem(source, at, regulation.id, name, given=given))
        if not regulation.sources:
            problems.append(
                source.problem(
                    (*at, "id"),
                    _("regulation '{id}' does not say where its dates come from").format(
                        id=regulation.id
                    ),
                    _(
                        "add sources: the regulation's text, or the article that gives the dates "
                        "(outlet, title, date, URL)"
                    ),
                )
            )
    return problems


def _date_problem(
    source: SourceMap, at: DataPath, regulation: str, name: str, *, given: bool
) -> Problem:
    if given:
        return source.problem(
            (*at, name),
            _("regulation '{id}' gives {field} and also lists it in dates_not_found").format(
                id=regulation, field=name
            ),
            _("keep one: the date, or the note that no source gives it"),
        )
    return source.problem(
        (*at, "id"),
        _("regulation '{id}' has no {field} date").format(id=regulation, field=name),
        _(
            "write {field}: YYYY-MM-DD from a source, or list {field} in dates_not_found "
            "if no source gives it (never guess a date)"
        ).format(field=name),
    )


def checked_dates(files: LoadedRates, today: date) -> list[Problem]:
    """A `last_checked` after `today` is an error (nobody has checked a value in the future: a
    typo in the year, or a date invented); one more than a year before `today` is a warning."""
    found = []
    for rates, source in files:
        for path, citation in citations(rates):
            where = (*path, "last_checked")
            if citation.last_checked > today:
                found.append(
                    source.problem(
                        where,
                        _("last checked on {date}, after today ({today})").format(
                            date=citation.last_checked, today=today
                        ),
                        _("write the date the value was really checked against its regulation"),
                    )
                )
            elif today - citation.last_checked > STALE_AFTER:
                problem = source.problem(
                    where,
                    _("last checked on {date}, more than a year ago").format(
                        date=citation.last_checked
                    ),
                    _("check the value against its regulation and update last_checked"),
                )
                found.append(_as_warning(problem))
    return found


def no_future_checks(files: LoadedRates, today: date) -> LoadedRates:
    """`files`, or a DataError when a value claims to have been checked after `today`."""
    errors = [p for p in checked_dates(files, today) if p.severity == "error"]
    if errors:
        raise DataError(errors)
    return files


def _as_warning(problem: Problem) -> Problem:
    return Problem(
        problem.file,
        problem.line,
        problem.column,
        problem.field,
        problem.message,
        problem.hint,
        "warning",
    )
