"""click's and typer's own words (usage line, help option, value types, usage errors) in the
language of the run.

typer 0.29 vendors its click, which writes these texts in English without gettext ("Usage: ",
"Show this message and exit.", "No such option: --x", `<bool>`); only typer's panel titles and a
few messages go through the stdlib gettext, which `i18n.use_for_libraries` routes to jbudget's
catalogue. The rest is translated here, where typer lets a program step in: the app's command and
group classes (`Command`, `Group`, given to typer by cli.app) put the usage prefix, the usage
metavars ([OPTIONS], COMMAND [ARGS]...) and the help option's text through `_()`, name each
value type in the catalogue's words, and reword a usage error from its English form
(`translated`), whose patterns keep the English text as it was.
"""

from __future__ import annotations

import re
from typing import Any

import typer
from typer._click.core import Command as Command_
from typer._click.core import Context
from typer._click.exceptions import NoArgsIsHelpError, UsageError
from typer._click.formatting import HelpFormatter
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from jamsostek_budget.i18n import N_, _

__all__ = ["App", "Command", "Group", "translated"]

# typer's usage metavars ([OPTIONS], <text>) and type labels; the English text is the msgid, so
# English is unchanged.
OPTIONS_METAVAR = N_("[OPTIONS]")
SUBCOMMAND_METAVAR = N_("COMMAND [ARGS]...")
HELP_TEXT = N_("Show this message and exit.")
TYPE_LABELS = {
    "<str>": N_("<str>"),
    "<int>": N_("<int>"),
    "<float>": N_("<float>"),
    "<file>": N_("<file>"),
    "<dir>": N_("<dir>"),
    "<path>": N_("<path>"),
    "<list[str]>": N_("<list[str]>"),
    "<list[Path]>": N_("<list[Path]>"),
}

# Usage errors as click and typer word them, each with its message in the catalogue. A field
# named `message` holds another message, translated in turn ("Invalid value for X: ...").
ERROR_PATTERNS: tuple[tuple[str, str], ...] = (
    (
        r"No such option: (?P<name>\S+) \(Possible options: (?P<options>.+)\)",
        N_("No such option: {name} (Possible options: {options})"),
    ),
    (r"No such option: (?P<name>\S+)", N_("No such option: {name}")),
    (r"Missing argument (?P<name>.+)\.", N_("Missing argument {name}.")),
    (r"Missing option (?P<name>.+)\.", N_("Missing option {name}.")),
    (r"Missing parameter (?P<name>.+)\.", N_("Missing parameter {name}.")),
    (
        r"Invalid value for (?P<name>.+?): (?P<message>.+)",
        N_("Invalid value for {name}: {message}"),
    ),
    (r"Invalid value: (?P<message>.+)", N_("Invalid value: {message}")),
    (r"Option (?P<name>'.+') requires an argument\.", N_("Option {name} requires an argument.")),
    (
        r"Option (?P<name>'.+') requires (?P<count>\d+) arguments\.",
        N_("Option {name} requires {count} arguments."),
    ),
    (r"Option (?P<name>'.+') does not take a value\.", N_("Option {name} does not take a value.")),
    (
        r"Argument (?P<name>'.+') takes (?P<count>\d+) values\.",
        N_("Argument {name} takes {count} values."),
    ),
    (
        r"Got unexpected extra argument\(s\) \((?P<arguments>.+)\)",
        N_("Got unexpected extra argument(s) ({arguments})"),
    ),
    (r"file (?P<name>'.+') is a directory\.", N_("file {name} is a directory.")),
    (r"dir (?P<name>'.+') is a file\.", N_("dir {name} is a file.")),
    (r"(?P<kind>file|dir|path) (?P<name>'.+') does not exist\.", N_("{name} does not exist.")),
    (r"(?P<kind>file|dir|path) (?P<name>'.+') is not readable\.", N_("{name} is not readable.")),
    (r"(?P<kind>file|dir|path) (?P<name>'.+') is not writable\.", N_("{name} is not writable.")),
    (
        r"(?P<message>.+)\. Did you mean (?P<suggestions>.+)\?",
        N_("{message}. Did you mean {suggestions}?"),
    ),
)
_COMPILED = tuple((re.compile(pattern, re.DOTALL), message) for pattern, message in ERROR_PATTERNS)


def translated(message: str) -> str:
    """A usage error's English text in the current language; a text no pattern knows (jbudget's
    own, already translated) is returned as it is."""
    for pattern, template in _COMPILED:
        found = pattern.fullmatch(message)
        if found is not None:
            fields = found.groupdict()
            if "message" in fields:
                fields["message"] = translated(fields["message"])
            return _(template).format(**fields)
    return message


def type_label(label: str | None) -> str | None:
    return _(TYPE_LABELS[label]) if label in TYPE_LABELS else label


class _Option(TyperOption):
    """A flag takes no value, so it shows no type (typer shows `<bool>`); a value's type is named
    in the catalogue's words."""

    def display_type_rich(self, ctx: Any) -> str | None:
        if self.is_flag and self.metavar is None:
            return None
        return type_label(super().display_type_rich(ctx))


class _Argument(TyperArgument):
    def display_type_rich(self, ctx: Any) -> str | None:
        return type_label(super().display_type_rich(ctx))


def _localize_parameters(command: Command_) -> None:
    """typer builds the parameters itself, with no setting for their class: each becomes the
    subclass above, which only changes how its type is shown (no state of its own)."""
    for parameter in command.params:
        if type(parameter) is TyperOption:
            parameter.__class__ = _Option
        elif type(parameter) is TyperArgument:
            parameter.__class__ = _Argument


def _reworded(error: UsageError, ctx: Context) -> UsageError:
    """The error with its message in the current language and its command's context, so the
    usage line and the help hint are shown (click's parser raises some without it); exit
    status 2 as before."""
    if isinstance(error, NoArgsIsHelpError):  # the help itself, not an error
        return error
    return UsageError(translated(error.format_message()), error.ctx or ctx)


class _Localized(Command_):
    """What a jbudget command and the `jbudget` group share: the usage prefix and [OPTIONS],
    the help option and the usage errors in the user's language."""

    def _localize(self) -> None:
        if self.options_metavar == OPTIONS_METAVAR:
            self.options_metavar = _(OPTIONS_METAVAR)
        _localize_parameters(self)

    def format_usage(self, ctx: Context, formatter: HelpFormatter) -> None:
        pieces = " ".join(self.collect_usage_pieces(ctx))
        formatter.write_usage(ctx.command_path, pieces, prefix=_("Usage: "))

    def get_help_option(self, ctx: Context) -> TyperOption | None:
        option = super().get_help_option(ctx)
        if option is not None and type(option) is TyperOption:
            option.help = _(HELP_TEXT)
            option.__class__ = _Option
        return option

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except UsageError as error:
            raise _reworded(error, ctx) from error


class Command(_Localized, TyperCommand):
    """A jbudget command."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._localize()


class Group(_Localized, TyperGroup):
    """The `jbudget` group: also its COMMAND metavar and the refusal of an unknown command."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._localize()
        if self.subcommand_metavar == SUBCOMMAND_METAVAR:
            self.subcommand_metavar = _(SUBCOMMAND_METAVAR)

    def resolve_command(
        self, ctx: Context, args: list[str]
    ) -> tuple[str | None, Command_ | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except UsageError as error:
            raise _reworded(error, ctx) from error


class App(typer.Typer):
    """The typer app whose group and commands are the classes above."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cls=Group, **kwargs)

    def command(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("cls", Command)
        return super().command(*args, **kwargs)
