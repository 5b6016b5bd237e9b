"""An element nobody has started is "Not started" in every export, never a judged Not yet developing."""

from __future__ import annotations

import csv
import datetime
import io
import json

import pytest
from export_support import parse, tables

from selfeval_tui.bank import Framework
from selfeval_tui.exports import (
    csv_export,
    json_export,
    markdown_grid,
    markdown_overview,
    markdown_report,
)
from selfeval_tui.exports.data import ExportData, gather
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.store import Evaluation, Status, Store


@pytest.fixture
def data(store: Store, framework: Framework, evaluation: Evaluation) -> ExportData:
    """1.1 judged Not yet developing (a Developing criterion not met), 1.2 agreed as Developed, the rest untouched."""
    store.save_answer(evaluation.id, "1.1.developing.1", status=Status.NOT_MET, by="coordinator")
    store.save_judgement(evaluation.id, "1.2", 2, "seen at the review", by="coordinator")
    return gather(Services(store).export_view(Actor("coordinator"), framework, evaluation), date=datetime.date(2027, 7, 1))


def test_overview_rows_and_strand_counts(data: ExportData) -> None:
    overview, summary = tables(parse(markdown_overview.render(data)))
    rows = {row[0].split(" ")[0]: row for row in overview[1:] if not row[0].startswith("Strand")}
    assert rows["1.1"][1] == "Not yet developing"
    assert rows["1.2"][1].startswith("Developed")
    assert rows["2.1"][1:] == ["Not started", "–"]
    assert summary[0][-1] == "Not started"
    assert summary[-1] == ["All strands", "1", "0", "1", "0", "0", "19"]


def test_grid_marks_nothing_and_says_not_started(data: ExportData) -> None:
    grid = tables(parse(markdown_grid.render(data)))[0]
    rows = {row[0].split(" ")[0]: row for row in grid[1:]}
    assert rows["2.1"] == ["2.1 Development of teaching and learning policies (not started)", "", "", "", ""]
    assert rows["1.1"] == ["1.1 Engagement of all schools", "", "", "", ""]


def test_report_counts_and_sections(data: ExportData) -> None:
    report = markdown_report.render(data)
    assert "Current ratings of the 21 elements: 1 Developed, 1 Not yet developing (1 provisional); 19 not started." in report
    assert "covering 2 of its 21 elements" in report
    assert "#### 2.1 Development of teaching and learning policies\n\nNot started: nothing is answered yet." in report


def test_json_has_a_started_field_and_no_rating(data: ExportData) -> None:
    elements = {e["id"]: e for e in json.loads(json_export.render(data))["elements"]}
    assert (elements["1.1"]["started"], elements["1.1"]["rating"], elements["1.1"]["level"]) == (True, "Not yet developing", 0)
    untouched = elements["2.1"]
    assert untouched["started"] is False
    assert [untouched[k] for k in ("rating", "level", "computed_level", "computed_rating")] == [None] * 4
    assert untouched["provisional"] is False


def test_csv_says_not_started(data: ExportData) -> None:
    rows = {r["element_id"]: r for r in csv.DictReader(io.StringIO(csv_export.render(data), newline=""))}
    assert (rows["2.1"]["rating"], rows["2.1"]["level"], rows["2.1"]["started"], rows["2.1"]["focus"]) == ("Not started", "", "no", "")
    assert (rows["1.1"]["rating"], rows["1.1"]["level"], rows["1.1"]["started"]) == ("Not yet developing", "0", "yes")
