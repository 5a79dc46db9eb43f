"""A release is written down before it is tagged (scripts/release), and the README's pre-commit
snippet names the tag of the current version, so the hooks it installs exist: a `rev:` without
its tag made pre-commit fail for every user who copied it (issue 14)."""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from jamsostek_budget import __version__
from tests.readme_examples import blocks

ROOT = Path(__file__).parent.parent
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]


def snippet_revs(readme: str) -> list[str]:
    """The `rev:` of every pre-commit configuration the README shows."""
    configs = ["\n".join(b.body) for b in blocks(readme) if b.kind == "yaml"]
    return [
        rev
        for config in configs
        if "repos:" in config
        for rev in re.findall(r"^\s*rev:\s*(\S+)", config, re.MULTILINE)
    ]


def test_the_pre_commit_snippet_names_the_tag_of_this_version() -> None:
    assert snippet_revs((ROOT / "README.md").read_text(encoding="utf-8")) == [f"v{VERSION}"]


def test_the_package_says_the_version_of_pyproject() -> None:
    assert __version__ == VERSION


def test_the_changelog_has_this_version_below_unreleased() -> None:
    """The tagged version has its dated section; anything newer is under Unreleased, on top."""
    headings = re.findall(r"^## (.+)$", (ROOT / "CHANGELOG.md").read_text(), re.MULTILINE)
    released = [h for h in headings if h != "Unreleased"]
    assert re.fullmatch(rf"{re.escape(VERSION)} - \d{{4}}-\d{{2}}-\d{{2}}", released[0])
    assert "Unreleased" not in headings[1:]


# --- scripts/release ---------------------------------------------------------------------------


def git(folder: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *arguments],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A repository with the four files a release names, for version 2.0.0, and the script."""
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "release", tmp_path / "scripts" / "release")
    package = tmp_path / "src" / "jamsostek_budget"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text('__version__ = "2.0.0"\n')
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\nversion = "2.0.0"\n')
    (tmp_path / "CHANGELOG.md").write_text("## Unreleased\n\n## 2.0.0 - 2027-01-05\n")
    (tmp_path / "README.md").write_text("```yaml\nrepos:\n  - repo: x\n    rev: v2.0.0\n```\n")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "release 2.0.0")
    return tmp_path


def release(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "scripts/release"], cwd=folder, capture_output=True, text=True, check=False
    )


def test_the_release_script_tags_a_written_down_release(project: Path) -> None:
    result = release(project)
    assert result.returncode == 0, result.stderr
    assert "git push origin v2.0.0" in result.stdout
    assert (
        git(project, "rev-parse", "v2.0.0^{commit}").stdout
        == git(project, "rev-parse", "HEAD").stdout
    )
    again = release(project)
    assert again.returncode == 1
    assert "v2.0.0 already exists" in again.stderr


@pytest.mark.parametrize(
    ("path", "text", "message"),
    [
        ("CHANGELOG.md", "## Unreleased\n\n## 1.9.0 - 2026-01-05\n", 'no section "## 2.0.0'),
        ("CHANGELOG.md", "## 2.0.0\n", 'no section "## 2.0.0'),  # a section without its date
        ("README.md", "```yaml\nrepos:\n  - repo: x\n    rev: v1.9.0\n```\n", "rev is not v2.0.0"),
        ("src/jamsostek_budget/__init__.py", '__version__ = "1.9.0"\n', '__version__ is not "2'),
    ],
)
def test_the_release_script_refuses_a_release_not_written_down(
    project: Path, path: str, text: str, message: str
) -> None:
    (project / path).write_text(text)
    git(project, "commit", "-qam", "not quite")
    result = release(project)
    assert result.returncode == 1
    assert message in result.stderr
    assert git(project, "tag").stdout == ""


def test_the_release_script_refuses_uncommitted_changes(project: Path) -> None:
    (project / "README.md").write_text("changed\n")
    result = release(project)
    assert (result.returncode, "uncommitted changes" in result.stderr) == (1, True)
