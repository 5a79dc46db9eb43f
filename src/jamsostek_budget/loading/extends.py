"""Resolve `extends`: a variant file and the chain of files it builds on become one plain scenario.

The merged data keeps a merged source map, so a problem in an inherited group still points at the
base file's line and a changed field at the variant's line. Cycles and unknown group ids are
reported at the line that causes them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from jamsostek_budget.errors import DataError, JbudgetError, UsageError, clip, echo
from jamsostek_budget.i18n import _, grouped
from jamsostek_budget.loading import bundled
from jamsostek_budget.loading.filenames import display_name
from jamsostek_budget.loading.files import kind_of_data
from jamsostek_budget.loading.merge import merge
from jamsostek_budget.loading.oserrors import reason_and_hint
from jamsostek_budget.loading.problems import problems_from
from jamsostek_budget.loading.yamlsource import MAX_FILE_BYTES, parse_yaml, special_file
from jamsostek_budget.model.sourcemap import SourceMap
from jamsostek_budget.model.variant import ScenarioVariant

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
