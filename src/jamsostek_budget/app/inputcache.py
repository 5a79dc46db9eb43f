"""A cache of checked inputs, so that the next run on the same files starts faster.

`checked_scenario` reads the scenario (and every file it extends) and every rate file, parses the
YAML, validates it with pydantic (whose validators are built on their first use: see
model.fields) and checks it. Its result for the same inputs is the same, so the jbudget program
keeps it in the user's cache folder (`$XDG_CACHE_HOME/jbudget`, else `~/.cache/jbudget`) and the
next run with the same inputs loads it instead: invisible to the user, and never a source of a
wrong result. An entry is used only when

- its key is the same: the jbudget version and the size and modification time of each of its
  modules and message catalogues (a development checkout changes its code without changing its
  version; two checkouts share one cache folder), the Python and pydantic that pickled it, the
  language (the warnings are in it), the working folder (file names in messages are relative to
  it), today's date (the checks of dates to come depend on it), the inputs of the checks (the
  scenario's path, the year, the rates folder, the JP cap growth) and the list of files in the
  rates folder; and
- every file the result was built from (the scenario, each file it extends, every rate file)
  still has the same content, byte for byte (SHA-256), checked on every use.

An entry that cannot be read or loaded (cut short, written by another Python, not an entry) is
ignored and written again; a result that cannot be stored is simply not stored. Entries are
written to a temporary file, then renamed into place, so that a reader never sees half of one.
Only the jbudget program turns the cache on (`enable`, in cli.main): a program embedding the
library and the tests get no cache unless they ask, and `validate`, which checks every file
anew, never uses it. Only problems-free results (warnings aside) are stored: a run whose inputs
have errors reads them every time.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pydantic
import pydantic_core

from jamsostek_budget import __version__

__all__ = ["cache_folder", "cached", "enable", "enabled_folder"]

T = TypeVar("T")
FORMAT = 1  # bumped when an entry's layout changes
_folder: list[Path] = []  # where entries are kept, when the cache is on


@dataclass(frozen=True)
class Entry:
    """What is stored: the result and the content of every file it was built from."""

    format: int
    key: tuple[str, ...]
    files: tuple[tuple[str, str], ...]  # (absolute path, SHA-256 of its bytes)
    value: object


def cache_folder() -> Path:
    """The user's cache folder for jbudget (the XDG base directory rule)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "jbudget" / "inputs"


def enable(folder: Path | None = None) -> None:
    """Turn the cache on for this process, in `folder` (the user's cache folder by default)."""
    _folder[:] = [folder or cache_folder()]


def enabled_folder() -> Path | None:
    return _folder[0] if _folder else None


def cached(key: Sequence[str], compute: Callable[[], T], files: Callable[[], Sequence[Path]]) -> T:
    """`compute()`, or its result of an earlier run with the same `key` while every one of
    `files()` (asked after computing) has the same content as then."""
    folder = enabled_folder()
    if folder is None:
        return compute()
    full_key = (__version__, str(FORMAT), _code_fingerprint(), *_libraries(), *key)
    path = folder / (hashlib.sha256("\0".join(full_key).encode()).hexdigest() + ".pickle")
    found = _load(path, full_key)
    if found is not None:
        return found  # type: ignore[return-value]  # stored by this function for this key
    value = compute()
    with contextlib.suppress(OSError, pickle.PicklingError, TypeError, AttributeError):
        read = tuple((str(file.absolute()), _digest(file)) for file in files())
        _store(path, Entry(FORMAT, full_key, read, value))
    return value


def _load(path: Path, key: tuple[str, ...]) -> object | None:
    """The value of the entry at `path`, if it is one for `key` whose files are unchanged."""
    try:
        entry = pickle.loads(path.read_bytes())
    except FileNotFoundError:
        return None
    except Exception:  # a broken entry of any kind is ignored (and written again)
        return None
    if not isinstance(entry, Entry) or entry.format != FORMAT or entry.key != key:
        return None
    try:
        unchanged = all(_digest(Path(file)) == digest for file, digest in entry.files)
    except OSError:
        return None
    return entry.value if unchanged else None


def _store(path: Path, entry: Entry) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".entry-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _code_fingerprint() -> str:
    """Where jbudget's own code is, and each module's and catalogue's size and time."""
    package = Path(__file__).resolve().parent.parent
    found = [str(package)]
    for folder, _folders, names in sorted(os.walk(package)):
        for name in sorted(names):
            if name.endswith((".py", ".mo")):
                status = os.stat(os.path.join(folder, name))
                found.append(f"{folder}/{name}:{status.st_size}:{status.st_mtime_ns}")
    return hashlib.sha256("\n".join(found).encode()).hexdigest()


def _libraries() -> tuple[str, ...]:
    """The Python and the pydantic that pickled an entry's models: another one may lay them out
    differently, so an entry is only for the same ones."""
    return sys.version, pydantic.VERSION, pydantic_core.__version__


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
