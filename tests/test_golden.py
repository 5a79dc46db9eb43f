"""Golden outputs: every bundled city in every format, compared byte for byte.

After a deliberate change to the output, regenerate with
`JBUDGET_REGEN_GOLDEN=1 pytest tests/test_golden.py` and review the diff before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.cli_runner import run

GOLDEN = Path(__file__).parent / "golden"
CITIES = ("metro", "bandar-lampung", "lubuklinggau")
FORMATS = {"table": "txt", "json": "json", "csv": "csv", "markdown": "md"}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("city", CITIES)
def test_golden_output(city: str, fmt: str) -> None:
    result = run("estimate", "--city", city, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    path = GOLDEN / f"{city}.{FORMATS[fmt]}"
    if os.environ.get("JBUDGET_REGEN_GOLDEN") == "1":
        path.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == path.read_text(encoding="utf-8")
