"""Positions in a data file: where each value and key was written, so a problem found long
after parsing can still name its file, line and column."""

from __future__ import annotations

from dataclasses import dataclass, field

from jamsostek_budget.errors import Problem, clip

DataPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Mark:
    line: int
    column: int
    file: str | None = None  # set when a merged map holds positions from several files


@dataclass
class SourceMap:
    """Where each value (and each mapping key) of one file was written; 1-based positions."""

    file: str
    values: dict[DataPath, Mark] = field(default_factory=dict)
    keys: dict[DataPath, Mark] = field(default_factory=dict)
    notes: list[Problem] = field(default_factory=list)  # what loading read and echoes back

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
        file = mark.file or self.file
        return Problem(file, mark.line, mark.column, format_path(path), message, hint)

    def graft(self, other: SourceMap, from_prefix: DataPath, to_prefix: DataPath) -> None:
        """Copy the positions below `from_prefix` in `other` to below `to_prefix` here."""
        size = len(from_prefix)
        for mine, theirs in ((self.values, other.values), (self.keys, other.keys)):
            for path, mark in theirs.items():
                if path[:size] == from_prefix:
                    mine[to_prefix + path[size:]] = Mark(
                        mark.line, mark.column, mark.file or other.file
                    )


def format_path(path: DataPath) -> str:
    """('groups', 2, 'headcount') -> 'groups[2].headcount'; a pasted page as a key is cut."""
    text = ""
    for part in path:
        key = clip(str(part))
        text += f"[{part}]" if isinstance(part, int) else (f".{key}" if text else key)
    return text or "(document)"
