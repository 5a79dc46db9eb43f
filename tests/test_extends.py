"""Scenario variants: `extends` with added, removed and changed groups, stacked, with every problem
pointing at the file and line where the value was written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jamsostek_budget.app import estimate as api
from jamsostek_budget.errors import DataError
from jamsostek_budget.loading.files import load_scenario
from tests.cli_runner import run

REPO = Path(__file__).resolve().parents[1]
BASE = """\
city: kota
name: Kota Uji
province: Lampung
fiscal_year: 2025
sources: [base source]
groups:
  - id: rt
    label: Ketua RT
    segment: bpu
    headcount: 100
    declared_income: 1000000
    programs: [jkk, jkm]
  - id: marbot
    label: Marbot
    segment: bpu
    headcount: 50
    declared_income: 1000000
    programs: [jkk, jkm]
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_scenario(path)
    return [
        f"{Path(p.file).name}:{p.line}:{p.column}: {p.field}: {p.message}"
        for p in caught.value.problems
    ]


def test_bundled_expansion_adds_juru_parkir_and_kuli_angkut() -> None:
    # 2025 Metro (Rp1,720,963,200) + 550 people x Rp201,600 = Rp1,831,843,200 for 2026
    budget = api.estimate(api.scenario_path("metro-2026-expansion", None)).unwrap().budget
    assert budget.fiscal_year == 2026
    assert budget.headcount == 8_477 + 350 + 200
    assert [line.group.id for line in budget.lines][-2:] == ["juru-parkir", "kuli-angkut"]
    assert budget.annual == 1_720_963_200 + 550 * 201_600


def test_add_remove_change_and_stack(tmp_path: Path) -> None:
    write(tmp_path, "base.yaml", BASE)
    write(
        tmp_path,
        "mid.yaml",
        "extends: base.yaml\nremove_groups: [marbot]\n"
        "change_groups:\n  - {id: rt, headcount: 120, programs: [jkk, jkm, jht]}\n"
        "sources: [mid source]\n",
    )
    top = write(
        tmp_path,
        "top.yaml",
        "extends: mid.yaml\nfiscal_year: 2026\nadd_groups:\n"
        "  - {id: parkir, label: Juru parkir, segment: bpu, headcount: 10,\n"
        "     declared_income: 1000000, programs: [jkk, jkm]}\n",
    )
    scenario, _ = load_scenario(top)
    assert scenario.fiscal_year == 2026 and scenario.name == "Kota Uji"
    assert [(g.id, g.headcount, g.programs) for g in scenario.groups] == [
        ("rt", 120, ["jkk", "jkm", "jht"]),
        ("parkir", 10, ["jkk", "jkm"]),
    ]
    assert scenario.sources == ["base source", "mid source"]
    result = run("estimate", "--scenario", str(top), "-f", "json")
    assert result.exit_code == 0, result.stderr
    # 120 x 36,800 x 12 + 10 x 16,800 x 12 = 52,992,000 + 2,016,000
    assert json.loads(result.stdout)["totals"]["annual"] == 55_008_000


def test_a_problem_in_a_changed_field_points_at_the_variant(tmp_path: Path) -> None:
    write(tmp_path, "base.yaml", BASE)
    variant = write(
        tmp_path, "v.yaml", "extends: base.yaml\nchange_groups:\n  - id: rt\n    headcount: -5\n"
    )
    assert problems_of(variant) == [
        "v.yaml:4:16: groups[0].headcount: must be a whole number >= 0, got -5"
    ]


def test_a_problem_in_an_inherited_group_points_at_the_base(tmp_path: Path) -> None:
    write(
        tmp_path,
        "base.yaml",
        BASE.replace("segment: bpu\n    headcount: 50", "segment: bpx\n    headcount: 50"),
    )
    variant = write(tmp_path, "v.yaml", "extends: base.yaml\nfiscal_year: 2026\n")
    assert problems_of(variant) == [
        "base.yaml:15:14: groups[1].segment: must be one of bpu, pu, got 'bpx'"
    ]


def test_changing_or_removing_an_unknown_group(tmp_path: Path) -> None:
    write(tmp_path, "base.yaml", BASE)
    variant = write(
        tmp_path,
        "v.yaml",
        "extends: base.yaml\nremove_groups: [marbott]\n"
        "change_groups:\n  - {id: rw, headcount: 1}\n",
    )
    found = problems_of(variant)
    assert found == [
        "v.yaml:2:17: remove_groups[0]: the base scenario has no group 'marbott'",
        "v.yaml:4:10: change_groups[0].id: the base scenario has no group 'rw'",
    ]


def test_an_extends_cycle_is_refused(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "extends: b.yaml\nfiscal_year: 2026\n")
    b = write(tmp_path, "b.yaml", "extends: a.yaml\n")
    assert problems_of(b) == ["a.yaml:1:10: extends: extends cycle: b.yaml -> a.yaml -> b.yaml"]


def test_unknown_base_and_unknown_variant_key(tmp_path: Path) -> None:
    missing = write(tmp_path, "v.yaml", "extends: nowhere.yaml\n")
    assert "does not exist" in problems_of(missing)[0]
    city = write(tmp_path, "w.yaml", "extends: metroo\n")
    assert problems_of(city) == ["w.yaml:1:10: extends: no bundled scenario named 'metroo'"]
    typo = write(tmp_path, "x.yaml", "extends: metro\nremove_group: [marbot]\n")
    [problem] = problems_of(typo)
    assert problem == "x.yaml:2:1: remove_group: unknown key 'remove_group'"


def test_validate_checks_variants_and_the_bundled_expansion() -> None:
    result = run("validate", str(REPO / "examples"), "--verbose")
    assert result.exit_code == 0, result.stdout
    assert "metro-2026-expansion.yaml (scenario)" in result.stdout


