"""A bundled city: its slug (what `cities` lists and a scenario reference names), its scenario
file and the scenario read from it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jamsostek_budget.model.scenario import Scenario


@dataclass(frozen=True)
class City:
    slug: str
    path: Path
    scenario: Scenario
