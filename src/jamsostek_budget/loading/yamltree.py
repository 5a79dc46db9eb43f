"""Walk a composed YAML node tree into dicts, lists and scalars, recording every position.

Refused on the way, each as a Problem at its own line: duplicate keys (PyYAML would silently keep
the last), merge keys, keys that are not plain words, impossible dates, infinite numbers, and
integers that YAML 1.1 reads in a way nobody means (`0100` as octal 64, `1:30` as 90, `0x10`),
and the YAML 1.1 booleans `yes`, `no`, `on` and `off`, which YAML 1.2 and every editor checking
the JSON Schema read as words (`y` and `n` are words to both: a bool field refuses them).
"""

from __future__ import annotations

import math
import re
from typing import Any

import yaml

from jamsostek_budget.errors import Problem, echo
from jamsostek_budget.i18n import _
from jamsostek_budget.model.sourcemap import DataPath, Mark, SourceMap, format_path

AMBIGUOUS_NUMBER = re.compile(r"^[-+]?(0[0-9_]+|0[xXoObB].*|[0-9][0-9_]*(:[0-5]?[0-9])+.*)$")
NUMBER_TAGS = frozenset({"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"})
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
BOOL_TAG = "tag:yaml.org,2002:bool"
YAML_12_BOOLEANS = frozenset({"true", "false"})
STRING_TAG = "tag:yaml.org,2002:str"
MERGE_TAG = "tag:yaml.org,2002:merge"
MAX_DIGITS = 40  # Rp1 trillion has 13 digits; Python refuses to read past 4,300


def build_tree(node: yaml.Node, source: SourceMap) -> tuple[Any, list[Problem]]:
    builder = _Builder(source)
    return builder.build(node, ()), builder.problems


def _mark(node: yaml.Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    def __init__(self, source: SourceMap) -> None:
        self.source = source
        self.problems: list[Problem] = []
        self._scalars = yaml.constructor.SafeConstructor()

    def build(self, node: yaml.Node, path: DataPath) -> Any:
        self.source.values[path] = _mark(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _scalar(self, node: yaml.Node, path: DataPath) -> Any:
        text = str(node.value)
        if node.tag in NUMBER_TAGS and AMBIGUOUS_NUMBER.match(text):
            self._fail(
                path,
                _(
                    "the number {number} is ambiguous: YAML 1.1 reads a leading zero as "
                    "octal, 0x as hexadecimal and a colon as base 60"
                ).format(number=text),
                _plain_hint(text),
            )
            return None
        if node.tag == BOOL_TAG and text.lower() not in YAML_12_BOOLEANS:
            self._fail(path, *_yaml_11_boolean(text))
            return None
        if node.tag in NUMBER_TAGS and len(text) > MAX_DIGITS:
            self._fail(
                path,
                _(
                    "a number of {count} characters is far longer than any figure in a budget"
                ).format(count=len(text)),
                _("write a plain number, like 1200"),
            )
            return None
        try:
            value = self._scalars.construct_object(node)
        except (yaml.YAMLError, ValueError, OverflowError):
            self._fail(path, *_unreadable(node, text))
            return None
        if isinstance(value, float) and not math.isfinite(value):
            self._fail(
                path,
                _("{number} is not a finite number").format(number=text),
                _("write a plain number"),
            )
            return None
        return value

    def _mapping(self, node: yaml.MappingNode, path: DataPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = self._key(key_node, path)
            if key is None:
                continue
            where = (*path, key)
            if key in result:
                first = self.source.keys[where]
                self._fail(
                    where,
                    _("duplicate key '{key}' (first written on line {line})").format(
                        key=key, line=first.line
                    ),
                    _("remove one of the two; YAML would silently keep only the last"),
                    at=_mark(key_node),
                )
                continue
            self.source.keys[where] = _mark(key_node)
            result[key] = self.build(value_node, where)
        return result

    def _key(self, key_node: yaml.Node, path: DataPath) -> str | None:
        if key_node.tag == MERGE_TAG:
            self._fail(
                path,
                _("YAML merge keys (<<) are not allowed"),
                _("write the keys out in full"),
                at=_mark(key_node),
            )
            return None
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != STRING_TAG:
            self._fail(
                path,
                _("keys must be plain words, got {value}").format(value=_describe(key_node)),
                _("quote the key or rename it"),
                at=_mark(key_node),
            )
            return None
        return str(key_node.value)

    def _fail(self, path: DataPath, message: str, hint: str, at: Mark | None = None) -> None:
        mark = at or self.source.locate(path)
        self.problems.append(
            Problem(self.source.file, mark.line, mark.column, format_path(path), message, hint)
        )


def _unreadable(node: yaml.Node, text: str) -> tuple[str, str]:
    """Message and hint for a scalar YAML cannot turn into a value, in jbudget's words."""
    if node.tag == TIMESTAMP_TAG:
        return (
            _("{value} is not a real date").format(value=echo(text)),
            _("check the day and the month: a date is YYYY-MM-DD"),
        )
    if node.tag.startswith("!"):
        return (
            _("the YAML tag {tag} is not used in jbudget files").format(tag=echo(node.tag)),
            _("remove the tag (the word starting with !) before the value"),
        )
    return (
        _("cannot read {value}").format(value=echo(text)),
        _("write a plain number, text, date (YYYY-MM-DD) or list"),
    )


def _yaml_11_boolean(text: str) -> tuple[str, str]:
    """Message and hint for `yes`, `no`, `on` or `off`: true or false to YAML 1.1 (PyYAML), a
    word to YAML 1.2, so a file would mean one thing to jbudget and another to an editor."""
    meaning = "true" if text.lower() in ("yes", "on") else "false"
    return (
        _(
            "{value} is ambiguous: YAML 1.1 reads it as {meaning}, YAML 1.2 and editors "
            "checking the JSON Schema as the word {value}"
        ).format(value=echo(text), meaning=meaning),
        _("write true or false (or put the word in quotes if you mean text)"),
    )


def _describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.ScalarNode):
        return echo(str(node.value))
    return _("a list") if isinstance(node, yaml.SequenceNode) else _("a mapping")


def _plain_hint(text: str) -> str:
    """With the number meant ('like 100' for '0100') when it can be guessed."""
    digits = text.lstrip("+")
    if digits.isdigit():
        return _("write the number in plain decimal digits, like {number}").format(
            number=digits.lstrip("0") or "0"
        )
    return _("write the number in plain decimal digits")