SECRET = "password: [hunter2, 'unclosed\n"


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("binary.yaml", b"\x00\x01\x02 city: x\n", "is a binary file"),
        ("latin1.yaml", b"city: Kota \xe9\n", "is a binary file"),
        ("empty.yaml", b"", "is empty"),
        ("list.yaml", b"- city\n- groups\n", "holds a list or a single value"),
        ("secret.yaml", SECRET.encode(), "is not a valid YAML file"),
        ("creds.yaml", b"password: hunter2\ntoken: abc\n", "has none of a scenario's keys"),
    ],
)
def test_extends_names_what_a_target_is_without_quoting_it(
    tmp_path: Path, name: str, content: bytes, words: str
) -> None:
    (tmp_path / name).write_bytes(content)
    variant = write(tmp_path, "variant.yaml", f"city: v\nextends: {name}\n")
    [problem] = problems_of(variant)
    assert problem.startswith("variant.yaml:2:10: extends:")
    assert words in problem and "extends needs a scenario file" in problem
    assert "hunter2" not in problem and "token" not in problem


def test_extends_a_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    import os

    os.mkfifo(tmp_path / "pipe.yaml")
    variant = write(tmp_path, "variant.yaml", "city: v\nextends: pipe.yaml\n")
    [problem] = problems_of(variant)
    assert "'pipe.yaml' is a named pipe (FIFO)" in problem


def test_a_base_with_problems_is_summarised_at_the_extends_line(tmp_path: Path) -> None:
    write(tmp_path, "base.yaml", BASE.replace("fiscal_year: 2025", "fiscal_year: 2025\ncity: dup"))
    variant = write(tmp_path, "variant.yaml", "extends: base.yaml\n")
    [problem] = problems_of(variant)
    assert "'base.yaml' is not a valid YAML file (its first problem is on line 5)" in problem


def test_scenario_flag_with_a_rate_file_says_what_it_is() -> None:
    result = run("estimate", "--scenario", str(REPO / "rates" / "bpu.yaml"))
    assert result.exit_code == 1
    assert "bpu.yaml" in result.stderr and "this is a rate file, not a scenario" in result.stderr


def test_removing_and_changing_the_same_group_names_both_places(tmp_path: Path) -> None:
    write(tmp_path, "base.yaml", BASE)
    variant = write(
        tmp_path,
        "variant.yaml",
        "extends: base.yaml\nremove_groups: [rt]\nchange_groups:\n  - {id: rt, headcount: 5}\n",
    )
    assert problems_of(variant) == [
        "variant.yaml:4:10: change_groups[0].id: group 'rt' is both removed "
        "(at remove_groups[0], line 2) and changed here"
    ]


def test_replacing_a_group_by_removing_and_adding_it_is_allowed(tmp_path: Path) -> None:
    write(tmp_path, "base.yaml", BASE)
    variant = write(
        tmp_path,
        "variant.yaml",
        "extends: base.yaml\nremove_groups: [rt]\nadd_groups:\n"
        "  - {id: rt, label: RT baru, segment: bpu, headcount: 7,\n"
        "     declared_income: 1000000, programs: [jkk, jkm]}\n",
    )
    scenario, _ = load_scenario(variant)
    assert [(g.id, g.headcount) for g in scenario.groups] == [("marbot", 50), ("rt", 7)]


def test_validate_names_a_device_or_pipe_for_what_it_is(tmp_path: Path) -> None:
    import os

    os.mkfifo(tmp_path / "pipe.yaml")
    for path, what in ((Path("/dev/null"), "a device"), (tmp_path / "pipe.yaml", "a named pipe")):
        result = run("validate", str(path))
        assert result.exit_code == 2
        assert f"{path} is {what}" in result.stderr and "does not exist" not in result.stderr


@pytest.mark.parametrize(
    "reference",
    ["x" * 300 + ".yaml", "sub/" + "y" * 300 + ".yaml", "a/" * 2100 + "b.yaml"],
    ids=["name", "folder", "path"],
)
def test_a_target_name_the_system_refuses_is_reported_at_the_extends_line(
    tmp_path: Path, reference: str
) -> None:
    """The system's refusal (a name too long) is the extends line's problem, in jbudget's words,
    with the name cut: it was an error without file or line, echoing 300 characters."""
    (tmp_path / "sub").mkdir()
    variant = write(tmp_path, "v.yaml", f"extends: {reference}\ncity: v\nname: V\n")
    [problem] = problems_of(variant)
    assert problem.startswith("v.yaml:1:10: extends: ")
    assert "cannot be read: the name is too long" in problem
    assert len(problem) < 200


def test_a_missing_target_with_a_long_name_is_cut(tmp_path: Path) -> None:
    variant = write(tmp_path, "v.yaml", f"extends: {'z' * 200}.yaml\ncity: v\nname: V\n")
    [problem] = problems_of(variant)
    assert "does not exist" in problem and "z" * 61 not in problem


@pytest.mark.parametrize(("depth", "refused"), [(50, False), (51, True), (1_200, True)])
def test_a_chain_of_extends_is_bounded(tmp_path: Path, depth: int, refused: bool) -> None:
    """A chain of 1,200 variants ended in a RecursionError traceback; 50 are read."""
    write(tmp_path, "v0.yaml", (REPO / "examples" / "metro.yaml").read_text())
    for i in range(1, depth + 1):
        write(tmp_path, f"v{i}.yaml", f"extends: v{i - 1}.yaml\ncity: v{i}\nname: V\n")
    result = run("validate", str(tmp_path / f"v{depth}.yaml"))
    assert "Traceback" not in result.output
    assert result.exit_code == (1 if refused else 0), result.output
    if refused:
        assert "extends: the chain of extends is more than 50 files long" in result.stdout
