"""``src`` type-checks: mypy, with the settings in pyproject.toml, finds no error.

Run as a test so that CI (which runs only pytest) fails on a type error too.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT

pytestmark = pytest.mark.slow


def test_mypy_finds_no_errors_in_src() -> None:
    result = subprocess.run([sys.executable, "-m", "mypy", "src"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, f"mypy failed:\n{result.stdout}{result.stderr}"
