"""The pre-commit hooks (.pre-commit-hooks.yaml) as another repository uses them, through
pre-commit itself: `pre-commit try-repo` on this checkout, and the README's own snippet (its
`rev:` is the tag of this version) in a repository's .pre-commit-config.yaml, each run over a
fixture repository built here with good, broken and warned-about files.

pre-commit installs the hook repository with pip (jbudget and its dependencies, from PyPI or the
configured index): about 30 s, the slow part. try-repo installs afresh on every run (it keeps a
store of its own), so it runs once, over a good and a broken file together; the snippet's runs
share one install in a PRE_COMMIT_HOME of the module. The hook repository is this checkout as
it is now, committed into a snapshot (try-repo's own copy of a dirty checkout would leave out
new files) and tagged v<version>, as scripts/release tags a release.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.readme_examples import blocks
from tests.test_release import VERSION

ROOT = Path(__file__).parent.parent
PRE_COMMIT = Path(sys.executable).parent / "pre-commit"
HOOKS = ("jbudget validate", "jbudget validate --strict")

GOOD = """\
city: kota
name: Kota Contoh
province: Lampung
fiscal_year: 2025
groups:
  - id: marbot
    label: Marbot masjid
    segment: bpu
    headcount: 40
    declared_income: 1000000
    programs: [jkk, jkm]
"""
# a fiscal year past the last announced JP wage cap: a warning, which only the strict hook fails
LATER = """\
city: kota
name: Kota Contoh
province: Lampung
fiscal_year: 2035
groups:
  - id: honorer
    label: Tenaga non-ASN
    segment: pu
    headcount: 40
    monthly_wage: 2500000
    risk_class: very_low
    programs: [jkk, jkm, jht, jp]
"""


def git(folder: Path, *arguments: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *arguments],
        cwd=folder,
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="module")
def hook_repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This checkout as it is now (tracked and new files, not ignored ones), committed."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\0")
    snapshot = tmp_path_factory.mktemp("jbudget-hooks")
    for name in filter(None, listed):
        if (ROOT / name).is_file():
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, snapshot / name)
    git(snapshot, "init", "-q")
    git(snapshot, "add", "-A")
    git(snapshot, "commit", "-q", "-m", "snapshot")
    git(snapshot, "tag", f"v{VERSION}")
    return snapshot


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def fixture_repository(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir()
    git(folder, "init", "-q")
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    git(folder, "add", "-A")
    return folder


def pre_commit(folder: Path, home: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PRE_COMMIT_HOME": str(home), "LANGUAGE": "en"}
    return subprocess.run(
        [str(PRE_COMMIT), *arguments, "--all-files", "--color", "never"],
        cwd=folder,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )


def readme_snippet(hooks: Path) -> str:
    """The README's .pre-commit-config.yaml, pointing at the snapshot, its strict hook on."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (config,) = ["\n".join(b.body) for b in blocks(readme) if "repos:" in b.body]
    url = "https://github.com/jbudget/jbudget"
    assert url in config
    strict = "# - id: jbudget-validate-strict"
    assert strict in config
    return config.replace(url, str(hooks)).replace(strict, strict[2:]) + "\n"


def outcome(output: str) -> dict[str, str]:
    """Each hook's verdict, from pre-commit's `name.....Passed` lines."""
    verdicts = {}
    for line in output.splitlines():
        name, dots, verdict = line.partition("....")
        if dots and name in HOOKS:
            verdicts[name] = verdict.strip(".")
    return verdicts


def test_try_repo_fails_a_broken_scenario_with_jbudgets_message(
    hook_repository: Path, tmp_path: Path
) -> None:
    """Both hooks check the files under scenarios/, rates/ and examples/ only; the broken file
    fails them with jbudget's own message, the good one is not mentioned."""
    files = {
        "scenarios/kota.yaml": GOOD,
        "examples/lain.yaml": GOOD,
        "scenarios/rusak.yaml": GOOD.replace("headcount: 40", "headcount: -40"),
        "catatan/bukan-skenario.yaml": "- [\n",
    }
    folder = fixture_repository(tmp_path / "repo", files)
    result = pre_commit(folder, tmp_path / "home", "try-repo", str(hook_repository))
    assert result.returncode == 1, result.stdout + result.stderr
    assert outcome(result.stdout) == dict.fromkeys(HOOKS, "Failed")
    message = "scenarios/rusak.yaml:9:16: groups[0].headcount: must be a whole number >= 0, got -40"
    assert result.stdout.count(message) == 2  # once from each hook
    assert "kota.yaml:" not in result.stdout
    assert "lain.yaml:" not in result.stdout
    assert "catatan" not in result.stdout


def test_the_readme_snippet_passes_good_files(
    hook_repository: Path, pre_commit_home: Path, tmp_path: Path
) -> None:
    files = {
        ".pre-commit-config.yaml": readme_snippet(hook_repository),
        "scenarios/kota.yaml": GOOD,
        "catatan/bukan-skenario.yaml": "- [\n",  # not under rates/, scenarios/ or examples/
    }
    folder = fixture_repository(tmp_path / "repo", files)
    result = pre_commit(folder, pre_commit_home, "run")
    assert result.returncode == 0, result.stdout + result.stderr
    assert outcome(result.stdout) == dict.fromkeys(HOOKS, "Passed")


def test_the_readme_snippet_strict_hook_fails_on_a_warning(
    hook_repository: Path, pre_commit_home: Path, tmp_path: Path
) -> None:
    files = {
        ".pre-commit-config.yaml": readme_snippet(hook_repository),
        "scenarios/2035.yaml": LATER,
    }
    folder = fixture_repository(tmp_path / "repo", files)
    result = pre_commit(folder, pre_commit_home, "run")
    assert result.returncode == 1
    assert outcome(result.stdout) == {HOOKS[0]: "Passed", HOOKS[1]: "Failed"}
    assert "scenarios/2035.yaml:4:14: fiscal_year: warning: fiscal year 2035" in result.stdout
