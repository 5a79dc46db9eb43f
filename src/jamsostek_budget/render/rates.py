"""`jbudget rates`: the rates in force on a day, the BPU band premiums, the reliefs and the
regulations, as a Report (table, Markdown) and as JSON."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from jamsostek_budget.engine.listing import RateListing
from jamsostek_budget.engine.premiums import BandPremium
from jamsostek_budget.i18n import _, in_language
from jamsostek_budget.model.rates import DatedValue, Parameter
from jamsostek_budget.model.ratetable import RateSnapshot, RateTable
from jamsostek_budget.render.shared.labels import (
    confidence_label,
    percent,
    rupiah,
    rupiah_sen,
)
from jamsostek_budget.render.shared.sections import Cell, Money, Report, Section


def _value(parameter: Parameter, value: DatedValue) -> str:
    return rupiah(int(value.value)) if parameter.unit == "rupiah" else percent(value.value)


def rates_report(listing: RateListing) -> Report:
    table, snapshot = listing.table, listing.snapshot
    day = snapshot.day.isoformat()
    rows = tuple(
        (
            name,
            in_language(table.parameters[name].label, table.parameters[name].label_id),
            _value(table.parameters[name], value),
            value.effective.isoformat(),
            f"{value.regulation} {value.article}".strip(),
            confidence_label(value.confidence),
            value.last_checked.isoformat(),
        )
        for name, value in sorted(snapshot.values.items())
    )
    params = Section(
        _("Rates in force on {day}").format(day=day),
        (
            _("Name"),
            _("Rate"),
            _("Value"),
            _("In force from"),
            _("Regulation"),
            _("Confidence"),
            _("Last checked"),
        ),
        rows,
        right=frozenset({2}),
    )
    sections = [params, _bands(listing), _reliefs(snapshot)]
    sections += [_minimum_wages(listing)] if listing.minimum_wages else []
    sections.append(_regulations(table))
    title = _("BPJS Ketenagakerjaan rates in force on {day}").format(day=day)
    return Report(title, (), tuple(sections), ())


def _bands(listing: RateListing) -> Section:
    def row(b: BandPremium) -> tuple[Cell, ...]:
        return (
            str(b.number),
            b.lower,
            b.upper if b.upper is not None else _("and above"),
            b.nominal,
            Money(b.premiums["jkk"]),
            Money(b.premiums["jkm"]),
            Money(b.basic),
            Money(b.with_jht),
        )

    version = listing.snapshot.band_version
    title = _("BPU income bands (APBD-paid participant, per month)")
    if version is not None:
        article = version.article.split(" (")[0]
        title += f", {version.regulation} {article}, {confidence_label(version.confidence)}"
    headers = (
        _("Band"),
        _("Income from"),
        _("Income to"),
        _("Nominal"),
        "JKK",
        "JKM",
        "JKK+JKM",
        _("with JHT"),
    )
    return Section(
        title, headers, tuple(row(b) for b in listing.bands), right=frozenset(range(1, 8))
    )


def _reliefs(snapshot: RateSnapshot) -> Section:
    rows = tuple(
        (
            r.id,
            in_language(r.label, r.label_id),
            _("{first} to {last}").format(first=r.first_month, last=r.last_month),
            ", ".join(r.segments).upper() + ": " + ", ".join(r.programs).upper(),
            percent(r.payable_percent),
            _("yes") if r.applies_to_apbd_paid else _("no"),
        )
        for r in snapshot.reliefs
    )
    headers = ("Id", _("Relief"), _("Months"), _("Scope"), _("Payable"), _("For APBD-paid"))
    return Section(_("Reliefs in force"), headers, rows)


def _decreed(value: Decimal | None) -> Cell:
    """A minimum wage as decreed: whole Rupiah as money, with its sen as a decimal."""
    if value is None:
        return ""
    if value == value.to_integral_value():
        return Money(int(value))
    return rupiah_sen(value)


def _minimum_wages(listing: RateListing) -> Section:
    """The region's minimum wages in force, each with its decree (as the rates, with their
    confidence and the day last checked)."""
    rows = tuple(
        (
            floor.entry.kind.upper(),
            floor.entry.name,
            _decreed(floor.value.value),
            floor.value.effective.isoformat(),
            floor.value.decree or "",
            confidence_label(floor.value.confidence),
            floor.value.last_checked.isoformat(),
        )
        for floor in listing.minimum_wages
    )
    headers = (
        _("Kind"),
        _("Region"),
        _("Monthly"),
        _("In force from"),
        _("Decree"),
        _("Confidence"),
        _("Last checked"),
    )
    title = _("Minimum wages in force on {day}").format(day=listing.snapshot.day.isoformat())
    return Section(title, headers, rows, right=frozenset({2}))


def _regulations(table: RateTable) -> Section:
    rows = tuple((reg.id, reg.title, reg.url) for reg in table.regulations.values())
    return Section(_("Regulations"), ("Id", _("Title"), "URL"), rows)


def rates_dict(listing: RateListing) -> dict[str, Any]:
    table, snapshot = listing.table, listing.snapshot
    return {
        "date": snapshot.day.isoformat(),
        "rates": [
            {
                "name": name,
                "label": table.parameters[name].label,
                "unit": table.parameters[name].unit,
                "value": str(value.value)
                if table.parameters[name].unit == "percent"
                else int(value.value),
                "effective": value.effective.isoformat(),
                "regulation": value.regulation,
                "article": value.article,
                "confidence": value.confidence,
                "last_checked": value.last_checked.isoformat(),
            }
            for name, value in sorted(snapshot.values.items())
        ],
        "bands": [
            {
                "band": b.number,
                "lower": b.lower,
                "upper": b.upper,
                "nominal": b.nominal,
                **b.premiums,
            }
            for b in listing.bands
        ],
        "reliefs": [r.id for r in snapshot.reliefs],
        "minimum_wages": [
            {
                "region": floor.entry.region,
                "kind": floor.entry.kind,
                "name": floor.entry.name,
                "value": None if floor.value.value is None else str(floor.value.value),
                "wage_at_minimum": floor.rupiah,
                "effective": floor.value.effective.isoformat(),
                "regulation": floor.value.regulation,
                "decree": floor.value.decree,
                "confidence": floor.value.confidence,
                "last_checked": floor.value.last_checked.isoformat(),
                "stale": floor.stale,
            }
            for floor in listing.minimum_wages
        ],
        "regulations": [r.model_dump(mode="json") for r in table.regulations.values()],
    }
