"""Writing results to files: atomically, and never over an existing file unless asked."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from jamsostek_budget.errors import OutputError


def write_new_file(path: Path, text: str, *, force: bool = False) -> None:
    """Write `text` to `path` via a temporary file and a rename, so a reader never sees half a
    file and a failed write leaves the old file intact."""
    if path.exists() and not force:
        raise OutputError(f"{path} already exists; pass --force to overwrite it")
    if path.is_dir():
        raise OutputError(f"{path} is a folder; give a file name")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"folder {folder} does not exist")
    handle, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as temp:
            temp.write(text)
        os.replace(temp_name, path)
    except OSError as exc:
        Path(temp_name).unlink(missing_ok=True)
        raise OutputError(f"cannot write {path}: {exc.strerror}") from exc
