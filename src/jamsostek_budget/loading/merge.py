"""Merge a variant into the scenario it extends: groups added, removed and changed by id, other
fields overridden, with a merged source map so that every value still points at the line it
came from (the base file's for an inherited group, the variant's for a changed field)."""

from __future__ import annotations

import difflib
from typing import Any

from jamsostek_budget.errors import DataError, Problem
from jamsostek_budget.i18n import N_, _
from jamsostek_budget.model.sourcemap import DataPath, SourceMap, format_path
from jamsostek_budget.model.variant import APPENDED_FIELDS, TRANSLATED_FIELDS

Data = dict[str, Any]


REPEATED = {
    "remove": N_("group '{id}' is removed twice (first at {first})"),
    "change": N_("group '{id}' is changed twice (first at {first})"),
}
REPEATED_HINTS = {"remove": N_("list it once"), "change": N_("put all its changes in one entry")}
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
        if key in TRANSLATED_FIELDS:
            return self._translation(key, TRANSLATED_FIELDS[key])
        if key not in self.variant:
            self.merged.graft(self.base_source, (key,), (key,))
            return self.base[key]
        self.merged.graft(self.source, (key,), (key,))
        new = self.variant[key]
        if key in APPENDED_FIELDS and key in self.base:
            return self.base[key] + new if key == "sources" else f"{self.base[key]}\n{new}"
        return new

    def _translation(self, key: str, english: str) -> Any:
        """`sources_id` or `assumptions_id`: the base's and the variant's, each side's English
        text where it has none, so that the merged sources_id still has one entry per source."""
        base = self.base.get(key, self.base.get(english))
        side = key if key in self.variant else english
        if side not in self.variant:
            self.merged.graft(self.base_source, (key if key in self.base else english,), (key,))
            return base
        self.merged.graft(self.source, (side,), (key,))
        new = self.variant[side]
        if base is None:
            return new
        return base + new if isinstance(new, list) else f"{base}\n{new}"

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
        problems = _unknown_ids(ids, self.variant, self.source)
        kept = {str(group.get("id")) for group in base_groups if group.get("id") not in removed}
        return groups, problems + _conflicts(self.variant, self.source, kept)

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


def _conflicts(variant: Data, source: SourceMap, kept: set[str]) -> list[Problem]:
    """A group removed twice, changed twice, both removed and changed, or added while the base
    keeps one with its id: which the variant means cannot be guessed, so each is refused, naming
    both places."""
    problems = [
        source.problem(
            ("add_groups", j, "id"),
            _("group '{id}' is already in the base scenario").format(id=g["id"]),
            _("use change_groups to change it, or give the new group its own id"),
        )
        for j, g in enumerate(variant.get("add_groups") or [])
        if str(g.get("id")) in kept
    ]
    first: dict[tuple[str, str], DataPath] = {}
    for where, action, gid in _targets(variant):
        earlier, removed = first.get((action, gid)), first.get(("remove", gid))
        if earlier is not None:
            message = _(REPEATED[action]).format(id=gid, first=_place(source, earlier))
            problems.append(source.problem(where, message, _(REPEATED_HINTS[action])))
        elif action == "change" and removed is not None:
            message = _("group '{id}' is both removed (at {removed}) and changed here").format(
                id=gid, removed=_place(source, removed)
            )
            problems.append(
                source.problem(where, message, _("remove the group or change it, not both"))
            )
        first.setdefault((action, gid), where)
    return problems


def _targets(variant: Data) -> list[tuple[DataPath, str, str]]:
    """Every group id the variant removes or changes, with where and how."""
    removes = variant.get("remove_groups") or []
    changes = variant.get("change_groups") or []
    return [(("remove_groups", i), "remove", str(gid)) for i, gid in enumerate(removes)] + [
        (("change_groups", j, "id"), "change", str(change["id"]))
        for j, change in enumerate(changes)
    ]


def _place(source: SourceMap, path: DataPath) -> str:
    return _("{field}, line {line}").format(field=format_path(path), line=source.locate(path).line)
