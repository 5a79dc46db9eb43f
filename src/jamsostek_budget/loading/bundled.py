"""Where the bundled rate tables and example scenarios are: inside the installed package, or at
the top of the source checkout when running from an editable install."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from jamsostek_budget.errors import UsageError, echo, option
from jamsostek_budget.i18n import _

DataKind = Literal["rates", "examples"]


def data_dir(kind: DataKind) -> Path:
    packaged = Path(__file__).parent.parent / "data" / kind
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[3] / kind
    if checkout.is_dir():
        return checkout
    raise UsageError(
        _("the bundled {folder}/ folder is missing from this installation").format(folder=kind),
        _("reinstall jbudget (pip install --force-reinstall jamsostek-budget)"),
    )


def city_files() -> dict[str, Path]:
    """Bundled scenario files by city slug (file name without .yaml)."""
    paths = data_dir("examples").glob("*.yaml")
    return {path.stem: path for path in sorted(paths, key=lambda path: path.stem)}


def city_file(slug: str) -> Path:
    files = city_files()
    if slug in files:
        return files[slug]
    raise UsageError(
        _("no bundled scenario named {slug}").format(slug=echo(slug)),
        _(
            "choose one of: {cities} (see `jbudget cities`), or pass {option} PATH for your "
            "own file"
        ).format(cities=", ".join(files), option=option("scenario")),
    )
