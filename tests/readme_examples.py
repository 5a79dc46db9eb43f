"""The README's command examples as data: finding them, matching their shown output with `...`
elisions, and refreshing the shown output from a real run (tests/test_readme_examples.py).

An example is a fenced block of kind `console`. A line `$ COMMAND` is a command; the lines after
it, up to the next command or the end of the block, are what it prints (standard output and
standard error together, as a terminal shows them). `$ echo $?` after a command shows its exit
status, on the next line; a command without it exits 0. In the shown output a line `...` (alone,
any indentation) stands for any number of lines, and `...` inside a line for any text within that
line. Trailing spaces and trailing blank lines are not compared. A fenced block whose info string
says `file=NAME` (```` ```yaml file=kota.yaml ````) is a file the examples can use.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

FENCE = re.compile(r"^(?P<indent>\s*)```(?P<info>.*)$")
ELISION = "..."
STATUS_COMMAND = "echo $?"


@dataclass(frozen=True)
class Step:
    """One command of an example, what the README shows it printing, and its exit status."""

    command: str
    shown: tuple[str, ...]
    status: int


@dataclass(frozen=True)
class Block:
    """A fenced block: its info string, its lines without the fence's indentation, and where
    its body starts and ends in the README (0-based line numbers, end exclusive)."""

    info: str
    indent: str
    body: tuple[str, ...]
    start: int
    end: int

    @property
    def kind(self) -> str:
        return self.info.split()[0] if self.info.split() else ""

    def attribute(self, name: str) -> str | None:
        for word in self.info.split()[1:]:
            key, _, value = word.partition("=")
            if key == name:
                return value
        return None


def blocks(text: str) -> list[Block]:
    """Every fenced block of a Markdown text, in order; a block closes at a fence of the same
    indentation."""
    lines, found, index = text.split("\n"), [], 0
    while index < len(lines):
        opening = FENCE.match(lines[index])
        if not opening:
            index += 1
            continue
        indent, close = opening["indent"], index + 1
        while close < len(lines) and lines[close].rstrip() != f"{indent}```":
            close += 1
        if close == len(lines):
            raise ValueError(f"README.md:{index + 1}: a fenced block is never closed")
        body = tuple(line.removeprefix(indent) for line in lines[index + 1 : close])
        found.append(Block(opening["info"].strip(), indent, body, index + 1, close))
        index = close + 1
    return found


def examples(text: str) -> list[Block]:
    return [block for block in blocks(text) if block.kind == "console"]


def files(text: str) -> dict[str, str]:
    """The files the examples use: name -> content."""
    named = [(block.attribute("file"), block) for block in blocks(text)]
    found: dict[str, str] = {}
    for name, block in named:
        if name:
            if name in found:
                raise ValueError(f"README.md:{block.start}: file={name} is given twice")
            found[name] = "\n".join(block.body) + "\n"
    return found


def steps(block: Block) -> list[Step]:
    """The commands of an example; `$ echo $?` and its line become the previous one's status."""
    found: list[Step] = []
    for line in block.body:
        if line.startswith("$ "):
            found.append(Step(line[2:].strip(), (), 0))
        elif not found:
            raise ValueError(f"README.md:{block.start + 1}: an example starts with a command")
        else:
            last = found[-1]
            found[-1] = Step(last.command, (*last.shown, line), last.status)
    return _statuses(found, block)


def _statuses(found: list[Step], block: Block) -> list[Step]:
    merged: list[Step] = []
    for step in found:
        if step.command != STATUS_COMMAND:
            merged.append(step)
            continue
        if not merged or len(step.shown) != 1 or not step.shown[0].isdigit():
            raise ValueError(
                f"README.md:{block.start}: `$ echo $?` follows a command and shows one number"
            )
        last = merged[-1]
        merged[-1] = Step(last.command, last.shown, int(step.shown[0]))
    return merged


def body(steps_: list[Step]) -> list[str]:
    """The lines of an example block for these steps: the inverse of steps()."""
    lines: list[str] = []
    for step in steps_:
        lines += [f"$ {step.command}", *step.shown]
        if step.status:
            lines += [f"$ {STATUS_COMMAND}", str(step.status)]
    return lines


# --- matching ----------------------------------------------------------------------------------


def is_elision(line: str) -> bool:
    return line.strip() == ELISION


def line_matches(shown: str, actual: str) -> bool:
    shown, actual = shown.rstrip(), actual.rstrip()
    if ELISION not in shown:
        return shown == actual
    pattern = ".*".join(re.escape(part) for part in shown.split(ELISION))
    return re.fullmatch(pattern, actual) is not None


def significant(lines: list[str] | tuple[str, ...]) -> list[str]:
    """Lines without trailing spaces and without the blank lines at the end."""
    stripped = [line.rstrip() for line in lines]
    while stripped and not stripped[-1]:
        stripped.pop()
    return stripped


def segments(shown: list[str]) -> list[list[str]]:
    """The runs of lines between elisions: n elisions give n + 1 runs (maybe empty)."""
    runs: list[list[str]] = [[]]
    for line in shown:
        if is_elision(line):
            runs.append([])
        else:
            runs[-1].append(line)
    return runs


