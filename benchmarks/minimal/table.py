"""The smallest program on jbudget's stack that does what `jbudget estimate --city metro` does:
a typer command with an option, one pydantic model validated from a small YAML file, and a rich
table on standard output. The yardstick of the start-up goal (bench_startup.py)."""

from __future__ import annotations

import rich.console  # noqa: TID251 - as above
import rich.table  # noqa: TID251 - as above
import typer  # noqa: TID251 - the yardstick uses the stack as any program would
from common import load, premium


def main(city: str = typer.Option("metro", "--city")) -> None:
    found = load(city)
    table = rich.table.Table(title=f"{found.name} {found.fiscal_year}")
    for column in ("group", "people", "premium"):
        table.add_column(column, justify="left" if column == "group" else "right")
    for group in found.groups:
        table.add_row(group.name, f"{group.headcount:,}", f"Rp{premium(group):,}")
    rich.console.Console().print(table)


if __name__ == "__main__":
    typer.run(main)
