"""The one read model of an evaluation: last year is the latest earlier year, and each fact has one definition."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from pathlib import Path

import pytest

from selfeval_tui.bank import Framework, Level
from selfeval_tui.conversation import Mode
from selfeval_tui.conversation.progress import evaluation_progress
from selfeval_tui.domain.records import Evaluation, Status
from selfeval_tui.exports.data import gather
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services

ANN = Actor("ann")


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    with Services.open(tmp_path / "view.sqlite3") as opened:
        yield opened


def three_years(services: Services, framework: Framework) -> tuple[Evaluation, Evaluation, Evaluation]:
    """2024/25 rates 1.1 Developed; 2025/26 rates 1.1 and 1.3 and leaves 1.2 alone; 2026/27 is the one viewed."""
    first = services.create(ANN, framework, "North", "2024/25")
    services.save_judgement(ANN, first.id, "1.1", int(Level.DEVELOPED), "set two years ago")
    second = services.create(ANN, framework, "North", "2025/26")
    services.save_judgement(ANN, second.id, "1.1", int(Level.ESTABLISHED), "set last year")
    services.save_judgement(ANN, second.id, "1.3", int(Level.DEVELOPED), "set last year")
    third = services.create(ANN, framework, "North", "2026/27")
    services.save_judgement(ANN, third.id, "1.1", int(Level.ESTABLISHED), "unchanged")
    services.save_judgement(ANN, third.id, "1.3", int(Level.ESTABLISHED), "better")
    services.save_judgement(ANN, third.id, "1.2", int(Level.DEVELOPED), "new this year")
    services.save_answer(ANN, third.id, "2.1.developing.1", status=Status.MET)
    return first, second, third


def test_last_year_is_the_latest_earlier_evaluation(services: Services, framework: Framework) -> None:
    first, second, third = three_years(services, framework)
    view = services.evaluation_view(ANN, framework, third)
    assert view.previous is not None and view.previous.id == second.id  # (second's updated_at moved on since)
    assert view.previous == services.previous_year(ANN, third)
    assert services.previous_year(ANN, first) is None
    assert dict(view.previous_levels) == {"1.1": Level.ESTABLISHED, "1.3": Level.DEVELOPED}


def test_change_since_last_year_is_up_same_or_none(services: Services, framework: Framework) -> None:
    *_, third = three_years(services, framework)
    view = services.evaluation_view(ANN, framework, third)
    element = {e.id: e for e in framework.elements}
    assert view.change(element["1.1"]) == "same"
    assert view.change(element["1.3"]) == "up"
    assert view.change(element["1.2"]) is None  # not rated last year
    assert view.change(element["1.4"]) is None  # not started either year


def test_started_and_answers_saved_agree_with_the_chat_and_the_start_screen(
    services: Services, framework: Framework
) -> None:
    *_, third = three_years(services, framework)
    view = services.evaluation_view(ANN, framework, third)
    progress = evaluation_progress(framework, view.answers, view.judgements, Mode.ADAPTIVE)
    assert {e.id for e in framework.elements if view.started(e)} == {i for i, p in progress.items() if p.started}
    assert {e.id for e in framework.elements if view.started(e)} == {"1.1", "1.2", "1.3", "2.1"}
    assert view.answer_count == services.answer_counts(ANN, framework)[third.id]
    assert view.answer_count.confirmed == 1


def test_the_export_is_the_view_judged_once(services: Services, framework: Framework) -> None:
    *_, third = three_years(services, framework)
    view = services.export_view(ANN, framework, third)
    data = gather(view, date=datetime.date(2027, 7, 1))
    assert data.previous == view.previous and data.partnership == view.partnership
    assert {e.element.id: e.change for e in data.elements} == {e.id: view.change(e) for e in framework.elements}
    assert [row.outcome_id for row in data.outcomes] == [row.outcome_id for row in view.outcomes]
