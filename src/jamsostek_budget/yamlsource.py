"""Strict YAML reading: a file becomes plain data plus a map of where every value was written.

PyYAML alone silently keeps the last of two duplicate keys, expands aliases without limit and
forgets line numbers once data is built. Here the document is composed into nodes (cheap, aliases
stay shared), then walked by hand: duplicate keys, aliases, merge keys and non-string keys are
refused, and every value's position is recorded so later checks can name file, line and column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from jamsostek_budget.errors import DataError, Problem

MAX_FILE_BYTES = 1_048_576
DataPath = tuple[str | int, ...]

# libyaml's C parser when PyYAML was built with it, else the pure-Python one.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Mark:
    line: int
    column: int


@dataclass
class SourceMap:
    """Where each value (and each mapping key) of one file was written; 1-based positions."""

    file: str
    values: dict[DataPath, Mark] = field(default_factory=dict)
    keys: dict[DataPath, Mark] = field(default_factory=dict)

    def locate(self, path: DataPath, *, key: bool = False) -> Mark:
        """The position of `path`, or of its nearest written ancestor."""
        for cut in range(len(path), -1, -1):
            prefix = path[:cut]
            if key and cut == len(path) and prefix in self.keys:
                return self.keys[prefix]
            if prefix in self.values:
                return self.values[prefix]
        return Mark(1, 1)

    def problem(
        self, path: DataPath, message: str, hint: str = "", *, key: bool = False
    ) -> Problem:
        mark = self.locate(path, key=key)
        return Problem(self.file, mark.line, mark.column, format_path(path), message, hint)


def format_path(path: DataPath) -> str:
    """('groups', 2, 'headcount') -> 'groups[2].headcount'."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "(document)"


def read_yaml(path: Path, display: str | None = None) -> tuple[Any, SourceMap]:
    """Read and parse one YAML file strictly; raise DataError listing every problem."""
    name = display or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DataError(
                [
                    _whole_file(
                        name,
                        f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}",
                        "rate and scenario files are small: is this the right file?",
                    )
                ]
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError([_whole_file(name, f"cannot read file: {exc.strerror}")]) from exc
    return parse_yaml(raw, name)


def parse_yaml(raw: bytes, name: str) -> tuple[Any, SourceMap]:
    text = _decode(raw, name)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise DataError([_syntax_problem(exc, name)]) from exc
    except yaml.YAMLError as exc:
        raise DataError([_whole_file(name, f"not valid YAML: {exc}")]) from exc
    if node is None:
        raise DataError(
            [
                _whole_file(
                    name,
                    "file is empty",
                    "a rate or scenario file is a YAML mapping; see examples/metro.yaml",
                )
            ]
        )
    builder = _Builder(SourceMap(name))
    data = builder.build(node, ())
    if builder.problems:
        raise DataError(builder.problems)
    return data, builder.source


def _decode(raw: bytes, name: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise DataError(
            [
                Problem(
                    name,
                    line,
                    column,
                    "(document)",
                    f"byte 0x{raw[exc.start]:02x} is not valid UTF-8",
                    "save the file as UTF-8",
                )
            ]
        ) from exc


def _whole_file(name: str, message: str, hint: str = "") -> Problem:
    return Problem(name, 1, 1, "(document)", message, hint)


def _syntax_problem(exc: yaml.MarkedYAMLError, name: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = " ".join(part for part in (exc.context, exc.problem) if part)
    return Problem(
        name,
        line,
        column,
        "(document)",
        f"YAML syntax error: {what}",
        "check indentation, colons and quotes on this line and the one before",
    )


class _Builder:
    """Turns a composed node tree into dicts, lists and scalars, recording positions."""

    def __init__(self, source: SourceMap) -> None:
        self.source = source
        self.problems: list[Problem] = []
        self._seen: set[int] = set()
        self._scalars = yaml.constructor.SafeConstructor()

    def build(self, node: yaml.Node, path: DataPath) -> Any:
        self.source.values[path] = Mark(node.start_mark.line + 1, node.start_mark.column + 1)
        if id(node) in self._seen:
            self._fail(
                path,
                "YAML aliases (*name) are not allowed in jbudget files",
                "write the value out in full",
            )
            return None
        self._seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _scalar(self, node: yaml.Node, path: DataPath) -> Any:
        try:
            return self._scalars.construct_object(node)
        except yaml.YAMLError as exc:
            self._fail(
                path,
                f"cannot read this value: {getattr(exc, 'problem', exc)}",
                "write a plain number, text, date (YYYY-MM-DD) or list",
            )
            return None

    def _mapping(self, node: yaml.MappingNode, path: DataPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = self._key(key_node, path)
            if key is None:
                continue
            where = (*path, key)
            mark = Mark(key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in result:
                first = self.source.keys[where]
                self._fail(
                    where,
                    f"duplicate key '{key}' (first written on line {first.line})",
                    "remove one of the two; YAML would silently keep only the last",
                    at=mark,
                )
                continue
            self.source.keys[where] = mark
            result[key] = self.build(value_node, where)
        return result

    def _key(self, key_node: yaml.Node, path: DataPath) -> str | None:
        at = Mark(key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        if key_node.tag == "tag:yaml.org,2002:merge":
            self._fail(
                path, "YAML merge keys (<<) are not allowed", "write the keys out in full", at=at
            )
            return None
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
            self._fail(
                path,
                f"keys must be plain words, got {_describe(key_node)}",
                "quote the key or rename it",
                at=at,
            )
            return None
        return str(key_node.value)

    def _fail(self, path: DataPath, message: str, hint: str, at: Mark | None = None) -> None:
        mark = at or self.source.locate(path)
        self.problems.append(
            Problem(self.source.file, mark.line, mark.column, format_path(path), message, hint)
        )


def _describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.ScalarNode):
        return f"'{node.value}'"
    return "a list" if isinstance(node, yaml.SequenceNode) else "a mapping"
