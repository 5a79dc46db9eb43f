"""The loading and validation layer's messages in Indonesian; pydantic's wording kept in English.

The first block loads invalid files from tests/invalid/ with Indonesian active and checks whole
messages and hints: it needs the Indonesian catalogue (locale/id/LC_MESSAGES/jbudget.mo) compiled
with the loading strings. The second block needs no catalogue: it checks that the English
templates jbudget uses for pydantic's own messages are pydantic's words exactly, so English
output is unchanged.
"""

from __future__ import annotations

import string
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic_core import ErrorDetails, PydanticKnownError

from jamsostek_budget import bundled
from jamsostek_budget.errors import DataError, Problem, UsageError
from jamsostek_budget.i18n import set_language
from jamsostek_budget.loading import load_model, load_scenario
from jamsostek_budget.pydantic_messages import COUNTED, MESSAGES, pydantic_message
from jamsostek_budget.rates import RatesFile
from jamsostek_budget.yamlsource import parse_yaml

INVALID = Path(__file__).parent / "invalid"


@pytest.fixture
def indonesian() -> Iterator[None]:
    set_language("id")
    yield
    set_language("en")


def scenario_problems(name: str) -> list[Problem]:
    with pytest.raises(DataError) as caught:
        load_scenario(INVALID / name)
    return list(caught.value.problems)


def only(problems: list[Problem], line: int) -> Problem:
    found = [problem for problem in problems if problem.line == line]
    assert len(found) == 1, problems
    return found[0]


# --- Indonesian: needs the compiled catalogue ------------------------------------------------

SCENARIO_CASES = [
    (
        "scenario-unknown-key-headcont.yaml",
        9,
        "kunci 'headcont' tidak dikenal",
        "maksud Anda 'headcount'?",
    ),
    (
        "scenario-missing-required-province.yaml",
        1,
        "kunci wajib 'province' tidak ada",
        "tambahkan `province:` di sini",
    ),
    (
        "scenario-wrong-type-headcount-text.yaml",
        9,
        "harus berupa bilangan bulat, bukan 'ten'",
        "tulis angka saja, seperti 1200",
    ),
    ("scenario-negative-headcount.yaml", 9, "harus berupa bilangan bulat >= 0, bukan -10", ""),
    ("scenario-empty-groups.yaml", 5, "harus berisi sedikitnya 1 butir, bukan daftar kosong", ""),
    (
        "scenario-unknown-program-jkmm.yaml",
        11,
        "harus salah satu dari jkk, jkm, jht, jp, bukan 'jkmm'",
        "maksud Anda 'jkm'?",
    ),
    (
        "scenario-programs-not-a-list.yaml",
        11,
        "harus berupa daftar, bukan 'jkk'",
        "tulis satu '- butir' per baris, atau [a, b]",
    ),
    (
        "scenario-bad-city-slug.yaml",
        1,
        "tidak dalam bentuk yang diharapkan, tertulis 'Kota Metro'",
        "gunakan huruf kecil, angka, dan tanda hubung, seperti ketua-rt-rw",
    ),
    (
        "scenario-ambiguous-amount.yaml",
        10,
        "'1.500' bermakna ganda: bisa berarti 1500 ('.' sebagai pemisah ribuan) atau 1.5 "
        "('.' sebagai pemisah desimal)",
        "bahasa Indonesia menulis 1.500 untuk 1500 dan 1,5 untuk 1.5, bahasa Inggris sebaliknya, "
        "sehingga jbudget tidak menebak: tulis 1500 tanpa pemisah, atau 1.500.000 dengan dua "
        "kelompok ribuan atau lebih, atau 1,5 juta dengan satuan",
    ),
    (
        "yaml-duplicate-key-top.yaml",
        5,
        "kunci 'fiscal_year' ganda (pertama kali ditulis pada baris 4)",
        "hapus salah satunya; YAML diam-diam hanya menyimpan yang terakhir",
    ),
    (
        "scenario-octal-headcount.yaml",
        9,
        "angka 0100 bermakna ganda: YAML 1.1 membaca nol di depan sebagai oktal, 0x sebagai "
        "heksadesimal, dan titik dua sebagai basis 60",
        "tulis angka dalam digit desimal biasa, seperti 100",
    ),
    (
        "yaml-alias.yaml",
        17,
        "alias YAML (*both) tidak diizinkan dalam berkas jbudget",
        "tulis nilainya secara lengkap",
    ),
    (
        "yaml-empty.yaml",
        1,
        "berkas kosong",
        "berkas tarif atau skenario berupa pemetaan YAML; lihat examples/metro.yaml",
    ),
    (
        "yaml-top-level-list.yaml",
        1,
        "harus berupa pemetaan kunci ke nilai, bukan daftar",
        "lihat examples/metro.yaml atau rates/bpu.yaml untuk bentuk berkasnya",
    ),
]


@pytest.mark.usefixtures("indonesian")
@pytest.mark.parametrize(
    ("name", "line", "message", "hint"), SCENARIO_CASES, ids=[case[0] for case in SCENARIO_CASES]
)
def test_scenario_problem_in_indonesian(name: str, line: int, message: str, hint: str) -> None:
    problem = only(scenario_problems(name), line)
    assert (problem.message, problem.hint) == (message, hint)


