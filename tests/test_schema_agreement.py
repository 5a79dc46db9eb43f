"""The JSON Schemas agree with `jbudget validate`, as a real client reads them.

check-jsonschema (a client jbudget did not write: ruamel.yaml reading YAML 1.2, its own format
checks) runs as a subprocess with the committed schema over the bad-file corpus (tests/invalid)
and the bundled files; `jbudget validate` runs on each. The agreement held here:
- every file the schema refuses, `validate` refuses (an editor never flags a file jbudget reads);
- every bundled file passes both;
- the files only `validate` refuses are exactly VALIDATE_ONLY, each with why JSON Schema cannot
  say it, so the list stays true when a rule moves either way.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from tests.cli_runner import run

REPO = Path(__file__).resolve().parents[1]
INVALID = REPO / "tests" / "invalid"
TODAY = "2026-11-22"  # as tests/test_invalid_files.py: staleness never depends on the real date
BUNDLED = sorted((REPO / "examples").glob("*.yaml")) + sorted((REPO / "rates").glob("*.yaml"))

SAME_STRING = (
    "a YAML date and a quoted one are the same string to a JSON Schema (JSON has no dates)"
)
YAML_11 = (
    "jbudget reads YAML 1.1 and refuses the number as ambiguous (a leading zero is octal); "
    "the client reads YAML 1.2, where it is decimal"
)
ACROSS_ITEMS = "ids unique across list items: uniqueItems compares whole items, not one field"
ORDER = "dates in order from one list item to the next: a comparison across items"
BASE_FILE = "needs the scenario it extends, another file"
YEARLY = "a yearly value compared with the previous one and its note"
CONTIGUOUS = "a band starts one bound_step after the previous band's upper: a comparison"
PAGU_CODES = "the codes of a pagu per budget code are the groups' budget_codes: a comparison "
"across fields"
VALIDATE_ONLY = {
    "scenario-funding-outside-its-months.yaml": "a group's months inside its funding source's: "
    "a comparison across two lists",
    "scenario-funding-split-not-adding-up.yaml": "a split adds up to the headcount: a sum",
    "scenario-unknown-opd.yaml": "the office is declared in opds: a reference across lists",
    "scenario-umk-without-region.yaml": "a minimum wage needs the group's or the scenario's "
    "region: a rule across two levels",
    "rates-band-gap.yaml": CONTIGUOUS,
    "rates-band-overlap.yaml": CONTIGUOUS,
    "rates-band-nominal-outside.yaml": "nominal between its band's lower and upper: a comparison",
    "rates-band-open-ended-not-last.yaml": "JSON Schema cannot single out the last item of a list",
    "rates-band-upper-below-lower.yaml": "upper at least lower: a comparison of two fields",
    "rates-band-versions-out-of-order.yaml": ORDER,
    "rates-same-effective-date.yaml": ORDER,
    "rates-values-out-of-order.yaml": ORDER,
    "rates-last-checked-in-future.yaml": "needs today's date",
    "rates-quoted-date.yaml": SAME_STRING,
    "rates-relief-last-before-first.yaml": "last_month not before first_month: a comparison",
    "rates-relief-overlap.yaml": "two reliefs of one scope overlap: a comparison across items",
    "rates-unknown-regulation.yaml": "the cited id is defined in a regulations list, maybe in "
    "another rate file",
    "rates-yearly-decrease-note-on-previous-value.yaml": YEARLY,
    "rates-yearly-decrease-note-says-nothing.yaml": YEARLY,
    "rates-yearly-decrease-without-note.yaml": YEARLY,
    "rates-yearly-dropped-digit-with-note.yaml": YEARLY,
    "rates-yearly-extra-digit.yaml": YEARLY,
    "rates-yearly-zero-with-note.yaml": YEARLY,
    "scenario-ambiguous-amount.yaml": "whether an amount written as text is ambiguous ('1.500') "
    "is for jbudget's amount reader, not a pattern",
    "scenario-duplicate-group-id.yaml": ACROSS_ITEMS,
    "scenario-eligibility-ages-reversed.yaml": "max_age at least min_age: a comparison of two "
    "fields",
    "scenario-fiscal-year-before-rates.yaml": "needs the rate tables",
    "scenario-groups-together-past-population.yaml": "a sum of headcounts across groups",
    "scenario-headcount-by-year-twice.yaml": ACROSS_ITEMS,
    "scenario-leading-zero-headcount.yaml": YAML_11,
    "scenario-octal-headcount.yaml": YAML_11,
    "scenario-pagu-per-code-group-without-code.yaml": PAGU_CODES,
    "scenario-pagu-per-code-missing-code.yaml": PAGU_CODES,
    "scenario-pagu-per-code-unknown-code.yaml": PAGU_CODES,
    "variant-add-existing-group.yaml": BASE_FILE,
    "variant-change-twice.yaml": ACROSS_ITEMS,
    "variant-extends-broken-yaml.yaml": BASE_FILE,
    "variant-extends-device.yaml": BASE_FILE,
    "variant-extends-empty-file.yaml": BASE_FILE,
    "variant-extends-folder.yaml": BASE_FILE,
    "variant-extends-non-scenario.yaml": BASE_FILE,
    "variant-extends-rate-file.yaml": BASE_FILE,
    "variant-remove-and-change.yaml": "one id in both remove_groups and change_groups: a "
    "comparison of two lists",
    "yaml-alias.yaml": "aliases are YAML: the client expands them before the schema sees the data",
    "yaml-merge-key.yaml": "merge keys are YAML: the client merges them before the schema sees "
    "the data",
}
# The client fails on these files rather than refusing them (its parser recurses once a level;
# Python refuses to read a 5,000-digit integer): run one at a time, a failure counts as refused.
CLIENT_FAILS = ("scenario-deep-nesting.yaml", "scenario-number-far-too-long.yaml")
# The client expands every alias: this billion laughs would take all the machine's memory.
NOT_GIVEN_TO_CLIENT = ("yaml-alias-bomb.yaml",)


def schema_of(path: Path) -> str:
    """rates/*.yaml and the corpus's rates-*, warning-rates-*, valid-rates-* files."""
    rates = path.parent.name == "rates" or "rates" in path.name.split("-")[:2]
    return "rates" if rates else "scenario"


def corpus() -> list[Path]:
    return [p for p in sorted(INVALID.glob("*.yaml")) if p.name not in NOT_GIVEN_TO_CLIENT]


def _client(name: str, paths: Iterable[Path]) -> subprocess.CompletedProcess[str]:
    command = Path(sys.executable).with_name("check-jsonschema")
    schema = REPO / "schema" / f"{name}.schema.json"
    args = [str(command), "--schemafile", str(schema), "-o", "json", *map(str, paths)]
    return subprocess.run(args, capture_output=True, text=True, check=False, timeout=300)


@cache
def client_errors() -> dict[str, list[dict[str, Any]]]:
    """File name -> the client's errors (empty: accepted; a parse failure is one error)."""
    found: dict[str, list[dict[str, Any]]] = {}
    for name in ("rates", "scenario"):
        paths = [p for p in [*corpus(), *BUNDLED] if schema_of(p) == name]
        batch = _client(name, [p for p in paths if p.name not in CLIENT_FAILS])
        assert batch.returncode in (0, 1), batch.stderr
        report = json.loads(batch.stdout)
        found.update({p.name: [] for p in paths})
        for error in report["errors"] + report["parse_errors"]:
            found[Path(error["filename"]).name].append(error)
        for path in paths:
            if path.name in CLIENT_FAILS:
                alone = _client(name, [path])
                found[path.name] = (
                    [{"path": "", "message": alone.stderr}] if alone.returncode else []
                )
    return found


@cache
def validate_refuses(path: Path) -> bool:
    today = ["--today", TODAY] if path.parent == INVALID else []
    result = run("validate", str(path), *today)
    assert result.exit_code in (0, 1), result.output
    return result.exit_code == 1


def test_the_schema_refuses_nothing_validate_accepts() -> None:
    wrongly = [p.name for p in corpus() if client_errors()[p.name] and not validate_refuses(p)]
    assert wrongly == []


def test_bundled_files_pass_both() -> None:
    for path in BUNDLED:
        assert client_errors()[path.name] == [], path
        assert not validate_refuses(path), path


def test_the_files_only_validate_refuses_are_listed() -> None:
    only = {p.name for p in corpus() if validate_refuses(p) and not client_errors()[p.name]}
    assert sorted(only - set(VALIDATE_ONLY)) == [], "the schema misses these: add a rule"
    assert sorted(set(VALIDATE_ONLY) - only) == [], "the schema catches these now: unlist them"


def test_the_schema_catches_most_broken_files() -> None:
    broken = [p for p in corpus() if validate_refuses(p)]
    caught = [p for p in broken if client_errors()[p.name]]
    # 122 broken files (the alias bomb aside): the schema committed before issue 14 caught 60
    assert (len(broken), len(caught)) == (137, 137 - len(VALIDATE_ONLY))


@pytest.mark.parametrize(
    ("file", "path", "words"),
    [
        # a plain scenario: the error is at the field, not "'groups' was unexpected"
        ("scenario-unknown-key-headcont.yaml", "$.groups[0]", "'headcont' was unexpected"),
        ("scenario-bpu-with-monthly-wage.yaml", "$.groups[0].monthly_wage", "2500000"),
        ("scenario-pu-without-risk-class.yaml", "$.groups[0]", "'risk_class' is a required"),
        ("scenario-apbd-paid-yes.yaml", "$.groups[0].apbd_paid", "'yes' is not of type 'boolean'"),
        # a variant (it has `extends`) is checked as a variant only
        ("variant-remove-twice.yaml", "$.remove_groups", "non-unique"),
        ("variant-change-to-jht-only.yaml", "$.change_groups[0].programs", "['jht']"),
        ("scenario-start-after-end.yaml", "$.groups[0].end_month", "less than the minimum of"),
        ("rates-unit-mismatch.yaml", "$.parameters[0].unit", "'percent' was expected"),
        ("rates-rupiah-not-whole.yaml", "$.parameters[0].values[0].value", "6800.5"),
    ],
)
def test_the_first_error_names_the_field(file: str, path: str, words: str) -> None:
    first = client_errors()[file][0]
    assert (first["path"], words in first["message"]) == (path, True), first
