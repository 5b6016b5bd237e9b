"""Rows read back without pydantic: every column is checked, a misfit names its column, values round-trip."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selfeval_tui.store import Answer, OutcomeTarget, Status, Store
from selfeval_tui.store.rows import read_row

GOOD = {
    "evaluation_id": 1,
    "question_id": "1.1.developing.1",
    "status": "met",
    "value": None,
    "note": "minutes of every meeting",
    "answered_by": "coordinator",
    "answered_at": "2026-11-22T12:00:00.000000+00:00",
    "version": 2,
    "carried_forward": 0,
}


def test_a_good_row_reads_as_typed_values() -> None:
    answer = read_row(Answer, GOOD)
    assert answer.status is Status.MET
    assert answer.answered_at == datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
    assert answer.carried_forward is False
    assert answer.version == 2


@pytest.mark.parametrize(
    ("column", "stored"),
    [
        ("status", "maybe"),
        ("answered_at", "yesterday"),
        ("answered_at", 1700000000),
        ("version", "two"),
        ("version", 2.5),
        ("carried_forward", 2),
        ("note", 42),
        ("value", '{"moves": "lots"}'),
        ("value", "[1, 2]"),
        ("value", "NaN"),
        ("value", "true"),
        ("value", "not json"),
    ],
)
def test_a_column_that_does_not_fit_is_named(column: str, stored: object) -> None:
    with pytest.raises(ValueError, match=rf"^{column}: "):
        read_row(Answer, GOOD | {column: stored})


def test_rules_across_columns_still_hold() -> None:
    with pytest.raises(ValueError, match="needs a status, or a value"):
        read_row(Answer, GOOD | {"status": None, "value": None})


def test_a_literal_choice_outside_its_list_is_named() -> None:
    row = {
        "partnership_id": 1, "outcome_id": "pa", "title": "Persistent absence", "direction": "sideways",
        "amount": 2.0, "unit": "percent", "local": 0, "value_unit": "percent",
    }  # fmt: skip
    with pytest.raises(ValueError, match="^direction: 'sideways' is not one of reduce, increase"):
        read_row(OutcomeTarget, row)
    assert read_row(OutcomeTarget, row | {"direction": "reduce"}).local is False


values = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False),
    st.lists(st.text(max_size=20), max_size=5),
    st.dictionaries(st.text(max_size=10), st.integers(min_value=-(2**53), max_value=2**53), max_size=4),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=values)
def test_every_answer_value_reads_back_as_saved(tmp_path: Path, value: object) -> None:
    with Store.open(tmp_path / "rows.sqlite3") as store:
        partnership = store.partnership_by_name("Rows") or store.create_partnership("Rows")
        evaluation = store.evaluation(partnership.id, "2026/27") or store.create_evaluation(
            partnership.id, "2026/27", "f", "h", by="coordinator"
        )
        saved = store.save_answer(evaluation.id, "1.4.percent", status=None, value=value, by="coordinator")
        assert store.answer(evaluation.id, "1.4.percent") == saved
        assert saved.value == value


json_values = st.recursive(
    st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
    max_leaves=6,
)


@given(text=st.text(max_size=40) | st.builds(json.dumps, json_values))
def test_any_stored_value_text_reads_or_is_named_never_crashes(text: str) -> None:
    try:
        answer = read_row(Answer, GOOD | {"value": text})
    except ValueError as exc:
        assert str(exc).startswith("value: ")
    else:
        assert isinstance(answer.value, float | list | dict)
