"""`jbudget rollup`: scenarios (given one by one, or listed in a province file) estimated and
added up (planning.rollup); with rosters, the NIKs counted in two places (roster.overlap)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jamsostek_budget.app.estimate import estimate, scenario_reference
from jamsostek_budget.app.outcome import Outcome
from jamsostek_budget.app.roster import roster_estimate
from jamsostek_budget.errors import DataError, Problem, UsageError, echo, option
from jamsostek_budget.i18n import _
from jamsostek_budget.loading.files import load_model, load_scenario
from jamsostek_budget.model.province import ProvinceEntry, ProvinceFile
from jamsostek_budget.model.sourcemap import SourceMap
from jamsostek_budget.planning.rollup import Place, Rollup, rollup
from jamsostek_budget.roster.overlap import Overlap, overlap

Reference = tuple[Path, int | None]  # a scenario file and the fiscal year asked, if any


@dataclass(frozen=True)
class RollupRequest:
    references: tuple[str, ...] = ()  # scenario references (see scenario_reference)
    province_file: Path | None = None
    rosters: tuple[tuple[str, Path], ...] = ()  # (a scenario as given, its roster)
    rates_dir: Path | None = None


@dataclass(frozen=True)
class RolledUp:
    rollup: Rollup
    overlap: Overlap | None  # None: no rosters given


def rollup_command(request: RollupRequest) -> Outcome[RolledUp]:
    """`jbudget rollup`: the first input with errors stops it, with its errors alone."""
    problems: list[Problem] = []
    try:
        province, entries = _entries(request)
        places = []
        for _text, (path, year), entry in entries:
            one = estimate(path, year=year, rates_dir=request.rates_dir)
            if one.result is None:
                return Outcome(None, one.problems)
            problems += one.problems
            places.append(Place(one.result.budget, entry.paid_by, frozenset(entry.province_pays)))
        result = rollup(places, province)
        found = _overlap(request, [(text, ref) for text, ref, _entry in entries], result, problems)
    except UsageError as refused:
        return Outcome(None, (*problems, refused.as_problem()))
    except DataError as failed:
        return Outcome(None, (*problems, *failed.problems))
    return Outcome(RolledUp(result, found), tuple(problems))


def _entries(
    request: RollupRequest,
) -> tuple[str | None, list[tuple[str, Reference, ProvinceEntry]]]:
    if (request.province_file is None) == (not request.references):
        raise UsageError(
            _("give scenarios or {province}, not both nor neither").format(
                province=option("province_file")
            ),
            _("for example: jbudget rollup bandar-lampung metro"),
        )
    if request.province_file is None:
        entries = [
            (text, scenario_reference(text), ProvinceEntry(scenario=text))
            for text in request.references
        ]
        _refuse_repeats([text for text, _ref, _entry in entries], [ref for _t, ref, _e in entries])
        return None, entries
    province, refs = load_province(request.province_file)
    entries = [
        (entry.scenario, ref, entry) for entry, ref in zip(province.scenarios, refs, strict=True)
    ]
    return province.province, entries


def _refuse_repeats(texts: list[str], refs: list[Reference]) -> None:
    seen: dict[Reference, str] = {}
    for text, ref in zip(texts, refs, strict=True):
        if ref in seen:
            raise UsageError(
                _("{first} and {second} are the same scenario: a rollup counts each once").format(
                    first=echo(seen[ref]), second=echo(text)
                ),
                _("give each regency's scenario once"),
            )
        seen[ref] = text


def load_province(path: Path) -> tuple[ProvinceFile, list[Reference]]:
    """A province file and its scenarios' files, each checked: it exists, is given once, and
    its province_pays names groups it has. Every problem is raised together."""
    province, source = load_model(path, ProvinceFile)
    refs: list[Reference | None] = []
    problems: list[Problem] = []
    for index, entry in enumerate(province.scenarios):
        where = ("scenarios", index, "scenario")
        try:
            ref = _entry_reference(entry.scenario, path.parent)
        except UsageError as refused:
            refs.append(None)
            problems.append(source.problem(where, refused.message, refused.hint))
            continue
        refs.append(ref)
        problems += _unknown_groups(entry, ref[0], source, index)
    problems += _repeats(province, refs, source)
    if problems:
        raise DataError(sorted(problems, key=lambda problem: problem.line))
    return province, [ref for ref in refs if ref is not None]


def _entry_reference(text: str, folder: Path) -> Reference:
    """A scenario of a province file: a file relative to it, else as on the command line."""
    name, at, year = text.rpartition("@")
    if (folder / text).is_file():
        return folder / text, None
    if at and (folder / name).is_file():
        return scenario_reference(f"{folder / name}@{year}")
    return scenario_reference(text)


def _unknown_groups(
    entry: ProvinceEntry, path: Path, source: SourceMap, index: int
) -> list[Problem]:
    if not entry.province_pays:
        return []
    try:
        scenario, _scenario_source = load_scenario(path)
    except DataError:
        return []  # the scenario's own problems are said when it is estimated
    ids = [group.id for group in scenario.groups]
    return [
        source.problem(
            ("scenarios", index, "province_pays", number),
            _("{scenario} has no group {group}").format(scenario=entry.scenario, group=echo(group)),
            _("its groups are: {ids}").format(ids=", ".join(ids)),
        )
        for number, group in enumerate(entry.province_pays)
        if group not in ids
    ]


def _repeats(
    province: ProvinceFile, refs: list[Reference | None], source: SourceMap
) -> list[Problem]:
    seen: set[Reference] = set()
    problems = []
    for index, ref in enumerate(refs):
        if ref is None:
            continue
        if ref in seen:
            message = _("{scenario} is listed twice: a rollup counts each scenario once")
            problems.append(
                source.problem(
                    ("scenarios", index, "scenario"),
                    message.format(scenario=province.scenarios[index].scenario),
                    _("remove one of them"),
                )
            )
        seen.add(ref)
    return problems


def _overlap(
    request: RollupRequest,
    entries: list[tuple[str, Reference]],
    result: Rollup,
    problems: list[Problem],
) -> Overlap | None:
    """The rosters costed against their scenarios, and the NIKs on more than one."""
    if not request.rosters:
        return None
    refs = {text: ref for text, ref in entries}
    found = []
    for text, roster in request.rosters:
        if text not in refs:
            raise UsageError(
                _("{scenario} is not one of the scenarios rolled up").format(scenario=echo(text)),
                _("write {option} SCENARIO=ROSTER with SCENARIO as given: {given}").format(
                    option=option("rosters"), given=", ".join(refs)
                ),
            )
        path, year = refs[text]
        costed = roster_estimate(
            roster, path, year=year, rates_dir=request.rates_dir, with_per_person=True
        )
        if costed.result is None or costed.result.per_person is None:
            raise DataError(list(costed.problems))
        problems += costed.problems
        place = next(
            p.place.name for p, (t, _r) in zip(result.places, entries, strict=True) if t == text
        )
        found.append((place, costed.result.per_person))
    return overlap(found)
