"""The core never imports Textual: the TUI and plain mode are shells over it."""

from __future__ import annotations

import subprocess
import sys

CORE_MODULES = [
    "selfeval_tui.core.framework",
    "selfeval_tui.core.judgement",
    "selfeval_tui.core.conversation",
    "selfeval_tui.core.store",
    "selfeval_tui.core.workspace",
    "selfeval_tui.plain.shell",
    "selfeval_tui.cli",
]


def test_core_and_plain_mode_do_not_import_textual() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {CORE_MODULES!r}: importlib.import_module(name)\n"
        "import selfeval_tui.cli as cli\n"
        "cli.build_parser()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
