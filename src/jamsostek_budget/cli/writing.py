"""Writing results to files: complete or not at all, never over an existing file unless asked,
never over a device, a pipe, a folder or an input of the same run.

A result is written to a temporary file beside its target, then hard-linked into place: the
link fails if the target appeared meanwhile, so of two runs writing the same new file exactly
one succeeds and the other is refused (a rename would silently replace the first one's file).
Where the file system has no hard links, the target is created exclusively (O_EXCL) and written
in place. `--force` replaces a regular file by a rename and keeps its permissions.

Every output of a run is checked (`check_outputs`) before the first one is written, so a run
refused for one output writes none. A temporary file or a target being written is recorded
until it is complete, so that Ctrl-C can remove it (`discard_unfinished`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from jamsostek_budget.errors import OutputError
from jamsostek_budget.i18n import _
from jamsostek_budget.loading.filenames import display_name
from jamsostek_budget.loading.oserrors import cannot_write

CHUNK = 1 << 20  # written a mebibyte at a time, so Ctrl-C is seen during a long write
NO_HARD_LINKS = frozenset(
    {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EMLINK, errno.ENOSYS, errno.EXDEV}
)
TEMP_NAME_PART = 40  # of the target's name in the temporary file's: a long name still fits

# Files being written, removed by discard_unfinished on Ctrl-C (see cli.exit); while one is
# being created and recorded, Ctrl-C waits (_recording), so none can escape the record.
_unfinished: set[str] = set()
_recording_now: list[bool] = []
_waiting: list[Callable[[], None]] = []


@dataclass(frozen=True)
class Target:
    path: Path  # where the bytes go (a symbolic link's target)
    mode: int | None  # the permissions of the file replaced, or None for a new file


def write_new_file(
    path: Path, text: str, *, force: bool = False, inputs: Collection[Path] = ()
) -> None:
    """Write `text` to `path` (see the module docstring)."""
    write_new_bytes(path, text.encode("utf-8"), force=force, inputs=inputs)


def write_new_bytes(
    path: Path, data: bytes, *, force: bool = False, inputs: Collection[Path] = ()
) -> None:
    """Like write_new_file, for binary formats (an Excel workbook)."""
    target = check_output(path, force=force, inputs=inputs)
    try:
        if target.mode is None:
            _create(target.path, data)
        else:
            _replace(target, data)
    except OSError as error:
        raise OutputError(*cannot_write(error, path)) from error


def check_outputs(
    paths: Sequence[Path],
    *,
    force: bool,
    inputs: Collection[Path] = (),
    replaceable: Collection[Path] = (),
) -> None:
    """Refuse, before anything is written, any output that could not be written, and two
    outputs of one run that are the same file. A `replaceable` path (a default file an earlier
    run wrote) may be replaced without --force."""
    seen: dict[str, Path] = {}
    for path in paths:
        target = check_output(path, force=force or path in replaceable, inputs=inputs)
        key = os.path.normcase(os.path.realpath(target.path))
        if key in seen:
            message = _("{file} is given for two outputs of this run").format(
                file=display_name(path)
            )
            raise OutputError(message, _("give each output its own file name"))
        seen[key] = path


def check_output(path: Path, *, force: bool, inputs: Collection[Path] = ()) -> Target:
    """Where `path` can be written, or an OutputError saying why not."""
    try:
        return _checked(path, force, inputs)
    except OSError as error:
        raise OutputError(*cannot_write(error, path)) from error


def _checked(path: Path, force: bool, inputs: Collection[Path]) -> Target:
    name = display_name(path)
    try:
        found = os.stat(path)
    except FileNotFoundError:
        _check_folder(path)
        if path.is_symlink():  # a link to nowhere: writing would create its target
            raise OutputError(*_not_regular(name)) from None
        return Target(path, None)
    if stat.S_ISDIR(found.st_mode):
        raise OutputError(_("{file} is a folder").format(file=name), _("give a file name"))
    if not stat.S_ISREG(found.st_mode):
        raise OutputError(*_not_regular(name))
    for source in inputs:
        if _same_file(found, source):
            message = _("{file} is an input of this run; jbudget never writes over its inputs")
            raise OutputError(message.format(file=name), _("choose another output file"))
    if not force:
        message = _("{file} already exists").format(file=name)
        raise OutputError(message, _("pass --force to overwrite it, or choose another name"))
    return Target(Path(os.path.realpath(path)), stat.S_IMODE(found.st_mode))


def _not_regular(name: str) -> tuple[str, str]:
    message = _("{file} is not a regular file (a device, a pipe or a link to one)")
    return message.format(file=name), _("jbudget writes only regular files; choose a file name")


def _check_folder(path: Path) -> None:
    folder = path.parent
    if not folder.is_dir():
        shown = display_name(folder)
        reason = _("it is not a folder") if folder.exists() else _("it does not exist")
        message = _("cannot write {file}: folder {folder}: {reason}").format(
            file=display_name(path), folder=shown, reason=reason
        )
        raise OutputError(message, _("create the folder first, or choose another one"))


def _same_file(found: os.stat_result, source: Path) -> bool:
    try:
        other = os.stat(source)
    except (OSError, ValueError):
        return False
    return (found.st_dev, found.st_ino) == (other.st_dev, other.st_ino)


def _create(path: Path, data: bytes) -> None:
    with _temporary(path.parent, path.name) as temp:
        _write_all(temp, data, _permissions_for_new_files())
        try:
            os.link(temp, path)
        except OSError as error:
            if error.errno not in NO_HARD_LINKS:
                raise
            _create_in_place(path, data)


def _create_in_place(path: Path, data: bytes) -> None:
    """Exclusive creation where hard links are not available: O_EXCL fails if the file exists."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    with _recording():
        handle = os.open(path, flags, 0o666)
        _unfinished.add(str(path))
    try:
        with os.fdopen(handle, "wb") as file:
            _chunks(file.write, data)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    finally:
        _unfinished.discard(str(path))


