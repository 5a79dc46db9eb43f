"""The files a command reads: those its command line names, the files their `extends:` builds
on, and the bundled scenarios and rates. No output may overwrite one."""

from __future__ import annotations

from pathlib import Path

OUTPUT_PARAMETERS = frozenset({"output", "rejects", "per_person", "details"})


def run_inputs() -> list[Path]:
    """The files the running command reads, as named on its command line (and the files of a
    --rates folder): an output must never be one of them."""
    from typer._click.globals import get_current_context

    context = get_current_context(silent=True)
    found: list[Path] = []
    for name, value in (context.params if context is not None else {}).items():
        if name in OUTPUT_PARAMETERS:
            continue
        for item in value if isinstance(value, list | tuple) else [value]:
            if isinstance(item, str) and name == "scenarios":  # compare: FILE or FILE@YEAR
                found += [Path(item), Path(item.rpartition("@")[0] or item)]
            elif isinstance(item, Path):
                found += [item, *_files_in(item)]
    return [*found, *_bases(found), *_bundled_files()]


def _bases(named: list[Path]) -> list[Path]:
    """The files the scenarios named build on (`extends:`)."""
    from jamsostek_budget.loading.extends import base_files

    return [base for path in named if path.suffix in {".yaml", ".yml"} for base in base_files(path)]


def _bundled_files() -> list[Path]:
    """The bundled scenarios (--city, compare's city slugs, `extends: metro`) and rate tables
    (read unless --rates names another folder): never an output, whatever the command."""
    from jamsostek_budget.errors import UsageError
    from jamsostek_budget.loading.bundled import data_dir

    try:
        return [*_files_in(data_dir("examples")), *_files_in(data_dir("rates"))]
    except UsageError:  # an installation without them: nothing to protect
        return []


def _files_in(folder: Path) -> list[Path]:
    try:
        return [path for path in folder.iterdir() if path.is_file()] if folder.is_dir() else []
    except OSError:
        return []
