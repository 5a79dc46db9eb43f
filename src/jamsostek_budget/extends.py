"""Resolve `extends`: a variant file and the chain of files it builds on become one plain scenario.

The merged data keeps a merged source map, so a problem in an inherited group still points at the
base file's line and a changed field at the variant's line. Cycles and unknown group ids are
reported at the line that causes them.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from jamsostek_budget import bundled
from jamsostek_budget.errors import DataError, Problem, UsageError
from jamsostek_budget.i18n import _
from jamsostek_budget.problems import problems_from
from jamsostek_budget.sourcemap import DataPath, SourceMap
from jamsostek_budget.variant import APPENDED_FIELDS, ScenarioVariant
from jamsostek_budget.yamlsource import read_yaml

Data = dict[str, Any]


def resolve_extends(
    data: Data, source: SourceMap, path: Path, chain: tuple[Path, ...] = ()
) -> tuple[Data, SourceMap]:
    if "extends" not in data:
        return data, source
    _check_variant(data, source)
    chain = (*chain, path.resolve())
    base_path = _base_path(str(data["extends"]), path, source)
    if base_path.resolve() in chain:
        names = " -> ".join(p.name for p in (*chain, base_path))
        raise DataError(
            [
                source.problem(
                    ("extends",),
                    _("extends cycle: {files}").format(files=names),
                    _("a scenario cannot build on itself"),
                )
            ]
        )
    base, base_source = read_yaml(base_path)
    if not isinstance(base, dict):
        message = _("must be a mapping of keys to values")
        raise DataError([base_source.problem((), message)])
    base, base_source = resolve_extends(base, base_source, base_path, chain)
    return merge(base, base_source, data, source)


def _check_variant(data: Data, source: SourceMap) -> None:
    try:
        ScenarioVariant.model_validate(data)
    except ValidationError as exc:
        raise DataError(problems_from(exc, source, ScenarioVariant)) from exc


def _base_path(reference: str, path: Path, source: SourceMap) -> Path:
    if "/" not in reference and not reference.endswith((".yaml", ".yml")):
        try:
            return bundled.city_file(reference)
        except UsageError as exc:
            raise DataError([source.problem(("extends",), exc.message, exc.hint)]) from None
    target = path.parent / reference
    if not target.is_file():
        raise DataError(
            [
                source.problem(
                    ("extends",),
                    _("{reference} does not exist (looked for {path})").format(
                        reference=reference, path=target
                    ),
                    _("give a bundled city slug or a path relative to this file"),
                )
            ]
        )
    return target


VARIANT_KEYS = frozenset({"extends", "add_groups", "remove_groups", "change_groups", "groups"})


def merge(
    base: Data, base_source: SourceMap, variant: Data, source: SourceMap
) -> tuple[Data, SourceMap]:
    return _Merger(base, base_source, variant, source).run()


class _Merger:
    """Builds the merged data and its merged source map, one field and one group at a time."""

    def __init__(
        self, base: Data, base_source: SourceMap, variant: Data, source: SourceMap
    ) -> None:
        self.base, self.base_source = base, base_source
        self.variant, self.source = variant, source
        self.merged = SourceMap(source.file)

    def run(self) -> tuple[Data, SourceMap]:
        result = {
            key: self._field(key)
            for key in {**self.base, **self.variant}
            if key not in VARIANT_KEYS
        }
        groups, problems = self._groups()
        if problems:
            raise DataError(problems)
        result["groups"] = groups
        self.merged.values[("groups",)] = self.base_source.locate(("groups",))
        return result, self.merged

    def _field(self, key: str) -> Any:
        if key not in self.variant:
            self.merged.graft(self.base_source, (key,), (key,))
            return self.base[key]
        self.merged.graft(self.source, (key,), (key,))
        new = self.variant[key]
        if key in APPENDED_FIELDS and key in self.base:
            return self.base[key] + new if key == "sources" else f"{self.base[key]}\n{new}"
        return new

    def _groups(self) -> tuple[list[Data], list[Problem]]:
        base_groups: list[Data] = list(self.base.get("groups") or [])
        ids = [str(group.get("id")) for group in base_groups]
        removed = set(self.variant.get("remove_groups") or [])
        changes = {
            str(c["id"]): (j, c) for j, c in enumerate(self.variant.get("change_groups") or [])
        }
        groups: list[Data] = []
        for old, group in enumerate(base_groups):
            if group.get("id") not in removed:
                self.merged.graft(self.base_source, ("groups", old), ("groups", len(groups)))
                groups.append(self._changed(group, changes.get(str(group.get("id"))), len(groups)))
        for j, added in enumerate(self.variant.get("add_groups") or []):
            self.merged.graft(self.source, ("add_groups", j), ("groups", len(groups)))
            groups.append(added)
        return groups, _unknown_ids(ids, self.variant, self.source)

    def _changed(self, group: Data, change: tuple[int, Data] | None, index: int) -> Data:
        if change is None:
            return group
        j, fields = change
        new = {name: value for name, value in fields.items() if name != "id"}
        for name in new:
            self.merged.graft(self.source, ("change_groups", j, name), ("groups", index, name))
        return {**group, **new}


def _unknown_ids(ids: list[str], variant: Data, source: SourceMap) -> list[Problem]:
    problems = []
    wanted: list[tuple[DataPath, str]] = [
        (("remove_groups", i), str(gid)) for i, gid in enumerate(variant.get("remove_groups") or [])
    ] + [
        (("change_groups", j, "id"), str(c["id"]))
        for j, c in enumerate(variant.get("change_groups") or [])
    ]
    for where, gid in wanted:
        if gid not in ids:
            close = difflib.get_close_matches(gid, ids, n=1)
            hint = (
                _("did you mean '{id}'?").format(id=close[0])
                if close
                else _("the base has: {ids}").format(ids=", ".join(ids))
                if ids
                else _("the base scenario has no groups")
            )
            message = _("the base scenario has no group '{id}'").format(id=gid)
            problems.append(source.problem(where, message, hint))
    return problems
