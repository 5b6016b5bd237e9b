"""Shared fixtures: the bundled bank (loaded once) and a fresh database per test."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from selfeval_tui.core.framework import Framework, bundled_questions_dir, load_framework  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def framework() -> Framework:
    return load_framework()


@pytest.fixture(scope="session")
def bank_dir() -> Path:
    return bundled_questions_dir()