def _replace(target: Target, data: bytes) -> None:
    with _temporary(target.path.parent, target.path.name) as temp:
        _write_all(temp, data, target.mode if target.mode is not None else 0o644)
        os.replace(temp, target.path)


@contextlib.contextmanager
def _temporary(folder: Path, name: str) -> Iterator[str]:
    """A new, empty temporary file in `folder`, removed whatever happens."""
    with _recording():
        handle, temp = tempfile.mkstemp(
            dir=folder, prefix=f".{name[:TEMP_NAME_PART]}.", suffix=".tmp"
        )
        _unfinished.add(temp)
    os.close(handle)
    try:
        yield temp
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        _unfinished.discard(temp)


def _write_all(temp: str, data: bytes, mode: int) -> None:
    with open(temp, "wb") as file:
        _chunks(file.write, data)
    os.chmod(temp, mode)  # mkstemp makes it private (0600)


def _chunks(write: Callable[[memoryview], object], data: bytes) -> None:
    view = memoryview(data)
    for start in range(0, len(view), CHUNK):
        write(view[start : start + CHUNK])


@contextlib.contextmanager
def _recording() -> Iterator[None]:
    """Hold Ctrl-C (see wait_for_record) while a file is created and recorded."""
    _recording_now.append(True)
    try:
        yield
    finally:
        _recording_now.pop()
        if _waiting and not _recording_now:
            _waiting.pop()()


def wait_for_record(interrupt: Callable[[], None]) -> bool:
    """For the Ctrl-C handler: True, and `interrupt` is called once the file being created is
    recorded (so that it can be removed), or False when no file is being created."""
    if _recording_now:
        _waiting.append(interrupt)
        return True
    return False


def discard_unfinished() -> None:
    """Remove every file being written (Ctrl-C: no partial file is ever left)."""
    for name in list(_unfinished):
        with contextlib.suppress(OSError):
            os.unlink(name)
    _unfinished.clear()


def _permissions_for_new_files() -> int:
    """What a plain open() would give: 0666 less the process's umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
