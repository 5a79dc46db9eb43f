"""Strict YAML reading: a file becomes plain data plus a map of where every value was written.

PyYAML alone silently keeps the last of two duplicate keys, expands aliases without limit, reads
`0100` as 64 and forgets line numbers once data is built. Here a first pass over the parser's
events refuses aliases and deep nesting (libyaml parses iteratively, so this is safe on any
input); then the document is composed into nodes and walked by `yamltree`, which refuses
duplicate keys, merge keys and ambiguous numbers and records every value's position.
"""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import yaml

from jamsostek_budget.errors import DataError, Problem
from jamsostek_budget.i18n import N_, _, grouped
from jamsostek_budget.loading.filenames import display_name
from jamsostek_budget.loading.oserrors import reason_and_hint
from jamsostek_budget.loading.yamltree import build_tree
from jamsostek_budget.model.sourcemap import DataPath, SourceMap, format_path

MAX_FILE_BYTES = 1_048_576
MAX_DEPTH = 32

# libyaml's C parser when PyYAML was built with it, else the pure-Python one.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def special_file(path: Path) -> str | None:
    """What `path` is when it is not a regular file: a folder, a device, a pipe; else None."""
    mode = path.stat().st_mode
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return _("a folder")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("a device")
    if stat.S_ISFIFO(mode):
        return _("a named pipe (FIFO)")
    return _("not a regular file")


def read_yaml(path: Path, display: str | None = None) -> tuple[Any, SourceMap]:
    """Read and parse one YAML file strictly; raise DataError listing every problem."""
    name = display or display_name(path)
    try:
        special = special_file(path)  # a pipe would wait for ever, /dev/zero never end
        if special:
            message = _("is {what}, not a file to read").format(what=special)
            hint = _("give rate or scenario files, or folders of them")
            raise DataError([_whole_file(name, message, hint)])
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DataError(
                [
                    _whole_file(
                        name,
                        _("file is {size} bytes; the limit is {limit}").format(
                            size=grouped(size), limit=grouped(MAX_FILE_BYTES)
                        ),
                        _("rate and scenario files are small: is this the right file?"),
                    )
                ]
            )
        raw = path.read_bytes()
    except OSError as exc:
        reason, hint = reason_and_hint(exc)
        message = _("cannot read file: {reason}").format(reason=reason)
        raise DataError([_whole_file(name, message, hint)]) from exc
    return parse_yaml(raw, name)


def parse_yaml(raw: bytes, name: str) -> tuple[Any, SourceMap]:
    text = _decode(raw, name)
    try:
        _check_events(text, name)
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise DataError([_syntax_problem(exc, name)]) from exc
    except yaml.reader.ReaderError as exc:
        raise DataError([_reader_problem(exc, text, name)]) from exc
    except yaml.YAMLError as exc:
        message = _("YAML syntax error: {details}").format(details=_("this is not valid YAML"))
        raise DataError([_whole_file(name, message)]) from exc
    if node is None:
        hint = _("a rate or scenario file is a YAML mapping; see examples/metro.yaml")
        raise DataError([_whole_file(name, _("file is empty"), hint)])
    source = SourceMap(name)
    data, problems = build_tree(node, source)
    if problems:
        raise DataError(problems)
    return data, source


def _check_events(text: str, name: str) -> None:
    """Refuse aliases (at their own line) and nesting deeper than MAX_DEPTH.

    Composing nodes recurses, so it runs only once the depth is known to be sane; an alias bomb
    is refused here without ever being expanded.
    """
    problems: list[Problem] = []
    paths = _EventPaths()
    for event in yaml.parse(text, Loader=_Loader):
        path = paths.feed(event)
        if isinstance(event, yaml.AliasEvent):
            problems.append(_alias_problem(name, event, path))
        elif isinstance(event, yaml.CollectionStartEvent) and paths.depth > MAX_DEPTH:
            message = _("nested deeper than {depth} levels").format(depth=MAX_DEPTH)
            hint = _("rate and scenario files are a few levels deep: is this the right file?")
            problems.append(_at(name, event.start_mark, message, hint, path))
            break
    if problems:
        raise DataError(problems)


