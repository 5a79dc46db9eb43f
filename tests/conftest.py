"""Shared fixtures: the bundled rate table."""

from __future__ import annotations

import os

import pytest

# The suite speaks English unless a test asks for --lang id; set before jbudget picks a language.
os.environ["LANGUAGE"] = "en"

from jamsostek_budget import api
from jamsostek_budget.ratetable import RateTable


@pytest.fixture(scope="session")
def table() -> RateTable:
    return api.load_rate_table()
