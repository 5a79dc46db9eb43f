"""Header cells that look like a roster column but do not name one ('Penghasilan per Bulan',
'Tanggal Mulai', 'Gaji Pokok') when the roster has no column for that field: their values would
be ignored and every row would take its group's default, a budget silently wrong. Such a header
is refused, with the names that are read (`lookalike_problems`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from jamsostek_budget.errors import Problem, clip
from jamsostek_budget.i18n import _

if TYPE_CHECKING:
    from jamsostek_budget.roster.headers import TableColumns

__all__ = ["LOOKALIKES", "lookalike_problems"]

# field -> (the words of a header that look like it, the fields whose column makes it moot)
LOOKALIKES: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {
    "declared_income": (
        frozenset({"penghasilan", "pendapatan", "income"}),
        ("declared_income", "monthly_wage"),
    ),
    "monthly_wage": (
        frozenset({"upah", "gaji", "wage", "salary"}),
        ("declared_income", "monthly_wage"),
    ),
    "start_month": (frozenset({"mulai", "awal", "start"}), ("start_month",)),
    "end_month": (frozenset({"akhir", "selesai", "end"}), ("end_month",)),
}


def lookalike_problems(
    headers: Sequence[tuple[int, str, str]],
    columns: Mapping[str, str],
    table: TableColumns,
    where: tuple[str, int],
) -> list[Problem]:
    """A problem for each header (position, cell as written, its words joined by '_' as
    `headers.normalise` gives them) that looks like a field of the table's look-alikes
    (LOOKALIKES for a roster) the file has no column for; `where` is the file and the
    header's line."""
    problems = []
    for position, cell, words in headers:
        field = _looks_like(words.split("_"), columns, table.lookalikes)
        if field is not None:
            problems.append(_problem(where, (position, cell), field, table))
    return problems


def _looks_like(
    words: Sequence[str],
    columns: Mapping[str, str],
    lookalikes: Mapping[str, tuple[frozenset[str], tuple[str, ...]]],
) -> str | None:
    for field, (looks, moot) in lookalikes.items():
        if looks.intersection(words) and not any(name in columns for name in moot):
            return field
    return None


def _problem(
    where: tuple[str, int], cell: tuple[int, str], field: str, table: TableColumns
) -> Problem:
    position, header = cell
    aliases = table.aliases[field]
    if table.defaults:
        message = _(
            "column '{header}' looks like {field} but is not read as it: its values would be "
            "ignored, and every row would take its group's {field}"
        )
    else:
        message = _(
            "column '{header}' looks like {field} but is not read as it: its values would be "
            "ignored"
        )
    message = message.format(header=clip(header), field=field)
    hint = _(
        "rename it to {field} (also accepted: {names}); if it holds something else, rename it "
        "so that it does not look like {field}"
    ).format(field=field, names=", ".join(aliases))
    return Problem(where[0], where[1], position, field, message, hint)
