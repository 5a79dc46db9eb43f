"""The format-neutral report: titled sections of text cells, drawn by the table and Markdown
renderers alike."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Section:
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    footer: tuple[str, ...] | None = None
    right: frozenset[int] = frozenset()  # indexes of right-aligned (numeric) columns


@dataclass(frozen=True)
class Report:
    title: str
    summary: tuple[str, ...]
    sections: tuple[Section, ...]
    notes: tuple[str, ...] = field(default=())
