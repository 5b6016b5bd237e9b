"""Rows read back without pydantic: every column is checked, a misfit names its column, values round-trip."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selfeval_tui.store import Answer, OutcomeTarget, Status, Store
from selfeval_tui.store.rows import build, read_row, read_rows

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


def sqlite_rows(*rows: dict[str, object]) -> list[sqlite3.Row]:
    """The rows as SQLite hands them to the store, columns in the order of the first row's keys."""
    conn = sqlite3.connect(":memory:")
    conn.row_factory = sqlite3.Row
    names = list(rows[0])
    conn.execute(f"CREATE TABLE t ({', '.join(names)})")
    conn.executemany(f"INSERT INTO t VALUES ({', '.join('?' * len(names))})", [[r[n] for n in names] for r in rows])
    return conn.execute(f"SELECT {', '.join(names)} FROM t ORDER BY rowid").fetchall()


def test_rows_read_by_position_are_the_rows_read_by_name() -> None:
    other = GOOD | {"question_id": "1.1.measure", "status": None, "value": '{"a": 2}', "carried_forward": 1}
    assert read_rows(Answer, sqlite_rows(GOOD, other)) == [read_row(Answer, GOOD), read_row(Answer, other)]
    reordered = dict(reversed(GOOD.items()))  # columns not in the model's order: read by name instead
    assert read_rows(Answer, sqlite_rows(reordered)) == [read_row(Answer, GOOD)]
    assert read_rows(Answer, []) == []


@pytest.mark.parametrize(("column", "stored"), [("status", "maybe"), ("version", "two"), ("value", "not json")])
def test_a_column_that_does_not_fit_is_named_when_read_by_position(column: str, stored: object) -> None:
    with pytest.raises(ValueError, match=rf"^{column}: "):
        read_rows(Answer, sqlite_rows(GOOD, GOOD | {column: stored}))


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


def test_values_to_save_are_checked_by_field_and_rule() -> None:
    """``build`` stands where pydantic stood: each misfit is one line naming its field."""
    when = datetime(2026, 11, 22, tzinfo=UTC)
    good = {"evaluation_id": 1, "question_id": "1.1-a", "status": "met", "answered_by": "ann", "answered_at": when}
    answer = build(Answer, good | {"version": 1})
    assert answer.status is Status.MET and answer.note == "" and answer.value is None
    assert build(Answer, good | {"version": 1, "status": None, "value": 87}).value == 87.0  # a whole number is a float
    refusals = [
        ({"version": 0}, "version: should be at least 1"),
        ({"version": 1, "question_id": ""}, "question_id: should have at least 1"),
        ({"version": 1, "note": "x" * 10_001}, "note: should have at most 10000"),
        ({"version": 1, "value": float("nan")}, "value:"),
        ({"version": 1, "value": "seventy"}, "value:"),
        ({"version": 1, "value": {"moves": "30"}}, "value:"),
        ({"version": 1, "status": "done"}, "status:"),
        ({"version": 1, "carried_forward": 1}, "carried_forward:"),
        ({"version": 1, "colour": "red"}, "colour: not a field"),
        ({}, "version: required"),
        ({"version": 1, "status": None}, "an answer needs a status"),
    ]
    for change, complaint in refusals:
        with pytest.raises(ValueError, match=complaint):
            build(Answer, good | change)
    target = {"partnership_id": 1, "outcome_id": "absence", "title": "Absence", "direction": "reduce", "amount": 5}
    assert build(OutcomeTarget, target | {"unit": "percent", "local": False}).amount == 5.0
    with pytest.raises(ValueError, match="direction: 'lower' is not one of reduce, increase"):
        build(OutcomeTarget, target | {"direction": "lower", "unit": "percent", "local": False})


def test_saving_does_not_import_pydantic(tmp_path: Path) -> None:
    """Pydantic and its validators were 11 MiB of a chat session from its first save (docs/performance.md)."""
    code = (
        "import sys\nfrom pathlib import Path\nfrom selfeval_tui.store import Status, Store\n"
        "with Store.open(Path(sys.argv[1])) as store:\n"
        "    pid = store.create_partnership('North', 'Kent').id\n"
        "    evaluation = store.create_evaluation(pid, '2026/27', 'annex-a', 'hash', by='ann')\n"
        "    store.save_answer(evaluation.id, '1.1-a', status=Status.MET, note='minutes', by='ann')\n"
        "print('pydantic' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "s.db")], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
