"""Keep the translation catalogue in step with the code.

    python scripts/i18n_catalogue.py update   # re-extract, merge into id.po, compile .mo
    python scripts/i18n_catalogue.py check    # exit 1 if anything is untranslated or stale

Strings are extracted with babel from every `_()`, `N_()` and `ngettext()` call in the package,
plus the click and typer strings jbudget's help and usage errors show (LIBRARY_MESSAGES). The
test suite runs `check`, so a new message without its Indonesian translation fails CI.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

from jamsostek_budget.i18n import DOMAIN, LOCALE_DIR

PACKAGE_DIR = LOCALE_DIR.parent  # the runtime package; this tool is not part of it
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
TRANSLATED = ("id",)
# Indonesian has one plural form (GNU gettext: nplurals=1; plural=0); babel's table falls back to
# two for "id", so the catalogue states it.
PLURAL_FORMS = {"id": (1, "0")}

# typer's own strings that reach jbudget's users (help panels, usage errors), looked up through
# the stdlib gettext. The click that typer vendors writes "Usage:" and its usage errors in English
# only, without gettext, so those cannot be translated here.
LIBRARY_MESSAGES = (
    "(deprecated) ",
    "(dynamic)",
    "Aborted!",
    "Aborted.",
    "Arguments",
    "Commands",
    "Error",
    "Missing command.",
    "No such command {name!r}.",
    "Options",
    "Try [blue]'{command_path} {help_option}'[/] for help.",
    "[default: {}]",
    "[env var: {}]",
    "[required]",
    "default: {default}",
    "env var: {var}",
    "required",
)


def _source_messages() -> Iterator[tuple[str, str | tuple[str, ...], str]]:
    for filename, lineno, message, _comments, _context in extract_from_dir(
        PACKAGE_DIR, method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        yield f"{filename}:{lineno}", message, ""


def template() -> Catalog:
    catalog = Catalog(project="jbudget", domain=DOMAIN)
    for where, message, _ in _source_messages():
        catalog.add(message, locations=[(where.rsplit(":", 1)[0], int(where.rsplit(":", 1)[1]))])
    for message in LIBRARY_MESSAGES:
        catalog.add(message, auto_comments=["typer"])
    return catalog


def _po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def _read(language: str) -> Catalog:
    path = _po_path(language)
    if not path.exists():
        catalog = Catalog(locale=language, domain=DOMAIN, project="jbudget")
        _set_plural_forms(catalog, language)
        return catalog
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language, domain=DOMAIN)
    _set_plural_forms(catalog, language)
    return catalog


def _set_plural_forms(catalog: Catalog, language: str) -> None:
    if language in PLURAL_FORMS:
        count, expression = PLURAL_FORMS[language]
        # babel keeps the plural rule in these attributes; it offers no setter
        catalog._num_plurals = count  # type: ignore[assignment]
        catalog._plural_expr = expression  # type: ignore[assignment]


def compiled(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def update() -> None:
    pot = template()
    for language in TRANSLATED:
        catalog = _read(language)
        catalog.update(pot, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        path = _po_path(language)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            write_po(handle, catalog, width=100, omit_header=False, sort_output=True)
        path.with_suffix(".mo").write_bytes(compiled(_read(language)))


def problems() -> list[str]:
    """Every message without a translation, every fuzzy one, and every stale .mo file."""
    found = []
    wanted = {message.id for message in template() if message.id}
    for language in TRANSLATED:
        catalog = _read(language)
        for message_id in sorted(wanted, key=str):
            message = catalog.get(message_id)
            if message is None:
                found.append(f"{language}: not in the catalogue: {message_id!r}")
            elif message.fuzzy or not _translated(message.string):
                found.append(f"{language}: untranslated or fuzzy: {message_id!r}")
        mo_path = _po_path(language).with_suffix(".mo")
        if not mo_path.exists() or _messages(mo_path.read_bytes()) != _messages(compiled(catalog)):
            found.append(f"{language}: {mo_path.name} is not compiled from the current .po")
    return found


def _messages(mo: bytes) -> tuple[str, dict[object, object]]:
    """What a compiled catalogue says: its plural rule and every translation, read back.

    Two compilations of one .po by different babel releases differ in their header bytes
    ("Generated-By: Babel 2.19.0"), so the .mo is compared by content, not byte for byte.
    """
    catalog = read_mo(io.BytesIO(mo))
    return catalog.plural_forms, {
        _hashable(message.id): _hashable(message.string) for message in catalog if message.id
    }


def _hashable(text: object) -> object:
    """A plural message's id and forms come back as lists."""
    return tuple(text) if isinstance(text, (list, tuple)) else text


def _translated(string: object) -> bool:
    forms = string if isinstance(string, (tuple, list)) else (string,)
    return all(isinstance(form, str) and form for form in forms)


def main(arguments: list[str]) -> int:
    if arguments == ["update"]:
        update()
        return 0
    if arguments == ["check"]:
        found = problems()
        print("\n".join(found) or "catalogue complete")
        return 1 if found else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
