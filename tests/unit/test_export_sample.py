"""The sample evaluation every export test reads shows each case it is meant to (tests/export_support.py)."""

from __future__ import annotations

from pathlib import Path

from export_support import (  # noqa: F401  (fixtures)
    CURRENT_LEVELS,
    LOCAL_OUTCOME,
    LOCAL_TITLE,
    PROVISIONAL,
    build_sample,
    sample_data,
    sample_db,
)

from selfeval_tui.bank import Framework, Level


def test_sample_shows_every_case(sample_db: Path, framework: Framework) -> None:
    data = sample_data(sample_db, framework)
    by_id = {e.element.id: e for e in data.elements}
    assert {e: by_id[e].judgement.computed for e in CURRENT_LEVELS} == {
        e: Level(level) for e, level in CURRENT_LEVELS.items()
    }
    assert by_id["1.2"].judgement.overridden and by_id["1.2"].rating is Level.ESTABLISHED
    assert by_id["1.5"].judgement.agreed is not None and not by_id["1.5"].judgement.overridden
    assert [e.element.id for e in data.elements if e.judgement.provisional] == [PROVISIONAL]
    assert by_id["3.3"].change == "down" and by_id["4.3"].change is None and by_id["1.1"].change == "up"
    assert all(row.answer.carried_forward for row in by_id["4.2"].answers)
    assert not by_id["3.3"].confirmed and by_id["1.1"].confirmed
    assert {row.answer.answered_by for row in by_id["3.1"].answers} == {"deputy"}
    statuses = {row.outcome_id: row.progress.status for row in data.outcomes}
    assert statuses == {
        **{o.id: "no data" for o in framework.outcomes},
        "overall-absence": "on track",
        "persistent-absence": "some progress",
        "permanent-exclusions": "off track",
        "multiple-fixed-term-exclusions": "some progress",
        LOCAL_OUTCOME: "on track",
    }
    local = data.outcomes[-1]
    assert (local.outcome_id, local.title, local.local, local.target_text) == (
        LOCAL_OUTCOME, LOCAL_TITLE, True, "reduce by 6",
    )  # fmt: skip
    assert sum(bool(group.names) for group in data.members) >= 3


def test_sample_is_the_same_every_time(tmp_path: Path, sample_db: Path, framework: Framework) -> None:
    build_sample(tmp_path / "again.db", framework)
    assert sample_data(tmp_path / "again.db", framework) == sample_data(sample_db, framework)
