"""Fixtures for the store's own tests: a store opened as user 'ann', and one bare evaluation.

Imported by name into each tests/unit/test_store_*.py file, so the store is tested
without the question bank or the conversation above it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from selfeval_tui.store import Evaluation, Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "selfeval.sqlite3") as opened:
        yield opened


@pytest.fixture
def evaluation(store: Store) -> Evaluation:
    partnership = store.create_partnership("North Bay")
    return store.create_evaluation(partnership.id, "2026/27", "annex-a", "h", by="coordinator")
