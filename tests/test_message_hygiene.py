"""Every message about a bad value is jbudget's own: no library wording (pydantic, PyYAML, Python
exception text), no empty choice list, and no value echoed whole when it is long.

Each field of the bundled examples/metro.yaml (with a pu group added) and rates/jp-wage-cap.yaml
is replaced in turn by each value of a list of wrong kinds, including a 50,000-character text;
every problem reported must pass the checks below.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from jamsostek_budget.errors import ECHO_LIMIT, DataError, Problem
from jamsostek_budget.loading import bundled
from jamsostek_budget.loading.files import load_model, load_scenario
from jamsostek_budget.loading.yamlsource import parse_yaml
from jamsostek_budget.model.rates import RatesFile

LONG = "x" * 50_000
WRONG_VALUES: list[Any] = [
    "",
    LONG,
    "40",
    [],
    {},
    True,
    1.5,
    -1,
    None,
    [LONG],
    {LONG: 1},
    "jkx",
    10**40,
]
# Phrases of pydantic's, PyYAML's and Python's own messages.
LIBRARY_WORDING = re.compile(
    r"Input should|String should|Field required|Value error|Extra inputs|instance of|"
    r"Decimal|pydantic|mapping values are not|while (scanning|parsing)|could not (find|determine)|"
    r"did not find expected|Traceback|<class|Exceeds the limit|unhashable|object has no",
)
PU_GROUP = {
    "id": "staff",
    "label": "Staf",
    "segment": "pu",
    "headcount": 1,
    "monthly_wage": 3_000_000,
    "risk_class": "low",
    "programs": ["jkk", "jkm", "jp"],
    "budget_codes": {"jkk": "5.1.02.02.02.0006"},
    "headcount_by_year": [{"year": 2026, "headcount": 3}],
}


def paths(data: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every key and the first two items of every list, depth first."""
    items = data.items() if isinstance(data, dict) else enumerate(data[:2])
    for key, value in items:
        yield (*prefix, key)
        if isinstance(value, dict | list):
            yield from paths(value, (*prefix, key))


def replaced(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    copied = copy.deepcopy(data)
    target = copied
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return copied


def check(problem: Problem) -> None:
    text = f"{problem.field} {problem.message} {problem.hint}"
    assert not LIBRARY_WORDING.search(text), text
    assert "one of ," not in text and "one of  " not in text, text
    assert "x" * (ECHO_LIMIT + 1) not in text, text[:300]
    assert len(text) < 1_000, text[:300]


def problems(load: Any, path: Path) -> tuple[Problem, ...]:
    try:
        load(path)
    except DataError as exc:
        return exc.problems
    return ()


def scenario_cases() -> list[tuple[tuple[Any, ...], Any]]:
    base = yaml.safe_load((bundled.data_dir("examples") / "metro.yaml").read_text())
    base["groups"] = [*base["groups"][:1], PU_GROUP]
    base["projection"] = {"headcount_growth_percent": 1}
    return [(p, base) for p in paths(base) if p[:2] != ("groups", 0) or len(p) == 2]


@pytest.mark.parametrize(("field", "base"), scenario_cases(), ids=lambda v: str(v)[:40])
def test_scenario_messages_are_jbudgets_own(tmp_path: Path, field: Any, base: Any) -> None:
    path = tmp_path / "s.yaml"
    reported = 0
    for value in WRONG_VALUES:
        path.write_text(yaml.safe_dump(replaced(base, field, value)), encoding="utf-8")
        for problem in problems(load_scenario, path):
            check(problem)
            reported += 1
    assert reported


def rate_cases() -> list[tuple[Any, ...]]:
    base = yaml.safe_load((bundled.data_dir("rates") / "jp-wage-cap.yaml").read_text())
    return list(paths(base))


@pytest.mark.parametrize("field", rate_cases(), ids=lambda v: str(v)[:40])
def test_rate_file_messages_are_jbudgets_own(tmp_path: Path, field: Any) -> None:
    base = yaml.safe_load((bundled.data_dir("rates") / "jp-wage-cap.yaml").read_text())
    path = tmp_path / "r.yaml"
    for value in WRONG_VALUES:
        path.write_text(yaml.safe_dump(replaced(base, field, value)), encoding="utf-8")
        for problem in problems(lambda p: load_model(p, RatesFile), path):
            check(problem)


@pytest.mark.parametrize(
    "text",
    [
        "a: b: c\n",
        "a: [1, 2\n",
        "a: {b: 1\n",
        "a: 'x\n",
        'a: "\\q"\n',
        "a:\n  - 1\n  b: 2\n",
        "a: @x\n",
        "a: 1\n]\n",
        "a: b\n---\nc: d\n",
        "a: &x 1\nb: &x 2\n",
        "%YAML 1.1\n%YAML 1.1\n---\na: 1\n",
        "a: !!python/object x\n",
        "a: !foo x\n",
        "a: 2020-02-30\n",
        f"{LONG}: 1\n",
        f"a: {'1' * 5000}\n",
        f"? [{LONG}]\n: 1\n",
    ],
)
def test_yaml_problems_are_worded_by_jbudget(text: str) -> None:
    with pytest.raises(DataError) as caught:
        parse_yaml(text.encode(), "y.yaml")
    for problem in caught.value.problems:
        check(problem)
