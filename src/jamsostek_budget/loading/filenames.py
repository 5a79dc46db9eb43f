"""How a file's path is shown in messages."""

from __future__ import annotations

from pathlib import Path


def display_name(path: Path) -> str:
    """A path as the user would write it: relative to the working directory when inside it."""
    try:
        return str(path.absolute().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
