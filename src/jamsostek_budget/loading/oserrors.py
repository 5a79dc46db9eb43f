"""What the operating system refused, in jbudget's own words.

An OSError carries the C library's English text (`strerror`); a user of the Indonesian
interface reads that as noise. The common errors a finance office meets (no such folder, no
permission, a full disk, a name too long, a read-only share) are said here in the interface's
language with a hint; any other error falls back to the system's own text.
"""

from __future__ import annotations

import errno
from collections.abc import Callable
from pathlib import Path

from jamsostek_budget.errors import option
from jamsostek_budget.i18n import _
from jamsostek_budget.loading.filenames import display_name


def _reasons() -> dict[int, Callable[[], tuple[str, str]]]:
    """errno -> (reason, hint), translated when asked for (the language is chosen at run time)."""
    return {
        errno.ENOENT: lambda: (
            _("it does not exist"),
            _("check the spelling of the path and that its folders exist"),
        ),
        errno.ENOTDIR: lambda: (
            _("a part of the path is a file, not a folder"),
            _("check the path: every part before the file name must be a folder"),
        ),
        errno.EISDIR: lambda: (_("it is a folder, not a file"), _("give a file name")),
        errno.EEXIST: lambda: (
            _("it already exists (written by another program meanwhile?)"),
            _("pass {option} to overwrite it").format(option=option("force")),
        ),
        errno.EACCES: lambda: (
            _("permission denied"),
            _("check the permissions, or choose a folder you can use"),
        ),
        errno.EPERM: lambda: (
            _("the system does not allow it"),
            _("check the permissions, or choose a folder you can use"),
        ),
        errno.EROFS: lambda: (
            _("the file system is read-only"),
            _("write to a folder on a writable disk"),
        ),
        errno.ENOSPC: lambda: (
            _("the disk is full"),
            _("free some space, or write to another disk"),
        ),
        errno.EDQUOT: lambda: (
            _("the disk quota is used up"),
            _("free some space, or write to another disk"),
        ),
        errno.EFBIG: lambda: (_("the file is too large for the disk"), _("write to another disk")),
        errno.ENAMETOOLONG: lambda: (
            _("the name is too long for the file system"),
            _("use a shorter file name or folder path"),
        ),
        errno.ELOOP: lambda: (
            _("the path has a loop of symbolic links"),
            _("check where the links point"),
        ),
        errno.EBADF: lambda: (_("it is closed"), _("run jbudget with the output open")),
        errno.EIO: lambda: (
            _("the disk or network share failed to read or write"),
            _("check the disk or the connection, then try again"),
        ),
        errno.EBUSY: lambda: (_("it is in use"), _("close the program using it and try again")),
        errno.ETXTBSY: lambda: (
            _("it is in use"),
            _("close the program using it and try again"),
        ),
        errno.EMFILE: lambda: (_("too many files are open"), _("close other programs")),
        errno.ENFILE: lambda: (_("too many files are open"), _("close other programs")),
        errno.ENXIO: lambda: (_("the device is not there"), _("check the path")),
        errno.ENODEV: lambda: (_("the device is not there"), _("check the path")),
        errno.EINVAL: lambda: (
            _("the file system refused the name or the operation"),
            _("choose another file name or folder"),
        ),
    }


def reason_and_hint(error: OSError) -> tuple[str, str]:
    """The error in the interface's language (the system's own words for a rare one)."""
    known = _reasons().get(error.errno or 0)
    if known is not None:
        return known()
    return error.strerror or str(error), ""


def file_of(error: OSError, path: Path | str | None = None) -> str:
    """The path the error is about, as the user would write it: `path` when given (the error's
    own may be a temporary file's), else the error's."""
    name = path if path is not None else error.filename
    if name is None:
        return _("standard output")
    return display_name(Path(name)) if isinstance(name, str | Path) else str(name)


def cannot_write(error: OSError, path: Path | str | None = None) -> tuple[str, str]:
    """'cannot write FILE: reason' and its hint."""
    reason, hint = reason_and_hint(error)
    if error.errno == errno.ENOENT:  # the folder exists (checked first) but takes no new file
        reason = _("the folder does not accept new files")
        hint = _("write to another folder")
    message = _("cannot write {file}: {reason}").format(file=file_of(error, path), reason=reason)
    return message, hint


def cannot_use(error: OSError) -> tuple[str, str]:
    """For an error whose direction is not known: 'cannot use FILE: reason' (standard output,
    which names no file, is written)."""
    if error.filename is None:
        return cannot_write(error)
    reason, hint = reason_and_hint(error)
    message = _("cannot use {file}: {reason}").format(file=file_of(error), reason=reason)
    return message, hint
