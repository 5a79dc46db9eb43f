"""Positions in a data file: where each value and key was written, so a problem found long
after parsing can still name its file, line and column."""

from __future__ import annotations

from dataclasses import dataclass, field

from jamsostek_budget.errors import Problem

DataPath = tuple[str | int, ...]


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
