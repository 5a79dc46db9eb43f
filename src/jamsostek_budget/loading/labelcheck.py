"""`validate`: every label of a rate file has its Bahasa Indonesia version (`label_id`).

A label without one still loads (a rate file written before `label_id` keeps working, and a label
in English is no wrong figure), but an Indonesian report would show it in English: a warning,
which `validate --strict` turns into a failure. The bundled files carry every one."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from jamsostek_budget.errors import Problem
from jamsostek_budget.i18n import _
from jamsostek_budget.model.rates import RatesFile
from jamsostek_budget.model.sourcemap import DataPath, SourceMap


def labelled(rates: RatesFile) -> Iterator[tuple[DataPath, str, str | None]]:
    """Each label of the file with its path, its English text and its Indonesian one."""
    for i, parameter in enumerate(rates.parameters):
        yield ("parameters", i), parameter.label, parameter.label_id
    for i, table in enumerate(rates.band_tables):
        yield ("band_tables", i), table.label, table.label_id
    for i, relief in enumerate(rates.reliefs):
        yield ("reliefs", i), relief.label, relief.label_id


def missing_translations(rates: RatesFile, source: SourceMap) -> list[Problem]:
    problems = []
    for path, label, label_id in labelled(rates):
        if label_id is None:
            problem = source.problem(
                (*path, "label"),
                _("label '{label}' has no label_id: Indonesian reports show it in English").format(
                    label=label
                ),
                _("add label_id: the same label in Bahasa Indonesia"),
            )
            problems.append(replace(problem, severity="warning"))
    return problems
