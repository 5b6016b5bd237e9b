"""``selfeval export actions`` in Markdown, CSV and JSON: every focus item present, overdue in words, text kept inert.

The plan is laid over the sample evaluation (tests/export_support.py): its actions
are made by hand here, since what the exports must show does not depend on how
the store keeps them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import replace
from pathlib import Path

from actions_support import MOMENT, action
from export_support import parse, sample_data, sample_db, shape, tables, texts
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selfeval_tui.bank import Framework
from selfeval_tui.domain.actions import ActionStatus, NoAction, ProgressNote
from selfeval_tui.exports import actions_csv, actions_json, markdown_actions
from selfeval_tui.exports.data import ExportData
from selfeval_tui.exports.words import date_text

__all__ = ["sample_db"]


def _planned(data: ExportData) -> ExportData:
    """Three actions and a reason on the sample's first element with two focus items or more."""
    report = next(r for r in data.elements if r.started and len(r.judgement.focus) >= 2)
    first, second = (state.criterion.id for state in report.judgement.focus[:2])
    eid, evaluation_id = report.element.id, data.evaluation.id
    overdue = action(1, evaluation_id=evaluation_id, element_id=eid, criterion_id=first, due=dt.date(2026, 11, 1))
    done = action(2, evaluation_id=evaluation_id, element_id=eid, criterion_id=first, status=ActionStatus.DONE, what="Train staff")
    whole = action(3, evaluation_id=evaluation_id, element_id=eid, criterion_id=None, due=None, what="Visit a partner LA")
    reason = NoAction(
        evaluation_id=evaluation_id, element_id=eid, criterion_id=second, reason="not a priority this year",
        decided_by="coordinator", decided_at=MOMENT,
    )  # fmt: skip
    note = ProgressNote(action_id=1, note="Draft shared with heads", written_by="deputy", written_at=MOMENT)
    return replace(
        data, actions=(overdue, done, whole), no_actions={(eid, second): reason}, progress_notes={1: (note,)}
    )


def _focus_count(data: ExportData) -> int:
    return sum(len(r.judgement.focus) for r in data.elements if r.started)


def test_markdown_shows_every_focus_item_and_overdue_in_words(sample_db: Path, framework: Framework) -> None:
    data = _planned(sample_data(sample_db, framework))
    text = markdown_actions.render(data)
    rows = [row for table in tables(parse(text)) for row in table[1:]]
    assert len(rows) == _focus_count(data) + 2  # focus item 1 has two actions; the whole-element action adds a row
    statuses = {row[1]: row[5] for row in rows}
    assert statuses["Review the managed moves protocol with the parents' forum"] == "Planned, overdue"
    assert statuses["Train staff"] == "Done" and statuses["Visit a partner LA"] == "Planned"
    assert sum(row[1] == "No action: not a priority this year" for row in rows) == 1
    assert sum(row[1] == markdown_actions.NOT_PLANNED for row in rows) == _focus_count(data) - 2
    assert any(row[0] == markdown_actions.WHOLE_ELEMENT and row[3] == "No date" for row in rows)
    assert f"3 actions: 2 planned, 1 done; 1 overdue on {date_text(data.date)}." in text
    assert "Draft shared with heads" in text


def test_csv_has_a_row_per_action_and_per_unplanned_item(sample_db: Path, framework: Framework) -> None:
    data = _planned(sample_data(sample_db, framework))
    rows = list(csv.DictReader(io.StringIO(actions_csv.render(data))))
    assert list(rows[0]) == list(actions_csv.HEADER)
    assert [r["action_id"] for r in rows[:3]] == ["1", "2", "3"]
    assert rows[0]["overdue"] == "yes" and rows[0]["due"] == "2026-11-01" and rows[1]["status"] == "done"
    gaps = rows[3:]
    assert len(gaps) == _focus_count(data) - 1
    assert [g["status"] for g in gaps].count("no_action") == 1


def test_json_lists_focus_items_and_actions(sample_db: Path, framework: Framework) -> None:
    data = _planned(sample_data(sample_db, framework))
    document = json.loads(actions_json.render(data))
    assert (document["schema"], document["schema_version"]) == ("selfeval-action-plan", 1)
    assert [a["id"] for a in document["actions"]] == [1, 2, 3]
    assert document["actions"][0]["progress"] == [{"date": "2026-11-30", "by": "deputy", "note": "Draft shared with heads"}]
    assert len(document["focus"]) == _focus_count(data)
    assert sum(item["planned"] for item in document["focus"]) == 2


def test_typed_formulas_stay_text_in_the_csv(sample_db: Path, framework: Framework) -> None:
    data = _planned(sample_data(sample_db, framework))
    data = replace(data, actions=(replace(data.actions[0], what="=HYPERLINK(\"x\")", owner="@SUM(A1)"),))
    row = next(csv.DictReader(io.StringIO(actions_csv.render(data))))
    assert row["what"] == "'=HYPERLINK(\"x\")" and row["owner"] == "'@SUM(A1)"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=1).filter(lambda t: t.strip() != ""))
def test_typed_text_never_changes_the_markdown_structure(text: str, sample_db: Path, framework: Framework) -> None:
    base = _planned(sample_data(sample_db, framework))
    marker = "qzmarkerqz"

    def with_text(value: str) -> ExportData:
        first = replace(base.actions[0], what=value, owner=value, status=ActionStatus.DROPPED, status_reason=value)
        return replace(base, actions=(first, *base.actions[1:]))

    typed, plain = parse(markdown_actions.render(with_text(text))), parse(markdown_actions.render(with_text(marker)))
    assert shape(typed) == shape(plain)
    assert len(texts(typed)) == len(texts(plain))
