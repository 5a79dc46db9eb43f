"""Running text in the terminal (titles, summaries, notes) folded at word boundaries only.

rich folds a word longer than the line in two, and may break between a currency code and its
figure (`IDR` / `745,718,400`) or a figure and its percent sign (`1` / `%`). Here a figure keeps
its currency code and its sign, and a word longer than the
line (a web address) stands alone on a line of its own, unbroken: the terminal may wrap it, but a
copy and paste still gets it whole. Otherwise the folding is rich's own (greedy, a word's trailing
space kept where it fits), so wide output is unchanged.
"""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

# A word with its trailing spaces (the first also with its leading ones, as rich has it); an
# amount in English is one word (the code, a space and the figure), and so is a percentage written
# with a space before its sign, as Indonesian writes it (`0,3 %`, `1 %`).
WORD = re.compile(r"\s*(?:IDR (?=[+-]?\d))?(?:\S*\d %\S*|\S+)\s*")


def words(text: str) -> list[str]:
    return WORD.findall(text)


def fold(text: str, width: int, indent: str = "") -> list[str]:
    """`text` in lines of at most `width` cells, continuation lines starting with `indent`; a word
    too long for any line is alone on its line, without indent."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines += _fold_paragraph(paragraph, width, indent)
    return lines


def _fold_paragraph(paragraph: str, width: int, indent: str) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in words(paragraph):
        bare = word.rstrip()
        if cell_len(indent) + cell_len(bare) > width:
            lines += [line.rstrip(), bare.strip()] if line.strip() else [bare.strip()]
            line = indent
            continue
        if line.strip() and cell_len(line) + cell_len(bare) > width:
            lines.append(line)
            line = indent
        line += word
    if line.strip() or not lines:
        lines.append(line)
    return [_trim(line, width) for line in lines]


def _trim(line: str, width: int) -> str:
    """Trailing spaces beyond the width go, as rich does; a lone long word stays whole."""
    if cell_len(line.rstrip()) <= width:
        return line[:width]
    return line.rstrip()


def line_text(line: str, style: str = "") -> Text:
    """One line drawn as it is: never folded, never cut (a long web address goes past the edge
    rather than lose its end)."""
    return Text(line, style=style, no_wrap=True, overflow="ignore", end="\n")


class Prose:
    """A rich renderable: `text` folded to the width it is drawn at."""

    def __init__(self, text: str, style: str = "") -> None:
        self.text = text
        self.style = style

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in fold(self.text, options.max_width):
            yield line_text(line, self.style)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        longest = max((cell_len(word.rstrip()) for word in words(self.text)), default=0)
        return Measurement(longest, cell_len(self.text))
