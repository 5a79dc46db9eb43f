"""A short free-text file (the obstacles of a quarterly report): read as UTF-8, or the reason
it cannot be, with the file named."""

from __future__ import annotations

from pathlib import Path

from jamsostek_budget.errors import DataError, Problem
from jamsostek_budget.i18n import _
from jamsostek_budget.loading.filenames import display_name
from jamsostek_budget.loading.oserrors import reason_and_hint

MAX_TEXT_BYTES = 100_000


def read_text(path: Path) -> str:
    """The file's text, its lines' trailing spaces and the blank lines around it removed."""
    name = display_name(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        reason, hint = reason_and_hint(exc)
        message = _("cannot read file: {reason}").format(reason=reason)
        raise DataError([Problem(name, 1, 1, "", message, hint)]) from exc
    if len(raw) > MAX_TEXT_BYTES:
        message = _("file is {size} bytes; the limit is {limit}").format(
            size=len(raw), limit=MAX_TEXT_BYTES
        )
        raise DataError([Problem(name, 1, 1, "", message, _("write the obstacles in short"))])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problem = Problem(name, line, 1, "", _("not valid UTF-8"), _("save the file as UTF-8"))
        raise DataError([problem]) from exc
    return "\n".join(line.rstrip() for line in text.strip().splitlines())
