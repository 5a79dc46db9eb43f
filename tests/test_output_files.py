"""Output files: created exclusively (of two runs writing one new file, exactly one succeeds),
--force replaces only regular files and keeps their permissions, no output ever overwrites an
input of the same run, and a run refused for one output writes none."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from jamsostek_budget.cli import writing as output
from jamsostek_budget.cli.flags import with_flags
from jamsostek_budget.cli.writing import write_new_bytes
from jamsostek_budget.errors import OutputError
from jamsostek_budget.i18n import set_language
from tests.cli_runner import run

REPO = Path(__file__).resolve().parents[1]
HEADER = "nik,name,group,declared_income,monthly_wage,start_month,end_month\n"
ROSTER = HEADER + "1872010103850001,Ani,marbot,1000000,,,\n123,Budi,marbot,,,,\n"


@pytest.fixture(autouse=True)
def _english() -> None:
    set_language("en")


def roster_in(folder: Path) -> Path:
    path = folder / "roster.csv"
    path.write_text(ROSTER, encoding="utf-8")
    return path


def refused(result: object, *words: str) -> str:
    code = getattr(result, "exit_code", None)
    stderr = str(getattr(result, "stderr", ""))
    assert code == 1, stderr
    assert "Traceback" not in stderr
    for word in words:
        assert word in stderr, (word, stderr)
    return stderr


# --- exclusive creation -----------------------------------------------------------------------


def test_of_many_threads_writing_one_new_file_exactly_one_succeeds(tmp_path: Path) -> None:
    target, outcomes = tmp_path / "report.json", {}
    start = threading.Barrier(16)

    def write(number: int) -> None:
        start.wait()
        try:
            write_new_bytes(target, f"writer {number}\n".encode() * 10_000)
        except OutputError as error:
            outcomes[number] = error.message
        else:
            outcomes[number] = "written"

    threads = [threading.Thread(target=write, args=(n,)) for n in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    winners = [n for n, outcome in outcomes.items() if outcome == "written"]
    assert len(winners) == 1
    assert all("already exists" in outcomes[n] for n in outcomes if n not in winners)
    assert target.read_bytes() == f"writer {winners[0]}\n".encode() * 10_000
    assert [path.name for path in tmp_path.iterdir()] == ["report.json"]


def test_of_several_processes_writing_one_new_file_exactly_one_succeeds(tmp_path: Path) -> None:
    target = tmp_path / "metro.json"
    command = [sys.executable, "-m", "jamsostek_budget", "estimate", "--city", "metro"]
    runs = [
        subprocess.Popen(
            [*command, "-f", "json", "-o", str(target), "--lang", "en"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for _ in range(6)
    ]
    results = [(process.wait(timeout=120), process.stderr) for process in runs]
    codes = sorted(code for code, _stderr in results)
    assert codes == [0, 1, 1, 1, 1, 1]
    assert target.read_text(encoding="utf-8").startswith("{")
    assert [path.name for path in tmp_path.iterdir()] == ["metro.json"]
    for process in runs:
        assert process.stderr is not None
        process.stderr.close()


@pytest.mark.parametrize("hard_links", [True, False])
def test_a_file_appearing_between_the_check_and_the_write_is_not_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hard_links: bool
) -> None:
    """Another run creates the file after this one checked it: the link (or, on a file system
    without hard links, the exclusive creation) fails and this run is refused."""
    target = tmp_path / "report.csv"
    real_check = output.check_output

    def check_then_another_run_writes(*args: object, **kwargs: object) -> output.Target:
        found = real_check(*args, **kwargs)  # type: ignore[arg-type]
        target.write_bytes(b"the other run's")
        return found

    def no_links(*_args: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(output, "check_output", check_then_another_run_writes)
    if not hard_links:
        monkeypatch.setattr(os, "link", no_links)
    with pytest.raises(OutputError) as caught:
        write_new_bytes(target, b"mine")
    assert "report.csv" in caught.value.message and "already exists" in caught.value.message
    assert "--force" in with_flags(caught.value.hint)  # the CLI writes the flag
    assert target.read_bytes() == b"the other run's"
    assert [path.name for path in tmp_path.iterdir()] == ["report.csv"]


def test_without_hard_links_a_new_file_is_written_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    attempts: list[object] = []

    def no_links(*args: object) -> None:
        attempts.append(args)
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "report.csv"
    write_new_bytes(target, b"x" * (3 * output.CHUNK + 5))
    assert attempts and target.read_bytes() == b"x" * (3 * output.CHUNK + 5)
    assert [path.name for path in tmp_path.iterdir()] == ["report.csv"]


# --- what --force replaces ------------------------------------------------------------------


def test_force_keeps_the_replaced_files_permissions(tmp_path: Path) -> None:
    target = tmp_path / "metro.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    result = run("estimate", "--city", "metro", "-f", "json", "-o", str(target), "--force")
    assert result.exit_code == 0, result.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert target.read_text(encoding="utf-8").startswith("{")


def test_force_refuses_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    result = run("estimate", "--city", "metro", "-f", "json", "-o", str(fifo), "--force")
    refused(result, "pipe.json", "not a regular file")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_force_refuses_a_link_to_a_device(tmp_path: Path) -> None:
    link = tmp_path / "null.json"
    link.symlink_to("/dev/null")
    result = run("estimate", "--city", "metro", "-f", "json", "-o", str(link), "--force")
    refused(result, "null.json", "not a regular file")
    assert link.is_symlink()


def test_force_refuses_a_device(tmp_path: Path) -> None:
    """A character device of its own (root may make one; as anyone else /dev/null, which only
    root could replace), never the system's /dev/null under root."""
    device = tmp_path / "null.json"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        device = Path("/dev/null")
    result = run("estimate", "--city", "metro", "-f", "json", "-o", str(device), "--force")
    refused(result, device.name, "not a regular file")
    assert stat.S_ISCHR(device.lstat().st_mode)


