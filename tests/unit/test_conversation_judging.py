"""A reply re-judges only the element it changed; the turn reuses its snapshot unless someone else has written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from selfeval_tui.bank import Framework
from selfeval_tui.conversation import Session
from selfeval_tui.conversation.judged import Judged
from selfeval_tui.conversation.progress import evaluation_progress
from selfeval_tui.domain.judgement import ElementJudgement, judge, rule
from selfeval_tui.domain.records import Answer, Status
from selfeval_tui.store import Store


@pytest.fixture
def judged_elements(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The element of every judgement the rule works out (every ``judge`` call ends in ``_with_explanation``)."""
    seen: list[str] = []
    explain: Callable[[ElementJudgement, object], ElementJudgement] = rule._with_explanation

    def counted(judgement: ElementJudgement, answers: object) -> ElementJudgement:
        seen.append(judgement.element.id)
        return explain(judgement, answers)

    monkeypatch.setattr(rule, "_with_explanation", counted)
    return seen


def test_a_reply_rejudges_only_the_element_it_answers(new_session, judged_elements: list[str]) -> None:
    session: Session = new_session()
    session.start()
    turn = session.handle("yes")
    evaluation_progress(session.framework, turn.snapshot.answers, turn.snapshot.judgements, session.conversation.mode, turn.snapshot.judged)
    assert turn.question is not None and turn.question.element is not None
    element = turn.question.element.id
    judged_elements.clear()
    turn = session.handle("partly, two heads missed the spring meeting")
    # what the chat shows with the turn: the outline's progress of every element
    evaluation_progress(session.framework, turn.snapshot.answers, turn.snapshot.judgements, session.conversation.mode, turn.snapshot.judged)
    assert judged_elements and set(judged_elements) == {element}


def test_a_reply_that_changes_nothing_judges_nothing(new_session, judged_elements: list[str]) -> None:
    session: Session = new_session()
    session.start()
    session.handle("yes")
    judged_elements.clear()
    session.handle("/skip")
    assert judged_elements == []


def test_the_remembered_judgement_is_the_rule_s(framework: Framework, evaluation, store: Store) -> None:
    judged = Judged()
    element = framework.elements[0]
    answers: dict[str, Answer] = {}
    for question_id, status in (("1.1.developing.1", Status.MET), ("1.1.developing.2", Status.PARTLY), ("1.1.developing.1", Status.NOT_MET)):
        answers[question_id] = store.save_answer(evaluation.id, question_id, status=status, by="ann")
        assert judged(element, answers, None) == judge(element, answers)
        assert judged(element, answers, None) is judged(element, answers, None)


def test_a_change_by_another_session_is_read_on_the_next_reply(new_session, tmp_path: Path, evaluation) -> None:
    session: Session = new_session()
    session.start()
    session.handle("yes")
    with Store.open(tmp_path / "selfeval.sqlite3") as other:
        other.save_answer(evaluation.id, "2.1.developing.1", status=Status.NOT_MET, note="bob's", by="bob")
        other.set_members(evaluation.partnership_id, "secondary", ["Allerton High"])
    turn = session.handle("/summary")
    assert turn.snapshot.answers["2.1.developing.1"].answered_by == "bob"
    assert turn.snapshot.members["secondary"] == ["Allerton High"]
