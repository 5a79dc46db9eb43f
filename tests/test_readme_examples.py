"""The README's command examples are run, and their shown output compared with what jbudget
prints, so that the README cannot drift from the tool.

An example is a fenced block of kind `console` (```` ```console ````):

- `$ jbudget ...` is a command (split as a POSIX shell splits it; no pipes, redirections or
  variables). The lines after it, up to the next `$` line or the end of the block, are what it
  prints: standard output and standard error together, in order, as a terminal shows them.
- A command exits 0, unless it is followed by `$ echo $?` and a line with its exit status.
- In the shown output, a line `...` (alone, any indentation) stands for any number of lines, and
  `...` inside a line for any text within that line; everything else is compared exactly, except
  trailing spaces and trailing blank lines.
- Every command runs the installed `jbudget` as a process, with COLUMNS=120, NO_COLOR=1,
  TERM=dumb and LANGUAGE=en, in a fresh folder holding the README's files (the fenced blocks
  whose info string says `file=NAME`, ```` ```yaml file=kota.yaml ````) and a copy of the
  repository's `examples/`, as a reader in a clone's root has it. The commands of one block
  share the folder, in order.

After a deliberate change of output, `pytest tests/test_readme_examples.py --regen-readme`
rewrites the shown output of every example that differs from the real one, keeping the `...`
elisions where they still fit (tests/readme_examples.refreshed), and fails those tests: review
`git diff README.md`, then run again without the option.
"""

from __future__ import annotations

import difflib
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.readme_examples import (
    Block,
    Step,
    blocks,
    examples,
    files,
    matches,
    refreshed,
    rewrite,
    significant,
    steps,
)

README = Path(__file__).parent.parent / "README.md"
EXAMPLES = examples(README.read_text(encoding="utf-8"))
ENVIRONMENT = {
    "COLUMNS": "120",
    "NO_COLOR": "1",
    "TERM": "dumb",
    "LANGUAGE": "en",
    "PYTHONUNBUFFERED": "1",  # stdout and stderr reach the pipe in the order they are written
}
UNSET = ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "LC_ALL", "LC_MESSAGES", "LINES")


def example_id(index: int, block: Block) -> str:
    first = steps(block)[0].command.split()
    return f"{index}-" + "-".join(word.lstrip("-") for word in first[1:4])


def jbudget(command: str, folder: Path) -> tuple[tuple[str, ...], int]:
    """Run one example command as a reader would; its output lines and exit status."""
    words = shlex.split(command)
    assert words[0] == "jbudget", f"an example runs jbudget, not {words[0]!r}"
    environment = {k: v for k, v in os.environ.items() if k not in UNSET} | ENVIRONMENT
    process = subprocess.run(
        [str(Path(sys.executable).parent / "jbudget"), *words[1:]],
        cwd=folder,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
        timeout=120,
    )
    return tuple(significant(process.stdout.split("\n"))), process.returncode


def report(index: int, shown: Step, actual: Step) -> str:
    expected = refreshed(shown.shown, list(actual.shown))  # the real output, elisions kept
    diff = difflib.unified_diff(list(shown.shown), expected, "README", "jbudget", lineterm="")
    return (
        f"README example {index}, `$ {shown.command}`: exit {actual.status} (README:"
        f" {shown.status})\n" + "\n".join(diff) + "\n(regenerate with --regen-readme)"
    )


