"""Recalculate workbooks with a real spreadsheet engine: LibreOffice, headless.

openpyxl writes formulas without results; LibreOffice opens each workbook, recalculates every
formula and saves a copy with the results, which openpyxl then reads (data_only=True). One
LibreOffice run converts a whole batch, since starting it takes seconds. LibreOffice runs with a
profile of its own (never the user's) that tells it to recalculate on load even when a file
carries stale results.

Without LibreOffice the tests that need it fail: `bash scripts/test-tools` (part of the README's
test command) installs it.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

# Always recalculate on load, for OOXML (.xlsx) and ODF files alike (0 = always).
PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode"
 oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode"
 oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""
TIMEOUT_SECONDS = 300


def soffice() -> str:
    """The LibreOffice command; the test fails without it."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    assert found, "LibreOffice (soffice) is not installed: run `bash scripts/test-tools`"
    return found


def recalculate(workbooks: Sequence[Path], folder: Path) -> dict[Path, Path]:
    """Recalculate every workbook in one LibreOffice run; returns each one's recalculated copy
    (an .xlsx in `folder`)."""
    names = [path.name for path in workbooks]
    assert len(set(names)) == len(names), f"workbook names must differ: {names}"
    command = soffice()
    profile = folder / "libreoffice-profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(PROFILE_SETTINGS, "utf-8")
    output = folder / "recalculated"
    result = subprocess.run(
        [
            command,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(output),
            *(str(path) for path in workbooks),
        ],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )
    copies = {path: output / path.name for path in workbooks}
    missing = [str(path) for path, copy in copies.items() if not copy.is_file()]
    assert result.returncode == 0 and not missing, (
        f"LibreOffice exited {result.returncode}, did not convert {missing}:\n"
        f"{result.stdout}\n{result.stderr}"
    )
    return copies
