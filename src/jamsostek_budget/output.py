"""Writing results to files: atomically, and never over an existing file unless asked."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from jamsostek_budget.errors import OutputError
from jamsostek_budget.i18n import _


def write_new_file(path: Path, text: str, *, force: bool = False) -> None:
    """Write `text` to `path` via a temporary file and a rename, so a reader never sees half a
    file and a failed write leaves the old file intact."""
    write_new_bytes(path, text.encode("utf-8"), force=force)


def write_new_bytes(path: Path, data: bytes, *, force: bool = False) -> None:
    """Like write_new_file, for binary formats (an Excel workbook)."""
    if path.exists() and not force:
        raise OutputError(
            _("{file} already exists; pass --force to overwrite it").format(file=path)
        )
    if path.is_dir():
        raise OutputError(_("{file} is a folder; give a file name").format(file=path))
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(_("folder {folder} does not exist").format(folder=folder))
    handle, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
        os.chmod(temp_name, _permissions_for_new_files())  # mkstemp makes it private (0600)
        os.replace(temp_name, path)
    except OSError as exc:
        Path(temp_name).unlink(missing_ok=True)
        raise OutputError(
            _("cannot write {file}: {reason}").format(file=path, reason=exc.strerror)
        ) from exc


def _permissions_for_new_files() -> int:
    """What a plain open() would give: 0666 less the process's umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
