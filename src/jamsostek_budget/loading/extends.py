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

from jamsostek_budget.errors import DataError, JbudgetError, Problem, UsageError, clip, echo
from jamsostek_budget.i18n import N_, _, grouped
from jamsostek_budget.loading import bundled
from jamsostek_budget.loading.filenames import display_name
from jamsostek_budget.loading.files import kind_of_data
from jamsostek_budget.loading.oserrors import reason_and_hint
from jamsostek_budget.loading.problems import problems_from
from jamsostek_budget.loading.yamlsource import MAX_FILE_BYTES, parse_yaml, special_file
from jamsostek_budget.model.sourcemap import DataPath, SourceMap, format_path
from jamsostek_budget.model.variant import APPENDED_FIELDS, ScenarioVariant

Data = dict[str, Any]
MAX_CHAIN = 50  # files in a chain of extends: far more than any real chain of variants


def resolve_extends(
    data: Data, source: SourceMap, path: Path, chain: tuple[Path, ...] = ()
) -> tuple[Data, SourceMap]:
    if "extends" not in data:
        return data, source
    _check_variant(data, source)
    chain = (*chain, path.resolve())
    if len(chain) > MAX_CHAIN:  # deeper would exhaust Python's recursion before any cycle shows
        raise DataError(
            [
                source.problem(
                    ("extends",),
                    _("the chain of extends is more than {limit} files long").format(
                        limit=MAX_CHAIN
                    ),
                    _("let a variant extend its base scenario directly, not through a long chain"),
                )
            ]
        )
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
    base, base_source = read_base(base_path, str(data["extends"]), source)
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
    try:
        exists = target.exists()
    except OSError as exc:  # a name too long, a folder that cannot be searched
        raise DataError([source.problem(("extends",), *_unreadable(reference, exc))]) from None
    if not exists:
        raise DataError(
            [
                source.problem(
                    ("extends",),
                    _("{reference} does not exist (looked for {path})").format(
                        reference=echo(reference), path=clip(str(target))
                    ),
                    _("give a bundled city slug or a path relative to this file"),
                )
            ]
        )
    return target


def _unreadable(reference: str, error: OSError) -> tuple[str, str]:
    reason, hint = reason_and_hint(error)
    message = _("{reference} cannot be read: {reason}").format(
        reference=echo(reference), reason=reason
    )
    return message, hint


def base_files(path: Path) -> list[Path]:
    """The files a scenario builds on through `extends:`, nearest first, as far as they can be
    read (an output of the run must not overwrite one); their problems are loading's to report."""
    found: list[Path] = []
    current = path
    while len(found) < MAX_CHAIN:
        try:
            if not current.is_file() or current.stat().st_size > MAX_FILE_BYTES:
                break
            data, source = parse_yaml(current.read_bytes(), display_name(current))
            reference = data.get("extends") if isinstance(data, dict) else None
            if not isinstance(reference, str):
                break
            current = _base_path(reference, current, source)
        except (JbudgetError, OSError):
            break
        if current in found:
            break
        found.append(current)
    return found


def read_base(path: Path, reference: str, source: SourceMap) -> tuple[Data, SourceMap]:
    """The scenario `extends` names, or one problem at the `extends` line saying what the target
    is instead. The target's own lines are never quoted: it may be any file on the machine."""
    what, found = _inspect(path)
    if found is not None:
        return found
    message = _("{reference} {what}; extends needs a scenario file").format(
        reference=echo(reference), what=what
    )
    hint = _("give a bundled city slug (metro) or the path of a scenario, relative to this file")
    raise DataError([source.problem(("extends",), message, hint)])


def _inspect(path: Path) -> tuple[str, tuple[Data, SourceMap] | None]:
    try:
        what = _not_a_scenario_file(path)
        if what:
            return what, None
        base, base_source = parse_yaml(path.read_bytes(), display_name(path))
    except OSError as exc:
        return _("cannot be read ({reason})").format(reason=reason_and_hint(exc)[0]), None
    except DataError as exc:
        line = min(problem.line for problem in exc.problems)
        return _("is not a valid YAML file (its first problem is on line {line})").format(
            line=line
        ), None
    if not isinstance(base, dict):
        return _("holds a list or a single value, not a mapping of keys"), None
    what = _not_a_scenario(base)
    return what, None if what else (base, base_source)


def _not_a_scenario(data: Data) -> str:
    kind = kind_of_data(data)
    if kind == "rates":
        return _("is a rate file")
    if kind is None:
        return _("has none of a scenario's keys (city, fiscal_year, groups)")
    return ""


def _not_a_scenario_file(path: Path) -> str | None:
    """What the file is, before its content is read, when it cannot be a scenario."""
    special = special_file(path)
    if special:
        return _("is {what}").format(what=special)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return _("is {size} bytes, far larger than a scenario").format(size=grouped(size))
    raw = path.read_bytes()
    if b"\0" in raw:
        return _("is a binary file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return _("is a binary file (not UTF-8 text)")
    if all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        return _("is empty")
    return None


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
