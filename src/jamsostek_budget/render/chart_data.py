"""The figures worth seeing at a glance, as Chart objects every renderer can draw (the terminal's
bars, the HTML report's SVG): one bar per group or per year, in the same order as the tables, so a
bar and its table row are easy to match."""

from __future__ import annotations

from typing import TYPE_CHECKING

from jamsostek_budget.engine.budget import Budget
from jamsostek_budget.i18n import _
from jamsostek_budget.render.sections import Bar, Chart

if TYPE_CHECKING:  # annotations only: the estimate's report needs none of planning
    from jamsostek_budget.planning.compare import Comparison
    from jamsostek_budget.planning.projection import Projection


def estimate_chart(budget: Budget) -> Chart:
    """What each group costs the APBD in the fiscal year."""
    bars = tuple(Bar(line.group.label, line.annual) for line in budget.lines)
    return Chart(_("APBD a year per group"), bars)


def project_chart(projection: Projection) -> Chart:
    """The APBD total of each projected year, to show how fast the budget grows."""
    bars = tuple(Bar(str(year.year), year.budget.annual) for year in projection.years)
    return Chart(_("APBD total per year"), bars)


def compare_chart(comparison: Comparison) -> Chart:
    """What changes per group between the baseline and the last scenario compared: negative bars
    are groups that cost less (or were removed), positive ones cost more (or were added)."""
    bars = tuple(Bar(row.label, row.annual.deltas[-1]) for row in comparison.groups)
    title = _("Difference in APBD a year per group: {last} minus {first}").format(
        last=comparison.columns[-1].name, first=comparison.baseline.name
    )
    return Chart(title, bars)
