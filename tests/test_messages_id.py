"""The loading and validation layer's messages in Indonesian.

The cases load invalid files from tests/invalid/ with Indonesian active and check whole messages
and hints: they need the Indonesian catalogue (locale/id/LC_MESSAGES/jbudget.mo) compiled with the
loading strings. Every message is jbudget's own; none is a library's wording.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from jamsostek_budget.cli.flags import with_flags
from jamsostek_budget.errors import DataError, Problem, UsageError
from jamsostek_budget.i18n import set_language
from jamsostek_budget.loading import bundled
from jamsostek_budget.loading.files import load_model, load_scenario
from jamsostek_budget.loading.yamlsource import parse_yaml
from jamsostek_budget.model.rates import RatesFile

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
def test_yaml_syntax_error_is_worded_by_jbudget() -> None:
    """The parser's English never reaches the user: jbudget says what it found, translated."""
    problem = only(scenario_problems("yaml-syntax-error.yaml"), 2)
    assert problem.message.startswith("galat sintaks YAML: titik dua di tempat")
    assert "mapping values" not in problem.message
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
    hint = caught.value.hint  # the library names the input; the CLI writes its flag
    assert hint.endswith("atau berikan \x00scenario\x00 PATH untuk berkas Anda sendiri")
    assert with_flags(hint).endswith("atau berikan --scenario PATH untuk berkas Anda sendiri")


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
def test_an_empty_text_is_worded_by_jbudget_in_indonesian(tmp_path: Path) -> None:
    """A check pydantic performs is worded by jbudget, never with pydantic's own message."""
    variant = tmp_path / "variant.yaml"
    variant.write_text("extends: ''\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_scenario(variant)
    problem = only(list(caught.value.problems), 1)
    assert problem.message == "tidak boleh kosong, tertulis ''"


@pytest.mark.usefixtures("indonesian")
def test_too_long_text_is_worded_by_jbudget_in_indonesian(tmp_path: Path) -> None:
    too_long = "a" * 70
    variant = tmp_path / "variant.yaml"
    variant.write_text(f"extends: metro\nremove_groups: [{too_long}]\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_scenario(variant)
    problem = only(list(caught.value.problems), 2)
    assert problem.message == f"paling banyak 64 karakter, tertulis '{too_long[:59]}\u2026'"
