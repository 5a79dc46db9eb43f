"""How reports name an office (OPD) and a funding source (sumber dana), in every command."""

from __future__ import annotations

from jamsostek_budget.i18n import _
from jamsostek_budget.model.funding import FundingSource, Opd
from jamsostek_budget.render.shared.labels import month_abbr


def opd_name(opd: Opd | None) -> str:
    """Its code in the regional chart and its label; the groups naming no office."""
    if opd is None:
        return _("(no office)")
    return f"{opd.code} {opd.label}" if opd.code else opd.label


def source_name(source: FundingSource | None) -> str:
    """Its label, marked when it is not APBD money; the groups naming no source."""
    if source is None:
        return _("(no source)")
    return source.label if source.is_apbd else f"{source.label} {_('(not APBD)')}"


def source_months(source: FundingSource | None) -> str:
    """The months a source pays for, "Apr-Dec" ("" for groups naming no source)."""
    if source is None:
        return ""
    return f"{month_abbr(source.first_month)}-{month_abbr(source.last_month)}"
