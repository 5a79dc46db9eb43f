"""The provenance section every report ends with: rate tables, regulations, last checks; and the
notes that say where a scenario's figures come from (its assumptions and sources)."""

from __future__ import annotations

from dataclasses import replace

from jamsostek_budget.engine.provenance import Provenance
from jamsostek_budget.i18n import _, in_language
from jamsostek_budget.model.scenario import Scenario
from jamsostek_budget.render.shared.sections import Report, Section


def provenance_section(provenance: Provenance) -> Section:
    tables = (
        _("bundled with jbudget {version}").format(version=provenance.version)
        if provenance.rates_folder is None
        else provenance.rates_folder
    )
    rows = [
        (_("Rate tables"), f"{tables}: {', '.join(provenance.rate_files)}"),
        (_("Regulations"), ", ".join(r.id for r in provenance.regulations) or "-"),
        (_("Rates last checked"), _checked(provenance)),
        (_("Produced by"), f"jbudget {provenance.version}"),
    ]
    return Section(_("Provenance"), (_("What"), _("Source")), tuple(rows))


def _checked(provenance: Provenance) -> str:
    oldest, newest = provenance.oldest_check, provenance.newest_check
    if oldest is None or newest is None:
        return "-"
    if oldest == newest:
        return oldest.isoformat()
    return _("between {oldest} and {newest}").format(
        oldest=oldest.isoformat(), newest=newest.isoformat()
    )


def with_provenance(report: Report, provenance: Provenance) -> Report:
    """The report with its provenance as the last section, and the regulations cited, when the
    report does not list them already."""
    sections = list(report.sections)
    if not any(section.title == _("Regulations") for section in sections):
        sections.append(regulations_section(provenance))
    sections.append(provenance_section(provenance))
    return replace(report, sections=tuple(sections))


def regulations_section(provenance: Provenance) -> Section:
    rows = tuple((reg.id, reg.title, reg.url) for reg in provenance.regulations)
    return Section(_("Regulations"), ("Id", _("Title"), "URL"), rows)


def scenario_notes(scenario: Scenario) -> list[str]:
    """The scenario's assumptions and each of its sources, in the report's language."""
    notes = []
    if scenario.assumptions:
        assumptions = in_language(scenario.assumptions, scenario.assumptions_id)
        notes.append(_("Assumptions: {text}").format(text=assumptions))
    sources = in_language(scenario.sources, scenario.sources_id)
    return notes + [_("Source: {source}").format(source=source) for source in sources]
