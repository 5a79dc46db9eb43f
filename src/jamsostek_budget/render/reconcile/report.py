"""A reconciliation as a Report: what the Pemda pays for people it should not, what protecting
the unprotected would cost, each category's people and Rupiah, the rows of each list, the
eligibility rules, the other payers' lists, the rejected rows and the first findings of each
category. A workbook (the work paper) also gets one sheet per category listing every person
(`Report.sheets`); every other format shows the first FIRST of each, and `--details` writes all.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from jamsostek_budget.i18n import N_, _
from jamsostek_budget.render.reconcile.labels import category_label, short_label
from jamsostek_budget.render.reconcile.offices import office_sections
from jamsostek_budget.render.shared.labels import number, rupiah
from jamsostek_budget.render.shared.sections import (
    Cell,
    Money,
    Report,
    Section,
    Signed,
    Verbatim,
)
from jamsostek_budget.roster.reconcile import CATEGORIES, in_order
from jamsostek_budget.roster.reconcile_result import Reconciled

FIRST = 10  # findings shown per category outside the workbook
REJECTED_SHOWN = 50
EXCEL_ROWS = 1_048_576  # a sheet's rows, Excel's limit
CATEGORY_HEADERS = (
    N_("Category"),
    N_("People"),
    N_("Rows of\nthe roster"),
    N_("Rows of\nBPJS's list"),
    N_("A month\n(Rp)"),
    N_("A year\n(Rp)"),
)
PERSON_HEADERS = (
    N_("NIK"),
    N_("Name"),
    N_("Group"),
    N_("Roster\nline"),
    N_("BPJS\nline"),
    N_("Why"),
    N_("Pemda a\nmonth (Rp)"),
    N_("BPJS a\nmonth (Rp)"),
    N_("A month\n(Rp)"),
    N_("A year\n(Rp)"),
)


def reconcile_report(found: Reconciled, *, with_sheets: bool = False) -> Report:
    scenario = found.scenario
    title = _("{name}: the Pemda's list against BPJS's, fiscal year {year}").format(
        name=scenario.name, year=scenario.fiscal_year
    )
    sections = [_categories(found), *office_sections(found), *_others(found), *_rules(found)]
    sections += _rejected(found)
    sections += [section for section in _findings(found, FIRST) if section.rows]
    sheets = tuple(_findings(found, None)) if with_sheets else ()
    return Report(title, _summary(found), tuple(sections), _notes(), sheets=sheets)


def _summary(found: Reconciled) -> tuple[str, ...]:
    result = found.reconciliation
    monthly, annual = result.totals("monthly"), result.totals("annual")
    lines = [
        _(
            "Paid for people it should not pay for: {month} a month, {year} a year (billed but "
            "not listed, ineligible, duplicates, billed above the list)"
        ).format(month=rupiah(monthly["paid_not_owed"]), year=rupiah(annual["paid_not_owed"])),
        _("Protecting the unprotected would cost {month} a month, {year} a year").format(
            month=rupiah(monthly["to_protect"]), year=rupiah(annual["to_protect"])
        ),
    ]
    net = annual["net"]
    if net > 0:
        lines.append(
            _("Net: reconciling the lists saves {year} a year ({month} a month)").format(
                year=rupiah(net), month=rupiah(monthly["net"])
            )
        )
    elif net < 0:
        lines.append(
            _("Net: reconciling the lists costs {year} more a year ({month} a month)").format(
                year=rupiah(-net), month=rupiah(-monthly["net"])
            )
        )
    else:
        lines.append(_("Net: reconciling the lists neither saves nor costs"))
    lines.append(
        _list_line(
            found.roster_file,
            found.roster.rows_read,
            result.rows("roster"),
            found.roster_rejected.height,
            found.roster.blank_rows,
        )
    )
    lines.append(
        _list_line(
            found.bpjs.file,
            found.bpjs.rows_read,
            result.rows("bpjs"),
            found.bpjs_rejected.height,
            found.bpjs.blank,
        )
    )
    return tuple(lines)


def _list_line(file: str, read: int, rows: dict[str, int], rejected: int, blank: int) -> str:
    return _(
        "{file}: {read} rows read = {used} in a category + {rejected} rejected + {blank} blank"
    ).format(
        file=file,
        read=number(read),
        used=number(sum(rows.values())),
        rejected=number(rejected),
        blank=number(blank),
    )


def _categories(found: Reconciled) -> Section:
    result = found.reconciliation
    counts, monthly, annual = result.counts(), result.money("monthly"), result.money("annual")
    roster, bpjs = result.rows("roster"), result.rows("bpjs")
    rows = tuple(
        (
            category_label(category),
            counts[category],
            roster[category],
            bpjs[category],
            _money(category, monthly[category]),
            _money(category, annual[category]),
        )
        for category in CATEGORIES
    )
    footer: tuple[Cell, ...] = (
        _("Total"),
        sum(counts.values()),
        sum(roster.values()),
        sum(bpjs.values()),
        "",
        "",
    )
    headers = tuple(_(header) for header in CATEGORY_HEADERS)
    return Section(_("Per category"), headers, rows, footer, frozenset(range(1, 6)))


def _money(category: str, amount: int) -> Cell:
    """A difference for mismatches (BPJS minus the Pemda), an amount otherwise."""
    return Signed(amount) if category == "mismatched" else Money(amount)


def _others(found: Reconciled) -> tuple[Section, ...]:
    if not found.others:
        return ()
    rows = tuple(
        (other.file, other.rows_read, other.accepted.height, other.rejected.height, shared)
        for other, shared in zip(found.others, found.reconciliation.shared_with_others, strict=True)
    )
    headers = (_("List"), _("Rows read"), _("Accepted"), _("Rejected"), _("NIKs also ours"))
    return (Section(_("Other payers' lists"), headers, rows, None, frozenset({1, 2, 3, 4})),)


def _rules(found: Reconciled) -> tuple[Section, ...]:
    rules = found.scenario.eligibility
    if rules is None:
        return ()
    rows: list[tuple[Cell, ...]] = [
        (_("Ages reckoned on"), rules.reckoned_on(found.scenario.fiscal_year).isoformat())
    ]
    if rules.min_age is not None:
        rows.append((_("Youngest age paid for"), str(rules.min_age)))
    if rules.max_age is not None:
        rows.append((_("Oldest age paid for"), str(rules.max_age)))
    if rules.nik_regions:
        rows.append((_("Regions (NIK digits 1-4)"), ", ".join(rules.nik_regions)))
    rows.append((_("Exceptions (NIKs)"), number(len(rules.exceptions))))
    return (Section(_("Eligibility rules"), (_("Rule"), _("Value")), tuple(rows)),)


def _rejected(found: Reconciled) -> tuple[Section, ...]:
    parts = [
        (found.roster_file, found.roster_rejected),
        (found.bpjs.file, found.bpjs_rejected),
        *((other.file, other.rejected) for other in found.others),
    ]
    rows: list[tuple[Cell, ...]] = []
    total = sum(frame.height for _file, frame in parts)
    for file, frame in parts:
        for row in frame.head(REJECTED_SHOWN - len(rows)).iter_rows(named=True):
            where = _("{file}, line {line}").format(file=file, line=row["line"])
            if row.get("sheet"):
                where = _("{file}, sheet {sheet}, line {line}").format(
                    file=file, sheet=row["sheet"], line=row["line"]
                )
            rows.append((where, str(row["reasons"])))
    if not rows:
        return ()
    title = _("Rejected rows")
    if total > len(rows):
        title = _("Rejected rows (the first {shown} of {count})").format(
            shown=number(len(rows)), count=number(total)
        )
    return (Section(title, (_("Row"), _("Why it is not used")), tuple(rows)),)


def _findings(found: Reconciled, first: int | None) -> list[Section]:
    """One section per category: its people (the first `first`, or all), with the reasons and
    the Rupiah."""
    entries = found.reconciliation.entries
    sections = []
    for category in CATEGORIES:
        people = entries.filter(pl.col("category") == category)
        count = people.height
        people = found.reconciliation.named(in_order(people, first))
        title = short_label(category)
        if first is not None and count > first:
            title = _("{category} (the first {shown} of {count})").format(
                category=short_label(category), shown=number(first), count=number(count)
            )
        rows = tuple(_person(row) for row in people.iter_rows(named=True))
        headers = tuple(_(header) for header in PERSON_HEADERS)
        sections.append(Section(title, headers, rows, None, frozenset({3, 4, 6, 7, 8, 9})))
    return sections


def _person(row: dict[str, Any]) -> tuple[Cell, ...]:
    def amount(name: str) -> Cell:
        value = row[name]
        return "" if value is None else Money(int(value))

    def line(name: str) -> Cell:
        value, sheet = row[f"{name}_line"], row[f"{name}_sheet"]
        if value is None:
            return ""
        if sheet:
            return _("{line} of sheet '{sheet}'").format(line=value, sheet=sheet)
        return int(value)

    return (
        Verbatim(str(row["nik"] or "")),
        str(row["name"] or ""),
        str(row["group"] or ""),
        line("roster"),
        line("bpjs"),
        str(row["reasons"] or ""),
        amount("pemda_monthly"),
        amount("bpjs_monthly"),
        Signed(int(row["monthly"])) if row["category"] == "mismatched" else amount("monthly"),
        Signed(int(row["annual"])) if row["category"] == "mismatched" else amount("annual"),
    )


def _notes() -> tuple[str, ...]:
    return (
        _(
            "Each row of both lists is in one category, the first that applies: duplicate, "
            "ineligible, matched or mismatched, billed but not listed, listed but not billed. "
            "Rupiah: matched, what the Pemda pays; mismatched, what BPJS bills minus what the "
            "Pemda's list gives; listed but not billed, what protecting them would cost; the "
            "others, what BPJS bills for them. A month is the person's first covered month; a "
            "year, their covered months."
        ),
    )


def reconcile_totals(found: Reconciled) -> list[tuple[str, int]]:
    """The main amounts, for --words."""
    annual = found.reconciliation.totals("annual")
    return [
        (_("Paid for people it should not pay for, a year"), annual["paid_not_owed"]),
        (_("Protecting the unprotected, a year"), annual["to_protect"]),
    ]
