"""`jbudget validate` on one tiny invalid file per failure mode (tests/invalid/).

Each case pins the exit code, the line the problem is reported on and the key words of its
message and hint. `--today` is pinned so staleness never depends on the real date.

The last block of cases reproduces problems that once crashed jbudget or were reported at the
wrong line or with a misleading message (impossible dates, deep nesting, rich markup in a value,
aliases, YAML 1.1 number forms).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from jamsostek_budget.cli.main import build_app

INVALID = Path(__file__).parent / "invalid"
TODAY = "2026-11-22"
app = build_app()

ENV = {"COLUMNS": "160", "NO_COLOR": "1", "TERM": "dumb", "FORCE_COLOR": None}
PROBLEM_FIELDS = {"file", "line", "column", "field", "severity", "message", "hint"}


@dataclass(frozen=True)
class Case:
    file: str
    line: int
    words: tuple[str, ...]
    hint: tuple[str, ...] = ()
    exit_code: int = 1
    severity: str = "error"

    def __str__(self) -> str:
        return self.file.removesuffix(".yaml")


def validate(*args: str) -> Result:
    result = CliRunner(env=ENV).invoke(app, ["validate", *args, "--today", TODAY])
    assert "Traceback" not in result.output
    # CliRunner swallows exceptions: anything but typer's exit is a crash of jbudget.
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def flat(text: str) -> str:
    """Whitespace collapsed, so a message wrapped over two lines still matches."""
    return " ".join(text.split())


def problem_at(output: str, name: str, line: int) -> tuple[str, str]:
    """The problems reported for `name` on `line`: (whole text, hints), whitespace collapsed."""
    blocks = re.split(r"(?m)^(?=\S*\.ya?ml:\d+:\d+: )", output)
    found = [b for b in blocks if re.match(rf"\S*{re.escape(name)}:{line}:\d+: ", b)]
    assert found, f"no problem reported at {name}:{line}: in\n{output}"
    hints = [b.split("\n  hint: ", 1)[1] for b in found if "\n  hint: " in b]
    return flat("\n".join(found)), flat("\n".join(hints))


CASES = [
    # --- YAML and file-level problems --------------------------------------------------------
    Case(
        "yaml-syntax-error.yaml",
        2,
        ("YAML syntax error", "a colon where YAML does not expect one"),
        ("check indentation, colons and quotes",),
    ),
    Case("yaml-empty.yaml", 1, ("file is empty",), ("YAML mapping",)),
    Case("yaml-comment-only.yaml", 1, ("file is empty",), ("YAML mapping",)),
    Case(
        "yaml-duplicate-key-top.yaml",
        5,
        ("fiscal_year", "duplicate key 'fiscal_year'", "first written on line 4"),
        ("remove one of the two",),
    ),
    Case(
        "yaml-duplicate-key-nested.yaml",
        11,
        ("groups[0].headcount", "duplicate key 'headcount'", "first written on line 9"),
        ("remove one of the two",),
    ),
    Case(
        "yaml-merge-key.yaml",
        13,
        ("groups[1]", "merge keys (<<) are not allowed"),
        ("write the keys out in full",),
    ),
    Case(
        "yaml-non-string-key.yaml",
        5,
        ("keys must be plain words", "'2026'"),
        ("quote the key or rename it",),
    ),
    Case(
        "yaml-neither-rates-nor-scenario.yaml",
        1,
        ("cannot tell whether this is a rate file or a scenario",),
        ("city, fiscal_year and groups", "regulations, parameters"),
    ),
    # --- scenarios ---------------------------------------------------------------------------
    Case(
        "scenario-unknown-key-headcont.yaml",
        9,
        ("groups[0].headcont", "unknown key 'headcont'"),
        ("did you mean 'headcount'?",),
    ),
    Case(
        "scenario-unknown-top-level-key.yaml",
        3,
        ("provinse", "unknown key 'provinse'"),
        ("did you mean 'province'?",),
    ),
    Case(
        "scenario-missing-required-province.yaml",
        1,
        ("province", "required key 'province' is missing"),
        ("add `province:` here",),
    ),
    Case(
        "scenario-wrong-type-headcount-text.yaml",
        9,
        ("groups[0].headcount", "must be a whole number", "got 'ten'"),
        ("write digits only",),
    ),
    Case(
        "scenario-ambiguous-amount.yaml",
        10,
        ("groups[0].declared_income", "'1.500' is ambiguous", "1500", "1.5"),
        ("refuses to guess", "1.500.000 with two or more groups", "1,5 juta"),
    ),
    Case(
        "scenario-float-headcount.yaml",
        9,
        ("groups[0].headcount", "must be a whole number", "got 12.5"),
        ("write digits only",),
    ),
    Case(
        "scenario-negative-headcount.yaml",
        9,
        ("groups[0].headcount", "must be a whole number >= 0", "got -10"),
    ),
    Case(
        "scenario-unknown-segment.yaml",
        8,
        ("groups[0].segment", "must be one of bpu, pu", "got 'informal'"),
    ),
    Case(
        "scenario-unknown-program-jkmm.yaml",
        11,
        ("groups[0].programs[1]", "must be one of jkk, jkm, jht, jp", "got 'jkmm'"),
        ("did you mean 'jkm'?",),
    ),
    Case(
        "scenario-unknown-risk-class.yaml",
        11,
        ("groups[0].risk_class", "must be one of very_low, low", "got 'verylow'"),
        ("did you mean 'very_low'?",),
    ),
    Case(
        "scenario-programs-not-a-list.yaml",
        11,
        ("groups[0].programs", "must be a list", "got 'jkk'"),
        ("'- item' per line",),
    ),
    Case(
        "scenario-bpu-with-jp.yaml",
        11,
        ("groups[0].programs[2]", "JP (pension) is not available to bpu participants"),
        ("remove jp, or set segment: pu",),
    ),
    Case(
        "scenario-bpu-with-monthly-wage.yaml",
        11,
        ("groups[0].monthly_wage", "monthly_wage is for pu groups only"),
        ("remove monthly_wage, or set segment: pu",),
    ),
    Case(
        "scenario-bpu-with-risk-class.yaml",
        11,
        ("groups[0].risk_class", "risk_class is for pu groups only"),
        ("remove risk_class, or set segment: pu",),
    ),
    Case(
        "scenario-bpu-apbd-pays-worker-share.yaml",
        12,
        ("groups[0].apbd_pays_worker_share", "bpu groups have no worker share"),
        ("remove apbd_pays_worker_share",),
    ),
    Case(
        "scenario-bpu-without-declared-income.yaml",
        8,
        ("groups[0].segment", "a bpu group needs declared_income"),
        ("add declared_income: 1000000",),
    ),
    Case(
        "scenario-pu-without-monthly-wage.yaml",
        8,
        ("groups[0].segment", "a pu group needs monthly_wage"),
        ("add monthly_wage:",),
    ),
    Case(
        "scenario-pu-without-risk-class.yaml",
        8,
        ("groups[0].segment", "a pu group needs risk_class"),
        ("add risk_class: very_low",),
    ),
    Case(
        "scenario-pu-with-declared-income.yaml",
        12,
        ("groups[0].declared_income", "declared_income is for bpu groups only"),
        ("use monthly_wage for a pu group",),
    ),
    Case(
        "scenario-pu-with-sector.yaml",
        12,
        ("groups[0].sector", "sector only matters for bpu groups"),
        ("remove sector",),
    ),
    Case(
        "scenario-start-month-0.yaml",
        12,
        ("groups[0].start_month", "must be a whole number >= 1", "got 0"),
    ),
    Case(
        "scenario-end-month-13.yaml",
        12,
        ("groups[0].end_month", "must be a whole number <= 12", "got 13"),
    ),
    Case(
        "scenario-start-after-end.yaml",
        13,
        ("groups[0].end_month", "end_month 3 is before start_month 9"),
        ("from start_month to end_month",),
    ),
    Case(
        "scenario-duplicate-group-id.yaml",
        12,
        ("groups[1].id", "group id 'rt-rw' is used twice", "first at groups[0]"),
        ("give every group its own id",),
    ),
    Case(
        "scenario-program-listed-twice.yaml",
        11,
        ("groups[0].programs[2]", "jkk is listed twice"),
    ),
    Case(
        "scenario-empty-groups.yaml",
        5,
        ("groups", "must have at least 1 item(s)", "got an empty list"),
    ),
    Case(
        "scenario-fiscal-year-before-rates.yaml",
        4,
        (
            "fiscal_year",
            "has no rates in force for January 2010",
            "the rate tables cover contribution months from July 2015",
        ),
        ("use fiscal year 2015 (start_month 7) or later",),
    ),
    Case(
        "scenario-fiscal-year-out-of-range.yaml",
        4,
        ("fiscal_year", "must be a whole number >= 2000", "got 1999"),
    ),
    Case(
        "scenario-bad-city-slug.yaml",
        1,
        ("city", "is not in the expected form", "got 'Kota Metro'"),
        ("lowercase letters, digits and dashes",),
    ),
    # --- rate files --------------------------------------------------------------------------
    Case(
        "rates-band-overlap.yaml",
        12,
        (
            "bands[1].lower",
            "starts at 1,000,000 but the previous band ends at 1,099,000",
            "overlaps the previous band",
        ),
        ("contiguous", "did you mean 1,100,000?"),
    ),
    Case(
        "rates-band-gap.yaml",
        12,
        ("bands[1].lower", "starts at 1,150,000", "leaves a gap after the previous band"),
        ("contiguous", "did you mean 1,100,000?"),
    ),
    Case(
        "rates-band-nominal-outside.yaml",
        12,
        ("bands[1].nominal", "nominal 1,500,000 is outside its band 1,100,000 to 1,299,000"),
        ("lies inside the band",),
    ),
    Case(
        "rates-band-first-not-zero.yaml",
        11,
        ("bands[0].lower", "the first band must start at 0, got 500,000"),
    ),
    Case(
        "rates-band-open-ended-not-last.yaml",
        12,
        ("bands[1].upper", "only the top band may be open-ended"),
        ("give this band its published upper bound",),
    ),
    Case(
        "rates-band-upper-below-lower.yaml",
        12,
        ("bands[1].upper", "ends at 1,000,000, before it starts at 1,100,000"),
    ),
    Case(
        "rates-band-versions-out-of-order.yaml",
        12,
        ("versions[1].effective", "from the oldest to the newest"),
    ),
    Case(
        "rates-negative-rate.yaml",
        7,
        ("values[0].value", "must be a number >= 0", "got -0.24"),
    ),
    Case(
        "rates-rate-over-100.yaml",
        7,
        ("values[0].value", "a rate must be between 0 and 100 percent", "got 150"),
        ("0.24 means 0.24 %",),
    ),
    Case(
        "rates-rupiah-not-whole.yaml",
        7,
        ("values[0].value", "must be whole Rupiah", "got 6800.5"),
    ),
    Case(
        "rates-same-effective-date.yaml",
        12,
        ("values[1].effective", "two values take effect on the same date 2020-03-01"),
        ("keep one value per date",),
    ),
    Case(
        "rates-values-out-of-order.yaml",
        12,
        ("values[1].effective", "2019-03-01 comes before the previous value's date 2020-03-01"),
        ("from the oldest to the newest",),
    ),
    Case(
        "rates-quoted-date.yaml",
        6,
        ("values[0].effective", "must be a date", "got '2015-07-01'"),
        ("YYYY-MM-DD without quotes",),
    ),
    Case(
        "rates-value-without-regulation.yaml",
        6,
        ("values[0].regulation", "required key 'regulation' is missing"),
        ("add `regulation:` here",),
    ),
    Case(
        "rates-unknown-regulation.yaml",
        9,
        ("values[0].regulation", "cites regulation 'pp-44-2051', which no rate file defines"),
        ("did you mean 'pp-44-2015'?",),
    ),
    Case(
        "rates-relief-without-last-month.yaml",
        2,
        ("reliefs[0].last_month", "required key 'last_month' is missing"),
        ("add `last_month:` here",),
    ),
    Case(
        "rates-relief-without-scope.yaml",
        2,
        (
            "reliefs[0].segments",
            "required key 'segments' is missing",
            "reliefs[0].programs",
            "required key 'programs' is missing",
        ),
        ("add `segments:` here", "add `programs:` here"),
    ),
    Case(
        "rates-relief-empty-segments.yaml",
        7,
        ("reliefs[0].segments", "must have at least 1 item(s)", "got an empty list"),
    ),
    Case(
        "rates-relief-last-before-first.yaml",
        6,
        ("reliefs[0].last_month", "2020-01 is before first_month 2020-08"),
    ),
    Case(
        "rates-relief-bad-month.yaml",
        5,
        ("reliefs[0].first_month", "is not in the expected form", "got '2020-8'"),
        ("write a month as YYYY-MM",),
    ),
    Case(
        "rates-relief-payable-over-100.yaml",
        10,
        ("reliefs[0].payable_percent", "must be 0 to 100, got 150"),
    ),
    Case(
        "rates-unknown-parameter.yaml",
        2,
        ("parameters[0].name", "must be one of bpu.jkk_percent", "got 'bpu.jkm_flatt'"),
        ("did you mean 'bpu.jkm_flat'?",),
    ),
    Case(
        "rates-unknown-section-key.yaml",
        5,
        ("relief", "unknown key 'relief'"),
        ("did you mean 'reliefs'?",),
    ),
    Case(
        "rates-unit-mismatch.yaml",
        4,
        ("parameters[0].unit", "bpu.jkk_percent is measured in percent, not rupiah"),
        ("write unit: percent",),
    ),
    Case(
        "rates-yearly-decrease-without-note.yaml",
        13,
        ("values[1].value", "8754600 is lower than the previous value 8939700"),
        ("should not decrease", "say why in `note:`"),
    ),
    Case(
        "rates-regulation-url-not-http.yaml",
        4,
        ("regulations[0].url", "is not in the expected form", "ftp://"),
        ("starting with https://",),
    ),
    Case(
        "rates-bad-confidence.yaml",
        10,
        ("values[0].confidence", "must be one of high, medium, low", "got 'certain'"),
    ),
    # --- warnings: exit 0 unless --strict ----------------------------------------------------
    Case(
        "warning-rates-stale-last-checked.yaml",
        9,
        ("values[0].last_checked", "warning:", "last checked on 2025-06-30", "more than a year"),
        ("update last_checked",),
        exit_code=0,
        severity="warning",
    ),
    Case(
        "warning-scenario-past-jp-wage-cap.yaml",
        4,
        (
            "fiscal_year",
            "warning:",
            "fiscal year 2028 is past the latest announced JP wage cap",
            "2026-03-01",
            "projected by PP 45/2015 Pasal 29 ayat (3)",
            "12,222,600 from 2028-03-01",  # 11,086,300 x 1.05 = 11,640,600; x 1.05 = 12,222,600
        ),
        ("--jp-cap-growth", "add the announced value to rates/"),
        exit_code=0,
        severity="warning",
    ),
    # --- once crashed, misplaced or misleading ------------------------------------------------
    Case(
        "rates-defined-twice-in-one-file.yaml",
        5,
        ("pp-99-2030 is defined twice", "line 2"),
        ("keep one definition",),
    ),
    Case(
        "rates-impossible-date.yaml",
        6,
        ("'2015-02-30' is not a real date",),
        ("check the day and the month",),
    ),
    Case("rates-negative-rate-whole-number.yaml", 7, ("must be a number >= 0, got -1",)),
    Case(
        "rates-quoted-number.yaml",
        7,
        ("must be a number, got the text '0.24'",),
        ("remove the quotes: write 0.24",),
    ),
    Case(
        "scenario-deep-nesting.yaml",
        1,
        ("nested deeper than 32 levels",),
        ("is this the right file?",),
    ),
    Case(
        "scenario-duplicate-id-hidden-by-other-problem.yaml",
        12,
        ("group id 'rt-rw' is used twice",),
        ("give every group its own id",),
    ),
    Case(
        "scenario-leading-zero-headcount.yaml",
        9,
        ("must be a whole number", "'08'"),
        ("drop the leading zero: write 8",),
    ),
    Case(
        "scenario-octal-headcount.yaml", 9, ("the number 0100 is ambiguous", "octal"), ("like 100",)
    ),
    Case("scenario-rich-markup-in-value.yaml", 8, ("must be one of bpu, pu, got '[/red]'",)),
    Case("scenario-sexagesimal-headcount.yaml", 9, ("the number 1:30 is ambiguous", "base 60")),
    Case(
        "scenario-apbd-paid-yes.yaml",
        12,
        ("groups[0].apbd_paid", "'yes' is ambiguous", "YAML 1.1 reads it as true", "YAML 1.2"),
        ("write true or false",),
    ),
    Case(
        "yaml-alias.yaml",
        17,
        ("groups[1].programs", "YAML aliases (*both) are not allowed"),
        ("write the value out in full",),
    ),
    Case(
        "yaml-alias-as-key.yaml",
        3,
        ("(document)", "YAML aliases (*label) are not allowed"),
        ("write the value out in full",),
    ),
    Case(
        "yaml-syntax-error-unclosed-quote.yaml",
        7,
        ("YAML syntax error", "a quote is opened but never closed"),
        ("check indentation, colons and quotes",),
    ),
    Case("yaml-top-level-list.yaml", 1, ("must be a mapping of keys to values, got a list",)),
    # --- bounds no real budget exceeds (issue 12) ------------------------------------------------
    Case(
        "scenario-headcount-past-population.yaml",
        9,
        ("groups[0].headcount", "must be at most 300,000,000", "population of Indonesia"),
        ("check the digits",),
    ),
    Case(
        "scenario-eligible-past-population.yaml",
        12,
        ("groups[0].eligible", "must be at most 300,000,000", "population of Indonesia"),
        ("check the digits",),
    ),
    Case(
        "scenario-headcount-by-year-past-population.yaml",
        13,
        ("groups[0].headcount_by_year[0].headcount", "must be at most 300,000,000"),
        ("check the digits",),
    ),
    Case(
        "scenario-groups-together-past-population.yaml",
        6,
        ("groups", "together count 400,000,000 people", "more than 300,000,000"),
        ("check the digits",),
    ),
    Case(
        "scenario-monthly-wage-past-bound.yaml",
        10,
        ("groups[0].monthly_wage", "must be at most 1,000,000,000,000", "Rp1 trillion"),
        ("monthly amount", "check the digits"),
    ),
    Case(
        "scenario-declared-income-past-bound.yaml",
        10,
        ("groups[0].declared_income", "must be at most 1,000,000,000,000", "yearly budget"),
        ("monthly amount", "check the digits"),
    ),
    Case(
        "scenario-death-rate-over-1000.yaml",
        12,
        ("groups[0].death_rate_per_1000", "must be at most 1,000", "cannot pass 1,000"),
        ("per 1,000 participants",),
    ),
    Case(
        "scenario-number-far-too-long.yaml",
        9,
        ("groups[0].headcount", "5000 characters", "far longer than any figure"),
        ("plain number",),
    ),
    Case(
        "rates-rupiah-value-past-bound.yaml",
        7,
        ("values[0].value", "must be at most 1,000,000,000,000", "got 68,000,000,000,000"),
        ("check the digits",),
    ),
    Case(
        "rates-band-nominal-past-bound.yaml",
        13,
        ("bands[2].nominal", "must be at most 1,000,000,000,000"),
        ("check the digits",),
    ),
    # --- yearly values: a fall only with a note that says why, never a digit off --------------
    Case(
        "rates-yearly-dropped-digit-with-note.yaml",
        14,
        ("values[1].value", "1,054,740 is more than 5 % lower", "10,547,400", "even with a note"),
        ("is one missing?",),
    ),
    Case(
        "rates-yearly-zero-with-note.yaml",
        13,
        ("values[1].value", "0 is more than 5 % lower", "even with a note"),
        ("check the digits",),
    ),
    Case(
        "rates-yearly-extra-digit.yaml",
        13,
        ("values[1].value", "110,863,000 is more than twice the previous value 10,547,400"),
        ("one too many",),
    ),
    Case(
        "rates-yearly-decrease-note-says-nothing.yaml",
        13,
        ("values[1].value", "8754600 is lower than the previous value 8939700"),
        ("say why in `note:` on this value",),
    ),
    Case(
        "rates-yearly-decrease-note-on-previous-value.yaml",
        14,
        ("values[1].value", "8754600 is lower than the previous value 8939700"),
        ("say why in `note:` on this value",),
    ),
    Case(
        "rates-last-checked-in-future.yaml",
        11,
        ("values[0].last_checked", "last checked on 2027-01-15, after today (2026-11-22)"),
        ("really checked",),
    ),
    # --- every group pays JKK and JKM --------------------------------------------------------
    Case(
        "scenario-jht-only.yaml",
        11,
        ("groups[0].programs", "must pay at least JKK and JKM", "missing: jkk, jkm"),
        ("Permenaker 5/2021", "SE Mendagri 842.2/5193/SJ"),
    ),
    Case(
        "scenario-jkm-only.yaml",
        11,
        ("groups[0].programs", "missing: jkk"),
        ("Permenaker 5/2021", "SE Mendagri 842.2/5193/SJ"),
    ),
    Case(
        "scenario-jkk-and-jht-without-jkm.yaml",
        11,
        ("groups[0].programs", "missing: jkm"),
        ("Permenaker 5/2021", "SE Mendagri 842.2/5193/SJ"),
    ),
    Case(
        "scenario-pu-jp-only.yaml",
        12,
        ("groups[0].programs", "missing: jkk, jkm"),
        ("Permenaker 5/2021", "SE Mendagri 842.2/5193/SJ"),
    ),
    Case(
        "variant-change-to-jht-only.yaml",
        5,
        ("programs", "missing: jkk, jkm"),
        ("SE Mendagri 842.2/5193/SJ",),
    ),
    # --- variants: one meaning per group -------------------------------------------------------
    Case(
        "variant-remove-and-change.yaml",
        5,
        ("change_groups[0].id", "'guru-ngaji' is both removed", "remove_groups[0], line 3"),
        ("not both",),
    ),
    Case(
        "variant-remove-twice.yaml",
        6,
        ("remove_groups[2]", "'guru-ngaji' is removed twice", "remove_groups[0], line 4"),
        ("list it once",),
    ),
    Case(
        "variant-change-twice.yaml",
        6,
        ("change_groups[1].id", "'marbot' is changed twice", "change_groups[0].id, line 4"),
        ("one entry",),
    ),
    Case(
        "variant-add-existing-group.yaml",
        4,
        ("add_groups[0].id", "'marbot' is already in the base scenario"),
        ("change_groups",),
    ),
    # --- extends: a scenario file, or a message saying what the target is ----------------------
    Case(
        "variant-extends-rate-file.yaml",
        2,
        ("extends", "'../../rates/bpu.yaml' is a rate file", "needs a scenario file"),
        ("bundled city slug",),
    ),
    Case("variant-extends-folder.yaml", 2, ("extends", "'../golden' is a folder")),
    Case("variant-extends-device.yaml", 2, ("extends", "'/dev/zero' is a device")),
    Case("variant-extends-empty-file.yaml", 2, ("extends", "'yaml-comment-only.yaml' is empty")),
    Case(
        "variant-extends-broken-yaml.yaml",
        2,
        ("extends", "is not a valid YAML file", "its first problem is on line 7"),
    ),
    Case(
        "variant-extends-non-scenario.yaml",
        2,
        ("extends", "has none of a scenario's keys"),
    ),
    # --- messages: the value's problem in jbudget's words --------------------------------------
    Case(
        "scenario-quoted-headcount.yaml",
        9,
        ("groups[0].headcount", "got the text '40'"),
        ("remove the quotes: write 40",),
    ),
    Case(
        "scenario-budget-code-unknown-program.yaml",
        13,
        ("groups[0].budget_codes.jkx", "must be one of jkk, jkm, jht, jp", "got 'jkx'"),
        ("did you mean 'jkm'?",),
    ),
    Case("scenario-empty-label.yaml", 7, ("groups[0].label", "must not be empty")),
    # Eligibility for `jbudget reconcile`: ages in order, a region as PP.RR, a NIK as text.
    Case(
        "scenario-eligibility-ages-reversed.yaml",
        14,
        ("eligibility.max_age", "max_age 18 is below min_age 65"),
        ("at least min_age",),
    ),
    Case(
        "scenario-eligibility-region-not-pp-rr.yaml",
        13,
        ("eligibility.nik_regions[0]", "is not in the expected form", "'1872'"),
        ("PP.RR", "18.72"),
    ),
    Case(
        "scenario-eligibility-nik-not-text.yaml",
        13,
        ("eligibility.exceptions[0]", "must be text"),
        ("quotes",),
    ),
    # Offices, funding sources, minimum wages and staff types (issue 17), each at its line.
    Case(
        "scenario-pppk-penuh-waktu.yaml",
        8,
        ("groups[0].staff_type", "run through Taspen (PP 70/2015 jo. PP 66/2017)"),
        ("leave them out of this budget",),
    ),
    Case(
        "scenario-funding-outside-its-months.yaml",
        18,
        ("groups[0].funding", "dbhcht pays for months 4 to 12", "from month 1 to 12"),
        ("inside the source's months",),
    ),
    Case(
        "scenario-funding-split-not-adding-up.yaml",
        15,
        ("groups[0].funding", "the split adds up to 3,350 people, and the group has 3,400"),
        ("split every person of the group, once",),
    ),
    Case(
        "scenario-unknown-opd.yaml",
        14,
        ("groups[0].opd", "no entry of opds has the id 'dinso'"),
        ("did you mean 'dinsos'?",),
    ),
    Case(
        "scenario-umk-without-region.yaml",
        11,
        ("groups[0].monthly_wage", "a minimum wage needs a region"),
        ("add region:",),
    ),
    Case(
        "rates-minimum-wage-kind-mismatch.yaml",
        3,
        ("minimum_wages[0].kind", "region 18.72 is a umk region, not a ump one"),
        ("a province (two digits) has a ump",),
    ),
    Case(
        "rates-minimum-wage-without-decree.yaml",
        6,
        ("minimum_wages[0].values[0].decree", "cites the governor's decree"),
        ("(number not found)",),
    ),
    # A pagu per budget code: every code of the groups has one, each names a code a group pays
    # from, and every program is paid from a code; each refused at its line.
    Case(
        "scenario-pagu-per-code-unknown-code.yaml",
        16,
        ("pagu.5.1.02.02.02.0008", "no group pays from budget code 5.1.02.02.02.0008"),
        ("did you mean 5.1.02.02.02.0007?",),
    ),
    Case(
        "scenario-pagu-per-code-missing-code.yaml",
        14,
        ("pagu", "budget code 5.1.02.02.02.0007 (rt-rw) has no pagu"),
        ("give every budget code of the groups its pagu, or one pagu for the year",),
    ),
    Case(
        "scenario-pagu-per-code-group-without-code.yaml",
        13,
        ("groups[1].budget_codes", "this group pays jkk, jkm from no budget code"),
        ("add budget_codes: {jkk: CODE}",),
    ),
    Case(
        "scenario-pagu-per-code-not-a-code.yaml",
        14,
        ("pagu.jkk", "is not in the expected form", "'jkk'"),
        ("regional account code",),
    ),
    Case("scenario-pagu-per-code-empty.yaml", 13, ("pagu", "at least 1 item"), ()),
    # A budget code's hint shows the form, not only that the text is not in it.
    Case(
        "scenario-budget-code-not-a-code.yaml",
        13,
        ("groups[0].budget_codes.jkk", "is not in the expected form", "'Iuran JKK non ASN'"),
        ("regional account code", "like 5.1.02.02.02.0006"),
    ),
    # Two reliefs for one month, segment, program and sector would both cut the premium.
    Case(
        "rates-relief-overlap.yaml",
        44,
        (
            "reliefs[3].first_month",
            "relief covid-extended overlaps relief covid",
            "line 2",
            "segments bpu, programs jkm, 2020-12 to 2021-01",
        ),
        ("one relief at most", "shorten a period or narrow a scope"),
    ),
    # An amount of 0 costs Rp0 (a PU wage) or is no income at all: refused, as in a roster.
    Case("scenario-declared-income-zero.yaml", 10, ("groups[0].declared_income", "> 0", "got 0")),
    Case(
        "scenario-declared-income-zero-text.yaml",
        10,
        ("groups[0].declared_income", "> 0", "got 'Rp0'"),
    ),
    Case("scenario-monthly-wage-zero.yaml", 11, ("groups[0].monthly_wage", "> 0", "got 0")),
    Case("variant-change-wage-zero.yaml", 6, ("change_groups[0].monthly_wage", "> 0", "got 0")),
    # Which of two headcounts for one year would the projection use? Neither: refused.
    Case(
        "scenario-headcount-by-year-twice.yaml",
        15,
        ("groups[0].headcount_by_year[2].year", "year 2026 is listed twice"),
        ("give each year one headcount",),
    ),
    Case(
        "scenario-group-id-too-long.yaml",
        6,
        ("groups[0].id", "must be at most 64 characters", "a" * 59 + "\u2026'"),
    ),
    Case(
        "yaml-unknown-tag.yaml",
        2,
        ("name", "the YAML tag '!kota' is not used in jbudget files"),
        ("remove the tag",),
    ),
]

# Files of tests/invalid/ checked by their own tests below rather than by the table.
OWN_TESTS = {"yaml-alias-bomb.yaml", "valid-rates-yearly-decrease-with-note.yaml"}


def test_every_file_has_a_case() -> None:
    files = {path.name for path in INVALID.glob("*.yaml")}
    listed = [case.file for case in CASES]
    assert len(listed) == len(set(listed)), "a file is listed twice"
    assert files == set(listed) | OWN_TESTS
    assert len(files) >= 45


@pytest.mark.parametrize("case", CASES, ids=str)
def test_invalid_file(case: Case) -> None:
    result = validate(str(INVALID / case.file))
    assert result.exit_code == case.exit_code, result.output
    assert case.file in result.output
    reported, hints = problem_at(result.output, case.file, case.line)
    for word in case.words:
        assert flat(word) in reported, f"{word!r} not in {reported!r}"
    for word in case.hint:
        assert flat(word) in hints, f"{word!r} not in hint {hints!r}"


@pytest.mark.parametrize("case", [case for case in CASES if case.severity == "warning"], ids=str)
def test_warning_fails_with_strict(case: Case) -> None:
    result = validate(str(INVALID / case.file), "--strict")
    assert result.exit_code == 1
    assert f"{case.file}:{case.line}:" in result.output
    assert "warning:" in result.output


@pytest.mark.parametrize("case", CASES, ids=str)
def test_json_severity_and_line(case: Case) -> None:
    result = validate(str(INVALID / case.file), "--format", "json")
    assert result.exit_code == case.exit_code
    problems = json.loads(result.stdout)
    assert problems
    for problem in problems:
        assert set(problem) == PROBLEM_FIELDS
        assert problem["file"].endswith(case.file)
        assert problem["severity"] == case.severity
        assert problem["message"]
    assert case.line in [problem["line"] for problem in problems]


def test_yearly_decrease_with_note_is_accepted() -> None:
    result = validate(str(INVALID / "valid-rates-yearly-decrease-with-note.yaml"), "--strict")
    assert result.exit_code == 0, result.output
    assert result.output == ""


def test_alias_bomb_is_refused() -> None:
    result = validate(str(INVALID / "yaml-alias-bomb.yaml"))
    assert result.exit_code == 1
    assert "yaml-alias-bomb.yaml:" in result.output
    assert "b[0]: YAML aliases (*a) are not allowed" in result.output
    assert "write the value out in full" in result.output


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "yaml-not-utf8.yaml"
    path.write_bytes(b"city: metro\nname: Kota Metro\nprovince: Lampung \xe9\nfiscal_year: 2025\n")
    result = validate(str(path))
    assert result.exit_code == 1
    reported, hints = problem_at(result.output, path.name, 3)
    assert "yaml-not-utf8.yaml:3:19:" in result.output
    assert "byte 0xe9 is not valid UTF-8" in reported
    assert "save the file as UTF-8" in hints


def test_file_over_one_mebibyte(tmp_path: Path) -> None:
    path = tmp_path / "yaml-too-big.yaml"
    path.write_bytes(b"city: metro\n" + b"# padding padding padding padding\n" * 31_000)
    assert path.stat().st_size > 1_048_576
    result = validate(str(path))
    assert result.exit_code == 1
    reported, hints = problem_at(result.output, path.name, 1)
    assert f"file is {path.stat().st_size:,} bytes; the limit is 1,048,576" in reported
    assert "is this the right file?" in hints


def test_json_output_fields_and_lines() -> None:
    files = [
        INVALID / "scenario-unknown-key-headcont.yaml",
        INVALID / "rates-band-gap.yaml",
        INVALID / "warning-rates-stale-last-checked.yaml",
    ]
    result = validate(*map(str, files), "--format", "json")
    assert result.exit_code == 1
    problems = json.loads(result.stdout)
    assert all(set(problem) == PROBLEM_FIELDS for problem in problems)
    by_field = {(Path(p["file"]).name, p["field"]): p for p in problems}
    headcont = by_field["scenario-unknown-key-headcont.yaml", "groups[0].headcont"]
    assert (headcont["line"], headcont["column"], headcont["severity"]) == (9, 5, "error")
    assert headcont["message"] == "unknown key 'headcont'"
    assert headcont["hint"] == "did you mean 'headcount'?"
    gap = by_field["rates-band-gap.yaml", "band_tables[0].versions[0].bands[1].lower"]
    assert (gap["line"], gap["column"], gap["severity"]) == (12, 21, "error")
    assert "did you mean 1,100,000?" in gap["hint"]
    stale = by_field[
        "warning-rates-stale-last-checked.yaml", "parameters[0].values[0].last_checked"
    ]
    assert (stale["line"], stale["column"], stale["severity"]) == (9, 23, "warning")


def test_json_output_for_an_unreadable_file() -> None:
    result = validate(str(INVALID / "yaml-syntax-error.yaml"), "--format", "json")
    assert result.exit_code == 1
    [problem] = json.loads(result.stdout)
    assert problem["line"] == 2
    assert problem["field"] == "(document)"
    assert problem["message"].startswith("YAML syntax error")


# Every rule below is checked and reported in the same run, including rules that tie fields
# together in a group whose other fields are malformed.
SEVERAL_PROBLEMS = """\
city: Metro
name: Kota Metro
province: Lampung
fiscal_year: 2025
groups:
  - id: rt-rw
    label: Ketua RT/RW
    segment: bpu
    headcount: 12.5
    declared_income: 1000000
    programs: [jkk, jkmm]
  - id: marbot
    label: Marbot
    segment: bpu
    headcount: 5
    declared_income: 1000000
    programs: [jkk, jkm, jp]
    start_month: 9
    end_month: 3
