"""The layers hold: the contracts in pyproject.toml, checked by import-linter, and Textual kept out of the core.

import-linter reads the imports in the source (deferred ones included); the
second test imports the core and plain mode for real, so a Textual import
reached only at run time is caught as well.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORE_MODULES = [
    "selfeval_tui.bank",
    "selfeval_tui.domain.judgement",
    "selfeval_tui.conversation",
    "selfeval_tui.store",
    "selfeval_tui.services.open",
    "selfeval_tui.shells.plain.shell",
    "selfeval_tui.shells.cli",
]


@pytest.mark.slow
def test_import_contracts_are_kept() -> None:
    result = subprocess.run(
        [sys.executable, "-c", "from importlinter.cli import lint_imports_command; lint_imports_command()", "--no-cache"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" not in result.stdout.lower().replace("0 broken", ""), result.stdout


def test_core_and_plain_mode_do_not_import_textual() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {CORE_MODULES!r}: importlib.import_module(name)\n"
        "import selfeval_tui.shells.cli as cli\n"
        "cli.build_parser()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
