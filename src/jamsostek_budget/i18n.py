"""Languages: every message, label and help text goes through `_()` and a gettext catalogue.

The source strings are English; `locale/id/LC_MESSAGES/jbudget.po` holds their Indonesian
translations (compiled to `jbudget.mo`, which is what the program reads). The language is chosen
once per process: `--lang id|en`, else the environment's locale (LANGUAGE, LC_ALL, LC_MESSAGES,
LANG, in gettext's order), else Indonesian.

Strings defined at import time (tables of labels) are marked with `N_()` and translated where they
are shown, so they follow a language chosen after the import.

Updating the catalogue: `python scripts/i18n_catalogue.py` re-extracts the strings and
recompiles the `.mo` files (see CONTRIBUTING in the README).
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Literal, TypeVar, get_args

Language = Literal["id", "en"]
Text = TypeVar("Text", str, list[str])
LANGUAGES: tuple[Language, ...] = get_args(Language)
DEFAULT_LANGUAGE: Language = "id"
DOMAIN = "jbudget"
LOCALE_DIR = Path(__file__).parent / "locale"
ENVIRONMENT_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_state: dict[str, gettext.NullTranslations | Language] = {}


def language_from_environment(environ: Mapping[str, str] | None = None) -> Language:
    """The first locale variable that is set decides; an unsupported language means Indonesian.

    LANGUAGE may list several languages ("de:en"); the first supported one wins.
    """
    environ = os.environ if environ is None else environ
    for variable in ENVIRONMENT_VARIABLES:
        value = environ.get(variable, "")
        if not value:
            continue
        for entry in value.split(":") if variable == "LANGUAGE" else [value]:
            code = entry.split(".")[0].split("@")[0].split("_")[0].lower()
            if code in LANGUAGES:
                return code
        if variable != "LANGUAGE":
            return DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def language_from_arguments(arguments: Sequence[str]) -> Language | None:
    """`--lang xx` or `--lang=xx` anywhere before `--`, read before the command line is parsed so
    help texts are built in the right language. An unknown value is left for the parser to
    refuse."""
    for index, argument in enumerate(arguments):
        if argument == "--":
            break
        value = None
        if argument == "--lang" and index + 1 < len(arguments):
            value = arguments[index + 1]
        elif argument.startswith("--lang="):
            value = argument.removeprefix("--lang=")
        if value in LANGUAGES:
            return value
    return None


def set_language(language: Language) -> None:
    _state["language"] = language
    _state["translations"] = gettext.translation(
        DOMAIN, localedir=LOCALE_DIR, languages=[language], fallback=True
    )


def current_language() -> Language:
    if "language" not in _state:
        set_language(language_from_environment())
    return _state["language"]  # type: ignore[return-value]  # set_language stores a Language


def _translations() -> gettext.NullTranslations:
    if "translations" not in _state:
        set_language(language_from_environment())
    return _state["translations"]  # type: ignore[return-value]  # set_language stores these


def _(message: str) -> str:
    """The message in the current language."""
    return _translations().gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return _translations().ngettext(singular, plural, count)


def grouped(number: int | float | object) -> str:
    """A whole number with its thousands grouped as the current language writes them, for
    messages below the renderers (which format with babel): 1.048.576 in Indonesian,
    1,048,576 in English."""
    text = f"{number:,}"
    if current_language() == "id":
        return text.translate(str.maketrans(",.", ".,"))
    return text


def in_language(english: Text, indonesian: Text | None) -> Text:
    """A data file's own text (a rate's label, a scenario's sources) in the current language: its
    Indonesian version under Indonesian where the file gives one (`label_id`), else the English."""
    if indonesian is not None and current_language() == "id":
        return indonesian
    return english


def N_(message: str) -> str:  # noqa: N802  # the name gettext tools look for
    """Mark a string for the catalogue without translating it yet (translate it where shown)."""
    return message


def use_for_libraries(language: Language) -> None:
    """Let click and typer, which call the stdlib `gettext.gettext`, find their own strings
    (Usage, Options, Error...) in jbudget's catalogue, in the chosen language. Only the `jbudget`
    command does this, before it imports typer; a program importing jamsostek_budget keeps its
    own gettext domain."""
    os.environ["LANGUAGE"] = language
    gettext.bindtextdomain(DOMAIN, LOCALE_DIR)
    gettext.textdomain(DOMAIN)