@pytest.mark.usefixtures("indonesian")
def test_rate_file_problems_in_indonesian() -> None:
    with pytest.raises(DataError) as caught:
        load_model(INVALID / "rates-quoted-number.yaml", RatesFile)
    problem = only(list(caught.value.problems), 7)
    assert problem.message == "harus berupa angka, bukan teks '0.24'"
    assert problem.hint == "hapus tanda kutip: tulis 0.24"


@pytest.mark.usefixtures("indonesian")
def test_yaml_syntax_error_keeps_the_parser_words() -> None:
    """PyYAML's own explanation stays English; jbudget's frame and hint are translated."""
    problem = only(scenario_problems("yaml-syntax-error.yaml"), 2)
    assert problem.message.startswith("galat sintaks YAML: ")
    assert problem.hint.startswith("periksa indentasi, titik dua, dan tanda kutip")


@pytest.mark.usefixtures("indonesian")
def test_not_utf8_in_indonesian() -> None:
    with pytest.raises(DataError) as caught:
        parse_yaml(b"city: metro\nprovince: Lampung \xe9\n", "bad.yaml")
    problem = caught.value.problems[0]
    assert (problem.line, problem.column) == (2, 19)
    assert problem.message == "bita 0xe9 bukan UTF-8 yang valid"
    assert problem.hint == "simpan berkas sebagai UTF-8"


@pytest.mark.usefixtures("indonesian")
def test_unknown_bundled_city_in_indonesian() -> None:
    with pytest.raises(UsageError) as caught:
        bundled.city_file("metrp")
    assert caught.value.message == "tidak ada skenario bawaan bernama 'metrp'"
    assert caught.value.hint.startswith("pilih salah satu dari: ")
    assert "metro" in caught.value.hint
    assert caught.value.hint.endswith("atau berikan --scenario PATH untuk berkas Anda sendiri")


@pytest.mark.usefixtures("indonesian")
def test_variant_problems_in_indonesian(tmp_path: Path) -> None:
    variant = tmp_path / "variant.yaml"
    variant.write_text("extends: metro\nremove_groups: [penjaga-makamm]\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_scenario(variant)
    problem = only(list(caught.value.problems), 2)
    assert problem.message == "skenario dasar tidak memiliki kelompok 'penjaga-makamm'"
    assert problem.hint == "maksud Anda 'penjaga-makam'?"


@pytest.mark.usefixtures("indonesian")
def test_pydantic_message_in_indonesian(tmp_path: Path) -> None:
    """An error type jbudget does not word itself gets pydantic's message, translated."""
    variant = tmp_path / "variant.yaml"
    variant.write_text("extends: ''\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_scenario(variant)
    problem = only(list(caught.value.problems), 1)
    assert problem.message == "Teks harus berisi sedikitnya 1 karakter, tertulis ''"


@pytest.mark.usefixtures("indonesian")
def test_counted_pydantic_message_in_indonesian(tmp_path: Path) -> None:
    """Indonesian has one plural form: a count other than 1 must not fall back to English."""
    too_long = "a" * 70
    variant = tmp_path / "variant.yaml"
    variant.write_text(f"extends: metro\nremove_groups: [{too_long}]\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_scenario(variant)
    problem = only(list(caught.value.problems), 2)
    assert problem.message == f"Teks harus berisi paling banyak 64 karakter, tertulis '{too_long}'"


# --- English: no catalogue needed --------------------------------------------------------------

COUNT_KEYS = {key for key, _message in COUNTED.values()} | {"actual_length"}


def sample_context(template: str, count: int) -> dict[str, object]:
    """A value for every placeholder of `template`: `count` for counts, a word otherwise."""
    names = {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name}
    return {name: count if name in COUNT_KEYS else f"<{name}>" for name in names}


def known_error(kind: str, context: dict[str, object]) -> ErrorDetails:
    """The error as pydantic reports it, with pydantic's own English message."""
    message = PydanticKnownError(kind, context).message()  # type: ignore[arg-type]
    return {"type": kind, "loc": (), "msg": message, "input": None, "ctx": context}


@pytest.mark.parametrize("kind", sorted(MESSAGES))
def test_english_template_is_pydantics_message(kind: str) -> None:
    error = known_error(kind, sample_context(MESSAGES[kind], 1))
    assert pydantic_message(error) == error["msg"]


@pytest.mark.parametrize("count", [1, 2])
@pytest.mark.parametrize("kind", sorted(COUNTED))
def test_english_counted_template_is_pydantics_message(kind: str, count: int) -> None:
    key, message = COUNTED[kind]
    context = sample_context(message(count), count)
    context[key] = count
    error = known_error(kind, context)
    assert pydantic_message(error) == error["msg"]


def test_unlisted_type_keeps_pydantics_message() -> None:
    error = known_error("url_scheme", {"expected_schemes": "'https'"})
    assert pydantic_message(error) == "URL scheme should be 'https'"


def test_value_error_message_is_used_as_given() -> None:
    """Our validators' messages are translated where they are raised: not again here, and
    without pydantic's "Value error, " prefix."""
    error = known_error("value_error", {"error": "a bpu group needs declared_income"})
    assert error["msg"] == "Value error, a bpu group needs declared_income"
    assert pydantic_message(error) == "a bpu group needs declared_income"


def test_context_a_translation_cannot_fill_falls_back_to_pydantic() -> None:
    error: ErrorDetails = {
        "type": "greater_than",
        "loc": (),
        "msg": "Input should be greater than 5",
        "input": 3,
        "ctx": {},
    }
    assert pydantic_message(error) == "Input should be greater than 5"
