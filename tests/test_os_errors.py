"""Every error the system raises on an input or output path is a message naming the path and the
reason in jbudget's words, with exit 1 and no traceback. The tests run as root too (CI does), so
no error depends on file permissions: they use names too long for the file system, a file where
a folder is expected, /proc and /sys, /dev/full, a closed standard output, and, where no real
trigger exists, an OSError injected where the system call would raise it."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from jamsostek_budget.cli import writing as output
from jamsostek_budget.cli.writing import write_new_file
from jamsostek_budget.errors import DataError, OutputError
from jamsostek_budget.i18n import set_language
from jamsostek_budget.loading.oserrors import reason_and_hint
from jamsostek_budget.loading.yamlsource import read_yaml
from tests.cli_runner import run

REPO = Path(__file__).resolve().parents[1]
METRO = REPO / "examples" / "metro.yaml"
HEADER = "nik,name,group,declared_income,monthly_wage,start_month,end_month\n"
LONG = "a" * 300  # longer than any file system's 255-byte limit for one name
ROSTER = HEADER + "1872010103850001,Ani,marbot,1000000,,,\n123,Budi,marbot,,,,\n"


@pytest.fixture(autouse=True)
def _english() -> None:
    set_language("en")


def jbudget(*args: str, **options: object) -> subprocess.CompletedProcess[bytes]:
    """jbudget in a real process (file descriptors matter here), in English."""
    env = {**os.environ, "LANG": "C.UTF-8", "LANGUAGE": "", "NO_COLOR": "1"}
    result: subprocess.CompletedProcess[bytes] = subprocess.run(  # noqa: PLW1510
        [sys.executable, "-m", "jamsostek_budget", *args, "--lang", "en"],
        capture_output="stdout" not in options,
        env=env,
        timeout=120,
        **options,  # type: ignore[call-overload]
    )
    return result


def refused(result: object, *words: str) -> str:
    """The stderr of a run that failed with exit 1 and a message holding every word."""
    code = getattr(result, "exit_code", getattr(result, "returncode", None))
    stderr = getattr(result, "stderr", "")
    stderr = stderr.decode() if isinstance(stderr, bytes) else stderr
    assert code == 1, stderr
    assert "Traceback" not in stderr
    for word in words:
        assert word in stderr, (word, stderr)
    return stderr


def roster_in(folder: Path) -> Path:
    path = folder / "roster.csv"
    path.write_text(ROSTER, encoding="utf-8")
    return path


# --- outputs: --output, --rejects, --per-person ---------------------------------------------


@pytest.mark.parametrize("option", ["--output", "--rejects", "--per-person"])
def test_an_output_name_too_long_names_the_path_and_the_reason(tmp_path: Path, option: str) -> None:
    target = tmp_path / f"{LONG}.csv"
    result = run("roster", str(roster_in(tmp_path)), "--city", "metro", option, str(target))
    stderr = refused(result, LONG[:50], "the name is too long", "shorter")
    assert "File name too long" not in stderr  # the system's English is not echoed
    assert not (tmp_path / "roster-rejects.csv").exists()  # refused before anything is written


@pytest.mark.parametrize("option", ["--output", "--rejects", "--per-person"])
def test_an_output_under_a_file_names_the_path(tmp_path: Path, option: str) -> None:
    (tmp_path / "a_file").write_text("", encoding="utf-8")
    target = tmp_path / "a_file" / "x.csv"
    result = run("roster", str(roster_in(tmp_path)), "--city", "metro", option, str(target))
    refused(result, "a_file/x.csv", "a_file", "not a folder")


def test_an_output_in_a_missing_folder_names_the_folder(tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "x.json"
    result = run("estimate", "--city", "metro", "-f", "json", "-o", str(target))
    refused(result, "no-such-folder", "does not exist", "create the folder")


def test_an_output_where_the_system_takes_no_new_file() -> None:
    """/proc accepts no new file (ENOENT at creation although the folder exists)."""
    refused(run("estimate", "--city", "metro", "-o", "/proc/jbudget.txt"), "/proc/jbudget.txt")


def test_an_output_on_sysfs_is_refused_even_for_root() -> None:
    """sysfs refuses new files to root as well: EACCES, or EROFS where it is mounted read-only."""
    result = run("estimate", "--city", "metro", "-o", "/sys/jbudget.txt")
    stderr = refused(result, "/sys/jbudget.txt")
    assert "permission denied" in stderr or "read-only" in stderr


def test_the_workbook_output_goes_through_the_same_checks(tmp_path: Path) -> None:
    target = tmp_path / f"{LONG}.xlsx"
    result = run("estimate", "--city", "metro", "-f", "xlsx", "-o", str(target))
    refused(result, "the name is too long")


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (errno.ENOSPC, "the disk is full"),
        (errno.EDQUOT, "quota"),
        (errno.EROFS, "read-only"),
        (errno.EACCES, "permission denied"),
        (errno.EIO, "failed to read or write"),
    ],
)
def test_write_errors_without_a_real_trigger_are_injected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, number: int, words: str
) -> None:
    """A full disk, a quota, a read-only mount or a denied write, where the temporary file is
    written: the message names the target, not the temporary file, and nothing is left."""

    def fail(*_args: object, **_kwargs: object) -> None:
        raise OSError(number, os.strerror(number), str(tmp_path / ".x.tmp"))

    monkeypatch.setattr(output, "_write_all", fail)
    target = tmp_path / "report.json"
    with pytest.raises(OutputError) as caught:
        write_new_file(target, "{}", force=False)
    assert words in caught.value.message and "report.json" in caught.value.message
    assert ".x.tmp" not in caught.value.message and caught.value.hint
    assert list(tmp_path.iterdir()) == []


# --- standard output --------------------------------------------------------------------------


def test_a_full_standard_output_is_an_error() -> None:
    with open("/dev/full", "wb") as full:
        result = jbudget("estimate", "--city", "metro", stdout=full, stderr=subprocess.PIPE)
    refused(result, "standard output", "the disk is full")


def test_a_full_standard_output_is_an_error_for_json_too() -> None:
    """JSON is written as text and fails only when flushed at exit: still a message."""
    with open("/dev/full", "wb") as full:
        result = jbudget("cities", "-f", "json", stdout=full, stderr=subprocess.PIPE)
    refused(result, "standard output", "the disk is full")


def test_a_closed_standard_output_is_an_error() -> None:
    result = subprocess.run(  # noqa: PLW1510
        f"{sys.executable} -m jamsostek_budget estimate --city metro --lang en >&-",
        shell=True,  # the shell closes the descriptor
        capture_output=False,
        stderr=subprocess.PIPE,
        timeout=120,
    )
    refused(result, "standard output", "closed")


def test_a_closed_standard_output_does_not_matter_when_writing_a_file(tmp_path: Path) -> None:
    target = tmp_path / "x.json"
    result = subprocess.run(  # noqa: PLW1510
        f"{sys.executable} -m jamsostek_budget estimate --city metro -f json -o {target} >&-",
        shell=True,
        stderr=subprocess.PIPE,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert target.stat().st_size > 0


@pytest.mark.parametrize(
    "args",
    [
        ("estimate", "--city", "metro"),
        ("estimate", "--city", "metro", "-f", "json"),
        ("rates",),
        ("cities",),
        ("schema", "rates"),
        ("--help",),
        ("estimate", "--help"),
    ],
)
def test_a_pipe_whose_reader_has_gone_ends_quietly_with_141(args: tuple[str, ...]) -> None:
    """`jbudget ... | head -1`: the reader leaves; the run ends with 128 + SIGPIPE, silently."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        result = jbudget(*args, stdout=writer, stderr=subprocess.PIPE)
    finally:
        os.close(writer)
    assert result.returncode == 141, result.stderr
    assert result.stderr == b""


