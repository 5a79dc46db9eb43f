"""Budget versions as a Pemda names them, side by side.

A premium budget goes through versions in its year: the adopted APBD (*murni*), shifts between
lines (*pergeseran*), the mid-year APBD Perubahan (*perubahan*) and ordered cuts (*efisiensi*).
SIPD-style tools keep a stage, a version and a legal basis (*dasar hukum*) per line, and the
Pemda's efficiency pages show the pagu before, the pagu after and their difference; this module
holds one version per record and lines versions up with the change from each to the next.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from jamsostek_budget.engine.budget import Budget
from jamsostek_budget.errors import UsageError
from jamsostek_budget.i18n import N_, _
from jamsostek_budget.model.fields import PROGRAMS, Program
from jamsostek_budget.model.funding import FundingSource
from jamsostek_budget.model.scenario import Group
from jamsostek_budget.planning.revision import Revision

VersionKind = Literal["murni", "pergeseran", "perubahan", "efisiensi"]
VERSION_KINDS: tuple[VersionKind, ...] = ("murni", "pergeseran", "perubahan", "efisiensi")
_DEFAULT_LABELS: dict[VersionKind, str] = {
    "murni": N_("APBD murni (adopted)"),
    "pergeseran": N_("pergeseran (shift between lines)"),
    "perubahan": N_("APBD Perubahan (mid-year revision)"),
    "efisiensi": N_("efisiensi (ordered cut)"),
}


def default_label(kind: VersionKind) -> str:
    """The name of a kind of version in the current language."""
    return _(_DEFAULT_LABELS[kind])


@dataclass(frozen=True)
class GroupAmount:
    group_id: str
    label: str
    annual: int
    funding: str | None = None  # the funding source that pays the group (model.expand: one)


@dataclass(frozen=True)
class BudgetVersion:
    """One version of the year's premium budget: its pagu and, where known, its annual amounts
    per group and per program (None: the version is not broken down that way)."""

    kind: VersionKind
    label: str
    pagu: int
    groups: tuple[GroupAmount, ...] | None
    programs: Mapping[Program, int] | None
    legal_basis: str = ""  # dasar hukum, e.g. "Perda Kota Metro 1/2025"
    sources: tuple[FundingSource, ...] = ()  # the scenario's funding sources, in its order

    @property
    def by_source(self) -> dict[str | None, int] | None:
        """What each funding source pays in this version (None: groups naming no source), in
        the sources' order; None when the version is not broken down by group, empty when the
        scenario lists no sources."""
        if self.groups is None:
            return None
        if not self.sources:
            return {}
        amounts: dict[str | None, int] = {source.id: 0 for source in self.sources}
        for group in self.groups:
            amounts[group.funding] = amounts.get(group.funding, 0) + group.annual
        return amounts


def version_of_budget(
    budget: Budget,
    kind: VersionKind = "murni",
    *,
    label: str | None = None,
    pagu: int | None = None,
    legal_basis: str = "",
) -> BudgetVersion:
    """A version from an estimate: its groups and programs, its pagu the annual total unless
    the budget gave another."""
    groups = tuple(
        GroupAmount(line.group.id, line.group.label, line.annual, _funding(line.group))
        for line in budget.lines
    )
    return BudgetVersion(
        kind,
        label or default_label(kind),
        budget.annual if pagu is None else pagu,
        groups,
        budget.by_program,
        legal_basis,
        tuple(budget.scenario.funding_sources),
    )


def version_of_revision(
    revision: Revision,
    kind: VersionKind | None = None,
    *,
    label: str | None = None,
    legal_basis: str = "",
) -> BudgetVersion:
    """A version from a revision: efisiensi for a cut, perubahan otherwise (unless `kind` says
    which). Its groups and programs are realized + covered, known only when the realized amount
    is known per group and per program."""
    chosen: VersionKind = kind or ("perubahan" if revision.cut is None else "efisiensi")
    revised = [(line, line.revised) for line in revision.lines]
    plans = (revision.original, revision.revised_plan)  # the revised plan's funding prevails
    funding = {line.group.id: _funding(line.group) for plan in plans for line in plan.lines}
    groups = (
        None
        if any(amount is None for _line, amount in revised)
        else tuple(
            GroupAmount(line.group_id, line.label, amount or 0, funding.get(line.group_id))
            for line, amount in revised
        )
    )
    return BudgetVersion(
        chosen,
        label or default_label(chosen),
        revision.revised_pagu,
        groups,
        revision.revised_by_program,
        legal_basis,
        tuple(revision.revised_plan.scenario.funding_sources),
    )


def _funding(group: Group) -> str | None:
    """The group's one funding source (an engine group has one: model.expand)."""
    return group.funding if isinstance(group.funding, str) else None


