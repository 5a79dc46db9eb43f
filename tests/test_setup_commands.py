"""The README's set-up commands, CI and the lock file stay in step.

CI runs the README's test command as written, and that command installs requirements/test.lock:
so the lock must pin, with hashes, every dependency pyproject.toml names, at a version its range
allows. A dependency added to pyproject.toml without `bash scripts/lock` fails here, not on a
fresh machine.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements" / "test.lock"


def readme_test_command() -> str:
    commands = [
        line
        for line in (ROOT / "README.md").read_text().splitlines()
        if line.startswith("bash scripts/test-tools")
    ]
    assert len(commands) == 1, commands
    return commands[0]


def locked() -> dict[str, tuple[str, list[str]]]:
    """Each locked package: its exact version and its hashes."""
    entries = re.split(r"\n(?=[a-z0-9])", LOCK.read_text())
    found: dict[str, tuple[str, list[str]]] = {}
    for entry in entries:
        match = re.match(r"([a-z0-9][a-z0-9._-]*)==(\S+)", entry)
        if match:
            hashes = re.findall(r"--hash=sha256:([0-9a-f]{64})", entry)
            found[canonicalize_name(match[1])] = (match[2], hashes)
    return found


def declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    names = project["dependencies"] + project["optional-dependencies"]["test"]
    return [Requirement(name) for name in names]


def test_ci_runs_the_readme_test_command_as_written() -> None:
    command = readme_test_command()
    assert "-r requirements/test.lock" in command
    assert command in (ROOT / ".ci" / "run").read_text().splitlines()


def test_every_locked_package_has_an_exact_version_and_hashes() -> None:
    packages = locked()
    assert len(packages) > 20
    assert {name for name, (_version, hashes) in packages.items() if not hashes} == set()


def test_every_declared_dependency_is_locked_within_its_range() -> None:
    packages = locked()
    outside = {
        str(requirement): packages.get(canonicalize_name(requirement.name), ("missing", []))[0]
        for requirement in declared()
        if canonicalize_name(requirement.name) not in packages
        or not requirement.specifier.contains(packages[canonicalize_name(requirement.name)][0])
    }
    assert outside == {}, "run `bash scripts/lock`"


def test_the_build_backend_is_locked() -> None:
    build = tomllib.loads((ROOT / "pyproject.toml").read_text())["build-system"]["requires"]
    packages = locked()
    for name in [*build, "editables"]:
        requirement = Requirement(name)
        assert requirement.specifier.contains(packages[canonicalize_name(requirement.name)][0])
