"""The folders are the architecture: each layer imports only the layers below it.

The order is stated once, in pyproject.toml's [tool.importlinter] contracts; `lint-imports`
checks every import against it, and a folder or top-level module left out of the order would
escape the check, so every one of them must be placed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "jamsostek_budget"
ENTRY = {"__init__", "__main__"}  # the package itself and `python -m`: above every layer


def layer_contract() -> dict[str, object]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    return next(contract for contract in contracts if contract["type"] == "layers")


def layered_names() -> list[str]:
    layers = layer_contract()["layers"]
    assert isinstance(layers, list)
    return [name.strip() for layer in layers for name in layer.split("|")]


def test_every_folder_and_top_module_has_a_layer() -> None:
    present = {path.name for path in PACKAGE.iterdir() if (path / "__init__.py").is_file()}
    present |= {path.stem for path in PACKAGE.glob("*.py")} - ENTRY
    assert sorted(present) == sorted(layered_names())


def test_only_errors_money_and_i18n_sit_at_the_top() -> None:
    modules = {path.stem for path in PACKAGE.glob("*.py")} - ENTRY
    assert modules == {"errors", "money", "i18n"}


def test_the_command_line_is_the_top_layer_and_the_model_below_the_rest() -> None:
    layers = layer_contract()["layers"]
    assert isinstance(layers, list)
    assert layers[0] == "cli"
    assert layers.index("model") > layers.index("engine | loading")


def test_no_import_breaks_the_layers() -> None:
    """`lint-imports` fails on the first import of a higher layer (and names the line)."""
    linter = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert linter is not None, "import-linter is in the test extra: install requirements/test.lock"
    result = subprocess.run(
        [linter, "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def readme_listing() -> list[str]:
    """The names in the README's architecture listing, in order (`cli/` -> `cli`)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Architecture", 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    lines = block.splitlines()
    start = lines.index("src/jamsostek_budget/") + 1
    names = []
    for line in lines[start:]:
        if not line.startswith("  "):
            break
        names.append(line.split()[0].removesuffix("/").removesuffix(".py"))
    return names


def test_readme_lists_every_layer_in_order() -> None:
    """The README's folder listing is the layer order, one line per folder or module."""
    assert readme_listing() == layered_names()
