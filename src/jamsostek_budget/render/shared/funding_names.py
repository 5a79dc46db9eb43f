"""How reports name an office (OPD) and a funding source (sumber dana), in every command."""

from __future__ import annotations

from jamsostek_budget.i18n import _
from jamsostek_budget.model.funding import FundingSource, Opd


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
