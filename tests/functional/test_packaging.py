"""The bank ships inside the wheel and is found from an install outside the source tree."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.slow


def test_wheel_carries_the_bank_and_checks_it_from_elsewhere(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("selfeval_tui-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "selfeval_tui/questions/framework.toml" in names
    assert "selfeval_tui/questions/README.md" in names

    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    where = subprocess.run(
        [sys.executable, "-c", "import selfeval_tui.bank as f; print(f.bundled_questions_dir())"],
        cwd=tmp_path, env=env, capture_output=True, text=True, check=True,
    ).stdout.strip()
    assert where == str(target / "selfeval_tui" / "questions")
    result = subprocess.run(
        [sys.executable, str(target / "bin" / "selfeval"), "questions", "check"],
        cwd=tmp_path, env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Question bank OK")