# --- inputs: scenario, rates folder, roster ---------------------------------------------------


def test_a_scenario_name_too_long() -> None:
    result = run("estimate", "--scenario", f"{LONG}.yaml")
    refused(result, LONG[:50], "the name is too long")


def test_a_rates_folder_name_too_long() -> None:
    result = run("estimate", "--city", "metro", "--rates", LONG)
    refused(result, LONG[:50], "the name is too long")


def test_a_roster_name_too_long() -> None:
    result = jbudget("roster", f"{LONG}.csv", "--city", "metro")
    refused(result, LONG[:50], "the name is too long")


def test_an_unreadable_scenario_names_it(tmp_path: Path) -> None:
    """/proc/self/mem is a regular file that fails to read (EIO) even for root."""
    link = tmp_path / "kota.yaml"
    link.symlink_to("/proc/self/mem")
    result = run("estimate", "--scenario", str(link))
    stderr = refused(result, "kota.yaml", "cannot read file", "failed to read or write")
    assert "Input/output error" not in stderr


def test_an_unreadable_rate_file_in_the_rates_folder(tmp_path: Path) -> None:
    rates = tmp_path / "rates"
    rates.mkdir()
    for source in (REPO / "rates").glob("*.yaml"):
        (rates / source.name).write_bytes(source.read_bytes())
    (rates / "zz.yaml").symlink_to("/proc/self/mem")
    result = run("estimate", "--city", "metro", "--rates", str(rates))
    refused(result, "zz.yaml", "cannot read file", "failed to read or write")


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_an_unreadable_roster_names_it(tmp_path: Path, suffix: str) -> None:
    link = tmp_path / f"roster{suffix}"
    link.symlink_to("/proc/self/mem")
    result = jbudget("roster", str(link), "--city", "metro")
    stderr = refused(result, f"roster{suffix}", "failed to read or write")
    assert "os error" not in stderr  # not the reader library's wording


def test_a_denied_read_is_said_in_jbudgets_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root may read anything: the denial is injected where the file is read."""
    path = tmp_path / "kota.yaml"
    path.write_text("name: x\n", encoding="utf-8")

    def deny(self: Path) -> bytes:
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", deny)
    with pytest.raises(DataError) as caught:
        read_yaml(path)
    problem = caught.value.problems[0]
    assert "permission denied" in problem.message and "Permission denied" not in problem.message
    assert "permissions" in problem.hint


# --- the words --------------------------------------------------------------------------------


def test_common_errors_get_jbudgets_words_and_a_hint() -> None:
    for number in (
        errno.ENOENT,
        errno.ENOTDIR,
        errno.EISDIR,
        errno.EACCES,
        errno.EPERM,
        errno.EROFS,
        errno.ENOSPC,
        errno.ENAMETOOLONG,
        errno.ELOOP,
    ):
        reason, hint = reason_and_hint(OSError(number, os.strerror(number)))
        assert reason and hint and reason != os.strerror(number), number


def test_a_rare_error_falls_back_to_the_systems_words() -> None:
    reason, hint = reason_and_hint(OSError(errno.ECONNRESET, "Connection reset by peer"))
    assert (reason, hint) == ("Connection reset by peer", "")


def test_the_words_are_translated(tmp_path: Path) -> None:
    target = tmp_path / f"{LONG}.json"
    result = run("estimate", "--city", "metro", "-f", "json", "-o", str(target), "--lang", "id")
    stderr = result.stderr
    assert result.exit_code == 1 and "File name too long" not in stderr
    assert "terlalu panjang" in stderr
