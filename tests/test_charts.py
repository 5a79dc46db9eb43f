"""Terminal bar charts (render.charts) and the charts built from budgets, projections and
comparisons (each command's report module)."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from decimal import Decimal

import pytest
from rich.console import Console
from rich.measure import Measurement

from jamsostek_budget.app import estimate as api
from jamsostek_budget.app.planning import project as project_years
from jamsostek_budget.i18n import current_language, set_language
from jamsostek_budget.loading import bundled
from jamsostek_budget.planning.compare import compare
from jamsostek_budget.render.compare.report import compare_chart
from jamsostek_budget.render.estimate.report import estimate_chart
from jamsostek_budget.render.project.report import project_chart
from jamsostek_budget.render.shared.charts import MAX_BAR_CELLS, BarChart
from jamsostek_budget.render.shared.labels import rupiah
from jamsostek_budget.render.shared.sections import Bar, Chart, Report, Section
from jamsostek_budget.render.shared.terminal import report_renderable

EIGHTHS = {"▏": 1, "▎": 2, "▍": 3, "▌": 4, "▋": 5, "▊": 6, "▉": 7}
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def draw(renderable: object, width: int, *, colour: bool = False) -> list[str]:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        color_system="truecolor" if colour else None,
        force_terminal=colour,
        legacy_windows=False,
    )
    console.print(renderable)
    return buffer.getvalue().splitlines()


def eighths(line: str) -> int:
    """The length of the (positive) bar in a row, in eighths of a cell."""
    return 8 * line.count("█") + sum(EIGHTHS.get(character, 0) for character in line)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """English unless a test asks for Indonesian: the CLI tests run in-process and leave behind
    the language of their last --lang."""
    previous = current_language()
    set_language("en")
    yield
    set_language(previous)


@pytest.fixture
def indonesian(english: None) -> None:
    """Indonesian for one test; the english fixture puts the previous language back."""
    set_language("id")


def test_bars_are_golden_at_a_fixed_width() -> None:
    """Width 51: labels 2, bars 40 cells, amounts 7 (IDR 800), a space either side of the bars.
    800 fills the 40 cells, so 400 is 20, 300 is 15, 50 is 2.5."""
    chart = Chart("Cost", (Bar("a", 800), Bar("bb", 400), Bar("c", 300), Bar("d", 50), Bar("e", 0)))
    assert draw(BarChart(chart), 51) == [
        "Cost",
        "a  " + "█" * 40 + " IDR 800",
        "bb " + "█" * 20 + " " * 20 + " IDR 400",
        "c  " + "█" * 15 + " " * 25 + " IDR 300",
        "d  ██▌" + " " * 37 + "  IDR 50",
        "e  " + " " * 40 + "   IDR 0",
    ]


def test_negative_bars_grow_left_of_the_zero_axis() -> None:
    """Width 48: labels 4, amounts 8 (+IDR 200), 34 cells of bars, one of them the axis. 200 and
    -100 split the other 33 in 22 and 11, at one scale of 11/100 cell per Rupiah: -50 is 5.5."""
    chart = Chart("Change", (Bar("up", 200), Bar("down", -100), Bar("half", -50), Bar("same", 0)))
    assert draw(BarChart(chart), 48) == [
        "Change",
        "up   " + " " * 11 + "│" + "█" * 22 + " +IDR 200",
        "down " + "█" * 11 + "│" + " " * 22 + " -IDR 100",
        "half " + " " * 5 + "▐" + "█" * 5 + "│" + " " * 22 + "  -IDR 50",
        "same " + " " * 11 + "│" + " " * 22 + "    IDR 0",
    ]


def test_only_negative_bars_put_the_axis_on_the_right() -> None:
    """Width 30: 19 cells left of the axis for -40, so -30 is 14.25 cells, drawn as 14.5."""
    lines = draw(BarChart(Chart("Cuts", (Bar("a", -40), Bar("b", -30)))), 30)
    assert lines[1:] == [
        "a " + "█" * 19 + "│ -IDR 40",
        "b " + " " * 4 + "▐" + "█" * 14 + "│ -IDR 30",
    ]


def test_tiny_amounts_stay_visible() -> None:
    """An amount far below one eighth of a cell still shows: a bar that is there is never blank."""
    lines = draw(BarChart(Chart("t", (Bar("big", 10**9), Bar("small", 1), Bar("cut", -1)))), 60)
    assert "▏" in lines[2]
    assert "▐│" in lines[3]


def test_no_bars_and_zero_bars_do_not_crash() -> None:
    assert draw(BarChart(Chart("Empty", ())), 40) == ["Empty", "No figures to draw."]
    zeros = draw(BarChart(Chart("Zeros", (Bar("a", 0), Bar("b", 0)))), 40)
    assert zeros[0] == "Zeros"
    assert [line.rstrip().split()[-2:] for line in zeros[1:]] == [["IDR", "0"]] * 2
    assert not any(character in "".join(zeros) for character in "█▏│")


def test_metro_bars_are_proportional_with_labels_and_amounts(indonesian: None) -> None:
    budget = api.estimate(bundled.city_file("metro")).unwrap().budget
    chart = estimate_chart(budget)
    lines = draw(BarChart(chart), 120)
    largest = max(bar.amount for bar in chart.bars)
    assert lines[0] == chart.title
    for bar, line in zip(chart.bars, lines[1:], strict=True):
        assert line.startswith(bar.label)
        assert line.endswith(rupiah(bar.amount))  # Rp745.718.400: Indonesian figures
        assert abs(eighths(line) - 8 * MAX_BAR_CELLS * bar.amount / largest) <= 0.5
    assert eighths(lines[1]) == 8 * MAX_BAR_CELLS  # the largest bar fills the bars' room


def test_a_narrow_terminal_shortens_labels_before_bars() -> None:
    chart = Chart("n", (Bar("Tenaga non-ASN lainnya", 300), Bar("Ketua RT/RW", 100)))
    lines = draw(BarChart(chart), 30)
    assert all(len(line) <= 30 for line in lines)
    assert lines[1].startswith("Tenaga non…")  # 11 cells of label leave 10 for the bars
    assert eighths(lines[1]) == 80
    assert lines[1].endswith("IDR 300")


def test_colour_only_adds_emphasis() -> None:
    """With colour stripped, a coloured chart is the same text as one drawn without colour."""
    chart = Chart("c", (Bar("a", 5), Bar("b", -3)))
    coloured = draw(BarChart(chart), 50, colour=True)
    assert any("\x1b[" in line for line in coloured)
    assert [ANSI.sub("", line) for line in coloured] == draw(BarChart(chart), 50)


def test_measurement_asks_for_room_but_not_too_much() -> None:
    chart = Chart("m", (Bar("Kader posyandu", 189_504_000),))
    console = Console(width=200, file=io.StringIO())
    measured = Measurement.get(console, console.options, BarChart(chart))
    amount = len("IDR 189,504,000")
    assert measured == Measurement(8 + amount + 2 + 10, 14 + amount + 2 + MAX_BAR_CELLS)


def test_the_report_draws_its_charts_after_the_summary() -> None:
    report = Report(
        "Title",
        ("Summary line",),
        (Section("Per group", ("Group", "Amount"), (("a", "1"),)),),
        charts=(Chart("Chart one", (Bar("a", 1),)), Chart("Chart two", (Bar("b", 2),))),
    )
    text = "\n".join(draw(report_renderable(report), 80))
    positions = [text.index(part) for part in ("Summary line", "Chart one", "Chart two", "Per gr")]
    assert positions == sorted(positions)


def test_estimate_chart_has_one_bar_per_group_adding_up_to_the_total() -> None:
    budget = api.estimate(bundled.city_file("metro")).unwrap().budget
    chart = estimate_chart(budget)
    assert [bar.label for bar in chart.bars] == [line.group.label for line in budget.lines]
    assert chart.bars[0] == Bar("Tenaga non-ASN lainnya", 745_718_400)
    assert sum(bar.amount for bar in chart.bars) == budget.annual == 1_720_963_200


def test_project_chart_has_the_annual_total_of_each_year() -> None:
    years = [2025, 2026, 2027]
    projection = project_years(
        bundled.city_file("metro"), years, {"headcount": Decimal(3)}
    ).unwrap()
    chart = project_chart(projection)
    assert [bar.label for bar in chart.bars] == ["2025", "2026", "2027"]
    assert [bar.amount for bar in chart.bars] == [y.budget.annual for y in projection.years]
    assert chart.bars[0].amount == 1_720_963_200  # the first year is the plain estimate
    assert chart.bars[0].amount < chart.bars[1].amount < chart.bars[2].amount


def test_compare_chart_shows_the_last_scenario_against_the_baseline() -> None:
    metro = bundled.city_file("metro")
    budgets = [
        api.estimate(metro).unwrap().budget,
        api.estimate(metro, year=2020).unwrap().budget,
        api.estimate(bundled.city_file("metro-2026-expansion")).unwrap().budget,
    ]
    comparison = compare(budgets)
    chart = compare_chart(comparison)
    assert "metro-2026-expansion 2026" in chart.title
    assert "metro 2025" in chart.title
    assert "metro 2020" not in chart.title  # the middle column is not charted
    by_label = {bar.label: bar.amount for bar in chart.bars}
    assert by_label["Juru parkir"] > 0  # added in the expansion
    assert by_label["Tenaga non-ASN lainnya"] == 0  # unchanged
    assert sum(by_label.values()) == budgets[2].annual - budgets[0].annual


def test_compare_chart_of_a_cheaper_scenario_has_negative_bars() -> None:
    metro = bundled.city_file("metro")
    comparison = compare(
        [api.estimate(metro).unwrap().budget, api.estimate(metro, year=2020).unwrap().budget]
    )
    chart = compare_chart(comparison)
    assert all(bar.amount < 0 for bar in chart.bars)  # the COVID relief of 2020
    lines = draw(BarChart(chart), 100)
    for bar, line in zip(chart.bars, lines[1:], strict=True):
        left, right = line.split("│")
        assert left.endswith("█") or left.endswith("▐")  # the bar touches the axis from the left
        assert right.strip() == rupiah(bar.amount)  # nothing right of the axis but the amount
