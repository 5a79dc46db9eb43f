"""Reports in narrow terminals: no line wider than the terminal (a web address too long for any
line stands alone on its own), and every figure of the JSON output that the wide (160-column)
report shows is shown whole, as many times, at 60, 80, 100 and 120 columns: none is lost and
none split across lines. jbudget finds the width in the terminal, in COLUMNS, or takes a file's
160 columns in a pipe."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from jamsostek_budget.i18n import Language, set_language
from jamsostek_budget.render.shared.labels import number, rupiah
from jamsostek_budget.render.shared.prose import fold
from tests.cli_runner import run_at
from tests.test_golden import GOLDEN, LANGUAGES, WIDTH_COMMANDS, WIDTHS

WIDE = 160


def amounts(data: object) -> Iterator[int]:
    """Every integer in a JSON document (not the booleans)."""
    if isinstance(data, bool):
        return
    if isinstance(data, int):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from amounts(value)
    elif isinstance(data, list):
        for value in data:
            yield from amounts(value)


def whole(figure: str, text: str) -> int:
    """How often `figure` stands whole on a line of `text`: not a piece of a longer number."""
    pattern = rf"(?<![\d.,]){re.escape(figure)}(?![\d]|[.,]\d)"
    return sum(len(re.findall(pattern, line)) for line in text.splitlines())


def figures(command: str, lang: Language) -> set[str]:
    """The JSON's amounts as the report writes them (in `lang`), as a number and in Rupiah (in
    English `IDR 745,718,400`, which must not break after the code), 100 and up (smaller numbers
    are also band numbers, counts of groups and parts of labels)."""
    result = run_at(WIDE, *WIDTH_COMMANDS[command], "--format", "json", "--lang", lang)
    assert result.exit_code == 0, result.stderr
    set_language(lang)
    found = [amount for amount in amounts(json.loads(result.stdout)) if abs(amount) >= 100]
    return {number(amount) for amount in found} | {rupiah(amount) for amount in found}


def report(command: str, lang: str, width: int) -> str:
    result = run_at(width, *WIDTH_COMMANDS[command], "--lang", lang)
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("command", WIDTH_COMMANDS)
def test_every_figure_is_whole_at_every_width(command: str, lang: Language) -> None:
    wide = report(command, lang, WIDE)
    shown = {figure: whole(figure, wide) for figure in figures(command, lang)}
    shown = {figure: count for figure, count in shown.items() if count}
    assert len(shown) >= 3  # the check compares something
    for width in WIDTHS:
        narrow = report(command, lang, width)
        assert Counter({f: whole(f, narrow) for f in shown}) == Counter(shown), width


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("command", WIDTH_COMMANDS)
def test_no_line_is_wider_than_the_terminal(command: str, lang: str, width: int) -> None:
    for line in report(command, lang, width).splitlines():
        if len(line) > width:
            assert " " not in line.strip() and "://" in line, line


def test_the_wide_table_is_kept_where_it_fits() -> None:
    """At 120 columns the metro estimate's tables are drawn whole; at 80 the group table is dealt
    into narrower tables that repeat the group names."""
    assert "(continued)" not in report("estimate-metro", "en", 120).split("Rates used")[0]
    at_80 = report("estimate-metro", "en", 80)
    assert "Per group (continued)" in at_80
    assert at_80.count("Tenaga non-ASN lainnya") >= 3


def test_a_figure_keeps_its_currency_code() -> None:
    assert fold("APBD total: IDR 1,720,963,200 a year", 20) == [
        "APBD total: ",
        "IDR 1,720,963,200 a ",
        "year",
    ]


def test_a_percentage_keeps_its_sign() -> None:
    """Rate labels write a percentage with a space before the sign (`1 %`, `0,3 %`): the README's
    rates example at 100 columns once showed `... JKM at 1` / `% of normal`."""
    assert fold("COVID-19 relief, JKK and JKM at 1 % of normal", 34) == [
        "COVID-19 relief, JKK and JKM at ",
        "1 % of normal",
    ]
    assert fold("JKM PU, pemberi kerja 0,3 %", 25) == ["JKM PU, pemberi kerja ", "0,3 %"]


def test_a_word_longer_than_the_line_stands_alone_and_whole() -> None:
    address = "https://example.org/" + "a" * 40
    assert fold(f"Source: News, {address}: 940 people", 30, "  ") == [
        "Source: News,",
        address + ":",
        "  940 people",
    ]


# --- the width jbudget finds, as a process -----------------------------------------------------

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def process_env(**changes: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "COLUMNS"}
    return {**env, "NO_COLOR": "1", "LANGUAGE": "en", "TERM": "xterm", **changes}


def golden(name: str) -> str:
    return (GOLDEN / name).read_text(encoding="utf-8")


def in_terminal(columns: int, *arguments: str) -> str:
    """jbudget's output in a pseudo-terminal `columns` wide (as in tmux), without COLUMNS:
    rich asks the terminal its size. Styles and the terminal's carriage returns taken out."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    with subprocess.Popen(
        [str(Path(sys.executable).parent / "jbudget"), *arguments],
        stdin=follower,
        stdout=follower,
        stderr=subprocess.PIPE,
        env=process_env(),
    ) as process:
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal is closed once the process has gone
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert process.wait() == 0
    os.close(leader)
    return ANSI.sub("", b"".join(chunks).decode().replace("\r\n", "\n"))


def test_a_terminal_80_columns_wide_gets_the_80_column_layout() -> None:
    text = in_terminal(80, "estimate", "--city", "metro")
    assert text == golden("width/estimate-metro.en.80.txt")


def test_a_pipe_gets_160_columns_unless_columns_says_otherwise(tmp_path: Path) -> None:
    command = [str(Path(sys.executable).parent / "jbudget"), "estimate", "--city", "metro"]
    piped = subprocess.run(command, capture_output=True, text=True, env=process_env(), check=True)
    assert piped.stdout == golden("metro.en.txt")
    narrow = process_env(COLUMNS="60")
    piped = subprocess.run(command, capture_output=True, text=True, env=narrow, check=True)
    assert piped.stdout == golden("width/estimate-metro.en.60.txt")