class _EventPaths:
    """Follows parser events to know the data path of each node (as `SourceMap` writes it)."""

    def __init__(self) -> None:
        self.frames: list[list[Any]] = []  # [position (key or index), awaiting a key?]
        self.last_key: Any = None

    @property
    def depth(self) -> int:
        return len(self.frames)

    def feed(self, event: Any) -> DataPath:
        if isinstance(event, yaml.CollectionEndEvent):
            self.frames.pop()
            self._value_done()
            return self._path()
        if not isinstance(event, yaml.NodeEvent):
            return ()
        top = self.frames[-1] if self.frames else None
        if top is not None and top[1] and isinstance(event, yaml.ScalarEvent):
            top[0], top[1] = event.value, False  # a mapping key
            self.last_key = event
            return self._path()
        path = self._path()
        if isinstance(event, yaml.MappingStartEvent):
            self.frames.append([None, True])
        elif isinstance(event, yaml.SequenceStartEvent):
            self.frames.append([0, False])
        else:
            self._value_done()
        return path

    def _path(self) -> DataPath:
        """Where the parser is. In a mapping waiting for its next key, a node that is not a
        plain scalar (an alias or a collection used as a key) is at the mapping itself, not
        under the previous key."""
        return tuple(frame[0] for frame in self.frames if not frame[1] and frame[0] is not None)

    def _value_done(self) -> None:
        if self.frames:
            top = self.frames[-1]
            if top[1] is False and isinstance(top[0], int):
                top[0] += 1
            else:
                top[1] = True


def _alias_problem(name: str, alias: Any, path: DataPath) -> Problem:
    if path and path[-1] == "<<":
        return _at(
            name,
            alias.start_mark,
            _("YAML merge keys (<<) are not allowed"),
            _("write the keys out in full"),
            path,
        )
    return _at(
        name,
        alias.start_mark,
        _("YAML aliases (*{anchor}) are not allowed in jbudget files").format(anchor=alias.anchor),
        _("write the value out in full"),
        path,
    )


def _at(name: str, mark: Any, message: str, hint: str = "", path: DataPath = ()) -> Problem:
    return Problem(name, mark.line + 1, mark.column + 1, format_path(path), message, hint)


def _decode(raw: bytes, name: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        message = _("byte {byte} is not valid UTF-8").format(byte=f"0x{raw[exc.start]:02x}")
        hint = _("save the file as UTF-8")
        problem = Problem(name, line, column, "(document)", message, hint)
        raise DataError([problem]) from exc


def _reader_problem(exc: yaml.reader.ReaderError, text: str, name: str) -> Problem:
    """A character YAML does not allow (a NUL or another control character)."""
    before = text[: exc.position]
    line = before.count("\n") + 1
    column = exc.position - (before.rfind("\n") + 1) + 1
    message = _("character {character} is not allowed in YAML").format(
        character=f"#x{exc.character:04x}"
    )
    hint = _("remove the control character (text pasted from a PDF or a spreadsheet may carry one)")
    return Problem(name, line, column, "(document)", message, hint)


def _whole_file(name: str, message: str, hint: str = "") -> Problem:
    return Problem(name, 1, 1, "(document)", message, hint)


# What the YAML parser found, by a phrase of its report, in jbudget's words: the parser's own
# English never reaches the user. A report matching none of them gets the generic message.
SYNTAX_MESSAGES = (
    (
        "mapping values are not allowed",
        N_(
            "a colon where YAML does not expect one: a value containing ': ' needs quotes, "
            "and a key must line up with the keys above it"
        ),
    ),
    ("quoted scalar", N_("a quote is opened but never closed")),
    ("expected ',' or ']'", N_("a list in [brackets] is not closed, or lacks a comma")),
    ("expected ',' or '}'", N_("a mapping in {braces} is not closed, or lacks a comma")),
    ("unknown escape character", N_("an unknown backslash escape inside double quotes")),
    ("expected '-' indicator", N_("a line that is not a list item where a list item belongs")),
    (
        "cannot start any token",
        N_("a character that cannot start a value (a tab for indentation, or @ or `)"),
    ),
    ("expected key", N_("a line that does not line up with the keys above it")),
    ("another document", N_("more than one YAML document (---) in the file")),
)


def _syntax_problem(exc: yaml.MarkedYAMLError, name: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark and exc.context and "quoted scalar" in exc.context:
        mark = exc.context_mark  # an unclosed quote: point where it opens, not at the file's end
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    found = f"{exc.context} {exc.problem}"
    what = next(
        (_(words) for phrase, words in SYNTAX_MESSAGES if phrase in found),
        _("this is not valid YAML"),
    )
    if "maximum nesting depth" in found:  # libyaml's own limit, met before MAX_DEPTH is checked
        what = _("nested deeper than {depth} levels").format(depth=MAX_DEPTH)
    message = _("YAML syntax error: {details}").format(details=what)
    hint = _("check indentation, colons and quotes on this line and the one before")
    return Problem(name, line, column, "(document)", message, hint)
