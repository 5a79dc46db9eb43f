"""Rules for a scenario file as a whole, beyond what the models check: every group pays JKK and
JKM, and the groups together cover no more people than live in Indonesia.

The models accept any program list (the engine can cost one program alone, as its tests do); a
scenario file, which a Pemda budgets from, may not. They read the raw file data, so they run
whether or not the models accept the rest of the file.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jamsostek_budget.i18n import _, grouped
from jamsostek_budget.model.bounds import PEOPLE
from jamsostek_budget.model.scenario_rules import Found, is_program

# Every participant pays at least JKK and JKM: for BPU, Permenaker 5/2021 Pasal 32 makes them the
# minimum (JHT optional); for non-ASN staff paid from the regional budget, SE Mendagri
# 842.2/5193/SJ tells the Pemda to enrol them in JKK and JKM. A group without one of them is a
# slip of the pen, or a budget that leaves people uninsured.
REQUIRED_PROGRAMS = ("jkk", "jkm")


def file_rules(data: Mapping[str, Any]) -> Found:
    """Rules for a scenario file as a whole, beyond what the models check."""
    return required_program_rules(data) + _total_people_rules(data)


def _total_people_rules(data: Mapping[str, Any]) -> Found:
    groups = data.get("groups")
    counts = [
        g.get("headcount")
        for g in (groups if isinstance(groups, list) else [])
        if isinstance(g, Mapping)
    ]
    # a group past the bound on its own is reported at its headcount, not again here
    total = sum(c for c in counts if type(c) is int and 0 < c <= PEOPLE.limit)
    if total <= PEOPLE.limit:
        return []
    message = _("the groups together count {total} people, more than {limit} ({reason})")
    shown = message.format(
        total=grouped(total), limit=grouped(PEOPLE.limit), reason=_(PEOPLE.reason)
    )
    return [(("groups",), shown, _(PEOPLE.hint))]


def required_program_rules(data: Mapping[str, Any]) -> Found:
    """Each group of a scenario file pays JKK and JKM."""
    groups = data.get("groups")
    found: Found = []
    for index, group in enumerate(groups if isinstance(groups, list) else []):
        programs = group.get("programs") if isinstance(group, Mapping) else None
        if not isinstance(programs, list) or not all(is_program(p) for p in programs):
            continue  # a misspelt program is reported as such, with "did you mean"
        missing = [p for p in REQUIRED_PROGRAMS if p not in programs]
        if missing:
            found.append(
                (
                    ("groups", index, "programs"),
                    _("a group must pay at least JKK and JKM; missing: {programs}").format(
                        programs=", ".join(missing)
                    ),
                    _(
                        "add {programs}: BPU participants pay at least JKK and JKM (Permenaker "
                        "5/2021), and so do non-ASN staff paid by the Pemda (SE Mendagri "
                        "842.2/5193/SJ)"
                    ).format(programs=", ".join(missing)),
                )
            )
    return found