def _run_at(run: list[str], actual: list[str], position: int) -> bool:
    window = actual[position : position + len(run)]
    return len(window) == len(run) and all(map(line_matches, run, window))


def matches(shown: list[str] | tuple[str, ...], actual: list[str]) -> bool:
    """Whether the actual lines are what the shown lines say, elisions included. The first run
    is anchored at the start, the last at the end, the others found in order, each at its
    leftmost place (leftmost is never worse: it leaves the most room for the rest)."""
    runs = segments(significant(shown))
    actual = significant(actual)
    if len(runs) == 1:
        return len(runs[0]) == len(actual) and _run_at(runs[0], actual, 0)
    head, *middle, tail = runs
    if not _run_at(head, actual, 0) or len(head) + len(tail) > len(actual):
        return False
    cursor, last = len(head), len(actual) - len(tail)
    for run in middle:
        place = next(
            (p for p in range(cursor, last - len(run) + 1) if _run_at(run, actual, p)), None
        )
        if place is None:
            return False
        cursor = place + len(run)
    return _run_at(tail, actual, last)


# --- refreshing ---------------------------------------------------------------------------------


SLACK = 3  # how many lines a run's first or last line may move when the output is refreshed


def refreshed(shown: list[str] | tuple[str, ...], actual: list[str]) -> list[str]:
    """The shown output rewritten from the actual one, keeping its elisions where they can stay.

    Unchanged if it still matches. Otherwise each run of lines between elisions is found again
    in the output, in order: the first run from the first line to the line most like its last
    one (within SLACK lines of where it was), the last run from the line most like its first
    one to the end, each run between from the place most like it; so a line that now wraps in
    two, or a row that moved, is refreshed rather than cut. A shown line with `...` inside is
    kept where it still matches its new line. An output too short for the runs, or in which they
    cannot be placed in order, is shown whole.
    """
    shown, actual = significant(shown), significant(actual)
    if matches(shown, actual):
        return shown
    runs = segments(shown)
    if len(runs) == 1 or sum(map(len, runs)) > len(actual):
        return actual
    elisions = [line for line in shown if is_elision(line)]
    spans = _spans(runs, actual)
    lines = _kept(runs[0], actual[slice(*spans[0])])
    for elision, run, span in zip(elisions, runs[1:], spans[1:], strict=True):
        lines += [elision, *_kept(run, actual[slice(*span)])]
    return lines if matches(lines, actual) else actual  # runs squeezed out of order: all of it


def _spans(runs: list[list[str]], actual: list[str]) -> list[tuple[int, int]]:
    """Where each run lies in the actual lines, as (start, end), in order and without overlap."""
    head, *middle, tail = runs
    size = len(actual)
    head_end = _nearest(head[-1], actual, len(head) - 1, 0, size - 1) + 1 if head else 0
    tail_start = size - len(tail)
    if tail:
        tail_start = _nearest(tail[0], actual, tail_start, head_end, size - 1)
    spans, cursor = [(0, head_end)], head_end
    for number, run in enumerate(middle):
        if not run:  # two elisions in a row
            spans.append((cursor, cursor))
            continue
        room = tail_start - sum(map(len, middle[number:]))  # the later runs must fit after it
        start = _likeliest(run, actual, cursor, max(cursor, room))
        end = _nearest(run[-1], actual, start + len(run) - 1, start, tail_start - 1) + 1
        spans.append((start, max(end, start)))
        cursor = max(end, start)
    return [*spans, (tail_start, size)]


def _nearest(line: str, actual: list[str], expected: int, first: int, last: int) -> int:
    """The line in first..last most like this one, within SLACK of where it is expected; the
    nearer of equals."""
    low, high = max(first, expected - SLACK), min(last, expected + SLACK)
    if low > high:
        return min(max(expected, first), max(first, last))
    return max(
        range(low, high + 1),
        key=lambda p: (difflib.SequenceMatcher(None, line, actual[p]).ratio(), -abs(p - expected)),
    )


def _likeliest(run: list[str], actual: list[str], first: int, last: int) -> int:
    """The position in first..last where the actual lines are most like the run."""
    text = "\n".join(run)
    return max(
        range(first, max(first, last) + 1),
        key=lambda p: difflib.SequenceMatcher(
            None, text, "\n".join(actual[p : p + len(run)])
        ).ratio(),
    )


def _kept(run: list[str], new: list[str]) -> list[str]:
    """The new lines, except where the old line at the same place still matches (an elision
    inside a line stays)."""
    old = [*run, *[""] * max(0, len(new) - len(run))]
    return [was if line_matches(was, line) else line for was, line in zip(old, new, strict=False)]


def rewrite(path: Path, index: int, new_steps: list[Step]) -> None:
    """Put new steps into the index-th example of a Markdown file, at the block's indentation."""
    text = path.read_text(encoding="utf-8")
    block = examples(text)[index]
    lines = text.split("\n")
    new = [f"{block.indent}{line}".rstrip() if line else "" for line in body(new_steps)]
    lines[block.start : block.end] = new
    path.write_text("\n".join(lines), encoding="utf-8")
