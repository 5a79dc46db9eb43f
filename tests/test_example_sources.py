"""The bundled examples cite each article by outlet, title and date, or say plainly that the
outlet or title was not found: never by an opaque research file id alone."""

from __future__ import annotations

import re

import pytest

from jamsostek_budget.app import estimate as api

MONTH_YEAR = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|"
    r"December) \d{4}\b"
)
TITLED = re.compile(r"^(?P<outlet>[A-Z][\w .]+), '(?P<title>[^']{10,})', .*https?://\S+")


@pytest.mark.parametrize("city", [city.slug for city in api.cities().unwrap()])
def test_every_source_names_its_article_or_says_it_was_not_found(city: str) -> None:
    sources = next(c for c in api.cities().unwrap() if c.slug == city).scenario.sources
    assert sources
    for source in sources:
        assert not re.match(r"^News( \d{4})? \(\w+\)", source), source
        if "not found" in source and not TITLED.match(source):
            assert "research file" in source, source  # what is known: where the figures are
            continue
        assert TITLED.match(source), source
        assert MONTH_YEAR.search(source), source
