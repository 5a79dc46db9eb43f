"""Shared fixtures: the bundled rate table."""

from __future__ import annotations

import pytest

from jamsostek_budget import api
from jamsostek_budget.ratetable import RateTable


@pytest.fixture(scope="session")
def table() -> RateTable:
    return api.load_rate_table()