@pytest.mark.parametrize(
    "index", range(len(EXAMPLES)), ids=[example_id(i, b) for i, b in enumerate(EXAMPLES)]
)
def test_readme_example(index: int, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    text = README.read_text(encoding="utf-8")
    shutil.copytree(README.parent / "examples", tmp_path / "examples")
    for name, content in files(text).items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(content, encoding="utf-8")
    shown = steps(examples(text)[index])
    actual = [Step(step.command, *jbudget(step.command, tmp_path)) for step in shown]
    wrong = [
        report(index, old, new)
        for old, new in zip(shown, actual, strict=True)
        if not matches(old.shown, list(new.shown)) or old.status != new.status
    ]
    if wrong and request.config.getoption("--regen-readme"):
        new_steps = [
            Step(old.command, tuple(refreshed(old.shown, list(new.shown))), new.status)
            for old, new in zip(shown, actual, strict=True)
        ]
        rewrite(README, index, new_steps)
        pytest.fail(f"rewrote README example {index}: review `git diff README.md`, run again")
    assert not wrong, "\n\n".join(wrong)


def test_the_readme_has_examples_of_every_command() -> None:
    """Every command a user meets in the tour is shown with its real output."""
    commands = {shlex.split(step.command)[1] for block in EXAMPLES for step in steps(block)}
    expected = {"estimate", "compare", "fit", "project", "roster", "rates", "cities", "validate"}
    assert expected <= commands


def test_the_example_files_are_used() -> None:
    """A file given to the examples is named by a command; otherwise it only looks checked."""
    text = README.read_text(encoding="utf-8")
    commands = " ".join(step.command for block in examples(text) for step in steps(block))
    assert [name for name in files(text) if name not in commands] == []


def test_the_commands_to_read_name_real_commands_and_options() -> None:
    """The `sh` blocks list commands without their output; their commands and options at least
    exist (each long option is in the command's --help)."""
    from tests.cli_runner import run  # in-process: a --help each, quickly

    commands = [
        shlex.split(line, comments=True)
        for block in blocks(README.read_text(encoding="utf-8"))
        if block.kind == "sh"
        for line in block.body
        if line.startswith("jbudget ")
    ]
    assert len(commands) >= 10
    unknown = []
    for words in commands:
        result = run(words[1], "--help")
        assert result.exit_code == 0, f"jbudget {words[1]}: {result.output}"
        options = set(re.findall(r"--[a-z][a-z0-9-]*", result.stdout))
        unknown += [(words[1], w) for w in words if w.startswith("--") and w not in options]
    assert unknown == []


# --- the rules themselves, on small cases ------------------------------------------------------


@pytest.mark.parametrize(
    ("shown", "actual", "expected"),
    [
        (["a", "b"], ["a", "b", ""], True),  # trailing blank lines do not count
        (["a", "b"], ["a", "b", "c"], False),  # without an elision every line is compared
        (["a", "...", "d"], ["a", "b", "c", "d"], True),
        (["a", "...", "d"], ["a", "d"], True),  # any number of lines, none included
        (["a", "...", "d"], ["a", "b"], False),
        (["...", "c", "..."], ["a", "b", "c", "d"], True),
        (["...", "x", "..."], ["a", "b", "c", "d"], False),
        (["a", "...", "b", "...", "b"], ["a", "b"], False),  # a line is not used twice
        (["a", "...", "b", "...", "b"], ["a", "b", "b"], True),
        (["total: ... people"], ["total: 8,477 people   "], True),
        (["total: ... people"], ["total: 8,477 persons"], False),
        (["  ..."], ["x", "y"], True),
    ],
)
def test_matching(shown: list[str], actual: list[str], expected: bool) -> None:
    assert matches(shown, actual) is expected


@pytest.mark.parametrize(
    ("shown", "actual", "expected"),
    [
        (["a", "...", "z"], ["a", "b", "z"], ["a", "...", "z"]),  # still matches: unchanged
        (["a", "...", "z"], ["A", "b", "c", "Z"], ["A", "...", "Z"]),
        (["a", "b"], ["a", "c", "d"], ["a", "c", "d"]),
        (
            ["h", "...", "Guru honorer  500", "...", "t"],
            ["h", "x", "Guru   honorer   500  1", "y", "t2"],
            ["h", "...", "Guru   honorer   500  1", "...", "t2"],
        ),
        (["total: ... people", "...", "end"], ["total: 9 people", "x", "END"], None),
        (["a", "...", "b", "c", "...", "z"], ["a", "z"], ["a", "z"]),  # too short: all of it
        (["a", "...", "...", "z"], ["a", "b", "Z"], ["a", "...", "...", "Z"]),
        (  # a line that now wraps stays whole
            ["a", "costs 1,720 a year, 220 more than the ceiling", "...", "z"],
            ["a", "costs 1,720 a year,", "220 more than the ceiling", "b", "z"],
            ["a", "costs 1,720 a year,", "220 more than the ceiling", "...", "z"],
        ),
    ],
)
def test_refreshing_keeps_the_elisions_that_still_fit(
    shown: list[str], actual: list[str], expected: list[str] | None
) -> None:
    result = refreshed(shown, actual)
    assert matches(result, actual)
    if expected is None:  # an elision inside a line that still matches is kept
        assert result == ["total: ... people", "...", "END"]
    else:
        assert result == expected


def test_steps_and_exit_statuses_read_back_as_written() -> None:
    text = (
        "x\n```console\n$ jbudget validate k.yaml\nk.yaml:1:1: bad\n$ echo $?\n1\n"
        "$ jbudget cities\n```\n"
    )
    (block,) = examples(text)
    assert steps(block) == [
        Step("jbudget validate k.yaml", ("k.yaml:1:1: bad",), 1),
        Step("jbudget cities", (), 0),
    ]


def test_an_example_is_rewritten_in_place_at_its_indentation(tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text("- item\n\n  ```console\n  $ jbudget cities\n  old\n  ```\nend\n")
    rewrite(path, 0, [Step("jbudget cities", ("new", "", "lines"), 2)])
    assert path.read_text() == (
        "- item\n\n  ```console\n  $ jbudget cities\n  new\n\n  lines\n  $ echo $?\n  2\n"
        "  ```\nend\n"
    )
