"""The cache of checked inputs (jamsostek_budget.app.inputcache): a run with a cache gives the
result a run without one gives, and an entry is never used once a file it was built from, the
language or the day has changed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from jamsostek_budget.app import estimate as api
from jamsostek_budget.app import inputcache
from jamsostek_budget.errors import DataError
from jamsostek_budget.i18n import set_language
from jamsostek_budget.loading import bundled

METRO = api.scenario_path("metro", None)


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "cache"
    inputcache.enable(folder)
    yield folder
    inputcache._folder.clear()


@pytest.fixture
def rates(tmp_path: Path) -> Path:
    folder = tmp_path / "rates"
    shutil.copytree(bundled.data_dir("rates"), folder)
    return folder


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.pickle"))


def test_a_cached_result_is_the_result(cache: Path) -> None:
    fresh = api.estimate(METRO).unwrap()
    assert len(entries(cache)) == 1
    again = api.estimate(METRO).unwrap()
    assert again == fresh
    assert again.budget.annual == fresh.budget.annual > 0


def test_a_hit_reads_no_yaml(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    api.checked_scenario(METRO, None, None)

    def no_reading(*_arguments: object) -> None:
        raise AssertionError("the cached result should have been used")

    monkeypatch.setattr(api, "_checked_scenario", no_reading)
    scenario, _table, _warnings = api.checked_scenario(METRO, None, None)
    assert scenario.fiscal_year == 2025


def test_without_the_cache_nothing_is_written(tmp_path: Path) -> None:
    assert inputcache.enabled_folder() is None  # the library alone: no cache
    api.estimate(METRO)
    assert not (tmp_path / "cache").exists()


def test_a_changed_rate_file_is_read_again(cache: Path, rates: Path) -> None:
    before = api.estimate(METRO, rates_dir=rates).unwrap().budget.annual
    bpu = rates / "bpu.yaml"
    text = bpu.read_text(encoding="utf-8")
    assert "jkm_flat" in text
    bpu.write_text(text.replace("value: 6800", "value: 7800"), encoding="utf-8")
    after = api.estimate(METRO, rates_dir=rates).unwrap().budget.annual
    assert after != before
    assert after == api.estimate(METRO, rates_dir=rates).unwrap().budget.annual


def test_a_changed_base_of_extends_is_read_again(cache: Path, tmp_path: Path) -> None:
    base = tmp_path / "base.yaml"
    base.write_text(METRO.read_text(encoding="utf-8"), encoding="utf-8")
    variant = tmp_path / "variant.yaml"
    variant.write_text("extends: base.yaml\n", encoding="utf-8")
    first = api.estimate(variant).unwrap().budget
    base.write_text(
        base.read_text(encoding="utf-8").replace("headcount: 1400", "headcount: 1500"),
        encoding="utf-8",
    )
    second = api.estimate(variant).unwrap().budget
    assert second.annual > first.annual
    assert second == api.estimate(variant).unwrap().budget


def test_a_rate_file_added_to_the_folder_is_read(cache: Path, rates: Path) -> None:
    api.estimate(METRO, rates_dir=rates)
    (rates / "zz-broken.yaml").write_text("parameters: [\n", encoding="utf-8")
    with pytest.raises(DataError):
        api.estimate(METRO, rates_dir=rates).unwrap()


def test_a_broken_entry_is_ignored_and_written_again(cache: Path) -> None:
    fresh = api.estimate(METRO).unwrap()
    (entry,) = entries(cache)
    entry.write_bytes(entry.read_bytes()[:100])
    assert api.estimate(METRO).unwrap() == fresh
    assert len(entry.read_bytes()) > 100
    entry.write_bytes(b"not a pickle at all")
    assert api.estimate(METRO).unwrap() == fresh


def test_each_language_has_its_own_entry(cache: Path) -> None:
    api.estimate(METRO)
    set_language("id")
    api.estimate(METRO)
    assert len(entries(cache)) == 2


def test_errors_are_never_cached(cache: Path, tmp_path: Path) -> None:
    broken = tmp_path / "kota.yaml"
    broken.write_text(METRO.read_text().replace("headcount: 1400", "headcount: -40"))
    for _ in range(2):
        with pytest.raises(DataError):
            api.estimate(broken).unwrap()
    assert entries(cache) == []


def test_the_program_gives_the_same_bytes_from_its_cache(tmp_path: Path) -> None:
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "xdg"))
    command = [sys.executable, "-m", "jamsostek_budget", "estimate", "--city", "metro"]
    outputs = [
        subprocess.run(command, env=env, capture_output=True, check=True).stdout for _ in range(2)
    ]
    assert outputs[0] == outputs[1] and b"Rp" in outputs[0]
    assert len(entries(tmp_path / "xdg" / "jbudget" / "inputs")) == 1
