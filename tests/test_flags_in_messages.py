"""Nothing below the CLI names a command-line flag: a message that says how to fix something on
the command line names the input (`errors.option`), and the CLI writes the flag there, so the
user reads the same words as before, in both languages and in validate's JSON."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

import jamsostek_budget
from jamsostek_budget.cli.flags import FLAGS, problem_with_flags, with_flags
from jamsostek_budget.errors import OPTION_MARK, Problem, echo, option
from tests.cli_runner import run

PACKAGE = Path(jamsostek_budget.__file__).parent
# Messages and report texts: everything below the CLI, the renderers too (the `cities` listing
# names --city through the flag the CLI gives it).
BELOW_CLI = sorted(path for path in PACKAGE.rglob("*.py") if "cli" not in path.parts)
MESSAGE_CALLS = {"_", "N_", "ngettext"}
FLAG = re.compile(r"(?<![\w-])--[a-z]")
NOT_OURS = ("pip install --force-reinstall",)  # pip's flag, in a hint to reinstall


def _calls(path: Path, names: set[str]) -> list[ast.Call]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in names
    ]


def _texts(call: ast.Call) -> list[str]:
    return [
        arg.value
        for arg in call.args
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
    ]


def test_no_message_below_the_cli_names_a_flag() -> None:
    found = [
        f"{path.relative_to(PACKAGE)}: {text!r}"
        for path in BELOW_CLI
        for call in _calls(path, MESSAGE_CALLS)
        for text in _texts(call)
        if FLAG.search(text) and not any(allowed in text for allowed in NOT_OURS)
    ]
    assert found == []


def test_every_option_named_below_the_cli_has_its_flag() -> None:
    named = {
        text for path in BELOW_CLI for call in _calls(path, {"option"}) for text in _texts(call)
    }
    assert named == set(FLAGS)


def test_the_cli_writes_the_flag_in_the_field_message_and_hint() -> None:
    problem = Problem(
        "kota.yaml",
        4,
        1,
        option("year"),
        f"no rates for {option('years')}",
        f"pass {option('rates_dir')} DIR",
    )
    shown = problem_with_flags(problem)
    assert (shown.field, shown.message, shown.hint) == (
        "--year",
        "no rates for --years",
        "pass --rates DIR",
    )
    assert with_flags("no option here") == "no option here"


def test_user_text_cannot_pass_for_an_option() -> None:
    """A value quoted back (echo) shows a NUL as \\x00, so the CLI never reads it as an option."""
    quoted = echo(option("rates_dir"))
    assert OPTION_MARK not in quoted
    assert with_flags(quoted) == quoted


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            "error: give exactly one of --city or --scenario\n"
            "  hint: for example: jbudget estimate --city metro\n",
        ),
        (
            "id",
            "galat: berikan tepat satu dari --city atau --scenario\n"
            "  saran: contoh: jbudget estimate --city metro\n",
        ),
    ],
)
def test_a_usage_error_shows_the_flags(lang: str, expected: str) -> None:
    result = run("estimate", "--lang", lang)
    assert result.exit_code == 2
    assert result.stderr == expected


def test_validate_json_shows_the_flag(tmp_path: Path) -> None:
    """A scenario past the last announced JP cap: the hint names --jp-cap-growth in JSON too."""
    path = tmp_path / "staff.yaml"
    path.write_text(
        "city: x\nname: X\nprovince: P\nfiscal_year: 2027\ngroups:\n"
        "  - {id: staff, label: Staff, segment: pu, headcount: 2, monthly_wage: 12000000,\n"
        "     risk_class: low, programs: [jkk, jkm, jp]}\n",
        encoding="utf-8",
    )
    result = run("validate", str(path), "-f", "json", "--lang", "en")
    hints = [problem["hint"] for problem in json.loads(result.stdout)]
    assert any(hint.startswith("set the growth with --jp-cap-growth or ") for hint in hints)
    assert OPTION_MARK not in result.stdout


def test_a_missing_rates_folder_says_which_flag(tmp_path: Path) -> None:
    result = run("estimate", "--city", "metro", "--rates", str(tmp_path / "none"), "--lang", "id")
    assert result.exit_code == 2
    assert result.stderr.endswith("  saran: berikan --rates DIR\n")
