"""The smallest program on jbudget's stack that does what `jbudget estimate --city metro
--format json` does: a typer command with an option, one pydantic model validated from a small
YAML file, and JSON on standard output. The yardstick of the JSON start-up goal
(bench_startup.py)."""

from __future__ import annotations

import json

import typer  # noqa: TID251 - the yardstick uses the stack as any program would
from common import load, premium


def main(city: str = typer.Option("metro", "--city")) -> None:
    found = load(city)
    groups = {group.id: premium(group) for group in found.groups}
    report = {"city": found.city, "groups": groups, "annual": sum(groups.values())}
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    typer.run(main)
