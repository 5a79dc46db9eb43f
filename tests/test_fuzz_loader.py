"""Property tests of the loader: whatever bytes a file holds, loading it gives a valid model or a
DataError whose problems all carry a position and a message. No other exception may escape.

Inputs: random bytes and text, YAML-flavoured text, random documents built from the real key
names, and random mutations of the bundled examples/metro.yaml and rates/bpu.yaml.
"""

from __future__ import annotations

import string
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from jamsostek_budget.errors import DataError
from jamsostek_budget.loading import bundled
from jamsostek_budget.loading.files import load_model
from jamsostek_budget.loading.yamlsource import parse_yaml
from jamsostek_budget.model.rates import PARAMETER_NAMES, RatesFile
from jamsostek_budget.model.scenario import Scenario

NAME = "fuzz.yaml"
MODELS: tuple[type[Scenario] | type[RatesFile], ...] = (Scenario, RatesFile)


def fuzz(examples: int) -> settings:
    """No deadline (file I/O), no example database written into the checkout."""
    return settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


def check_problems(exc: DataError) -> None:
    assert exc.problems, "a DataError must carry at least one problem"
    for problem in exc.problems:
        assert problem.line >= 1, problem
        assert problem.column >= 1, problem
        assert problem.message.strip(), problem
        assert problem.severity == "error", problem


def check_bytes(raw: bytes, folder: Path, models: tuple[type[Any], ...] = MODELS) -> None:
    """parse_yaml, then load_model with each model: a model or a well-formed DataError."""
    try:
        parse_yaml(raw, NAME)
    except DataError as exc:
        check_problems(exc)
        return
    path = folder / NAME
    path.write_bytes(raw)
    for model in models:
        try:
            loaded, source = load_model(path, model)
        except DataError as exc:
            check_problems(exc)
            event(f"{model.__name__}: DataError")
        else:
            assert isinstance(loaded, model)
            assert source.file
            event(f"{model.__name__}: valid")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


# --- (a) random input ------------------------------------------------------------------------

YAML_CHARS = string.ascii_letters + string.digits + " \t\n:-,.[]{}#&*!|>'\"%@`?<=~_/\\" + "é\u00a0"
yaml_ish = st.text(alphabet=YAML_CHARS, max_size=300)
KEYS = sorted(
    {
        *Scenario.model_fields,
        *RatesFile.model_fields,
        "id",
        "label",
        "segment",
        "headcount",
        "declared_income",
        "monthly_wage",
        "risk_class",
        "programs",
        "start_month",
        "end_month",
        "name",
        "unit",
        "values",
        "effective",
        "value",
        "regulation",
        "last_checked",
        "confidence",
        "bands",
        "lower",
        "upper",
        "nominal",
        "first_month",
        "last_month",
        "segments",
    }
)
WORDS = ["bpu", "pu", "jkk", "jkm", "jht", "jp", "very_low", "high", "percent", "rupiah"]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(min_value=date(1990, 1, 1), max_value=date(2110, 12, 31)),
    st.sampled_from([*WORDS, *PARAMETER_NAMES, "pp-44-2015", "2020-08", "1.500.000"]),
    st.text(max_size=20),
)
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from(KEYS), inner, max_size=6),
    ),
    max_leaves=12,
)


@fuzz(400)
@given(raw=st.binary(max_size=400))
def test_random_bytes(raw: bytes, folder: Path) -> None:
    check_bytes(raw, folder)


@fuzz(400)
@given(text=st.text(max_size=300))
def test_random_text(text: str, folder: Path) -> None:
    check_bytes(text.encode("utf-8", "surrogatepass"), folder)


@fuzz(700)
@given(text=yaml_ish)
def test_yaml_flavoured_text(text: str, folder: Path) -> None:
    check_bytes(text.encode("utf-8"), folder)


@fuzz(400)
@given(document=st.dictionaries(st.sampled_from(KEYS), documents, max_size=6))
def test_documents_of_real_keys(document: dict[str, Any], folder: Path) -> None:
    dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    check_bytes(yaml.dump(document, Dumper=dumper, allow_unicode=True).encode("utf-8"), folder)


# --- (b) mutations of the bundled files ------------------------------------------------------

Mutation = Callable[[list[str], st.DrawFn], list[str]]


def _line(lines: list[str], draw: st.DrawFn) -> int:
    return draw(st.integers(min_value=0, max_value=len(lines) - 1))


def delete_line(lines: list[str], draw: st.DrawFn) -> list[str]:
    index = _line(lines, draw)
    return lines[:index] + lines[index + 1 :]


def duplicate_line(lines: list[str], draw: st.DrawFn) -> list[str]:
    index = _line(lines, draw)
    return [*lines[: index + 1], lines[index], *lines[index + 1 :]]


def swap_characters(lines: list[str], draw: st.DrawFn) -> list[str]:
    index = _line(lines, draw)
    line = lines[index]
    if len(line) < 2:
        return lines
    at = draw(st.integers(min_value=0, max_value=len(line) - 2))
    swapped = line[:at] + line[at + 1] + line[at] + line[at + 2 :]
    return [*lines[:index], swapped, *lines[index + 1 :]]


def replace_value(lines: list[str], draw: st.DrawFn) -> list[str]:
    keyed = [i for i, line in enumerate(lines) if ": " in line or line.rstrip().endswith(":")]
    index = draw(st.sampled_from(keyed))
    key = lines[index].split(":", 1)[0]
    value = draw(st.one_of(yaml_ish.map(lambda text: text.replace("\n", " ")), scalars.map(str)))
    return [*lines[:index], f"{key}: {value}", *lines[index + 1 :]]


def change_indentation(lines: list[str], draw: st.DrawFn) -> list[str]:
    index = _line(lines, draw)
    line = lines[index]
    shift = draw(st.integers(min_value=-4, max_value=4))
    if shift >= 0:
        changed = " " * shift + line
    else:
        cut = min(-shift, len(line) - len(line.lstrip(" ")))
        changed = line[cut:]
    return [*lines[:index], changed, *lines[index + 1 :]]


MUTATIONS: list[Mutation] = [
    delete_line,
    duplicate_line,
    swap_characters,
    replace_value,
    change_indentation,
]


@st.composite
def mutated(draw: st.DrawFn, text: str) -> bytes:
    lines = text.splitlines()
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        mutation = draw(st.sampled_from(MUTATIONS))
        event(mutation.__name__)
        lines = mutation(lines, draw) or [""]
    return ("\n".join(lines) + "\n").encode("utf-8")


METRO = (bundled.data_dir("examples") / "metro.yaml").read_text(encoding="utf-8")
BPU = (bundled.data_dir("rates") / "bpu.yaml").read_text(encoding="utf-8")


def test_bundled_files_load() -> None:
    """The mutations start from files that are valid."""
    assert isinstance(
        load_model(bundled.data_dir("examples") / "metro.yaml", Scenario)[0], Scenario
    )
    assert isinstance(load_model(bundled.data_dir("rates") / "bpu.yaml", RatesFile)[0], RatesFile)


@fuzz(600)
@given(raw=mutated(METRO))
def test_mutated_metro(raw: bytes, folder: Path) -> None:
    check_bytes(raw, folder, (Scenario,))


@fuzz(500)
@given(raw=mutated(BPU))
@example(raw=BPU.replace("2015-07-01", "2015-70-01", 1).encode("utf-8"))  # an impossible date
def test_mutated_bpu_rates(raw: bytes, folder: Path) -> None:
    check_bytes(raw, folder, (RatesFile,))