@dataclass(frozen=True)
class VersionRow:
    """One figure across the versions: None where a version is not broken down that way."""

    key: str  # "pagu", a group id or a program
    label: str
    amounts: tuple[int | None, ...]  # one per version, in order

    @property
    def changes(self) -> tuple[int | None, ...]:
        """From each version to the next: later minus earlier (None where either is unknown)."""
        pairs = zip(self.amounts, self.amounts[1:], strict=False)
        return tuple(None if a is None or b is None else b - a for a, b in pairs)


@dataclass(frozen=True)
class VersionComparison:
    versions: tuple[BudgetVersion, ...]
    pagu: VersionRow
    groups: tuple[VersionRow, ...]  # every group of any version, in order of first appearance
    programs: tuple[VersionRow, ...]
    sources: tuple[VersionRow, ...] = ()  # per funding source (key: its id, "" for none)

    @property
    def funding_sources(self) -> dict[str, FundingSource]:
        """The sources of the versions by id, the latest version's definition prevailing."""
        return {source.id: source for version in self.versions for source in version.sources}


def side_by_side(versions: Sequence[BudgetVersion]) -> VersionComparison:
    """The versions in the order given, with the change from each to the next. A group absent
    from a version broken down by group counts 0 there (added by a revision, or dropped)."""
    if not versions:
        raise UsageError(
            _("there is no budget version to show"),
            _("give at least the adopted budget (murni)"),
        )
    pagu = VersionRow("pagu", _("pagu"), tuple(version.pagu for version in versions))
    return VersionComparison(
        tuple(versions),
        pagu,
        _group_rows(versions),
        _program_rows(versions),
        _source_rows(versions),
    )


def _group_rows(versions: Sequence[BudgetVersion]) -> tuple[VersionRow, ...]:
    labels: dict[str, str] = {}
    for version in versions:
        for group in version.groups or ():
            labels.setdefault(group.group_id, group.label)
    amounts = [
        None if version.groups is None else {g.group_id: g.annual for g in version.groups}
        for version in versions
    ]
    return tuple(
        VersionRow(
            group_id,
            label,
            tuple(None if found is None else found.get(group_id, 0) for found in amounts),
        )
        for group_id, label in labels.items()
    )


def _source_rows(versions: Sequence[BudgetVersion]) -> tuple[VersionRow, ...]:
    """What each funding source pays in each version, sources in order of first appearance; a
    source absent from a version broken down by group pays 0 there."""
    amounts = [version.by_source for version in versions]
    labels: dict[str | None, str] = {}
    for version in versions:
        labels.update({source.id: source.label for source in version.sources})
    for found in amounts:
        labels.update({key: labels.get(key, key or "") for key in found or {}})
    return tuple(
        VersionRow(
            key or "",
            label,
            tuple(None if found is None else found.get(key, 0) for found in amounts),
        )
        for key, label in labels.items()
    )


def _program_rows(versions: Sequence[BudgetVersion]) -> tuple[VersionRow, ...]:
    used = {program for version in versions for program in version.programs or {}}
    return tuple(
        VersionRow(
            program,
            program.upper(),
            tuple(
                None if version.programs is None else version.programs.get(program, 0)
                for version in versions
            ),
        )
        for program in PROGRAMS
        if program in used
    )
