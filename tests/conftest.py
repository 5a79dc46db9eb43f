"""Shared fixtures: the bundled rate table."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator

import pytest

# The suite speaks English unless a test asks for --lang id; set before jbudget picks a language.
os.environ["LANGUAGE"] = "en"
# The jbudget processes the tests start keep their cache of checked inputs (app.inputcache) in a
# folder of this run, never in the user's ~/.cache.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="jbudget-test-cache-")

from jamsostek_budget.app import estimate as api
from jamsostek_budget.i18n import set_language
from jamsostek_budget.model.ratetable import RateTable


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regen-golden",
        action="store_true",
        help="rewrite the golden files that differ (tests/test_golden.py) and the README's"
        " screenshot docs/estimate-html.png (tests/test_html.py); those tests fail",
    )
    parser.addoption(
        "--regen-readme",
        action="store_true",
        help="rewrite the README examples whose output differs (tests/test_readme_examples.py);"
        " those tests fail",
    )


@pytest.fixture(scope="session", autouse=True)
def no_cache_left_behind() -> Iterator[None]:
    """The run's cache folder (see above) goes with the run."""
    yield
    shutil.rmtree(os.environ["XDG_CACHE_HOME"], ignore_errors=True)


@pytest.fixture(scope="session")
def table() -> RateTable:
    return api.load_rate_table()


@pytest.fixture(autouse=True)
def english_after_each_test() -> Iterator[None]:
    """A run with --lang id leaves Indonesian active in this process: the next test starts in
    the suite's language again."""
    yield
    set_language("en")