def test_a_dangling_link_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "report.json"
    link.symlink_to(tmp_path / "elsewhere.json")
    result = run("estimate", "--city", "metro", "-f", "json", "-o", str(link))
    refused(result, "report.json", "not a regular file")
    assert not (tmp_path / "elsewhere.json").exists()


def test_force_through_a_link_to_a_regular_file_writes_the_file(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    result = run("estimate", "--city", "metro", "-f", "json", "-o", str(link), "--force")
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("{")


def test_a_folder_is_refused_with_force(tmp_path: Path) -> None:
    folder = tmp_path / "out.json"
    folder.mkdir()
    with pytest.raises(OutputError, match="is a folder") as caught:
        write_new_bytes(folder, b"{}", force=True)
    assert caught.value.hint == "give a file name"
    assert folder.is_dir() and list(folder.iterdir()) == []


# --- never over an input ----------------------------------------------------------------------


def test_force_never_writes_over_the_scenario(tmp_path: Path) -> None:
    scenario = tmp_path / "kota.yaml"
    scenario.write_bytes((REPO / "examples" / "metro.yaml").read_bytes())
    before = scenario.read_bytes()
    result = run("estimate", "-s", str(scenario), "-f", "json", "-o", str(scenario), "--force")
    refused(result, "kota.yaml", "input of this run")
    assert scenario.read_bytes() == before


def test_force_never_writes_over_the_roster(tmp_path: Path) -> None:
    roster = roster_in(tmp_path)
    for option in ("--output", "--rejects", "--per-person"):
        result = run("roster", str(roster), "--city", "metro", option, str(roster), "--force")
        refused(result, "roster.csv", "input of this run")
        assert roster.read_text(encoding="utf-8") == ROSTER
    assert [path.name for path in tmp_path.iterdir()] == ["roster.csv"]


def test_force_never_writes_over_a_compared_scenario_with_an_at_sign(tmp_path: Path) -> None:
    scenario = tmp_path / "my@city.yaml"
    scenario.write_bytes((REPO / "examples" / "metro.yaml").read_bytes())
    before = scenario.read_bytes()
    result = run(
        "compare", f"{scenario}@2026", "metro", "-f", "json", "-o", str(scenario), "--force"
    )
    refused(result, "input of this run")
    assert scenario.read_bytes() == before


def test_force_never_writes_over_a_rate_file(tmp_path: Path) -> None:
    rates = tmp_path / "rates"
    rates.mkdir()
    for source in (REPO / "rates").glob("*.yaml"):
        (rates / source.name).write_bytes(source.read_bytes())
    target = rates / "bpu.yaml"
    before = target.read_bytes()
    result = run("estimate", "--city", "metro", "--rates", str(rates), "-o", str(target), "--force")
    refused(result, "bpu.yaml", "input of this run")
    assert target.read_bytes() == before


def test_two_outputs_of_one_run_cannot_be_one_file(tmp_path: Path) -> None:
    roster, same = roster_in(tmp_path), tmp_path / "out.csv"
    result = run(
        "roster", str(roster), "--city", "metro", "-f", "csv", "-o", str(same),
        "--rejects", str(same),
    )  # fmt: skip
    refused(result, "out.csv", "two outputs")
    assert not same.exists()


# --- a refused run writes nothing -----------------------------------------------------------


def test_an_existing_report_stops_the_rejects_and_per_person_files(tmp_path: Path) -> None:
    roster, report = roster_in(tmp_path), tmp_path / "report.json"
    report.write_text("mine", encoding="utf-8")
    result = run(
        "roster", str(roster), "--city", "metro", "-f", "json", "-o", str(report),
        "--per-person", str(tmp_path / "people.csv"),
    )  # fmt: skip
    refused(result, "report.json", "already exists", "--force")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["report.json", "roster.csv"]
    assert report.read_text(encoding="utf-8") == "mine"


def test_an_existing_per_person_file_stops_the_rejects_file(tmp_path: Path) -> None:
    roster, people = roster_in(tmp_path), tmp_path / "people.csv"
    people.write_text("mine", encoding="utf-8")
    result = run("roster", str(roster), "--city", "metro", "--per-person", str(people))
    refused(result, "people.csv", "already exists")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["people.csv", "roster.csv"]


def test_an_unwritable_report_stops_the_rejects_file(tmp_path: Path) -> None:
    roster = roster_in(tmp_path)
    result = run("roster", str(roster), "--city", "metro", "-o", str(tmp_path / "a" / "b.txt"))
    refused(result, "does not exist")
    assert [path.name for path in tmp_path.iterdir()] == ["roster.csv"]


# --- inputs the command line does not name -----------------------------------------------------


@pytest.fixture
def bundled_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The bundled examples/ and rates/ copied to tmp_path and used as the bundled data, so a
    test that fails overwrites a copy, never the repository's files."""
    import shutil

    from jamsostek_budget.loading import bundled

    for kind in ("examples", "rates"):
        shutil.copytree(REPO / kind, tmp_path / kind)
    monkeypatch.setattr(bundled, "data_dir", lambda kind: tmp_path / kind)
    return tmp_path


@pytest.mark.parametrize(
    ("args", "target"),
    [
        (["estimate", "--city", "metro"], "examples/metro.yaml"),
        (["estimate", "--city", "lubuklinggau"], "rates/pu.yaml"),
        (["compare", "metro", "bandar-lampung@2026"], "examples/bandar-lampung.yaml"),
        (["estimate", "--city", "metro-2026-expansion"], "examples/metro.yaml"),
        (["fit", "--city", "metro", "--budget", "1000000000"], "rates/bpu.yaml"),
        (["project", "--city", "metro", "--years", "2026-2027"], "examples/metro.yaml"),
    ],
    ids=["city", "bundled-rates", "compare-slug", "extends-slug", "fit-rates", "project"],
)
def test_an_output_never_overwrites_a_bundled_input(
    bundled_copy: Path, args: list[str], target: str
) -> None:
    """--city, a city slug and the bundled rates are read by the run, though the command line
    does not name their files: `--force` onto one of them replaced the bundled scenario."""
    path = bundled_copy / target
    before = path.read_bytes()
    result = run(*args, "--format", "json", "--output", str(path), "--force")
    refused(result, "is an input of this run", "choose another output file")
    assert path.read_bytes() == before


@pytest.mark.parametrize("output_name", ["base.yaml", "mid.yaml"])
@pytest.mark.parametrize("command", ["estimate", "roster", "compare"])
def test_an_output_never_overwrites_a_file_a_variant_extends(
    tmp_path: Path, command: str, output_name: str
) -> None:
    (tmp_path / "base.yaml").write_bytes((REPO / "examples" / "metro.yaml").read_bytes())
    (tmp_path / "mid.yaml").write_text("extends: base.yaml\ncity: mid\nname: Mid\n")
    top = tmp_path / "top.yaml"
    top.write_text("extends: mid.yaml\ncity: top\nname: Top\n")
    before = (tmp_path / output_name).read_bytes()
    args = {
        "estimate": ["estimate", "--scenario", str(top)],
        "roster": ["roster", str(roster_in(tmp_path)), "--scenario", str(top)],
        "compare": ["compare", "metro", f"{top}@2026"],
    }[command]
    result = run(*args, "--format", "json", "--output", str(tmp_path / output_name), "--force")
    refused(result, "is an input of this run")
    assert (tmp_path / output_name).read_bytes() == before


def test_an_output_beside_a_variant_is_written(tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_bytes((REPO / "examples" / "metro.yaml").read_bytes())
    top = tmp_path / "top.yaml"
    top.write_text("extends: base.yaml\ncity: top\nname: Top\n")
    result = run("estimate", "--scenario", str(top), "-f", "json", "-o", str(tmp_path / "o.json"))
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "o.json").stat().st_size > 0