"""


def test_several_problems_in_one_file_are_all_reported(tmp_path: Path) -> None:
    path = tmp_path / "scenario-several-problems.yaml"
    path.write_text(SEVERAL_PROBLEMS, encoding="utf-8")
    result = validate(str(path), "--format", "json")
    assert result.exit_code == 1
    found = {(p["line"], p["field"]) for p in json.loads(result.stdout)}
    assert found == {
        (1, "city"),
        (9, "groups[0].headcount"),
        (11, "groups[0].programs[1]"),
        (17, "groups[1].programs[2]"),
        (19, "groups[1].end_month"),
    }
    text = validate(str(path))
    for line in (1, 9, 11, 17, 19):
        assert f"scenario-several-problems.yaml:{line}:" in text.output


def test_several_yaml_problems_in_one_file_are_all_reported(tmp_path: Path) -> None:
    path = tmp_path / "yaml-several-problems.yaml"
    path.write_text(
        "city: metro\ncity: metro\nname: Kota Metro\n2025: x\ngroups:\n  - <<: {id: a}\n",
        encoding="utf-8",
    )
    result = validate(str(path), "--format", "json")
    assert result.exit_code == 1
    found = {(p["line"], p["message"].split(" ")[0]) for p in json.loads(result.stdout)}
    assert found == {(2, "duplicate"), (4, "keys"), (6, "YAML")}


def test_problems_of_several_files_are_all_reported() -> None:
    names = ["scenario-float-headcount.yaml", "rates-band-gap.yaml", "yaml-empty.yaml"]
    result = validate(*(str(INVALID / name) for name in names))
    assert result.exit_code == 1
    assert "scenario-float-headcount.yaml:9:" in result.output
    assert "rates-band-gap.yaml:12:" in result.output
    assert "yaml-empty.yaml:1:" in result.output


def test_nul_byte_is_reported_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "yaml-nul.yaml"
    path.write_bytes(b"city: metro\nname: Kota\x00Metro\nprovince: Lampung\n")
    result = validate(str(path))
    assert result.exit_code == 1
    assert "yaml-nul.yaml:2:11: (document): character #x0000 is not allowed in YAML" in (
        flat(result.output)
    )


def test_extremely_deep_nesting_is_refused_without_crashing(tmp_path: Path) -> None:
    # 50,000 levels once crashed the process inside libyaml's recursive composer
    path = tmp_path / "deep.yaml"
    path.write_text("city: " + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")
    result = validate(str(path))
    assert result.exit_code == 1
    # Which check refuses it first depends on the PyYAML release: libyaml 0.2.5 builds stop at
    # their own depth limit while scanning ahead (a syntax error), older ones let jbudget's event
    # pass count the levels. Either way: refused, on line 1, with one of jbudget's two hints.
    message, hint = problem_at(result.output, "deep.yaml", 1)
    assert "nested deeper than 32 levels" in message or "YAML syntax error" in message
    assert hint.startswith(("rate and scenario files are a few levels deep", "check indentation"))


def test_text_that_looks_like_markup_is_printed_as_written(tmp_path: Path) -> None:
    path = tmp_path / "br[bold].yaml"
    path.write_text(
        "city: x\nname: X\nprovince: P\nfiscal_year: 2025\ngroups:\n"
        "  - {id: a, label: A, segment: '[/red]', headcount: 1, programs: [jkk],\n"
        "     '[bold]x': 1}\n",
        encoding="utf-8",
    )
    result = validate(str(path))
    assert result.exit_code == 1
    assert "br[bold].yaml:6:" in result.output
    assert "got '[/red]'" in result.output and "unknown key '[bold]x'" in result.output


@pytest.mark.parametrize("kind", ["fifo", "device", "broken-link"])
def test_a_yaml_entry_that_is_not_a_file_is_reported_not_skipped(tmp_path: Path, kind: str) -> None:
    """A folder of files is checked whole: a pipe, a device or a broken link named *.yaml was
    skipped without a word (validate exit 0), or, reached another way, read for ever."""
    import os
    import shutil

    folder = tmp_path / "rates"
    shutil.copytree(Path(__file__).parents[1] / "rates", folder)
    odd = folder / "extra.yaml"
    {
        "fifo": lambda: os.mkfifo(odd),
        "device": lambda: odd.symlink_to("/dev/zero"),
        "broken-link": lambda: odd.symlink_to(folder / "missing.yaml"),
    }[kind]()
    result = validate(str(folder))
    assert result.exit_code == 1
    reported, _hints = problem_at(result.stdout, "extra.yaml", 1)
    assert {"fifo": "named pipe", "device": "a device", "broken-link": "does not exist"}[kind] in (
        reported
    )
    estimate = CliRunner(env=ENV).invoke(app, ["estimate", "-c", "metro", "--rates", str(folder)])
    assert estimate.exit_code == 1 and "extra.yaml:1:1" in estimate.output


def test_the_rate_that_starts_last_is_named_the_same_in_every_run() -> None:
    """bpu.jkk_percent and bpu.jkm_flat both start in July 2015: the message names the first by
    name, whatever order a set of names comes in (it followed PYTHONHASHSEED)."""
    path = INVALID / "scenario-fiscal-year-before-rates.yaml"
    script = "from jamsostek_budget.cli.start import main; main()"
    said = set()
    for seed in ("0", "1", "2", "3", "4", "5"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "LANGUAGE": "en"}
        done = subprocess.run(
            [sys.executable, "-c", script, "validate", str(path)],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        said |= {line for line in done.stdout.splitlines() if "starts then" in line}
    assert len(said) == 1
    assert said.pop().endswith("(bpu.jkk_percent starts then)")
