"""Golden files: every kind exported from the sample evaluation, byte for byte.

The files in tests/golden/ were read by eye (as GitHub shows them) when they were
made; a change to any export shows up here as a diff to review. To accept a
deliberate change, regenerate them and read the diff:

    SELFEVAL_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/unit/test_export_golden.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from export_support import EXPORT_DATE, PARTNERSHIP, YEAR, sample_db

from selfeval_tui.bank import Framework
from selfeval_tui.exports import default_filename, export_text
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.store import Store

__all__ = ["sample_db"]

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
UPDATE = os.environ.get("SELFEVAL_UPDATE_GOLDEN") == "1"
CASES = [("overview", "md"), ("grid", "md"), ("report", "md"), ("json", "json"), ("csv", "csv"), ("report", "html")]


@pytest.mark.parametrize(("kind", "fmt"), CASES)
def test_export_matches_its_golden_file(sample_db: Path, framework: Framework, kind: str, fmt: str) -> None:
    with Store.open(sample_db) as store:
        partnership = store.partnership_by_name(PARTNERSHIP)
        assert partnership is not None
        evaluation = store.evaluation(partnership.id, YEAR)
        assert evaluation is not None
        data = export_text(Services(store), Actor("reader"), framework, evaluation, kind, fmt, EXPORT_DATE).encode()
        golden = GOLDEN / default_filename(evaluation, partnership, kind, fmt)
    if UPDATE:
        golden.write_bytes(data)
    assert golden.exists(), f"no golden file {golden.name}; make it with SELFEVAL_UPDATE_GOLDEN=1"
    assert data == golden.read_bytes(), f"{golden.name} differs; if intended, regenerate with SELFEVAL_UPDATE_GOLDEN=1"
